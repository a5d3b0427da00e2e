import { describe, expect, test } from 'vitest'
import { mayHoldOpeningHours, receivesAppointments } from '~/domain/access'

describe('who of the team receives appointments', () => {
  test('reception never holds hours nor receives, even with a rule left over', () => {
    expect(mayHoldOpeningHours('RECEPTION')).toBe(false)
    expect(receivesAppointments({ role: 'RECEPTION', openingRules: 2 })).toBe(false)
  })

  test('an advisor always receives; an admin only once they hold hours', () => {
    expect(receivesAppointments({ role: 'ADVISOR', openingRules: 0 })).toBe(true)
    expect(receivesAppointments({ role: 'ADMIN', openingRules: 0 })).toBe(false)
    expect(receivesAppointments({ role: 'ADMIN', openingRules: 1 })).toBe(true)
    expect(mayHoldOpeningHours('ADMIN')).toBe(true)
    expect(mayHoldOpeningHours('ADVISOR')).toBe(true)
  })
})
