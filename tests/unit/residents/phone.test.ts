// The one phone parser: every usual French spelling, overseas numbers dialled from
// France, and numbers that reach no person.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_PHONE_REGIONS,
  PHONE_EXAMPLE,
  formatPhoneForDisplay,
  normalisePhone,
} from '~/domain/residents/phone'

const ok = (raw: string, allowed?: readonly string[]) => {
  const result = normalisePhone(raw, allowed)
  if (!result.ok) throw new Error(`${raw}: ${result.problem}`)
  return result.phone
}

describe('normalisePhone', () => {
  test.each([
    '06 12 34 56 78',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '0612345678',
    '  06 12 34 56 78  ',
    '+33 6 12 34 56 78',
    '+33612345678',
    '0033612345678',
    '0033 6 12 34 56 78',
    '(+33) 6 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    '０６１２３４５６７８',
    'tel: 0612345678',
    'portable : 06 12 34 56 78',
  ])('%j is the metropolitan mobile +33612345678', (raw) => {
    expect(ok(raw)).toEqual({ e164: '+33612345678', type: 'MOBILE', region: 'FR' })
  })

  test.each([
    ['0690 00 12 34', '+590690001234', 'GP', 'MOBILE'],
    ['+33 690 00 12 34', '+590690001234', 'GP', 'MOBILE'],
    ['+590 690 00 12 34', '+590690001234', 'GP', 'MOBILE'],
    ['00590690001234', '+590690001234', 'GP', 'MOBILE'],
    ['0590 12 34 56', '+590590123456', 'GP', 'FIXED'],
    ['0694 20 12 34', '+594694201234', 'GF', 'MOBILE'],
    ['0594 12 34 56', '+594594123456', 'GF', 'FIXED'],
    ['0696 20 12 34', '+596696201234', 'MQ', 'MOBILE'],
    ['0596 30 12 34', '+596596301234', 'MQ', 'FIXED'],
    ['0692 12 34 56', '+262692123456', 'RE', 'MOBILE'],
    ['0693 12 34 56', '+262693123456', 'RE', 'MOBILE'],
    ['0262 12 34 56', '+262262123456', 'RE', 'FIXED'],
    ['0639 01 23 45', '+262639012345', 'YT', 'MOBILE'],
    ['0269 61 12 34', '+262269611234', 'YT', 'FIXED'],
    ['+508 55 12 34', '+508551234', 'PM', 'MOBILE'],
    ['0590 27 12 34', '+590590271234', 'BL', 'FIXED'],
    ['0590 77 12 34', '+590590771234', 'MF', 'FIXED'],
  ])('overseas %j is %s in %s (%s)', (raw, e164, region, type) => {
    expect(ok(raw)).toEqual({ e164, region, type })
  })

  test.each([
    ['01 23 45 67 89', '+33123456789'],
    ['05 56 12 34 56', '+33556123456'],
    ['09 12 34 56 78', '+33912345678'],
    ['0970 12 34 56', '+33970123456'],
  ])('landline or 09 box %j is FIXED, reminded by voice', (raw, e164) => {
    expect(ok(raw)).toEqual({ e164, type: 'FIXED', region: 'FR' })
  })

  test.each(['07 51 23 45 67', '+33 7 51 23 45 67'])('07 mobile %j', (raw) => {
    expect(ok(raw)).toEqual({ e164: '+33751234567', type: 'MOBILE', region: 'FR' })
  })

  test.each(['0899 12 34 56', '0 810 12 34 56', '0800 12 34 56', '0836 01 23 45'])(
    'premium, shared-cost and free-phone %j reach no person',
    (raw) => {
      expect(normalisePhone(raw)).toEqual({
        ok: false,
        problem: 'PHONE_NOT_REACHABLE',
        example: PHONE_EXAMPLE,
      })
    },
  )

  test.each(['+44 7911 123456', '0044 7911 123456', '+32 470 12 34 56', '+687 75 12 34'])(
    'foreign %j is refused by region',
    (raw) => {
      expect(normalisePhone(raw)).toMatchObject({ ok: false, problem: 'PHONE_REGION_NOT_ALLOWED' })
    },
  )

  test('an organisation may allow fewer regions', () => {
    expect(normalisePhone('0690 00 12 34', ['FR'])).toMatchObject({
      ok: false,
      problem: 'PHONE_REGION_NOT_ALLOWED',
    })
    expect(ok('0690 00 12 34', ['FR', 'GP']).region).toBe('GP')
  })

  test('the default regions are the French numbering plan', () => {
    expect([...DEFAULT_PHONE_REGIONS].sort()).toEqual(
      ['BL', 'FR', 'GF', 'GP', 'MF', 'MQ', 'PM', 'RE', 'YT'].sort(),
    )
  })

  test.each([
    '',
    '   ',
    'abc',
    '0612',
    '06 12 34 56 7',
    '06 12 34 56 78 9',
    '06 12 34 56 78 ext 12',
    '07 12 34 56 78',
    '+33 0 00 00 00 00',
  ])('%j is invalid and the error shows an example', (raw) => {
    expect(normalisePhone(raw)).toEqual({
      ok: false,
      problem: 'INVALID_PHONE',
      example: '06 12 34 56 78',
    })
  })
})

