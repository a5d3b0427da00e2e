// Dates and times always read in the place's zone, whatever the server's TZ.
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import {
  formatAppointmentDate,
  formatClock,
  formatDay,
  formatDayTime,
  formatShortDateTime,
  formatTime,
  isLocalDate,
  localDateOf,
  startOfLocalDay,
} from '~/domain/time/format'

const PARIS = 'Europe/Paris'
const at = (iso: string) => new Date(iso)
const PLAIN = { spaces: 'plain' } as const
const NB = '\u00a0'

describe('formatAppointmentDate', () => {
  test.each([
    [
      '2026-03-03T13:30:00Z',
      PARIS,
      'mardi 3 mars 2026 à 14 h 30',
      'Tuesday 3 March 2026 at 2:30 pm',
    ],
    ['2026-03-03T08:00:00Z', PARIS, 'mardi 3 mars 2026 à 9 h', 'Tuesday 3 March 2026 at 9 am'],
    [
      '2026-03-03T11:05:00Z',
      PARIS,
      'mardi 3 mars 2026 à 12 h 05',
      'Tuesday 3 March 2026 at 12:05 pm',
    ],
    [
      '2026-06-01T07:45:00Z',
      PARIS,
      'lundi 1er juin 2026 à 9 h 45',
      'Monday 1 June 2026 at 9:45 am',
    ],
    // Overseas: the site's own zone.
    [
      '2026-03-03T17:30:00Z',
      'America/Cayenne',
      'mardi 3 mars 2026 à 14 h 30',
      'Tuesday 3 March 2026 at 2:30 pm',
    ],
    [
      '2026-03-03T10:30:00Z',
      'Indian/Reunion',
      'mardi 3 mars 2026 à 14 h 30',
      'Tuesday 3 March 2026 at 2:30 pm',
    ],
    [
      '2026-03-03T18:30:00Z',
      'America/Guadeloupe',
      'mardi 3 mars 2026 à 14 h 30',
      'Tuesday 3 March 2026 at 2:30 pm',
    ],
    [
      '2026-03-03T11:30:00Z',
      'Indian/Mayotte',
      'mardi 3 mars 2026 à 14 h 30',
      'Tuesday 3 March 2026 at 2:30 pm',
    ],
    // A UTC instant on one day can be the next or previous day locally.
    [
      '2026-03-03T22:30:00Z',
      'Indian/Reunion',
      'mercredi 4 mars 2026 à 2 h 30',
      'Wednesday 4 March 2026 at 2:30 am',
    ],
    [
      '2026-03-04T01:30:00Z',
      'America/Cayenne',
      'mardi 3 mars 2026 à 22 h 30',
      'Tuesday 3 March 2026 at 10:30 pm',
    ],
  ])('%s in %s', (iso, zone, fr, en) => {
    expect(formatAppointmentDate(at(iso), zone, 'fr', PLAIN)).toBe(fr)
    expect(formatAppointmentDate(at(iso), zone, 'en', PLAIN)).toBe(en)
  })

  test.each([
    // Spring forward on 2026-03-29 at 02:00 → 03:00.
    ['2026-03-29T00:30:00Z', 'dimanche 29 mars 2026 à 1 h 30'],
    ['2026-03-29T01:00:00Z', 'dimanche 29 mars 2026 à 3 h'],
    ['2026-03-29T12:30:00Z', 'dimanche 29 mars 2026 à 14 h 30'],
    ['2026-03-30T12:30:00Z', 'lundi 30 mars 2026 à 14 h 30'],
    // Fall back on 2026-10-25 at 03:00 → 02:00: 02:30 happens twice.
    ['2026-10-25T00:30:00Z', 'dimanche 25 octobre 2026 à 2 h 30'],
    ['2026-10-25T01:30:00Z', 'dimanche 25 octobre 2026 à 2 h 30'],
    ['2026-10-25T13:30:00Z', 'dimanche 25 octobre 2026 à 14 h 30'],
    ['2026-10-24T12:30:00Z', 'samedi 24 octobre 2026 à 14 h 30'],
  ])('daylight-saving day in Paris: %s', (iso, fr) => {
    expect(formatAppointmentDate(at(iso), PARIS, 'fr', PLAIN)).toBe(fr)
  })

  test('an unknown zone is an error, never the server zone', () => {
    expect(() => formatAppointmentDate(at('2026-03-03T13:30:00Z'), 'Mars/Olympus', 'fr')).toThrow(
      RangeError,
    )
  })
})

