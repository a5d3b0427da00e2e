import { describe, expect, test } from 'vitest'
import { contactKeyOf, parseLostLinkContact } from '~/domain/booking/lost-link'

// What the lost-link page reads of what a person typed (decision 092).

const REGIONS = ['FR', 'RE', 'GP']

describe('parseLostLinkContact', () => {
  test('an email, as stored: trimmed and lowercase', () => {
    expect(parseLostLinkContact('  Jeanne.Martin@Example.FR ', REGIONS)).toEqual({
      kind: 'EMAIL',
      email: 'jeanne.martin@example.fr',
    })
  })

  test('a phone number in any usual spelling, with its type', () => {
    expect(parseLostLinkContact('06 12 34 56 78', REGIONS)).toEqual({
      kind: 'PHONE',
      e164: '+33612345678',
      type: 'MOBILE',
    })
    expect(parseLostLinkContact('+33 1 23 45 67 89', REGIONS)).toMatchObject({ type: 'FIXED' })
    expect(parseLostLinkContact('0692 12 34 56', REGIONS)).toMatchObject({ e164: '+262692123456' })
  })

  test('anything else is refused', () => {
    for (const raw of ['', 'pas un numéro', 'jeanne@', '12', '+44 20 7946 0958'])
      expect(parseLostLinkContact(raw, REGIONS), raw).toBeNull()
  })

  test('a contact is counted under its normalised form', () => {
    expect(contactKeyOf(parseLostLinkContact('06.12.34.56.78', REGIONS)!)).toBe('+33612345678')
  })
})
