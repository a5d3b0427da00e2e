import { describe, expect, test } from 'vitest'
import { localInstant } from '~/domain/scheduling/form-input'

describe('walk-in times', () => {
  test('are read on the clock of the place', () => {
    expect(localInstant('2026-07-01', '14:30', 'Europe/Paris')?.toISOString()).toBe(
      '2026-07-01T12:30:00.000Z',
    )
    expect(localInstant('2026-07-01', '14h30', 'America/Cayenne')?.toISOString()).toBe(
      '2026-07-01T17:30:00.000Z',
    )
  })

  test('are typed the way the hours form reads them', () => {
    for (const typed of ['8 h 45', '8h45', '08:45', '8 H 45']) {
      expect(localInstant('2026-07-01', typed, 'Europe/Paris')?.toISOString(), typed).toBe(
        '2026-07-01T06:45:00.000Z',
      )
    }
    expect(localInstant('2026-07-01', '8 h 45 du matin', 'Europe/Paris')).toBeNull()
  })

  test('a time that does not exist that day is refused, not moved', () => {
    expect(localInstant('2026-03-29', '02:30', 'Europe/Paris')).toBeNull()
    expect(localInstant('2026-02-30', '10:00', 'Europe/Paris')).toBeNull()
    expect(localInstant('2026-07-01', '25:00', 'Europe/Paris')).toBeNull()
    expect(localInstant('demain', '10:00', 'Europe/Paris')).toBeNull()
  })
})
