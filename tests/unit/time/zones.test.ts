// A zone that remembers its offsets must give the offsets Intl gives, clock changes included.
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, test } from 'vitest'
import { timeZone } from '~/domain/time/zones'
import { formatTime, localDateOf } from '~/domain/time/format'

const MINUTE_MS = 60_000

// Zones whose clocks change at different hours and by different amounts: Paris at 01:00
// UTC, Santiago at local midnight, Lord Howe by half an hour, Tehran without any change.
const ZONES = [
  'Europe/Paris',
  'America/Santiago',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Tehran',
  'Pacific/Noumea',
  'America/Cayenne',
]

describe('timeZone', () => {
  test.each(ZONES)('%s: every hour of two years, the offset Intl gives', (name) => {
    const remembering = timeZone(name)
    const reference = IANAZone.create(name)
    const from = Date.UTC(2026, 0, 1)
    const to = Date.UTC(2028, 0, 1)
    const wrong: string[] = []
    // Twice over: the second pass reads what the first remembered.
    for (let pass = 0; pass < 2; pass++) {
      for (let ts = from; ts < to; ts += 60 * MINUTE_MS) {
        if (remembering.offset(ts) !== reference.offset(ts)) wrong.push(new Date(ts).toISOString())
      }
    }
    expect(wrong).toEqual([])
  })

  test('minute by minute across the Paris clock changes of 2026', () => {
    const remembering = timeZone('Europe/Paris')
    const reference = IANAZone.create('Europe/Paris')
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let ts = change - 90 * MINUTE_MS; ts <= change + 90 * MINUTE_MS; ts += MINUTE_MS)
        expect(remembering.offset(ts)).toBe(reference.offset(ts))
    }
  })

  test('one instance per name, an unknown name stays invalid', () => {
    expect(timeZone('Europe/Paris')).toBe(timeZone('Europe/Paris'))
    expect(timeZone('Europe/Paris').equals(IANAZone.create('Europe/Paris'))).toBe(true)
    expect(timeZone('Mars/Olympus_Mons').isValid).toBe(false)
    expect(() => localDateOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError)
  })

  test('formatting through it: the hour before and after the spring change in Paris', () => {
    expect(formatTime(new Date('2026-03-29T00:30:00Z'), 'Europe/Paris', 'fr')).toBe(
      '1\u00a0h\u00a030',
    )
    expect(formatTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Paris', 'fr')).toBe(
      '3\u00a0h\u00a030',
    )
  })

  test.each(ZONES)(
    "%s: the time and the date printed from the offset are luxon's, every quarter hour of two years",
    (name) => {
      const wrong: string[] = []
      for (let ts = Date.UTC(2026, 0, 1); ts < Date.UTC(2028, 0, 1); ts += 15 * MINUTE_MS) {
        const instant = new Date(ts)
        const reference = DateTime.fromJSDate(instant, { zone: name })
        const time = formatTime(instant, name, 'fr', { spaces: 'plain' })
        const expected =
          reference.minute === 0
            ? `${reference.hour} h`
            : `${reference.hour} h ${String(reference.minute).padStart(2, '0')}`
        if (time !== expected || localDateOf(instant, name) !== reference.toISODate())
          wrong.push(instant.toISOString())
      }
      expect(wrong).toEqual([])
    },
  )

  test("an invalid instant is refused, a far year keeps luxon's ISO form", () => {
    expect(() => formatTime(new Date(NaN), 'Europe/Paris', 'fr')).toThrow(RangeError)
    expect(localDateOf(new Date(Date.UTC(12026, 0, 1, 12)), 'Europe/Paris')).toBe('+012026-01-01')
  })
})
