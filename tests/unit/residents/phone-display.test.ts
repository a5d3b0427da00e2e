import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { expect, test } from 'vitest'
import { formatPhoneForDisplay } from '~/domain/residents/phone-display'

test('stored numbers read as dialled from France, the same way libphonenumber writes them', () => {
  const numbers = [
    '+33612345678',
    '+33123456789',
    '+33970123456',
    '+590690123456',
    '+594694123456',
    '+596696123456',
    '+262692123456',
    '+262269612345',
  ]
  for (const e164 of numbers) {
    expect(formatPhoneForDisplay(e164), e164).toBe(
      parsePhoneNumberFromString(e164)!.formatNational(),
    )
  }
  expect(formatPhoneForDisplay('+33612345678')).toBe('06 12 34 56 78')
  expect(formatPhoneForDisplay('+590690123456')).toBe('0690 12 34 56')
})

test('numbers outside the French plan stay international', () => {
  expect(formatPhoneForDisplay('+447400123456')).toBe('+447400123456')
})
