import { describe, expect, test } from 'vitest'
import { parseDecisions, parseRule, type RuleValues } from '~/features/schedule/forms.server'

const values = (overrides: Partial<RuleValues> = {}): RuleValues => ({
  weekdays: ['1', '3'],
  startTime: '9 h',
  endTime: '12:30',
  everyNWeeks: '1',
  place: 'town-hall',
  validFrom: '2027-03-01',
  validUntil: '',
  topicIds: [],
  confirmOverlap: '',
  ...overrides,
})
const context = { advisorId: 'karim', siteIds: ['town-hall'], topicIds: ['taxes'] }

describe('parseRule', () => {
  test('reads times as advisors write them, the phone as no site', () => {
    expect(parseRule(values(), context).rule).toMatchObject({
      weekdays: [1, 3],
      startTime: '09:00',
      endTime: '12:30',
      siteId: 'town-hall',
      validUntil: null,
    })
    expect(parseRule(values({ place: 'telephone' }), context).rule?.siteId).toBeNull()
  })

  test('reports each field once, and a foreign site or topic', () => {
    const parsed = parseRule(
      values({ weekdays: [], startTime: 'midi', validFrom: '', topicIds: ['elsewhere'] }),
      context,
    )
    expect(parsed.rule).toBeNull()
    expect(parsed.errors).toEqual({
      weekdays: 'NO_WEEKDAY',
      startTime: 'BAD_TIME',
      validFrom: 'DATE_REQUIRED',
    })
    expect(parsed.foreign).toBe(true)
    expect(parseRule(values({ place: 'elsewhere' }), context).foreign).toBe(true)
  })
})

describe('parseDecisions', () => {
  test('“for all” wins over one by one; a cancellation needs a reason', () => {
    const all = parseDecisions({ decisionAll: 'KEEP', reason: '', choices: { a: 'CANCEL' } }, [
      'a',
      'b',
    ])
    expect(all).toEqual({ decisions: { a: 'KEEP', b: 'KEEP' }, errors: {} })
    const each = parseDecisions({ decisionAll: 'EACH', reason: '', choices: { a: 'CANCEL' } }, [
      'a',
      'b',
    ])
    expect(each.errors).toEqual({
      decisions: 'DECISION_REQUIRED',
      cancellationReason: 'REASON_REQUIRED',
    })
  })

  test('decisions for appointments no longer concerned are ignored', () => {
    expect(
      parseDecisions({ decisionAll: '', reason: 'x', choices: { a: 'CANCEL', z: 'CANCEL' } }, ['a'])
        .decisions,
    ).toEqual({ a: 'CANCEL' })
  })
})
