import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { nameSearchKey, normaliseEmail, normaliseName } from '~/domain/residents/identity'

describe('normaliseName', () => {
  test.each([
    ['  Élodie  ', 'Élodie'],
    ['Jean-Pierre', 'Jean-Pierre'],
    ['N’Diaye', 'N’Diaye'],
    ["D'Arc", "D'Arc"],
    ['Marie   de  La\tFontaine', 'Marie de La Fontaine'],
    ['St. Clair', 'St. Clair'],
    ['Nguyễn', 'Nguyễn'],
  ])('%j is kept as %j', (raw, name) => {
    expect(normaliseName(raw)).toEqual({ ok: true, name })
  })

  test('stores a decomposed accent (e + combining acute) composed, as NFC', () => {
    const result = normaliseName('Ele\u0301onore')
    expect(result).toEqual({ ok: true, name: 'El\u00e9onore' })
  })

  test.each(['', '   ', '\n'])('%j is required', (raw) => {
    expect(normaliseName(raw)).toEqual({ ok: false, problem: 'REQUIRED' })
  })

  test.each(['Jean2', '007', '<b>', '<script>alert(1)</script>', '-Jean', "'", 'Jean@home', '😀'])(
    '%j is refused',
    (raw) => {
      expect(normaliseName(raw)).toEqual({ ok: false, problem: 'INVALID_NAME' })
    },
  )

  test('80 characters at most', () => {
    expect(normaliseName('a'.repeat(80))).toEqual({ ok: true, name: 'a'.repeat(80) })
    expect(normaliseName('a'.repeat(81))).toEqual({ ok: false, problem: 'TOO_LONG' })
  })
})

describe('nameSearchKey', () => {
  test('ignores case, accents, apostrophe style, hyphens and spacing', () => {
    const key = nameSearchKey('Élodie', 'D’Arc-Lœb')
    expect(key).toBe("elodie d'arc loeb")
    expect(nameSearchKey('  ELODIE ', "d'arc  loeb")).toBe(key)
  })

  test('is stable: the key of a key is itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(nameSearchKey(nameSearchKey(text))).toBe(nameSearchKey(text))
      }),
    )
  })
})

describe('normaliseEmail', () => {
  test.each([
    ['  Marie.Dupont@Exemple.FR ', 'marie.dupont@exemple.fr'],
    ['jean+rdv@mairie-vouvant.fr', 'jean+rdv@mairie-vouvant.fr'],
    ["o'neil@laposte.net", "o'neil@laposte.net"],
    ['élodie@mairie.fr', 'élodie@mairie.fr'],
    ['a@sous.domaine.gouv.fr', 'a@sous.domaine.gouv.fr'],
  ])('%j becomes %j', (raw, email) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, email })
  })

  test.each([
    '',
    'marie',
    'marie@',
    '@exemple.fr',
    'marie@exemple',
    'marie@@exemple.fr',
    'marie dupont@exemple.fr',
    '.marie@exemple.fr',
    'marie.@exemple.fr',
    'ma..rie@exemple.fr',
    'marie@-exemple.fr',
    'marie@exemple..fr',
    'marie@exemple.f',
    'marie@exemple.123',
    '<script>@exemple.fr',
    'marie@exemple.fr>',
    `${'a'.repeat(65)}@exemple.fr`,
  ])('%j is invalid', (raw) => {
    expect(normaliseEmail(raw)).toEqual({ ok: false, problem: 'INVALID_EMAIL' })
  })

  test('254 characters at most', () => {
    const domain = `${'d'.repeat(62)}.${'e'.repeat(62)}.${'f'.repeat(62)}.fr`
    const at254 = `${'a'.repeat(254 - domain.length - 1)}@${domain}`
    expect(at254).toHaveLength(254)
    expect(normaliseEmail(at254)).toEqual({ ok: true, email: at254 })
    expect(normaliseEmail(`a${at254}`)).toEqual({ ok: false, problem: 'TOO_LONG' })
  })
})