describe('formatDay and formatTime', () => {
  test('the parts of the long form', () => {
    const instant = at('2026-03-03T13:30:00Z')
    expect(formatDay(instant, PARIS, 'fr')).toBe('mardi 3 mars')
    expect(formatDay(instant, PARIS, 'en')).toBe('Tuesday 3 March')
    expect(formatTime(instant, PARIS, 'fr', PLAIN)).toBe('14 h 30')
    expect(formatTime(instant, PARIS, 'en', PLAIN)).toBe('2:30 pm')
  })

  test.each([
    ['2026-03-03T23:15:00Z', '0 h 15', '12:15 am'],
    ['2026-03-03T11:00:00Z', '12 h', '12 pm'],
    ['2026-03-03T16:59:00Z', '17 h 59', '5:59 pm'],
  ])('%s reads %j / %j', (iso, fr, en) => {
    expect(formatTime(at(iso), PARIS, 'fr', PLAIN)).toBe(fr)
    expect(formatTime(at(iso), PARIS, 'en', PLAIN)).toBe(en)
  })
})

describe('formatDay names every day as luxon does', () => {
  // Around midnight in three zones, so that the local date, not UTC's, is named.
  test.each(['Europe/Paris', 'Indian/Reunion', 'America/Cayenne'])('%s, 2026-2027', (zone) => {
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2028, 0, 1); day += 86_400_000) {
      for (const instant of [new Date(day + 30 * 60_000), new Date(day + 23.5 * 3_600_000)]) {
        for (const [language, locale] of [
          ['fr', 'fr-FR'],
          ['en', 'en-GB'],
        ] as const) {
          const time = DateTime.fromJSDate(instant, { zone }).setLocale(locale)
          const dayOfMonth = language === 'fr' && time.day === 1 ? '1er' : String(time.day)
          expect(formatDay(instant, zone, language)).toBe(
            `${time.toFormat('cccc')} ${dayOfMonth} ${time.toFormat('LLLL')}`,
          )
        }
      }
    }
  })
})

describe('times never wrap: non-breaking spaces, except in SMS', () => {
  test.each([
    ['2026-03-03T13:30:00Z', `14${NB}h${NB}30`, `2:30${NB}pm`],
    ['2026-03-03T08:45:00Z', `9${NB}h${NB}45`, `9:45${NB}am`],
    ['2026-03-03T09:00:00Z', `10${NB}h`, `10${NB}am`],
  ])('%s reads %j / %j in pages and emails', (iso, fr, en) => {
    expect(formatTime(at(iso), PARIS, 'fr')).toBe(fr)
    expect(formatTime(at(iso), PARIS, 'en')).toBe(en)
  })

  test('the long forms keep ordinary spaces between words and none breaks inside the time', () => {
    const instant = at('2026-12-02T09:30:00Z')
    expect(formatAppointmentDate(instant, PARIS, 'fr')).toBe(
      `mercredi 2 décembre 2026 à 10${NB}h${NB}30`,
    )
    expect(formatDayTime(instant, PARIS, 'en')).toBe(`Wednesday 2 December at 10:30${NB}am`)
    expect(formatShortDateTime(instant, PARIS, 'fr')).toBe(`mer. 2 déc. à 10${NB}h${NB}30`)
  })

  test('the plain option (SMS) has no non-breaking space anywhere', () => {
    const instant = at('2026-12-02T09:30:00Z')
    for (const language of ['fr', 'en'] as const) {
      for (const text of [
        formatTime(instant, PARIS, language, PLAIN),
        formatDayTime(instant, PARIS, language, PLAIN),
        formatShortDateTime(instant, PARIS, language, PLAIN),
        formatAppointmentDate(instant, PARIS, language, PLAIN),
      ]) {
        expect(text).not.toContain(NB)
      }
    }
  })

  test('formatClock writes the end of a day the same way', () => {
    expect(formatClock(24, 0, 'fr')).toBe(`24${NB}h`)
    expect(formatClock(9, 5, 'fr', PLAIN)).toBe('9 h 05')
    expect(formatClock(24, 0, 'en', PLAIN)).toBe('12 am')
  })
})

