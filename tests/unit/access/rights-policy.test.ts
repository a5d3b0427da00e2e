import { describe, expect, test } from 'vitest'
import { authorise, type Actor } from '~/domain/access'

// Residents' data export and the audit log in the policy (decision 091).
const org = 'org-a'
const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
const advisor: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }
const own = { organisationId: org, advisorId: 'adv' }
const organisation = { organisationId: org }

describe('rights and the audit log in the policy', () => {
  test('admin and reception export a resident; an advisor not even their own', () => {
    for (const actor of [admin, reception]) {
      expect(authorise(actor, 'resident.export', organisation)).toBe('ALLOWED')
      expect(authorise(actor, 'resident.export', { organisationId: 'org-b' })).toBe('NOT_FOUND')
    }
    expect(authorise(advisor, 'resident.export', own)).toBe('FORBIDDEN')
    expect(authorise(advisor, 'resident.export', organisation)).toBe('FORBIDDEN')
  })

  test('admin and reception read the log; only admins see its personal data', () => {
    for (const actor of [admin, reception]) {
      expect(authorise(actor, 'audit.view', organisation)).toBe('ALLOWED')
    }
    expect(authorise(advisor, 'audit.view', own)).toBe('FORBIDDEN')
    expect(authorise(admin, 'audit.viewPersonal', organisation)).toBe('ALLOWED')
    expect(authorise(reception, 'audit.viewPersonal', organisation)).toBe('FORBIDDEN')
    expect(authorise(advisor, 'audit.viewPersonal', own)).toBe('FORBIDDEN')
    expect(authorise(admin, 'audit.view', { organisationId: 'org-b' })).toBe('NOT_FOUND')
  })
})