describe('formatPhoneForDisplay', () => {
  test.each([
    ['+33612345678', '06 12 34 56 78'],
    ['+33123456789', '01 23 45 67 89'],
    ['+33912345678', '09 12 34 56 78'],
    ['+590690001234', '0690 00 12 34'],
    ['+262639012345', '0639 01 23 45'],
    ['+262262123456', '0262 12 34 56'],
    // Without the metadata (kept out of the browser), other countries stay in E.164.
    ['+447911123456', '+447911123456'],
    ['not a number', 'not a number'],
  ])('%s reads %j', (e164, display) => {
    expect(formatPhoneForDisplay(e164)).toBe(display)
  })
})

// Valid French mobiles by libphonenumber's own ranges: 06 (except 063 9x and 069 0-4,6-7)
// and 073 to 079.
const frenchMobile = fc
  .oneof(
    fc.tuple(
      fc.constantFrom('60', '61', '62', '64', '65', '66', '67', '68'),
      fc.stringMatching(/^\d{7}$/),
    ),
    fc.tuple(
      fc.constantFrom('73', '74', '75', '76', '77', '78', '79'),
      fc.stringMatching(/^\d{7}$/),
    ),
  )
  .map(([prefix, rest]) => `${prefix}${rest}`)

const pairs = (digits: string) => digits.match(/\d{2}/g)!.join(' ')

describe('properties', () => {
  test('every spelling of a valid mobile gives the same E.164, and its display parses back', () => {
    fc.assert(
      fc.property(frenchMobile, (nsn) => {
        const national = `0${nsn}`
        const e164 = `+33${nsn}`
        const spellings = [
          national,
          pairs(national),
          pairs(national).replaceAll(' ', '.'),
          pairs(national).replaceAll(' ', '-'),
          `+33 ${nsn[0]} ${pairs(nsn.slice(1))}`,
          e164,
          `0033${nsn}`,
          `(+33) ${nsn[0]} ${pairs(nsn.slice(1))}`,
          `+33 (0)${nsn[0]} ${pairs(nsn.slice(1))}`,
        ]
        for (const raw of spellings) {
          expect(normalisePhone(raw)).toEqual({
            ok: true,
            phone: { e164, type: 'MOBILE', region: 'FR' },
          })
        }
        expect(formatPhoneForDisplay(e164)).toBe(pairs(national))
        expect(ok(formatPhoneForDisplay(e164)).e164).toBe(e164)
      }),
    )
  })

  test('a Guadeloupe mobile is GP however it is written', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), (rest) => {
        const e164 = `+5906900${rest}`
        for (const raw of [`06900${rest}`, `+336900${rest}`, e164, `005906900${rest}`]) {
          expect(ok(raw)).toEqual({ e164, type: 'MOBILE', region: 'GP' })
        }
        expect(ok(formatPhoneForDisplay(e164)).e164).toBe(e164)
      }),
    )
  })
})
