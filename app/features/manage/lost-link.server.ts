import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import {
  contactKeyOf,
  parseLostLinkContact,
  type LostLinkContact,
} from '~/domain/booking/lost-link'
import type { FormReply } from '~/domain/input/problems'
import { EMAIL_MAX_LENGTH } from '~/domain/residents/identity'
import { writeLinksAgain } from '~/features/notifications/index.server'
import { db } from '~/platform/database/client.server'
import { requiredText } from '~/platform/form-fields.server'
import { formReply, parseForm } from '~/platform/forms.server'
import { consume, type Limit } from '~/platform/rate-limit.server'

// "J'ai perdu mon lien" (/<organisation>/lien-perdu, decision 092): the links of the
// upcoming appointments and registrations whose messages reach the contact typed, sent
// again to it. The answer never tells whether anything matched: the same page, the same
// status, and never sooner than ANSWER_AFTER_MS, so its time does not tell either.

/** Longer than the matching and writing take, so every answer leaves at the same time. */
export const ANSWER_AFTER_MS = 800
/** At most this many links per request: a person has a few upcoming appointments. */
const MAX_LINKS = 10

export const LOST_LINK_LIMITS = {
  perAddress: { name: 'lost-link-ip', points: 10, seconds: 3600 },
  perContact: { name: 'lost-link-contact', points: 3, seconds: 86_400 },
} satisfies Record<string, Limit>

export const lostLinkSchema = z.object({
  contact: requiredText(EMAIL_MAX_LENGTH),
})

export type LostLinkOutcome =
  | { kind: 'NOT_FOUND' }
  | { kind: 'INVALID'; reply: FormReply }
  | { kind: 'TOO_MANY'; limit: 'ADDRESS' | 'CONTACT'; reply: FormReply }
  | { kind: 'SENT'; landline: boolean }

/** The organisation the page belongs to: what its page shows. */
export function lostLinkOrganisation(slug: string) {
  return db().organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, phone: true, allowedPhoneRegions: true },
  })
}

type LostLinkRequest = {
  organisationSlug: string
  form: FormData
  clientAddress: string
  /** The page's language: the messages are written in it. */
  language: 'fr' | 'en'
}

export async function sendLinksAgain(input: LostLinkRequest): Promise<LostLinkOutcome> {
  const answerAt = Date.now() + ANSWER_AFTER_MS
  const outcome = await decide(input)
  await sleep(Math.max(0, answerAt - Date.now()))
  return outcome
}

async function decide(input: LostLinkRequest): Promise<LostLinkOutcome> {
  const organisation = await lostLinkOrganisation(input.organisationSlug)
  if (!organisation) return { kind: 'NOT_FOUND' }
  const parsed = parseForm(input.form, lostLinkSchema)
  if (!parsed.ok) return { kind: 'INVALID', reply: parsed.reply }
  const found = parseLostLinkContact(
    parsed.value.contact,
    organisation.allowedPhoneRegions.split(','),
  )
  if (!found)
    return { kind: 'INVALID', reply: formReply(parsed.values, { contact: { code: 'INVALID' } }) }
  if (!(await consume(LOST_LINK_LIMITS.perAddress, input.clientAddress)))
    return { kind: 'TOO_MANY', limit: 'ADDRESS', reply: formReply(parsed.values) }
  if (!(await consume(LOST_LINK_LIMITS.perContact, `${organisation.id}:${contactKeyOf(found)}`)))
    return { kind: 'TOO_MANY', limit: 'CONTACT', reply: formReply(parsed.values) }
  // A landline cannot receive a link (a call could only read it out): nothing is sent.
  if (found.kind === 'PHONE' && found.type === 'FIXED') return { kind: 'SENT', landline: true }
  await queueLinks(organisation.id, found, input.language, new Date())
  return { kind: 'SENT', landline: false }
}

/**
 * The rows, in one transaction: what is upcoming and reaches this contact, as the
 * resident's own contact or as the helper's who booked and gave it.
 */
async function queueLinks(
  organisationId: string,
  contact: LostLinkContact,
  language: 'fr' | 'en',
  now: Date,
) {
  const reaches =
    contact.kind === 'EMAIL'
      ? [{ resident: { email: contact.email } }, { helperEmail: contact.email }]
      : // A number that answered STOP gets no SMS from here either.
        [
          { resident: { phoneE164: contact.e164, smsOptedOut: false } },
          { helperPhoneE164: contact.e164 },
        ]
  await db().$transaction(async (tx) => {
    const [appointments, registrations] = await Promise.all([
      tx.appointment.findMany({
        where: { organisationId, status: 'BOOKED', startsAt: { gt: now }, OR: reaches },
        orderBy: { startsAt: 'asc' },
        take: MAX_LINKS,
        select: { id: true },
      }),
      tx.workshopRegistration.findMany({
        where: {
          organisationId,
          status: 'REGISTERED',
          companionOfId: null,
          session: { status: 'SCHEDULED', startsAt: { gt: now } },
          OR: reaches,
        },
        orderBy: { session: { startsAt: 'asc' } },
        take: MAX_LINKS,
        select: { id: true },
      }),
    ])
    await writeLinksAgain(tx, {
      organisationId,
      appointmentIds: appointments.map((row) => row.id),
      registrationIds: registrations.map((row) => row.id),
      channel: contact.kind === 'EMAIL' ? 'EMAIL' : 'SMS',
      recipient: contact.kind === 'EMAIL' ? contact.email : contact.e164,
      language,
      now,
    })
  })
}
