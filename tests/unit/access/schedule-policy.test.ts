import { describe, expect, test } from 'vitest'
import { authorise, type Actor } from '~/domain/access'

// Opening rules and absences (decision 050): an advisor manages their own, an admin any
// advisor's, reception reads them (to tell a caller when someone is in) but changes nothing.

const org = 'org-a'
const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
const advisor: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }
const own = { organisationId: org, advisorId: 'adv' }
const colleague = { organisationId: org, advisorId: 'other' }

describe('schedule permissions', () => {
  test('an advisor sees and manages their own hours and absences only', () => {
    expect(authorise(advisor, 'schedule.view', own)).toBe('ALLOWED')
    expect(authorise(advisor, 'schedule.manage', own)).toBe('ALLOWED')
    expect(authorise(advisor, 'schedule.view', colleague)).toBe('FORBIDDEN')
    expect(authorise(advisor, 'schedule.manage', colleague)).toBe('FORBIDDEN')
  })

  test('an admin manages every advisor of the organisation', () => {
    expect(authorise(admin, 'schedule.view', own)).toBe('ALLOWED')
    expect(authorise(admin, 'schedule.manage', own)).toBe('ALLOWED')
  })

  test('reception reads every advisor’s hours but changes none', () => {
    expect(authorise(reception, 'schedule.view', own)).toBe('ALLOWED')
    expect(authorise(reception, 'schedule.manage', own)).toBe('FORBIDDEN')
    expect(authorise(reception, 'schedule.manage', { ...own, advisorId: 'rec' })).toBe('FORBIDDEN')
  })

  test('another organisation’s advisor is not found, whatever the role', () => {
    for (const actor of [admin, advisor, reception]) {
      for (const action of ['schedule.view', 'schedule.manage'] as const) {
        expect(authorise(actor, action, { organisationId: 'org-b', advisorId: 'x' })).toBe(
          'NOT_FOUND',
        )
      }
    }
  })
})
