import { normaliseEmail } from '~/domain/residents/identity'
import { normalisePhone } from '~/domain/residents/phone'

// What the "J'ai perdu mon lien" page reads of what a person typed: an email (it has an
// @) or a phone number, in the forms the booking accepted, normalised as stored.

export type LostLinkContact =
  { kind: 'EMAIL'; email: string } | { kind: 'PHONE'; e164: string; type: 'MOBILE' | 'FIXED' }

export function parseLostLinkContact(
  raw: string,
  allowedRegions: readonly string[],
): LostLinkContact | null {
  if (raw.includes('@')) {
    const email = normaliseEmail(raw)
    return email.ok ? { kind: 'EMAIL', email: email.email } : null
  }
  const phone = normalisePhone(raw, allowedRegions)
  return phone.ok ? { kind: 'PHONE', e164: phone.phone.e164, type: phone.phone.type } : null
}

/** The key a contact's requests are counted under: one per number or address. */
export const contactKeyOf = (contact: LostLinkContact) =>
  contact.kind === 'EMAIL' ? contact.email : contact.e164
