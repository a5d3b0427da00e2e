import { describe, expect, test } from 'vitest'
import { planMerge, type MergeableResident } from '~/domain/residents/merge'

const base: MergeableResident = {
  id: 'kept',
  organisationId: 'org',
  firstName: 'Jeanne',
  lastName: 'Moreau',
  phoneE164: null,
  phoneType: null,
  email: null,
  smsOptedOut: false,
}

describe('planMerge', () => {
  test('fills only the empty fields of the kept record', () => {
    const plan = planMerge(
      { ...base, email: 'jeanne@exemple.fr' },
      {
        ...base,
        id: 'dup',
        lastName: 'Moreaux',
        phoneE164: '+33612345678',
        phoneType: 'MOBILE',
        email: 'autre@exemple.fr',
      },
    )
    expect(plan).toEqual({
      ok: true,
      keptId: 'kept',
      duplicateId: 'dup',
      fill: { phoneE164: '+33612345678', phoneType: 'MOBILE' },
      keptSummary: 'merged Jeanne Moreaux (dup) into this record; filled phoneE164',
      duplicateSummary: 'merged into Jeanne Moreau (kept) and removed',
    })
  })

  test('an SMS opt-out of either record survives', () => {
    const plan = planMerge(base, { ...base, id: 'dup', smsOptedOut: true })
    expect(plan.ok && plan.fill).toEqual({ smsOptedOut: true })
  })

  test('refuses a record into itself and across organisations', () => {
    expect(planMerge(base, base)).toEqual({ ok: false, problem: 'SAME_RECORD' })
    expect(planMerge(base, { ...base, id: 'dup', organisationId: 'other' })).toEqual({
      ok: false,
      problem: 'OTHER_ORGANISATION',
    })
  })
})
