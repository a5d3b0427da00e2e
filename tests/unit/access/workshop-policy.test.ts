import { describe, expect, test } from 'vitest'
import { authorise, type Actor } from '~/domain/access'

// Workshop sessions (decision 082): everyone of the organisation sees them and registers
// people or marks attendance; admins and advisors create, change and cancel them.

const org = 'org-a'
const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
const advisor: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }
const session = { organisationId: org }

describe('workshop permissions', () => {
  test('admins and advisors manage sessions; reception does not', () => {
    expect(authorise(admin, 'workshop.manage', session)).toBe('ALLOWED')
    expect(authorise(advisor, 'workshop.manage', session)).toBe('ALLOWED')
    expect(authorise(reception, 'workshop.manage', session)).toBe('FORBIDDEN')
  })

  test('everyone sees sessions, registers people and marks attendance', () => {
    for (const actor of [admin, advisor, reception]) {
      expect(authorise(actor, 'workshop.view', session)).toBe('ALLOWED')
      expect(authorise(actor, 'workshop.participants', session)).toBe('ALLOWED')
    }
  })

  test('another organisation’s session is not found, whatever the role', () => {
    for (const actor of [admin, advisor, reception]) {
      for (const action of ['workshop.view', 'workshop.manage', 'workshop.participants'] as const) {
        expect(authorise(actor, action, { organisationId: 'org-b' })).toBe('NOT_FOUND')
      }
    }
  })
})
