import { describe, expect, test } from 'vitest'
import { contactSchema } from '~/features/journey/contact-form.server'
import {
  BROWSER_COOKIE_LIMIT,
  clearDraft,
  readDraft,
  saveDraft,
} from '~/features/journey/draft.server'
import { parseForm } from '~/platform/forms.server'
import { longestContactForm } from '../../support/long-forms'

// The booking draft is a cookie: a browser drops one over 4,096 bytes (Remix refused to
// write it, a 500), so the largest valid form must fit, in any script.

const JOURNEY = 'organisation|topic|site'
const CJK = Array.from({ length: 20_000 }, (_, index) => String.fromCharCode(0x4e00 + index)).join(
  '',
)
const schema = contactSchema({ mode: 'IN_PERSON', allowedRegions: ['FR'] })

const requestWith = (setCookie: string) =>
  new Request('http://localhost/', { headers: { Cookie: setCookie.split(';')[0]! } })
const firstVisit = new Request('http://localhost/')

describe('the booking draft cookie', () => {
  test.each([
    ['Thai', undefined],
    ['Chinese (letters picked from 20,000)', CJK],
  ])('the largest valid form in %s fits a browser cookie and comes back whole', (_, alphabet) => {
    const form = longestContactForm(alphabet)
    const parsed = parseForm(form, schema)
    expect(parsed.ok).toBe(true)
    const cookie = saveDraft(firstVisit, {
      journey: JOURNEY,
      fields: parsed.ok ? parsed.values : {},
    })
    expect(cookie.length).toBeLessThanOrEqual(BROWSER_COOKIE_LIMIT)
    expect(readDraft(requestWith(cookie), JOURNEY)?.fields).toEqual(form)
  })

  test('keeps only the fields the contact form defines', () => {
    const cookie = saveDraft(firstVisit, {
      journey: JOURNEY,
      fields: { firstName: 'Jeanne', injected: 'x'.repeat(3000) },
    })
    expect(readDraft(requestWith(cookie), JOURNEY)?.fields).toEqual({ firstName: 'Jeanne' })
  })

  test('is read only for its own journey, unaltered', () => {
    const cookie = saveDraft(firstVisit, { journey: JOURNEY, fields: { firstName: 'Jeanne' } })
    expect(readDraft(requestWith(cookie), 'organisation|topic|other-site')).toBeNull()
    const [payload, signature] = cookie.split(';')[0]!.split('=')[1]!.split('.')
    // A character in the middle carries six bits of the payload (the last may carry padding
    // bits only, which decode to the same bytes): changing it always changes what is signed.
    const middle = Math.floor(payload!.length / 2)
    const swapped = payload![middle] === 'A' ? 'B' : 'A'
    const altered = `booking_draft=${payload!.slice(0, middle)}${swapped}${payload!.slice(middle + 1)}.${signature}`
    expect(readDraft(requestWith(altered), JOURNEY)).toBeNull()
    expect(readDraft(requestWith('booking_draft=garbage'), JOURNEY)).toBeNull()
  })

  test('gets a nonce when it starts and keeps it when the details are changed', () => {
    const first = saveDraft(firstVisit, { journey: JOURNEY, fields: { firstName: 'Jeanne' } })
    const nonce = readDraft(requestWith(first), JOURNEY)?.nonce
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/)
    const changed = saveDraft(requestWith(first), { journey: JOURNEY, fields: { firstName: 'Jo' } })
    expect(readDraft(requestWith(changed), JOURNEY)).toEqual({
      journey: JOURNEY,
      fields: { firstName: 'Jo' },
      nonce,
    })
    const other = saveDraft(firstVisit, { journey: JOURNEY, fields: { firstName: 'Jeanne' } })
    expect(readDraft(requestWith(other), JOURNEY)?.nonce).not.toBe(nonce)
  })

  test('is cleared once booked', () => {
    expect(clearDraft()).toMatch(/^booking_draft=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/)
  })
})
