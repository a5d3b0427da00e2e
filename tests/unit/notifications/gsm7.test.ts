import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { SegmentedMessage } from 'sms-segments-calculator'
import {
  fitsOneSegment,
  gsm7Units,
  isGsm7,
  isOneGsm7Segment,
  smsSegments,
  toGsm7,
} from '~/domain/notifications/gsm7'

describe('toGsm7', () => {
  test('keeps the accents GSM-7 has', () => {
    const kept = 'à é è ù ì ò É Ç ä ö ü ñ Ä Ö Ü Ñ Å å Ø ø Æ æ ß £ $ ¥ § ¿ ¡ € [ ] { } ~ ^ | \\'
    expect(toGsm7(kept)).toBe(kept)
    expect(isGsm7(kept)).toBe(true)
  })

  test.each([
    [
      'fenêtre, château, maïs, noël, île, hôtel, sûr',
      'fenetre, chateau, mais, noel, ile, hotel, sur',
    ],
    ['reçu, Français', 'recu, Francais'],
    ['ÀÂÈÊËÎÏÔÙÛŸ', 'AAEEEIIOUUY'],
    ['cœur, Œuvre', 'coeur, OEuvre'],
    ['l’église ‘ici’', "l'église 'ici'"],
    ['« France Services »', '"France Services"'],
    ['“guillemets”', '"guillemets"'],
    ['9 h – 12 h — fermé', '9 h - 12 h - fermé'],
    ['Attendez…', 'Attendez...'],
    ['14\u00a0h\u202f30', '14 h 30'],
    ['n° 12', 'no 12'],
    ['ligne\tsuivante', 'ligne suivante'],
    ['zéro\u200blargeur', 'zérolargeur'],
    ['Łódź', '?odz'],
    ['ő ű ā', 'o u a'],
    ['merci 😀', 'merci ?'],
    ['Ele\u0301onore', 'Eléonore'],
  ])('%j becomes %j', (text, gsm) => {
    expect(toGsm7(text)).toBe(gsm)
  })

  test('any text comes out GSM-7, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const gsm = toGsm7(text)
        expect(isGsm7(gsm)).toBe(true)
        expect(smsSegments(gsm).encoding).toBe('GSM-7')
        expect(toGsm7(gsm)).toBe(gsm)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the GSM-7 alphabet table agrees with the calculator', () => {
  const codePoints = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => String.fromCodePoint(from + i))
  const table = codePoints(0, 0x3000).filter((char) => isGsm7(char))

  test('every character of the table is GSM-7, extension ones counting twice', () => {
    const text = table.join('')
    expect(new SegmentedMessage(text).getNonGsmCharacters()).toEqual([])
    expect(smsSegments(text).units).toBe(gsm7Units(text))
    // 128 codes but the escape one, and 10 extension characters.
    expect(table).toHaveLength(127 + 10)
  })

  test('every other Latin, Greek, Cyrillic, punctuation or currency character is not', () => {
    const nearby = [...codePoints(0, 0x0530), ...codePoints(0x1e00, 0x20d0)]
    const others = nearby.filter((char) => !isGsm7(char))
    // Spaced out so combining marks do not merge into one grapheme with each other.
    const reported = new SegmentedMessage(others.join('a')).getNonGsmCharacters().join('')
    for (const char of others) expect(reported).toContain(char)
  })
})

describe('smsSegments', () => {
  test('160 GSM-7 characters are one segment, 161 are two', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 })
    expect(gsm7Units('a'.repeat(160))).toBe(160)
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2 })
    expect(fitsOneSegment('a'.repeat(160))).toBe(true)
    expect(fitsOneSegment('a'.repeat(161))).toBe(false)
  })

  test('extension characters count twice', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 })
    expect(gsm7Units('€'.repeat(80))).toBe(160)
    expect(fitsOneSegment(`${'€'.repeat(80)}a`)).toBe(false)
  })

  test('one character outside GSM-7 switches to UCS-2 (70 per segment)', () => {
    expect(smsSegments('fenêtre')).toMatchObject({ encoding: 'UCS-2', segments: 1 })
    expect(fitsOneSegment(`${'a'.repeat(70)}ê`)).toBe(false)
    expect(fitsOneSegment(toGsm7(`${'a'.repeat(70)}ê`))).toBe(true)
  })

  test('the alphabet table and the calculator agree on one segment, near the limit too', () => {
    const alphabet = [...'aéàÇ €^{}[]~|\\\nñΩ@£ê’œ', '😀']
    const text = fc
      .array(fc.constantFrom(...alphabet), { minLength: 140, maxLength: 175 })
      .map((chars) => chars.join(''))
    fc.assert(
      fc.property(text, (candidate) => {
        expect(isOneGsm7Segment(candidate), JSON.stringify(candidate)).toBe(
          fitsOneSegment(candidate),
        )
      }),
      { numRuns: 300 },
    )
  })
})
