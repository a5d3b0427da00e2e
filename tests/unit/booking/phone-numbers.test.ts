import { describe, expect, test } from 'vitest'
import { callerNumber, numberToCall } from '~/domain/booking/phone-numbers'

const organisation = { phone: '+33199001234' }

describe('the number a resident calls about an appointment', () => {
  test('the site’s own line, else the organisation’s', () => {
    expect(numberToCall({ site: { phone: '+33365710101' }, organisation })).toBe('+33365710101')
    expect(numberToCall({ site: { phone: null }, organisation })).toBe('+33199001234')
    expect(numberToCall({ site: { phone: '' }, organisation })).toBe('+33199001234')
  })

  test('a phone appointment has no site: the organisation’s; none known, none said', () => {
    expect(numberToCall({ site: null, organisation })).toBe('+33199001234')
    expect(numberToCall({ site: null, organisation: { phone: null } })).toBeNull()
  })
})

describe('the number a phone appointment’s call comes from', () => {
  test('the advisor’s own line, else the organisation’s', () => {
    expect(callerNumber({ advisor: { phone: '+33612345678' }, organisation })).toBe('+33612345678')
    expect(callerNumber({ advisor: { phone: null }, organisation })).toBe('+33199001234')
    expect(callerNumber({ advisor: null, organisation: { phone: null } })).toBeNull()
  })
})
