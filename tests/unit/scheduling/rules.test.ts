import { describe, expect, test } from 'vitest'
import { computeSlots, validateOpeningRule } from '~/domain/scheduling'
import { at, organisation, rule, site, topic } from '../../bench/slot-fixtures'

describe('validateOpeningRule', () => {
  test('a well-formed rule has no problem', () => {
    expect(validateOpeningRule(rule())).toEqual([])
    expect(validateOpeningRule(rule({ validUntil: '2026-01-01', everyNWeeks: 12 }))).toEqual([])
  })

  test.each([
    [{ endTime: '09:00' }, 'endTime', 'END_BEFORE_START'],
    [{ endTime: '08:00' }, 'endTime', 'END_BEFORE_START'],
    [{ weekdays: [] }, 'weekdays', 'REQUIRED'],
    [{ weekdays: [0] }, 'weekdays', 'INVALID_CHOICE'],
    [{ weekdays: [8] }, 'weekdays', 'INVALID_CHOICE'],
    [{ weekdays: [1.5] }, 'weekdays', 'INVALID_CHOICE'],
    [{ weekdays: [2, 2] }, 'weekdays', 'INVALID_CHOICE'],
    [{ startTime: '9:00' }, 'startTime', 'INVALID_TIME'],
    [{ startTime: '24:00' }, 'startTime', 'INVALID_TIME'],
    [{ endTime: '12:60' }, 'endTime', 'INVALID_TIME'],
    [{ everyNWeeks: 0 }, 'everyNWeeks', 'INVALID_CHOICE'],
    [{ everyNWeeks: 13 }, 'everyNWeeks', 'INVALID_CHOICE'],
    [{ everyNWeeks: 1.5 }, 'everyNWeeks', 'INVALID_CHOICE'],
    [{ validFrom: '2026-02-30' }, 'validFrom', 'INVALID_DATE'],
    [{ validUntil: '31/12/2026' }, 'validUntil', 'INVALID_DATE'],
    [{ validUntil: '2025-12-31' }, 'validUntil', 'VALID_UNTIL_BEFORE_FROM'],
  ] as const)('%o is refused on %s with %s', (change, field, code) => {
    expect(validateOpeningRule(rule({ startTime: '09:00', endTime: '12:00', ...change }))).toEqual([
      { field, code },
    ])
  })

  test('every problem is listed at once', () => {
    const problems = validateOpeningRule(
      rule({ weekdays: [], startTime: 'x', endTime: '25:00', everyNWeeks: -1, validFrom: '' }),
    )
    expect(problems.map((p) => p.code)).toEqual([
      'REQUIRED',
      'INVALID_TIME',
      'INVALID_TIME',
      'INVALID_CHOICE',
      'INVALID_DATE',
    ])
  })
})

describe('every N weeks', () => {
  /** Mondays of a fortnightly rule from Monday 14 December 2026, across the year end. */
  function mondaysOpen(validFrom: string, everyNWeeks: number): string[] {
    const now = at('2026-12-01 00:00')
    const slots = computeSlots({
      organisation: organisation(),
      sites: [site('site-1')],
      topic: topic({ durationMinutes: 60, horizonDays: 60 }),
      mode: 'IN_PERSON',
      now,
      range: { from: now, to: at('2027-01-30 00:00') },
      data: {
        rules: [
          rule({ weekdays: [1], startTime: '09:00', endTime: '10:00', everyNWeeks, validFrom }),
        ],
        absences: [],
        appointments: [],
      },
    })
    return slots.map((slot) => slot.start.toISOString().slice(0, 10))
  }

  test('counts weeks from the ISO week of validFrom, across a 53-week year', () => {
    // 2026 has an ISO week 53: parity of week numbers would wrongly open 4 January.
    expect(mondaysOpen('2026-12-14', 2)).toEqual([
      '2026-12-14',
      '2026-12-28',
      '2027-01-11',
      '2027-01-25',
    ])
  })

  test('a validFrom mid-week anchors on that week too', () => {
    expect(mondaysOpen('2026-12-17', 2)).toEqual(['2026-12-28', '2027-01-11', '2027-01-25'])
    expect(mondaysOpen('2026-12-14', 3)).toEqual(['2026-12-14', '2027-01-04', '2027-01-25'])
  })
})
