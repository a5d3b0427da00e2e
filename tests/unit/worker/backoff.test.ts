import { describe, expect, test } from 'vitest'
import { backoffMs, retryDelayMs } from '~/features/notifications/backoff'

const options = { baseMs: 1_000, capMs: 60_000 }

describe('retry backoff', () => {
  test('doubles with each attempt, with half of it random (equal jitter)', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0, options))).toEqual([
      500, 1_000, 2_000, 4_000,
    ])
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.999999, options))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ])
  })

  test('never exceeds the cap, even after many attempts', () => {
    for (const attempts of [7, 20, 1_000]) {
      const wait = backoffMs(attempts, () => 1, options)
      expect(wait).toBeLessThanOrEqual(60_000)
      expect(wait).toBeGreaterThanOrEqual(30_000)
    }
  })

  test('spreads rows that failed together', () => {
    let seed = 1
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647
    const waits = new Set(Array.from({ length: 100 }, () => backoffMs(3, random, options)))
    expect(waits.size).toBeGreaterThan(90)
  })

  test("a provider's Retry-After wins when longer", () => {
    expect(retryDelayMs(1, 10_000, () => 0, options)).toBe(10_000)
    expect(retryDelayMs(1, 100, () => 0, options)).toBe(500)
    expect(retryDelayMs(1, null, () => 0, options)).toBe(500)
  })
})
