import { describe, expect, test } from 'vitest'
import { canChangeOnline, managePageParts, manageState } from '~/domain/booking/manage'
import {
  hashManageToken,
  idempotencyKeyHash,
  isBookingNonce,
  isWellFormedToken,
  manageTokenFor,
  newBookingNonce,
  tokenMatches,
} from '~/domain/booking/manage-token.server'

const start = new Date('2031-03-04T08:00:00Z')
const appointment = (status = 'BOOKED') => ({
  status,
  startsAt: start,
  endsAt: new Date(start.getTime() + 30 * 60_000),
  cancellationDeadlineMinutes: 120,
})
const minutesBefore = (minutes: number) => new Date(start.getTime() - minutes * 60_000)

describe('what the manage link still allows', () => {
  test('an upcoming appointment can be changed until the topic’s deadline, not after', () => {
    expect(canChangeOnline(appointment(), minutesBefore(121))).toBe(true)
    expect(canChangeOnline(appointment(), minutesBefore(120))).toBe(false)
    expect(canChangeOnline(appointment(), minutesBefore(5))).toBe(false)
  })

  test('the link is useless once the appointment is over, cancelled or done', () => {
    expect(manageState(appointment(), new Date(start.getTime() + 31 * 60_000))).toBe('PAST')
    expect(manageState(appointment('EXCUSED'), minutesBefore(600))).toBe('CANCELLED')
    expect(manageState(appointment('CANCELLED'), minutesBefore(600))).toBe('CANCELLED')
    expect(manageState(appointment('HONOURED'), minutesBefore(600))).toBe('DONE')
    expect(canChangeOnline(appointment('EXCUSED'), minutesBefore(600))).toBe(false)
  })
})

describe('manage tokens', () => {
  test('are 24 URL-safe characters (144 bits), one per appointment, stored only as a SHA-256 hash', () => {
    const tokens = Array.from({ length: 200 }, (_, index) =>
      manageTokenFor(`cm4appointment${String(index).padStart(10, '0')}`, 'secret-a'),
    )
    expect(new Set(tokens.map((entry) => entry.token)).size).toBe(200)
    for (const { token, hash } of tokens) {
      expect(isWellFormedToken(token)).toBe(true)
      expect(hash).toMatch(/^[0-9a-f]{64}$/)
      expect(hash).toBe(hashManageToken(token))
      expect(tokenMatches(token, hash)).toBe(true)
    }
    expect(tokenMatches(tokens[0]!.token, tokens[1]!.hash)).toBe(false)
  })

  test('an appointment always has the same token, other appointments or secrets others', () => {
    const id = 'cm4appointment0000000001'
    expect(manageTokenFor(id, 'secret-a')).toEqual(manageTokenFor(id, 'secret-a'))
    expect(manageTokenFor(id, 'secret-a').token).not.toBe(manageTokenFor(id, 'secret-b').token)
    expect(manageTokenFor(id, 'secret-a').token).not.toBe(
      manageTokenFor(`${id.slice(0, -1)}2`, 'secret-a').token,
    )
    expect(isWellFormedToken(manageTokenFor(id, 'secret-a').token)).toBe(true)
  })

  test('anything that is not a token is refused before any lookup', () => {
    for (const value of [
      '',
      'short',
      '../../etc/passwd',
      'x'.repeat(25),
      'abc def ghi jkl mno pqrs',
    ]) {
      expect(isWellFormedToken(value)).toBe(false)
    }
  })
})

describe('what the manage page tells in each state', () => {
  test('an appointment to come: how to get ready and how to change it, not to book again', () => {
    expect(managePageParts('UPCOMING')).toEqual({
      preparation: true,
      changes: true,
      bookAgain: false,
    })
  })

  test.each(['CANCELLED', 'PAST', 'DONE'] as const)(
    '%s: nothing to prepare or change any more, only to book again',
    (state) => {
      expect(managePageParts(state)).toEqual({
        preparation: false,
        changes: false,
        bookAgain: true,
      })
    },
  )
})

describe('booking nonces and what recognises a booking sent again', () => {
  test('a nonce is random, and only its hash with what it is bound to is kept', () => {
    const nonces = Array.from({ length: 200 }, () => newBookingNonce())
    expect(new Set(nonces).size).toBe(200)
    for (const nonce of nonces) expect(isBookingNonce(nonce)).toBe(true)
    const [nonce] = nonces as [string]
    const hash = idempotencyKeyHash(nonce, 'journey-1', '2031-03-04T08:00:00.000Z')
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).not.toContain(nonce)
    expect(idempotencyKeyHash(nonce, 'journey-1', '2031-03-04T08:00:00.000Z')).toBe(hash)
  })

  test('the same nonce bound to another journey, time or session is another booking', () => {
    const nonce = newBookingNonce()
    const hash = idempotencyKeyHash(nonce, 'journey-1', '2031-03-04T08:00:00.000Z')
    expect(idempotencyKeyHash(nonce, 'journey-2', '2031-03-04T08:00:00.000Z')).not.toBe(hash)
    expect(idempotencyKeyHash(nonce, 'journey-1', '2031-03-04T08:30:00.000Z')).not.toBe(hash)
    expect(idempotencyKeyHash(newBookingNonce(), 'journey-1', '2031-03-04T08:00:00.000Z')).not.toBe(
      hash,
    )
    expect(idempotencyKeyHash(nonce, 'desk', 'session-a')).not.toBe(
      idempotencyKeyHash(nonce, 'desk', 'session-b'),
    )
  })

  test('anything that is not a nonce is refused', () => {
    for (const value of [
      undefined,
      null,
      '',
      '../../etc',
      'a'.repeat(23),
      'a'.repeat(25),
      'é'.repeat(24),
    ])
      expect(isBookingNonce(value)).toBe(false)
  })
})