describe('dates in messages: as people say them', () => {
  test.each([
    [
      '2026-12-02T09:30:00Z',
      'mercredi 2 décembre à 10 h 30',
      'mer. 2 déc. à 10 h 30',
      'Wed 2 Dec at 10:30 am',
    ],
    [
      '2026-03-03T13:30:00Z',
      'mardi 3 mars à 14 h 30',
      'mar. 3 mars à 14 h 30',
      'Tue 3 Mar at 2:30 pm',
    ],
    [
      '2026-03-01T08:05:00Z',
      'dimanche 1er mars à 9 h 05',
      'dim. 1er mars à 9 h 05',
      'Sun 1 Mar at 9:05 am',
    ],
    [
      '2026-09-30T20:45:00Z',
      'mercredi 30 septembre à 22 h 45',
      'mer. 30 sept. à 22 h 45',
      'Wed 30 Sept at 10:45 pm',
    ],
  ])('%s', (iso, long, short, en) => {
    expect(formatDayTime(at(iso), PARIS, 'fr', PLAIN)).toBe(long)
    expect(formatShortDateTime(at(iso), PARIS, 'fr', PLAIN)).toBe(short)
    expect(formatShortDateTime(at(iso), PARIS, 'en', PLAIN)).toBe(en)
  })
})

describe('local days', () => {
  test.each([
    ['2026-03-28T23:30:00Z', PARIS, '2026-03-29'],
    ['2026-03-29T21:59:00Z', PARIS, '2026-03-29'],
    ['2026-03-29T22:00:00Z', PARIS, '2026-03-30'],
    ['2026-10-25T22:59:00Z', PARIS, '2026-10-25'],
    ['2026-10-25T23:00:00Z', PARIS, '2026-10-26'],
    ['2026-03-30T02:59:00Z', 'America/Cayenne', '2026-03-29'],
    ['2026-03-29T20:00:00Z', 'Indian/Reunion', '2026-03-30'],
  ])('localDateOf(%s, %s) is %s', (iso, zone, date) => {
    expect(localDateOf(at(iso), zone)).toBe(date)
  })

  test.each([
    ['2026-03-28', PARIS, '2026-03-27T23:00:00.000Z'],
    ['2026-03-29', PARIS, '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', PARIS, '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', PARIS, '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', PARIS, '2026-10-25T23:00:00.000Z'],
    ['2026-03-29', 'America/Cayenne', '2026-03-29T03:00:00.000Z'],
    ['2026-03-29', 'Indian/Reunion', '2026-03-28T20:00:00.000Z'],
    ['2026-03-29', 'America/Martinique', '2026-03-29T04:00:00.000Z'],
  ])('startOfLocalDay(%s, %s) is %s', (date, zone, iso) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(iso)
  })

  test('a local day lasts 23 h and 25 h on clock-change days', () => {
    const hours = (from: string, to: string) =>
      (startOfLocalDay(to, PARIS).getTime() - startOfLocalDay(from, PARIS).getTime()) / 3_600_000
    expect(hours('2026-03-29', '2026-03-30')).toBe(23)
    expect(hours('2026-10-25', '2026-10-26')).toBe(25)
    expect(hours('2026-06-01', '2026-06-02')).toBe(24)
  })

  test.each([
    ['2026-02-30', PARIS],
    ['2026-3-1', PARIS],
    ['2026-03-29T10:00', PARIS],
    ['demain', PARIS],
    ['2026-03-29', 'Mars/Olympus'],
  ])('startOfLocalDay(%j, %j) refuses', (date, zone) => {
    expect(() => startOfLocalDay(date, zone)).toThrow(RangeError)
  })
})

describe('isLocalDate: what a period filter accepts', () => {
  test.each([
    ['2026-03-29', true],
    ['2026-02-29', false],
    ['2026-3-29', false],
    ['1999-12-31', false],
    ['2200-01-01', false],
    ['29/03/2026', false],
  ])('%j in Paris: %j', (value, expected) => {
    expect(isLocalDate(value, 'Europe/Paris')).toBe(expected)
  })
  test('a zone that does not exist makes no date', () => {
    expect(isLocalDate('2026-03-29', 'Mars/Olympus')).toBe(false)
  })
})
