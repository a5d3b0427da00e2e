import { z } from 'zod'
import { nameSearchKey, normaliseEmail, normaliseName } from '~/domain/residents/identity'
import { normalisePhone } from '~/domain/residents/phone'
import { NOTE_MAX_LENGTH } from './limits'

// The contact step of the booking journey. Messages are i18n keys under `form.errors`.
const FIELD_MAX = 254

const text = (max = FIELD_MAX) =>
  z
    .string()
    .max(max, 'tooLong')
    .optional()
    .transform((value) => value?.trim() ?? '')

export const contactFields = z.object({
  firstName: text(),
  lastName: text(),
  phone: text(40),
  email: text(),
  forSomeoneElse: z.literal('on').optional(),
  helperName: text(),
  helperPhone: text(40),
  helperEmail: text(),
  // Who receives the confirmation and reminders when a helper books: them or the resident.
  messagesTo: z.enum(['resident', 'helper']).optional(),
  note: text(NOTE_MAX_LENGTH),
  consent: z.literal('on').optional(),
  // A field people never see: only robots fill it.
  website: text(),
})
export type ContactFields = z.infer<typeof contactFields>

type Options = { mode: 'IN_PERSON' | 'PHONE'; allowedRegions: readonly string[] }

/** The contact step's schema: checks every rule and yields the normalised contact. */
export function contactSchema({ mode, allowedRegions }: Options) {
  return contactFields.transform((fields, context) => {
    let problems = 0
    const fail = (path: keyof ContactFields, message: string) => {
      problems += 1
      context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })
    }
    if (fields.website) fail('website', 'robot')
    const firstName = checked(normaliseName(fields.firstName), 'firstName', fail)
    const lastName = checked(normaliseName(fields.lastName), 'lastName', fail)
    const phone = fields.phone
      ? checked(normalisePhone(fields.phone, allowedRegions), 'phone', fail)
      : null
    const email = fields.email ? checked(normaliseEmail(fields.email), 'email', fail) : null
    if (!fields.phone && mode === 'PHONE') fail('phone', 'PHONE_REQUIRED_FOR_CALL')
    else if (!fields.phone && !fields.email) fail('phone', 'CONTACT_REQUIRED')
    const helper = fields.forSomeoneElse ? helperContact(fields, allowedRegions, fail) : null
    if (problems > 0 || !firstName || !lastName) return z.NEVER
    return {
      resident: {
        firstName: firstName.name,
        lastName: lastName.name,
        searchKey: nameSearchKey(firstName.name, lastName.name),
        phoneE164: phone?.phone.e164 ?? null,
        phoneType: phone?.phone.type ?? null,
        email: email?.email ?? null,
        consent: fields.consent === 'on',
      },
      helper,
      note: fields.note || null,
    }
  })
}

type Fail = (path: keyof ContactFields, message: string) => void

/** The value of a normaliser's success, or null after reporting its problem on the field. */
function checked<R extends { ok: boolean }>(result: R, path: keyof ContactFields, fail: Fail) {
  if (result.ok) return result as Extract<R, { ok: true }>
  fail(path, (result as unknown as { problem: string }).problem)
  return null
}

function helperContact(fields: ContactFields, allowedRegions: readonly string[], fail: Fail) {
  const name = checked(normaliseName(fields.helperName), 'helperName', fail)
  const phone = fields.helperPhone
    ? checked(normalisePhone(fields.helperPhone, allowedRegions), 'helperPhone', fail)
    : null
  const email = fields.helperEmail
    ? checked(normaliseEmail(fields.helperEmail), 'helperEmail', fail)
    : null
  if (!fields.helperPhone && !fields.helperEmail) fail('helperPhone', 'CONTACT_REQUIRED')
  if (!name) return null
  return {
    name: name.name,
    phoneE164: phone?.phone.e164 ?? null,
    email: email?.email ?? null,
    receivesMessages: fields.messagesTo === 'helper',
  }
}
