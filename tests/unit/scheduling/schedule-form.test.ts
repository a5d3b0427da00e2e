import { describe, expect, test } from 'vitest'
import type { FormValues } from '~/domain/input/problems'
import { decisionsSchema, namesForeignPlace, ruleSchema } from '~/features/schedule/forms.server'
import { parseForm } from '~/platform/forms.server'

// The forms are read as their routes read them: the values a browser sends.
const values = (overrides: FormValues = {}): FormValues => ({
  weekdays: ['1', '3'],
  startTime: '9 h',
  endTime: '12:30',
  everyNWeeks: '1',
  place: 'town-hall',
  validFrom: '2027-03-01',
  validUntil: '',
  topicIds: [],
  ...overrides,
})
const own = { siteIds: ['town-hall'], topicIds: ['taxes'] }
const rule = (sent: FormValues) => parseForm(sent, ruleSchema('karim'))
const codes = (parsed: ReturnType<typeof parseForm>) =>
  parsed.ok
    ? {}
    : Object.fromEntries(Object.entries(parsed.reply.errors).map(([f, p]) => [f, p.code]))

describe('the rule form', () => {
  test('reads times as advisors write them, the phone as no site', () => {
    const parsed = rule(values())
    expect(parsed.ok && parsed.value.rule).toMatchObject({
      weekdays: [1, 3],
      startTime: '09:00',
      endTime: '12:30',
      siteId: 'town-hall',
      validUntil: null,
    })
    const phone = rule(values({ place: 'telephone' }))
    expect(phone.ok && phone.value.rule.siteId).toBeNull()
  })

  test('reports each field once, and a foreign site or topic', () => {
    const sent = values({ weekdays: [], startTime: 'midi', validFrom: '', topicIds: ['elsewhere'] })
    expect(codes(rule(sent))).toEqual({
      weekdays: 'REQUIRED',
      startTime: 'INVALID_TIME',
      validFrom: 'REQUIRED',
    })
    expect(namesForeignPlace(sent, own)).toBe(true)
    expect(namesForeignPlace(values({ place: 'elsewhere' }), own)).toBe(true)
    expect(namesForeignPlace(values(), own)).toBe(false)
  })
})

describe('the decisions on orphaned appointments', () => {
  const decide = (sent: FormValues) => parseForm(sent, decisionsSchema(['a', 'b']))

  test('“for all” wins over one by one; a cancellation needs a reason', () => {
    const all = decide({ decisionAll: 'KEEP', cancellationReason: '', 'decision-a': 'CANCEL' })
    expect(all.ok && all.value).toEqual({ decisions: { a: 'KEEP', b: 'KEEP' }, reason: '' })
    const each = decide({ decisionAll: 'EACH', cancellationReason: '', 'decision-a': 'CANCEL' })
    expect(codes(each)).toEqual({ decisions: 'REQUIRED', cancellationReason: 'REQUIRED' })
  })

  test('decisions for appointments no longer concerned are ignored', () => {
    const one = parseForm(
      { decisionAll: '', cancellationReason: 'x', 'decision-a': 'CANCEL', 'decision-z': 'CANCEL' },
      decisionsSchema(['a']),
    )
    expect(one.ok && one.value.decisions).toEqual({ a: 'CANCEL' })
  })
})
