// Zone names an admin types or a record holds: the ones luxon can compute with.
import { describe, expect, test } from 'vitest'
import { isValidTimeZone } from '~/domain/scheduling/zone'

describe('isValidTimeZone', () => {
  test.each([
    'Europe/Paris',
    'America/Cayenne',
    'Indian/Reunion',
    'America/Guadeloupe',
    'Indian/Mayotte',
    'America/Miquelon',
  ])('%s is valid', (zone) => expect(isValidTimeZone(zone)).toBe(true))
  test.each(['', 'Paris', 'Mars/Olympus', 'Europe/Pariss'])('%j is not', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false)
  })
})
