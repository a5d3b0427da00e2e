import { describe, expect, test } from 'vitest'
import { authorise, type Actor } from '~/domain/access'

// Activity reports (decision 085): each advisor reports on their own activity, admins on
// anyone's; reception files none.

const org = 'org-a'
const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
const advisor: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }
const of = (advisorId: string) => ({ organisationId: org, advisorId })

describe('report permissions', () => {
  test('an advisor their own, an admin anyone’s, reception none', () => {
    expect(authorise(advisor, 'report.manage', of('adv'))).toBe('ALLOWED')
    expect(authorise(advisor, 'report.manage', of('other'))).toBe('FORBIDDEN')
    expect(authorise(admin, 'report.manage', of('adv'))).toBe('ALLOWED')
    expect(authorise(reception, 'report.manage', of('rec'))).toBe('FORBIDDEN')
    expect(authorise(reception, 'report.manage', of('adv'))).toBe('FORBIDDEN')
  })

  test('another organisation’s report is not found', () => {
    for (const actor of [admin, advisor, reception]) {
      expect(authorise(actor, 'report.manage', { organisationId: 'org-b', advisorId: 'adv' })).toBe(
        'NOT_FOUND',
      )
    }
  })
})
