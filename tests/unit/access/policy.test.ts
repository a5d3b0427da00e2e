import { describe, expect, test } from 'vitest'
import { authorise, can, passwordProblem, type Action, type Actor } from '~/domain/access'

const org = 'org-a'
const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
const advisor: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }

describe('authorise', () => {
  test('another organisation is always not found, whatever the role', () => {
    const actions: Action[] = [
      'calendar.view',
      'calendar.viewSite',
      'appointment.view',
      'appointment.update',
      'booking.create',
      'resident.view',
      'organisation.administer',
    ]
    for (const actor of [admin, advisor, reception]) {
      for (const action of actions) {
        expect(
          authorise(actor, action, { organisationId: 'org-b', advisorId: actor.advisorId }),
        ).toBe('NOT_FOUND')
      }
    }
  })

  test('an advisor sees and updates only their own calendar and appointments', () => {
    expect(authorise(advisor, 'calendar.view', { organisationId: org, advisorId: 'adv' })).toBe(
      'ALLOWED',
    )
    expect(authorise(advisor, 'calendar.view', { organisationId: org, advisorId: 'other' })).toBe(
      'FORBIDDEN',
    )
    expect(
      authorise(advisor, 'appointment.update', { organisationId: org, advisorId: 'other' }),
    ).toBe('FORBIDDEN')
    expect(authorise(advisor, 'calendar.viewSite', { organisationId: org })).toBe('FORBIDDEN')
  })

  test('an advisor books for anyone of the organisation', () => {
    expect(authorise(advisor, 'booking.create', { organisationId: org, advisorId: 'other' })).toBe(
      'ALLOWED',
    )
  })

  test('reception books and sees every calendar but does not administer', () => {
    expect(authorise(reception, 'calendar.view', { organisationId: org, advisorId: 'adv' })).toBe(
      'ALLOWED',
    )
    expect(authorise(reception, 'calendar.viewSite', { organisationId: org })).toBe('ALLOWED')
    expect(
      authorise(reception, 'appointment.update', { organisationId: org, advisorId: 'adv' }),
    ).toBe('ALLOWED')
    expect(authorise(reception, 'organisation.administer', { organisationId: org })).toBe(
      'FORBIDDEN',
    )
  })

  test('an admin does everything in the organisation', () => {
    expect(authorise(admin, 'organisation.administer', { organisationId: org })).toBe('ALLOWED')
    expect(authorise(admin, 'appointment.update', { organisationId: org, advisorId: 'adv' })).toBe(
      'ALLOWED',
    )
    expect(can(admin, 'calendar.viewSite')).toBe(true)
    expect(can(advisor, 'calendar.view')).toBe(false)
    expect(can(advisor, 'calendar.view', 'adv')).toBe(true)
  })
})

describe('passwordProblem', () => {
  test('at least ten characters', () => {
    expect(passwordProblem('short-pw1')).toBe('TOO_SHORT')
    expect(passwordProblem('sorne-demo-2026')).toBeNull()
  })

  test('common passwords are refused whatever their case, spaces or accents', () => {
    expect(passwordProblem('azertyuiop')).toBe('PASSWORD_TOO_COMMON')
    expect(passwordProblem('MotDePasse123')).toBe('PASSWORD_TOO_COMMON')
    expect(passwordProblem('Mot de passe 123')).toBe('PASSWORD_TOO_COMMON')
    expect(passwordProblem('aaaaaaaaaaaa')).toBe('PASSWORD_TOO_COMMON')
    expect(passwordProblem('pérmanence')).toBe('PASSWORD_TOO_COMMON')
  })

  test('too long is refused', () => {
    expect(passwordProblem('x1'.repeat(101))).toBe('TOO_LONG')
  })
})

test('an advisor sees an appointment they booked for a colleague, but may not change it', () => {
  const resource = { organisationId: org, advisorId: 'other', bookedBy: 'adv' }
  expect(authorise(advisor, 'appointment.view', resource)).toBe('ALLOWED')
  expect(authorise(advisor, 'appointment.update', resource)).toBe('FORBIDDEN')
})
