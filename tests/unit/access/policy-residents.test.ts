import { describe, expect, test } from 'vitest'
import { authorise, type Actor } from '~/domain/access'

// A resident is an advisor's "own" when the advisor has an appointment with them or booked
// one for them (app/features/residents/directory.server.ts decides; the policy only sees advisorId).
const org = 'org-a'
const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
const advisor: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }
const own = { organisationId: org, advisorId: 'adv' }
const notOwn = { organisationId: org, advisorId: null }

describe('residents in the policy', () => {
  test('an advisor reads and corrects only their own residents', () => {
    expect(authorise(advisor, 'resident.view', own)).toBe('ALLOWED')
    expect(authorise(advisor, 'resident.update', own)).toBe('ALLOWED')
    expect(authorise(advisor, 'resident.view', notOwn)).toBe('FORBIDDEN')
    expect(authorise(advisor, 'resident.update', notOwn)).toBe('FORBIDDEN')
  })

  test('only admin and reception merge, never across organisations', () => {
    expect(authorise(advisor, 'resident.merge', own)).toBe('FORBIDDEN')
    for (const actor of [admin, reception]) {
      expect(authorise(actor, 'resident.merge', notOwn)).toBe('ALLOWED')
      expect(authorise(actor, 'resident.update', notOwn)).toBe('ALLOWED')
      expect(authorise(actor, 'resident.merge', { organisationId: 'org-b' })).toBe('NOT_FOUND')
    }
  })

  test('only admin and reception erase a resident, even an advisor’s own (decision 090)', () => {
    expect(authorise(advisor, 'resident.erase', own)).toBe('FORBIDDEN')
    expect(authorise(advisor, 'resident.erase', notOwn)).toBe('FORBIDDEN')
    for (const actor of [admin, reception]) {
      expect(authorise(actor, 'resident.erase', notOwn)).toBe('ALLOWED')
      expect(authorise(actor, 'resident.erase', { organisationId: 'org-b' })).toBe('NOT_FOUND')
    }
  })
})
