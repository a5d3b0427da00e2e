import { describe, expect, test } from 'vitest'
import { overlappingRules, type OpeningRule } from '~/domain/scheduling'

const rule = (overrides: Partial<OpeningRule> = {}): OpeningRule => ({
  id: 'new',
  advisorId: 'karim',
  siteId: 'town-hall',
  weekdays: [1, 3],
  startTime: '09:00',
  endTime: '12:00',
  everyNWeeks: 1,
  validFrom: '2027-03-01',
  validUntil: null,
  topicIds: [],
  ...overrides,
})

describe('overlappingRules', () => {
  test('a shared weekday with overlapping times and dates is an overlap, at any site', () => {
    const other = rule({ id: 'a', weekdays: [3, 5], startTime: '11:30', endTime: '14:00' })
    const elsewhere = rule({ id: 'b', siteId: null, weekdays: [1], startTime: '08:00' })
    expect(overlappingRules(rule(), [other, elsewhere])).toEqual([other, elsewhere])
  })

  test('touching times, other weekdays, other advisors and the rule itself are not', () => {
    const others = [
      rule({ id: 'touching', startTime: '12:00', endTime: '13:00' }),
      rule({ id: 'tuesday', weekdays: [2] }),
      rule({ id: 'lea', advisorId: 'lea' }),
      rule({ id: 'new' }),
    ]
    expect(overlappingRules(rule(), others)).toEqual([])
  })

  test('validity periods that do not meet are not an overlap', () => {
    const ended = rule({ id: 'old', validFrom: '2026-01-01', validUntil: '2027-02-28' })
    const later = rule({ id: 'later', validFrom: '2027-06-01' })
    expect(overlappingRules(rule({ validUntil: '2027-05-31' }), [ended, later])).toEqual([])
    expect(overlappingRules(rule(), [later])).toEqual([later])
  })

  test('every other week: the odd and the even weeks never meet, the same weeks do', () => {
    // 2027-03-01 and 2027-03-08 are the Mondays of two consecutive weeks.
    const odd = rule({ everyNWeeks: 2 })
    const even = rule({ id: 'even', everyNWeeks: 2, validFrom: '2027-03-08' })
    const sameWeeks = rule({ id: 'same', everyNWeeks: 2, validFrom: '2027-03-17' })
    const weekly = rule({ id: 'weekly', validFrom: '2027-03-08' })
    expect(overlappingRules(odd, [even, sameWeeks, weekly])).toEqual([sameWeeks, weekly])
    // Every 2 and every 3 weeks always meet some week.
    expect(
      overlappingRules(odd, [rule({ id: 'three', everyNWeeks: 3, validFrom: '2027-03-08' })]),
    ).toHaveLength(1)
  })

  test('malformed rules are left to validation', () => {
    expect(overlappingRules(rule({ startTime: 'x' }), [rule({ id: 'a' })])).toEqual([])
  })
})
