import {
  chooseChannel,
  endOfQuietHours,
  planReminders,
  serviceMessageSkip,
  type MessagePurpose,
} from '~/domain/notifications/policy'
import type { Db } from '~/platform/database/client.server'
import {
  MESSAGE_TARGET,
  REMINDER_PREFIX,
  STAFF_CHANNELS,
  messageContactOf,
  notBeforeMorning,
  recipientFor,
  reminderSettingsOf,
} from './outbox.server'

// Outbox rows about workshop seats (decision 080): a registration's confirmation,
// reminders and cancellation, and the offer of a freed seat to someone waiting. Written in
// the caller's transaction, with the same channel policy as appointments; the dispatcher
// sends them.

export const WORKSHOP_KIND = {
  CONFIRMATION: 'WORKSHOP_CONFIRMATION',
  CANCELLED_BY_RESIDENT: 'WORKSHOP_CANCELLED_BY_RESIDENT',
  CANCELLED_BY_SERVICE: 'WORKSHOP_CANCELLED_BY_SERVICE',
  CHANGED: 'WORKSHOP_CHANGED',
  // The confirmation sent again to who lost its link (decision 092).
  LINK_AGAIN: 'WORKSHOP_LINK_AGAIN',
} as const
export const WORKSHOP_REMINDER_PREFIX = `WORKSHOP_${REMINDER_PREFIX}`
/** `SEAT_OFFER:<n>`: the n-th offer made to one waiting-list entry, written once. */
export const SEAT_OFFER_PREFIX = 'SEAT_OFFER:'
export const SEAT_OFFER_EXPIRED_PREFIX = 'SEAT_OFFER_EXPIRED:'

export type WorkshopTx = Pick<
  Db,
  'notification' | 'workshopRegistration' | 'waitlistEntry' | 'workshopSession'
>

const PLACE = {
  startsAt: true,
  site: { select: { timeZone: true } },
  organisation: {
    select: { timeZone: true, reminderOffsets: true, quietHoursStart: true, quietHoursEnd: true },
  },
} as const

const TARGET = {
  ...MESSAGE_TARGET,
  resident: { select: { ...MESSAGE_TARGET.resident.select, preferredLanguage: true } },
} as const

function registrationFacts(tx: WorkshopTx, registrationId: string) {
  return tx.workshopRegistration.findUniqueOrThrow({
    where: { id: registrationId },
    select: {
      id: true,
      organisationId: true,
      createdVia: true,
      companionOfId: true,
      ...TARGET,
      session: { select: PLACE },
    },
  })
}

type RegistrationFacts = Awaited<ReturnType<typeof registrationFacts>>
type Target = Pick<RegistrationFacts, 'messagesTo' | 'helperPhoneE164' | 'helperEmail' | 'resident'>

const languageOf = (target: Target) => (target.resident.preferredLanguage === 'en' ? 'en' : 'fr')

/** The channel and address this target is reached at for this purpose, or null. */
function addressOf(target: Target, purpose: MessagePurpose) {
  const contact = messageContactOf(target)
  const channel = chooseChannel(contact, [], purpose)
  const recipient = channel && recipientFor(channel, contact)
  return channel && recipient ? { channel, recipient } : null
}

type RegistrationRow = {
  organisationId: string
  registrationId: string
  kind: string
  channel: 'SMS' | 'VOICE' | 'EMAIL'
  recipient: string
  language: string
  dueAt: Date
  status?: 'PENDING' | 'SKIPPED'
  lastError?: string | null
}

/** Statuses of a message that went out, or is going: it is never planned again. */
const WENT_OUT = ['SENDING', 'SENT', 'DELIVERED', 'FAILED']

/**
 * Writes one message of a registration. Its kind is unique per registration, so a session
 * that moves plans its messages again in the rows of the earlier plan (decision 082): an
 * unsent reminder gets its new time; one already sent is not sent again; "the session
 * changed" (`again`) goes again after each change.
 */
export async function putRegistrationRow(
  tx: Pick<Db, 'notification'>,
  row: RegistrationRow,
  again = false,
) {
  const existing = await tx.notification.findUnique({
    where: { registrationId_kind: { registrationId: row.registrationId, kind: row.kind } },
    select: { id: true, status: true },
  })
  if (!existing) {
    await tx.notification.create({ data: row })
    return
  }
  if (!again && WENT_OUT.includes(existing.status)) return
  await tx.notification.update({
    where: { id: existing.id },
    data: {
      channel: row.channel,
      recipient: row.recipient,
      language: row.language,
      dueAt: row.dueAt,
      status: row.status ?? 'PENDING',
      lastError: row.lastError ?? null,
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      sentAt: null,
      providerMessageId: null,
    },
  })
}

async function writeRegistrationMessage(
  tx: WorkshopTx,
  facts: RegistrationFacts,
  kind: string,
  now: Date,
) {
  // A companion's seat is told about in the messages of the person who brought them.
  if (facts.companionOfId) return
  const address = addressOf(facts, 'SERVICE')
  if (!address) return
  const settings = reminderSettingsOf(facts.session)
  const dueAt = notBeforeMorning(now, address.channel, settings.zone, settings.quietHours)
  const skip =
    kind === WORKSHOP_KIND.CONFIRMATION
      ? serviceMessageSkip({
          kind: 'CONFIRMATION',
          bookedByStaff: STAFF_CHANNELS.includes(facts.createdVia),
          startsAt: facts.session.startsAt,
          dueAt,
          now,
          minLeadMinutes: settings.minLeadMinutes,
        })
      : null
  await putRegistrationRow(
    tx,
    {
      organisationId: facts.organisationId,
      registrationId: facts.id,
      kind,
      ...address,
      language: languageOf(facts),
      dueAt,
      ...(skip ? { status: 'SKIPPED' as const, lastError: `skipped at planning: ${skip}` } : {}),
    },
    kind === WORKSHOP_KIND.CHANGED,
  )
}

