import OpeningHours from 'opening_hours'
import { describe, expect, test } from 'vitest'
import {
  isoWeekOf,
  mergeRanges,
  openingHoursOf,
  type HoursRule,
} from '~/domain/open-data/opening-hours'
import { parseLocalDate } from '~/domain/scheduling/calendar'

// Each generated string is read back by the maintained parser (opening_hours on npm) and
// must give, week by week, the hours the rules hold.

const rule = (overrides: Partial<HoursRule> = {}): HoursRule => ({
  weekdays: [1],
  startTime: '09:00',
  endTime: '12:00',
  everyNWeeks: 1,
  validFrom: '2026-01-05',
  ...overrides,
})

const pad = (value: number) => String(value).padStart(2, '0')
const local = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`

/** What the parser says is open in the week starting on a Monday, as local "date time-time". */
function parsedWeek(value: string, monday: string): string[] {
  const [year, month, day] = monday.split('-').map(Number) as [number, number, number]
  const hours = new OpeningHours(value, {
    lat: 47.59,
    lon: 1.33,
    address: { country_code: 'fr', state: 'Centre-Val de Loire' },
  })
  return hours
    .getOpenIntervals(new Date(year, month - 1, day), new Date(year, month - 1, day + 7))
    .map(([from, to]) => `${local(from)}-${local(to).slice(11)}`)
}

/** The same week computed from the rules themselves: the engine's own arithmetic. */
function expectedWeek(rules: readonly HoursRule[], monday: string): string[] {
  const first = parseLocalDate(monday)!
  const open: string[] = []
  for (let offset = 0; offset < 7; offset += 1) {
    const day = first + offset
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10)
    const ranges = rules
      .filter((candidate) => candidate.weekdays.includes(offset + 1))
      .filter((candidate) => {
        const start = parseLocalDate(candidate.validFrom)!
        const startMonday = start - ((start + 3) % 7)
        return ((first - startMonday) / 7) % candidate.everyNWeeks === 0
      })
      .map((candidate) => ({
        start: Number(candidate.startTime.slice(0, 2)) * 60 + Number(candidate.startTime.slice(3)),
        end: Number(candidate.endTime.slice(0, 2)) * 60 + Number(candidate.endTime.slice(3)),
      }))
    for (const range of mergeRanges(ranges)) {
      const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`
      open.push(`${date} ${clock(range.start)}-${clock(range.end)}`)
    }
  }
  return open
}

// Weeks of February and March 2026: no public holiday in them.
const WEEKS = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09']

const RULE_SETS: Record<string, HoursRule[]> = {
  'one advisor, mornings from Monday to Friday': [rule({ weekdays: [1, 2, 3, 4, 5] })],
  'two advisors whose hours overlap and touch': [
    rule({ weekdays: [1, 3], startTime: '09:00', endTime: '12:00' }),
    rule({ weekdays: [1], startTime: '11:00', endTime: '13:30' }),
    rule({ weekdays: [3], startTime: '12:00', endTime: '17:00' }),
    rule({ weekdays: [5], startTime: '14:00', endTime: '16:30' }),
  ],
  'a weekly rule and an every-other-week afternoon': [
    rule({ weekdays: [2, 4] }),
    rule({ weekdays: [2], startTime: '14:00', endTime: '17:00', everyNWeeks: 2 }),
  ],
  'every three weeks from a week in the middle of the year': [
    rule({
      weekdays: [6],
      startTime: '10:00',
      endTime: '12:00',
      everyNWeeks: 3,
      validFrom: '2026-02-11',
    }),
    rule({ weekdays: [3], startTime: '08:30', endTime: '10:00' }),
  ],
  'two every-other-week rules on alternate weeks': [
    rule({ weekdays: [1], everyNWeeks: 2, validFrom: '2026-02-02' }),
    rule({
      weekdays: [1],
      startTime: '14:00',
      endTime: '16:00',
      everyNWeeks: 2,
      validFrom: '2026-02-09',
    }),
  ],
}

describe('opening_hours of the opening rules', () => {
  test.each(Object.entries(RULE_SETS))('%s: the parser reads back the same hours', (_, rules) => {
    const value = openingHoursOf(rules)!
    for (const monday of WEEKS)
      expect(parsedWeek(value, monday)).toEqual(expectedWeek(rules, monday))
  })

  test('weekdays with the same hours share one selector; holidays are closed', () => {
    expect(
      openingHoursOf([rule({ weekdays: [1, 2, 3, 5] }), rule({ weekdays: [6], endTime: '11:00' })]),
    ).toBe('Mo-We,Fr 09:00-12:00; Sa 09:00-11:00; PH off')
    expect(openingHoursOf([rule({ weekdays: [1, 2] })])).toBe('Mo,Tu 09:00-12:00; PH off')
  })

  test('an every-other-week rule is anchored on the ISO week of its first day', () => {
    // 2026-01-05 is in ISO week 2: the even weeks.
    expect(openingHoursOf([rule({ everyNWeeks: 2 })])).toBe('week 02-53/2 Mo 09:00-12:00; PH off')
    expect(openingHoursOf([rule({ everyNWeeks: 2, validFrom: '2026-01-12' })])).toBe(
      'week 01-53/2 Mo 09:00-12:00; PH off',
    )
  })

  test('a public holiday is closed: Friday 1 May 2026', () => {
    const value = openingHoursOf([rule({ weekdays: [1, 2, 3, 4, 5] })])!
    expect(parsedWeek(value, '2026-04-27')).toEqual([
      '2026-04-27 09:00-12:00',
      '2026-04-28 09:00-12:00',
      '2026-04-29 09:00-12:00',
      '2026-04-30 09:00-12:00',
    ])
  })

  test('no rule, or only empty ones: no hours', () => {
    expect(openingHoursOf([])).toBeNull()
    expect(openingHoursOf([rule({ startTime: '12:00', endTime: '12:00' })])).toBeNull()
  })

  test('ISO week numbers across a year boundary', () => {
    expect(isoWeekOf(parseLocalDate('2026-01-01')!)).toBe(1)
    expect(isoWeekOf(parseLocalDate('2027-01-01')!)).toBe(53)
    expect(isoWeekOf(parseLocalDate('2024-12-30')!)).toBe(1)
    expect(isoWeekOf(parseLocalDate('2026-12-31')!)).toBe(53)
  })
})
