import twilio from 'twilio'
import type { Db } from '~/platform/database/client.server'
import { config } from '~/platform/config/config.server'
import {
  renderSms,
  spokenAnswer,
  voiceOf,
  type OfferAnswer,
} from '~/domain/notifications/templates'
import { acceptEarlierSlot } from '~/features/alerts/index.server'
import { acceptOffer } from '~/features/workshops/index.server'
import { alertPath, registrationPath } from '~/features/workshops/paths'
import { EARLIER_SLOT_PREFIX } from './earlier-slot-outbox.server'
import { SEAT_OFFER_PREFIX } from './workshop-outbox.server'
import { sentTo } from './outbox.server'
import { managePath, sayOptions, subjectUrl, type RenderContext } from './render.server'

// Answers to an offer (decision 081): "OUI" by SMS, or 1 on the keypad during the offer's
// call, takes the seat held for a waiting-list place or the earlier slot of an alert. The
// taking itself belongs to the workshops and alerts features (their transactions, locks and
// outbox rows). A reply concerns only what was sent to that number from the number it
// answers, as ANNULER does (decision 042).

const OFFER_ROW = {
  language: true,
  waitlistEntryId: true,
  earlierSlotRequestId: true,
  waitlistEntry: { select: { status: true, heldSeatId: true, holdUntil: true } },
  earlierSlotRequest: { select: { status: true } },
} as const

type OfferRow = {
  language: string
  waitlistEntryId: string | null
  earlierSlotRequestId: string | null
  waitlistEntry: { status: string; heldSeatId: string | null; holdUntil: Date | null } | null
  earlierSlotRequest: { status: string } | null
}

/** Whether the offer of this row can still be taken. */
function stands(row: OfferRow, now: Date): boolean {
  const entry = row.waitlistEntry
  if (entry)
    return (
      entry.status === 'OFFERED' &&
      entry.heldSeatId !== null &&
      (entry.holdUntil === null || entry.holdUntil > now)
    )
  return row.earlierSlotRequest?.status === 'ACTIVE'
}

const localeOf = (language: string) => (language === 'en' ? 'en' : 'fr')

/**
 * An "OUI": the latest offer sent to `from` from `to` that still stands is taken; with
 * none, the latest offer says why it is over. Null (no reply) when nothing was ever sent
 * to that number from this one.
 */
export async function acceptByReply(
  db: Db,
  from: string,
  to: string,
  now: Date,
): Promise<string | null> {
  const sentToFrom = sentTo(from, to)
  const offers = await db.notification.findMany({
    where: {
      AND: [
        sentToFrom,
        {
          OR: [
            { kind: { startsWith: SEAT_OFFER_PREFIX } },
            { kind: { startsWith: EARLIER_SLOT_PREFIX } },
          ],
        },
      ],
    },
    orderBy: [{ sentAt: 'desc' }, { createdAt: 'desc' }],
    take: 20,
    select: OFFER_ROW,
  })
  const chosen = offers.find((row) => stands(row, now)) ?? offers[0]
  if (!chosen) {
    const latest = await db.notification.findFirst({
      where: sentToFrom,
      orderBy: { createdAt: 'desc' },
      select: { language: true },
    })
    if (!latest) return null
    const answer: OfferAnswer = { outcome: 'NOTHING' }
    return renderSms({ event: 'OFFER_ANSWER', locale: localeOf(latest.language), answer })
  }
  const answer = await answerOffer(db, chosen, now)
  return renderSms({ event: 'OFFER_ANSWER', locale: localeOf(chosen.language), answer })
}

/**
 * The key pressed during an offer's call: 1 takes it. The row is found by the notification
 * id of the Gather URL and must match the CallSid.
 */
export async function handleOfferKeypad(
  db: Db,
  notificationId: string,
  params: Record<string, string>,
  now: Date,
): Promise<string> {
  const voice = new twilio.twiml.VoiceResponse()
  const row = await db.notification.findUnique({
    where: { id: notificationId },
    select: { ...OFFER_ROW, providerMessageId: true },
  })
  const offer =
    row?.providerMessageId === params.CallSid && (row.waitlistEntryId || row.earlierSlotRequestId)
  if (!row || !offer) {
    voice.hangup()
    return voice.toString()
  }
  const locale = localeOf(row.language)
  const speaking = voiceOf(locale)
  const say = (text: string) => voice.say(sayOptions(speaking), text)
  if (params.Digits === '1') say(spokenAnswer(await answerOffer(db, row, now), locale))
  say(speaking.goodbye)
  return voice.toString()
}

const linkContext = (): RenderContext => ({
  publicUrl: config().publicUrl,
  secret: config().sessionSecret,
})

/** Takes the offer of this row, and says what became of it. */
async function answerOffer(db: Db, row: OfferRow, now: Date): Promise<OfferAnswer> {
  // Taking what was already taken (the link, then OUI; a webhook delivered again) answers
  // the same: the seat or the time it gave.
  if (row.waitlistEntryId) {
    const taken = await acceptOffer(db, row.waitlistEntryId, now, config().sessionSecret)
    if (!taken.ok) return { outcome: taken.reason }
    return seatTaken(db, taken.registrationId)
  }
  if (!row.earlierSlotRequestId) return { outcome: 'GONE' }
  const taken = await acceptEarlierSlot(db, row.earlierSlotRequestId, now)
  if (taken.ok) return slotTaken(db, taken.appointmentId)
  if (taken.reason === 'GONE') return { outcome: 'GONE' }
  return slotGone(db, row.earlierSlotRequestId)
}

async function seatTaken(db: Db, registrationId: string): Promise<OfferAnswer> {
  const registration = await db.workshopRegistration.findUniqueOrThrow({
    where: { id: registrationId },
    select: {
      id: true,
      manageTokenHash: true,
      organisation: { select: { slug: true, timeZone: true } },
      session: {
        select: {
          startsAt: true,
          topic: { select: { name: true } },
          site: { select: { timeZone: true } },
        },
      },
    },
  })
  const { organisation, session } = registration
  return {
    outcome: 'SEAT_TAKEN',
    topicName: session.topic.name,
    startsAt: session.startsAt,
    zone: session.site.timeZone ?? organisation.timeZone,
    link: subjectUrl(
      { ...registration, organisationSlug: organisation.slug },
      registrationPath,
      linkContext(),
    ),
  }
}

async function slotTaken(db: Db, appointmentId: string): Promise<OfferAnswer> {
  const appointment = await db.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    select: {
      id: true,
      startsAt: true,
      manageTokenHash: true,
      organisation: { select: { slug: true, timeZone: true } },
      site: { select: { timeZone: true } },
    },
  })
  const { organisation } = appointment
  return {
    outcome: 'SLOT_TAKEN',
    startsAt: appointment.startsAt,
    zone: appointment.site?.timeZone ?? organisation.timeZone,
    link: subjectUrl(
      { ...appointment, organisationSlug: organisation.slug },
      managePath,
      linkContext(),
    ),
  }
}

/** Someone took the slot first: the alert's page lists the next earlier ones. */
async function slotGone(db: Db, requestId: string): Promise<OfferAnswer> {
  const request = await db.earlierSlotRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { id: true, manageTokenHash: true, organisation: { select: { slug: true } } },
  })
  return {
    outcome: 'SLOT_GONE',
    link: subjectUrl(
      { ...request, organisationSlug: request.organisation.slug },
      alertPath,
      linkContext(),
    ),
  }
}