async function writeRegistrationReminders(tx: WorkshopTx, facts: RegistrationFacts, now: Date) {
  if (facts.companionOfId) return
  const address = addressOf(facts, 'REMINDER')
  if (!address) return
  const plan = planReminders(
    { startsAt: facts.session.startsAt },
    reminderSettingsOf(facts.session),
    now,
  )
  const rows = [
    ...plan.reminders.map((reminder) => ({ reminder, status: 'PENDING' as const, why: null })),
    ...plan.skipped.map((reminder) => ({
      reminder,
      status: 'SKIPPED' as const,
      why: `skipped at planning: ${reminder.reason}`,
    })),
  ]
  for (const { reminder, status, why } of rows) {
    await putRegistrationRow(tx, {
      organisationId: facts.organisationId,
      registrationId: facts.id,
      kind: `${WORKSHOP_REMINDER_PREFIX}${reminder.key}`,
      ...address,
      language: languageOf(facts),
      status,
      dueAt: reminder.dueAt,
      lastError: why,
    })
  }
}

async function cancelPendingOfRegistration(tx: WorkshopTx, registrationId: string, why: string) {
  await tx.notification.updateMany({
    where: { registrationId, status: 'PENDING' },
    data: { status: 'CANCELLED', lastError: why, leaseOwner: null, leaseUntil: null },
  })
}

/**
 * At registration: the confirmation now and the reminders the policy plans. A series joined
 * whole is confirmed once, by its first session's row.
 */
export async function notifyRegistered(
  tx: WorkshopTx,
  registrationId: string,
  now: Date,
  { confirm = true } = {},
) {
  const facts = await registrationFacts(tx, registrationId)
  if (confirm) await writeRegistrationMessage(tx, facts, WORKSHOP_KIND.CONFIRMATION, now)
  await writeRegistrationReminders(tx, facts, now)
}

/** The seat was given back: no reminder left, the person told. */
export async function notifyRegistrationCancelled(
  tx: WorkshopTx,
  registrationId: string,
  by: 'RESIDENT' | 'SERVICE',
  now: Date,
) {
  await cancelPendingOfRegistration(tx, registrationId, `seat given back by ${by.toLowerCase()}`)
  const facts = await registrationFacts(tx, registrationId)
  const kind =
    by === 'RESIDENT' ? WORKSHOP_KIND.CANCELLED_BY_RESIDENT : WORKSHOP_KIND.CANCELLED_BY_SERVICE
  await writeRegistrationMessage(tx, facts, kind, now)
}

/**
 * The session is being cancelled: every participant still registered told in their
 * channel. Call it before the registrations are marked cancelled (it finds them by status).
 */
export async function notifySessionCancelled(tx: WorkshopTx, sessionId: string, now: Date) {
  const registrations = await tx.workshopRegistration.findMany({
    where: { sessionId, status: 'REGISTERED', companionOfId: null },
    select: { id: true },
  })
  for (const { id } of registrations) await notifyRegistrationCancelled(tx, id, 'SERVICE', now)
}

/** The session moved (time or site): the new plan of reminders, and a message saying so. */
export async function notifySessionChanged(tx: WorkshopTx, sessionId: string, now: Date) {
  const registrations = await tx.workshopRegistration.findMany({
    where: { sessionId, status: 'REGISTERED', companionOfId: null },
    select: { id: true },
  })
  for (const { id } of registrations) {
    await cancelPendingOfRegistration(tx, id, 'session changed')
    const facts = await registrationFacts(tx, id)
    await writeRegistrationMessage(tx, facts, WORKSHOP_KIND.CHANGED, now)
    await writeRegistrationReminders(tx, facts, now)
  }
}

function entryFacts(tx: WorkshopTx, entryId: string) {
  return tx.waitlistEntry.findUniqueOrThrow({
    where: { id: entryId },
    select: {
      id: true,
      organisationId: true,
      offerCount: true,
      ...TARGET,
      session: { select: PLACE },
    },
  })
}

/**
 * The offer of the seat just held for this entry. It never goes during quiet hours, on
 * any channel: it asks for an answer, and its hold starts only when it is sent (the
 * dispatcher sets holdUntil then). Returns false when the entry cannot be reached at all.
 */
export async function writeSeatOffer(tx: WorkshopTx, entryId: string, now: Date) {
  const facts = await entryFacts(tx, entryId)
  const address = addressOf(facts, 'SERVICE')
  if (!address) return false
  const { zone, quietHours } = reminderSettingsOf(facts.session)
  await tx.notification.create({
    data: {
      organisationId: facts.organisationId,
      waitlistEntryId: facts.id,
      kind: `${SEAT_OFFER_PREFIX}${facts.offerCount}`,
      ...address,
      language: languageOf(facts),
      dueAt: endOfQuietHours(now, zone, quietHours),
    },
  })
  return true
}

/** The hold ran out unanswered: the person is told the seat went to the next one. */
export async function writeOfferExpired(tx: WorkshopTx, entryId: string, now: Date) {
  const facts = await entryFacts(tx, entryId)
  const address = addressOf(facts, 'SERVICE')
  if (!address) return
  const { zone, quietHours } = reminderSettingsOf(facts.session)
  await tx.notification.create({
    data: {
      organisationId: facts.organisationId,
      waitlistEntryId: facts.id,
      kind: `${SEAT_OFFER_EXPIRED_PREFIX}${facts.offerCount}`,
      ...address,
      language: languageOf(facts),
      dueAt: endOfQuietHours(now, zone, quietHours),
    },
  })
}
