import { z, type RefinementCtx } from 'zod'
import { NOTE_MAX_LENGTH } from '~/domain/booking/limits'
import type { ProblemCode } from '~/domain/input/problems'
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  nameSearchKey,
  normaliseEmail,
  normaliseName,
} from '~/domain/residents/identity'
import { normalisePhone, PHONE_INPUT_MAX_LENGTH } from '~/domain/residents/phone'
import { checkbox, fieldProblems, plainText } from '~/platform/form-fields.server'

// The contact step of the booking journey (and the residents' contact details in the
// workspace). Every field is optional to zod so that the domain's normalisers report all
// the problems of one submission at once.

export const contactFields = z.object({
  firstName: plainText(NAME_MAX_LENGTH),
  lastName: plainText(NAME_MAX_LENGTH),
  phone: plainText(PHONE_INPUT_MAX_LENGTH),
  email: plainText(EMAIL_MAX_LENGTH),
  // The "someone else" block: filled in, it makes the booking a helper's (decision 025).
  helperName: plainText(NAME_MAX_LENGTH),
  helperPhone: plainText(PHONE_INPUT_MAX_LENGTH),
  helperEmail: plainText(EMAIL_MAX_LENGTH),
  // Who receives the confirmation and reminders when a helper books: them or the resident.
  messagesTo: z.enum(['resident', 'helper']).optional(),
  note: plainText(NOTE_MAX_LENGTH),
  consent: checkbox(),
  // A field people never see: only robots fill it.
  website: z.string().optional(),
})
type ContactFields = z.infer<typeof contactFields>

type Options = { mode: 'IN_PERSON' | 'PHONE'; allowedRegions: readonly string[] }

/** The contact schema of one step of the journey: its mode and its organisation's regions. */
export function contactStepSchema(step: {
  mode: Options['mode']
  organisation: { allowedPhoneRegions: string }
}) {
  return contactSchema({
    mode: step.mode,
    allowedRegions: step.organisation.allowedPhoneRegions.split(','),
  })
}

/** The contact step's schema: checks every rule and yields the normalised contact. */
export function contactSchema({ mode, allowedRegions }: Options) {
  return contactFields.transform((fields, context) => {
    const fail = failures(context)
    if (fields.website) fail.on('website', 'ROBOT')
    const firstName = fail.unless(normaliseName(fields.firstName), 'firstName')
    const lastName = fail.unless(normaliseName(fields.lastName), 'lastName')
    const phone = fields.phone
      ? fail.unless(normalisePhone(fields.phone, allowedRegions), 'phone')
      : null
    const email = fields.email ? fail.unless(normaliseEmail(fields.email), 'email') : null
    if (!fields.phone && mode === 'PHONE') fail.on('phone', 'PHONE_REQUIRED_FOR_CALL')
    else if (!fields.phone && !fields.email) fail.on('phone', 'CONTACT_REQUIRED')
    const helper = isForSomeoneElse(fields) ? helperContact(fields, allowedRegions, fail) : null
    if (fail.any() || !firstName || !lastName) return z.NEVER
    return {
      resident: {
        firstName: firstName.name,
        lastName: lastName.name,
        searchKey: nameSearchKey(firstName.name, lastName.name),
        phoneE164: phone?.phone.e164 ?? null,
        phoneType: phone?.phone.type ?? null,
        email: email?.email ?? null,
        consent: fields.consent,
      },
      helper,
      note: fields.note || null,
    }
  })
}

type Field = keyof ContactFields

/** The problems of one submission, with the normalisers' own reported on their fields. */
function failures(context: RefinementCtx) {
  const problems = fieldProblems(context)
  return {
    on: (field: Field, code: ProblemCode) => problems.add(code, field),
    any: problems.any,
    /** A normaliser's success, or null after reporting its problem on the field. */
    unless<R extends { ok: true } | { ok: false; problem: ProblemCode }>(result: R, field: Field) {
      if (result.ok) return result as Extract<R, { ok: true }>
      problems.add((result as Extract<R, { ok: false }>).problem, field)
      return null
    },
  }
}

/**
 * Whether the form books for someone else: any of the helper's fields typed in, or the
 * messages sent to the helper. What a helper gave is never dropped in silence: it is
 * booked with, or refused with a message on the field that is missing.
 */
function isForSomeoneElse(
  fields: Pick<ContactFields, 'helperName' | 'helperPhone' | 'helperEmail' | 'messagesTo'>,
): boolean {
  return Boolean(
    fields.helperName || fields.helperPhone || fields.helperEmail || fields.messagesTo === 'helper',
  )
}

function helperContact(
  fields: ContactFields,
  allowedRegions: readonly string[],
  fail: ReturnType<typeof failures>,
) {
  const name = fail.unless(normaliseName(fields.helperName), 'helperName')
  const phone = fields.helperPhone
    ? fail.unless(normalisePhone(fields.helperPhone, allowedRegions), 'helperPhone')
    : null
  const email = fields.helperEmail
    ? fail.unless(normaliseEmail(fields.helperEmail), 'helperEmail')
    : null
  if (!fields.helperPhone && !fields.helperEmail) fail.on('helperPhone', 'CONTACT_REQUIRED')
  if (!name) return null
  return {
    name: name.name,
    phoneE164: phone?.phone.e164 ?? null,
    email: email?.email ?? null,
    receivesMessages: fields.messagesTo === 'helper',
  }
}
