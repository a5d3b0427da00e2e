// Who an SMS comes from, and how it names the site.
import { describe, expect, test } from 'vitest'
import { isPhoneNumberSender, smsSender } from '~/domain/notifications/sender'
import {
  defaultSiteShortName,
  SITE_SHORT_NAME_MAX_LENGTH,
  siteShortName,
} from '~/domain/notifications/short-names'
import { instructionsFor } from '~/domain/topics/instructions'

describe('the SMS sender', () => {
  test('an organisation’s name is used, and a reply cannot reach it', () => {
    expect(smsSender('MAIRIEVOUV', '+33757000000')).toEqual({
      from: 'MAIRIEVOUV',
      takesReplies: false,
    })
  })

  test('a name saved before the operators’ rule (with a space) is not used', () => {
    expect(smsSender('Val Sorne', '+33757000000')).toEqual({ from: null, takesReplies: true })
  })

  test('without a name, the server’s sender: a number takes replies, a name does not', () => {
    expect(smsSender(null, '+33757000000')).toEqual({ from: null, takesReplies: true })
    expect(smsSender(null, 'PERMANENCE')).toEqual({ from: null, takesReplies: false })
    // A messaging service (no TWILIO_FROM) sends from its pool of numbers.
    expect(smsSender(null, null)).toEqual({ from: null, takesReplies: true })
  })

  test.each([
    ['+33757000000', true],
    ['38100', true],
    ['VALSORNE', false],
    ['Mairie 2', false],
  ])('%s is a phone number sender: %s', (from, expected) => {
    expect(isPhoneNumberSender(from)).toBe(expected)
  })
})

describe('site short names', () => {
  test.each([
    ['Mairie de Vouvant', 'Vouvant', 'Mairie de Vouvant'],
    ['Médiathèque de Montval', 'Montval', 'Médiathèque Montval'],
    ['Mairie de Saint-Julien-sur-Sorne', 'Saint-Julien-sur-Sorne', 'Mairie Saint-Julien'],
    ['Espace France Services de Saint-Julien', 'Saint-Julien', 'Saint-Julien'],
    [
      'Maison France Services de la Communauté de communes du Pays de Saint-Gilles-Croix-de-Vie',
      'Saint-Gilles-Croix-de-Vie',
      'Maison France',
    ],
  ])('%s (%s) is %j by default', (name, city, expected) => {
    const short = defaultSiteShortName(name, city)
    expect(short).toBe(expected)
    expect(short.length).toBeLessThanOrEqual(SITE_SHORT_NAME_MAX_LENGTH)
  })

  test('the admins’ short name wins; an empty one falls back to the default', () => {
    const site = { name: 'Médiathèque de Montval', city: 'Montval' }
    expect(siteShortName({ ...site, shortName: 'Médiathèque' })).toBe('Médiathèque')
    expect(siteShortName({ ...site, shortName: '  ' })).toBe('Médiathèque Montval')
    expect(siteShortName({ ...site, shortName: null })).toBe('Médiathèque Montval')
  })
})

describe('instructions by mode', () => {
  test('by phone, "Apportez" becomes something to have at hand', () => {
    expect(instructionsFor('Apportez votre numéro fiscal.', 'PHONE')).toBe(
      'Ayez sous la main votre numéro fiscal.',
    )
    expect(instructionsFor('Please bring your tax number.', 'PHONE')).toBe(
      'Have ready: your tax number.',
    )
    expect(instructionsFor('Apportez votre numéro fiscal.', 'IN_PERSON')).toBe(
      'Apportez votre numéro fiscal.',
    )
    expect(instructionsFor('Votre avis d’imposition', 'PHONE')).toBe('Votre avis d’imposition')
  })
})
