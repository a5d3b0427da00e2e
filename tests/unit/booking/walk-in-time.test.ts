import { describe, expect, test } from 'vitest'
import { localInstant } from '~/features/desk/booking.server'

describe('walk-in times', () => {
  test('are read on the clock of the place', () => {
    expect(localInstant('2026-07-01', '14:30', 'Europe/Paris')?.toISOString()).toBe(
      '2026-07-01T12:30:00.000Z',
    )
    expect(localInstant('2026-07-01', '14h30', 'America/Cayenne')?.toISOString()).toBe(
      '2026-07-01T17:30:00.000Z',
    )
  })

  test('a time that does not exist that day is refused, not moved', () => {
    expect(localInstant('2026-03-29', '02:30', 'Europe/Paris')).toBeNull()
    expect(localInstant('2026-02-30', '10:00', 'Europe/Paris')).toBeNull()
    expect(localInstant('2026-07-01', '25:00', 'Europe/Paris')).toBeNull()
    expect(localInstant('demain', '10:00', 'Europe/Paris')).toBeNull()
  })
})
