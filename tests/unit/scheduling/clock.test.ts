import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { dayClock, dayStart, localDay } from '~/domain/scheduling/zone'

const DAY = 86_400_000
const ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
]
const CHANGE_DAYS = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY

/**
 * The first instant whose wall clock reads `minutes` after midnight of `date`, or null,
 * found with luxon only: it moves a skipped time forward and takes the later of two
 * repeated times, so the answer is checked by formatting back, and one hour earlier.
 */
function luxonFirstInstant(zone: string, date: string, minutes: number): number | null {
  const [year, month, day] = date.split('-').map(Number)
  const wall = { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }
  const guess = DateTime.fromObject(wall, { zone })
  const wanted = DateTime.fromObject(wall, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm')
  const readsWanted = (ms: number) =>
    DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm') === wanted
  const candidates = [guess.toMillis() - 3_600_000, guess.toMillis()].filter(readsWanted)
  return candidates.length > 0 ? candidates[0] : null
}

function expectSameAsLuxon(zone: string, date: string, minutes: number) {
  const clock = dayClock(zone, dayNumber(date))
  const engine = clock.toInstant(clock.midnight + minutes * 60_000)
  expect([zone, date, minutes, engine]).toEqual([
    zone,
    date,
    minutes,
    luxonFirstInstant(zone, date, minutes),
  ])
}

describe('DayClock agrees with luxon', () => {
  test.each(CHANGE_DAYS)('every 5 minutes of %s in Europe/Paris', (date) => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 5)
      expectSameAsLuxon('Europe/Paris', date, minutes)
  })

  test('skipped and repeated times on change days', () => {
    const paris = (date: string) => dayClock('Europe/Paris', dayNumber(date))
    const wall = (date: string, hh: number, mm = 0) =>
      paris(date).midnight + (hh * 60 + mm) * 60_000
    expect(paris('2026-03-29').toInstant(wall('2026-03-29', 2, 30))).toBeNull()
    expect(paris('2026-10-25').toInstant(wall('2026-10-25', 2, 30))).toBe(
      Date.parse('2026-10-25T00:30:00Z'),
    )
    expect(paris('2026-10-25').toWall(Date.parse('2026-10-25T01:30:00Z'))).toBe(
      wall('2026-10-25', 2, 30),
    )
  })

  test('random wall times and instants of 2026-2027 in every zone', { timeout: 30_000 }, () => {
    const first = dayNumber('2026-01-01')
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 729 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (zone, offset, minutes) => {
          const date = new Date((first + offset) * DAY).toISOString().slice(0, 10)
          expectSameAsLuxon(zone, date, minutes)
          const instant = (first + offset) * DAY + minutes * 60_000
          const local = DateTime.fromMillis(instant, { zone })
          const clock = dayClock(zone, first + offset)
          expect(clock.toWall(instant)).toBe(
            Date.parse(`${local.toFormat("yyyy-MM-dd'T'HH:mm")}:00Z`),
          )
          expect(localDay(instant, zone)).toBe(dayNumber(local.toISODate()!))
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('dayStart: the first instant of a local day', () => {
  // Santiago and Havana change their clocks at midnight: those days begin at 01:00.
  const MIDNIGHT_CHANGES = [
    { zone: 'America/Santiago', date: '2026-09-06', begins: '2026-09-06T01:00:00.000-03:00' },
    { zone: 'America/Havana', date: '2026-03-08', begins: '2026-03-08T01:00:00.000-04:00' },
  ]

  test.each(MIDNIGHT_CHANGES)(
    '$zone on $date, where midnight is skipped',
    ({ zone, date, begins }) => {
      const start = dayStart(dayNumber(date), zone)
      expect(start).toBe(Date.parse(begins))
      expect(start).toBe(DateTime.fromISO(date, { zone }).startOf('day').toMillis())
    },
  )

  test('Havana on 2026-11-01, where midnight comes twice: the first one', () => {
    expect(dayStart(dayNumber('2026-11-01'), 'America/Havana')).toBe(
      Date.parse('2026-11-01T00:00:00.000-04:00'),
    )
  })

  // luxon's startOf('day') takes the second of two midnights; the day began an hour before.
  const firstMidnight = (zone: string, date: string) => {
    const start = DateTime.fromISO(date, { zone }).startOf('day').toMillis()
    const hourBefore = DateTime.fromMillis(start - 3_600_000, { zone })
    return hourBefore.toISODate() === date ? start - 3_600_000 : start
  }

  test('every day of 2026-2027 in every zone', () => {
    for (const zone of [...ZONES, ...MIDNIGHT_CHANGES.map(({ zone }) => zone)]) {
      for (let day = dayNumber('2026-01-01'); day < dayNumber('2028-01-01'); day += 1) {
        const date = new Date(day * DAY).toISOString().slice(0, 10)
        expect(dayStart(day, zone), `${zone} ${date}`).toBe(firstMidnight(zone, date))
      }
    }
  })
})
