import { describe, expect, test } from 'vitest'
import { isValidSiret, normalisePivot } from '~/domain/open-data/pivot'

describe('the pivot: SIRET or RNA', () => {
  test('a SIRET as people copy it, spaces and all', () => {
    // The standard's own example, and the SIRET of the INSEE head office.
    expect(normalisePivot('434 933 123 00029')).toEqual({ ok: true, pivot: '43493312300029' })
    expect(normalisePivot('120.027.016.00019')).toEqual({ ok: true, pivot: '12002701600019' })
  })

  test('14 digits with a wrong checksum are refused as a SIRET', () => {
    expect(normalisePivot('43493312300028')).toEqual({ ok: false, problem: 'INVALID_SIRET' })
  })

  test("La Poste's establishments: digits adding up to a multiple of 5", () => {
    // 356 000 000 00010: 3+5+6+1 = 15, accepted though Luhn refuses it; 00048: 26, refused.
    expect(isValidSiret('35600000000010')).toBe(true)
    expect(isValidSiret('35600000000048')).toBe(false)
    expect(normalisePivot('356 000 000 00010')).toEqual({ ok: true, pivot: '35600000000010' })
  })

  test('an RNA number: W and 9 characters, Corsica with its letter', () => {
    expect(normalisePivot('w751234567')).toEqual({ ok: true, pivot: 'W751234567' })
    expect(normalisePivot('W2A1234567')).toEqual({ ok: true, pivot: 'W2A1234567' })
    expect(normalisePivot('W75123456')).toEqual({ ok: false, problem: 'INVALID_PIVOT' })
  })

  test('anything else', () => {
    for (const typed of ['', '1234', '4349331230002', '434933123000291', 'ABCDEFGHIJKLMN']) {
      expect(normalisePivot(typed)).toEqual({ ok: false, problem: 'INVALID_PIVOT' })
    }
  })
})
