import {
  chooseChannel,
  DEFAULT_MIN_LEAD_MINUTES,
  endOfQuietHours,
  parseReminderOffsets,
  planReminders,
  serviceMessageSkip,
  DEFAULT_REMINDER_OFFSETS,
  type Channel,
  type MessageContact,
  type MessagePurpose,
  type QuietHours,
  type ReminderSettings,
} from '~/domain/notifications/policy'
import { DEFAULT_PHONE_REGIONS, normalisePhone } from '~/domain/residents/phone'
import { localDateOf, startOfLocalDay } from '~/domain/time/format'
import { smsSender } from '~/domain/notifications/sender'
import { config } from '~/platform/config/config.server'
import { smsSenderOfServer } from './providers/configured.server'
import type { Db } from '~/platform/database/client.server'

// The outbox: every message is a Notification row written in the same transaction as the
// change it tells about (docs/decisions/040-notification-outbox.md). Callers pass their
// transaction client; nothing here opens a transaction of its own.

/** Kinds of rows. Reminders are `REMINDER:<policy key>` so each is recorded once. */
export const KIND = {
  CONFIRMATION: 'CONFIRMATION',
  MOVED: 'MOVED',
  CANCELLED_BY_RESIDENT: 'CANCELLED_BY_RESIDENT',
  CANCELLED_BY_SERVICE: 'CANCELLED_BY_SERVICE',
  ADVISOR_NOTICE: 'ADVISOR_NOTICE',
  // The confirmation sent again to who lost its link (decision 092).
  LINK_AGAIN: 'LINK_AGAIN',
} as const
export const REMINDER_PREFIX = 'REMINDER:'
export const isReminderKind = (kind: string) => kind.startsWith(REMINDER_PREFIX)

/** A transaction client (or the client itself): the rows commit with the caller's change. */
export type Tx = Pick<Db, 'notification' | 'appointment'>

type AppointmentFacts = NonNullable<Awaited<ReturnType<typeof loadFacts>>>

function loadFacts(tx: Tx, appointmentId: string) {
  return tx.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      id: true,
      organisationId: true,
      startsAt: true,
      status: true,
      createdVia: true,
      ...MESSAGE_TARGET,
      resident: { select: { ...MESSAGE_TARGET.resident.select, preferredLanguage: true } },
      advisor: { select: { email: true } },
      site: { select: { timeZone: true } },
      organisation: {
        select: {
          timeZone: true,
          reminderOffsets: true,
          quietHoursStart: true,
          quietHoursEnd: true,
        },
      },
    },
  })
}

/** How a stored resident can be reached: what the outbox picks a channel from. */
export type ResidentChannels = {
  phoneE164: string | null
  phoneType: 'MOBILE' | 'FIXED' | null
  email: string | null
  smsOptedOut: boolean
  notificationConsent: boolean
}

function contactOf(resident: ResidentChannels): MessageContact {
  return {
    phoneE164: resident.phoneE164,
    phoneType: resident.phoneType,
    email: resident.email,
    smsOptedOut: resident.smsOptedOut,
    consent: resident.notificationConsent,
  }
}

/** The columns of an appointment that say whom its messages reach (a MessageTarget). */
export const MESSAGE_TARGET = {
  messagesTo: true,
  helperPhoneE164: true,
  helperEmail: true,
  resident: {
    select: {
      phoneE164: true,
      phoneType: true,
      email: true,
      smsOptedOut: true,
      notificationConsent: true,
    },
  },
} as const

/** What an appointment says about whom its messages reach. */
export type MessageTarget = {
  messagesTo: 'RESIDENT' | 'HELPER'
  helperPhoneE164: string | null
  helperEmail: string | null
  resident: ResidentChannels
}

/**
 * The resident, or the helper who booked for them and chose to receive the messages (they
 * asked for them: consent is theirs; a STOP from their number is kept by Twilio, whose
 * refusal then moves the message to their next channel).
 */
export function messageContactOf(target: MessageTarget): MessageContact {
  if (target.messagesTo !== 'HELPER') return contactOf(target.resident)
  const phone = target.helperPhoneE164
    ? normalisePhone(target.helperPhoneE164, DEFAULT_PHONE_REGIONS)
    : null
  return {
    phoneE164: phone?.ok ? phone.phone.e164 : null,
    phoneType: phone?.ok ? phone.phone.type : null,
    email: target.helperEmail,
    smsOptedOut: false,
    consent: true,
  }
}

/** Where a channel reaches this contact. */
export function recipientFor(channel: Channel, contact: MessageContact): string | null {
  return channel === 'EMAIL' ? (contact.email ?? null) : (contact.phoneE164 ?? null)
}

/** Where a message's subject takes place and whose settings apply. */
export type SettingsFacts = {
  site: { timeZone: string | null } | null
  organisation: {
    timeZone: string
    reminderOffsets: string
    quietHoursStart: string
    quietHoursEnd: string
  }
}

/** The organisation's settings in the subject's zone; a broken setting falls back to the default. */
export function reminderSettingsOf(facts: SettingsFacts): ReminderSettings {
  const parsed = parseReminderOffsets(facts.organisation.reminderOffsets)
  return {
    zone: facts.site?.timeZone ?? facts.organisation.timeZone,
    reminderOffsets: parsed.ok ? parsed.offsets : DEFAULT_REMINDER_OFFSETS,
    quietHours: {
      start: facts.organisation.quietHoursStart,
      end: facts.organisation.quietHoursEnd,
    },
    minLeadMinutes: DEFAULT_MIN_LEAD_MINUTES,
  }
}

/**
 * A call is never placed at night: a service message for a landline waits for the end of
 * quiet hours. (SMS and email about what the resident just did go at once.)
 */
export function notBeforeMorning(
  at: Date,
  channel: Channel,
  zone: string,
  quiet: QuietHours,
): Date {
  return channel === 'VOICE' ? endOfQuietHours(at, zone, quiet) : at
}

/** Whether any channel reaches this target with a message the resident asked for. */
export function canReach(target: MessageTarget): boolean {
  return chooseChannel(messageContactOf(target), [], 'SERVICE') !== null
}

/** Bookings made in the workspace: the resident is at the desk or on the line. */
export const STAFF_CHANNELS: readonly string[] = ['ADVISOR', 'RECEPTION']

async function writeResidentMessage(
  tx: Tx,
  facts: AppointmentFacts,
  kind: string,
  purpose: MessagePurpose,
  now: Date,
) {
  const contact = messageContactOf(facts)
  const channel = chooseChannel(contact, [], purpose)
  const recipient = channel && recipientFor(channel, contact)
  if (!channel || !recipient) return null
  const settings = reminderSettingsOf(facts)
  const dueAt = notBeforeMorning(now, channel, settings.zone, settings.quietHours)
  const skip =
    kind === KIND.CONFIRMATION || kind === KIND.MOVED
      ? serviceMessageSkip({
          kind,
          bookedByStaff: STAFF_CHANNELS.includes(facts.createdVia),
          startsAt: facts.startsAt,
          dueAt,
          now,
          minLeadMinutes: settings.minLeadMinutes,
        })
      : null
  return tx.notification.create({
    data: {
      organisationId: facts.organisationId,
      appointmentId: facts.id,
      kind,
      channel,
      recipient,
      language: facts.resident.preferredLanguage === 'en' ? 'en' : 'fr',
      dueAt,
      ...(skip ? { status: 'SKIPPED' as const, lastError: `skipped at planning: ${skip}` } : {}),
    },
    select: { id: true },
  })
}

/** The reminders of the appointment at its current time; past ones recorded as SKIPPED. */
async function writeReminders(tx: Tx, facts: AppointmentFacts, now: Date) {
  const contact = messageContactOf(facts)
  const channel = chooseChannel(contact, [], 'REMINDER')
  const recipient = channel && recipientFor(channel, contact)
  if (!channel || !recipient) return
  const plan = planReminders({ startsAt: facts.startsAt }, reminderSettingsOf(facts), now)
  const rows = [
    ...plan.reminders.map((reminder) => ({ reminder, status: 'PENDING' as const, why: null })),
    ...plan.skipped.map((reminder) => ({
      reminder,
      status: 'SKIPPED' as const,
      why: `skipped at planning: ${reminder.reason}`,
    })),
  ]
  for (const { reminder, status, why } of rows) {
    await tx.notification.create({
      data: {
        organisationId: facts.organisationId,
        appointmentId: facts.id,
        kind: `${REMINDER_PREFIX}${reminder.key}`,
        channel,
        recipient,
        language: facts.resident.preferredLanguage === 'en' ? 'en' : 'fr',
        status,
        dueAt: reminder.dueAt,
        lastError: why,
      },
    })
  }
}

async function factsOrThrow(tx: Tx, appointmentId: string) {
  const facts = await loadFacts(tx, appointmentId)
  if (!facts) throw new Error(`appointment ${appointmentId} not found`)
  return facts
}

/** Pending rows of the appointment will not go: the change they told about is gone. */
export async function cancelPendingNotifications(tx: Tx, appointmentId: string, reason: string) {
  const { count } = await tx.notification.updateMany({
    where: { appointmentId, status: 'PENDING' },
    data: { status: 'CANCELLED', lastError: reason, leaseOwner: null, leaseUntil: null },
  })
  return count
}

/** At booking: the confirmation now and the reminders planned by the policy. */
export async function notifyBooked(tx: Tx, appointmentId: string, now: Date) {
  const facts = await factsOrThrow(tx, appointmentId)
  await writeResidentMessage(tx, facts, KIND.CONFIRMATION, 'SERVICE', now)
  await writeReminders(tx, facts, now)
}

/** After a move (the row already holds the new time): old messages cancelled, new plan. */
export async function notifyMoved(tx: Tx, appointmentId: string, now: Date) {
  await cancelPendingNotifications(tx, appointmentId, 'appointment moved')
  const facts = await factsOrThrow(tx, appointmentId)
  await writeResidentMessage(tx, facts, KIND.MOVED, 'SERVICE', now)
  await writeReminders(tx, facts, now)
}

/** After a cancellation: no reminder left; the resident told; the advisor told when the resident cancelled. */
export async function notifyCancelled(
  tx: Tx,
  appointmentId: string,
  by: 'RESIDENT' | 'SERVICE',
  now: Date,
  options: { tellResident?: boolean } = {},
) {
  await cancelPendingNotifications(
    tx,
    appointmentId,
    `appointment cancelled by ${by.toLowerCase()}`,
  )
  const facts = await factsOrThrow(tx, appointmentId)
  if (options.tellResident !== false)
    await writeResidentMessage(
      tx,
      facts,
      by === 'RESIDENT' ? KIND.CANCELLED_BY_RESIDENT : KIND.CANCELLED_BY_SERVICE,
      'SERVICE',
      now,
    )
  if (by === 'RESIDENT' && facts.advisor.email) {
    await tx.notification.create({
      data: {
        organisationId: facts.organisationId,
        appointmentId: facts.id,
        kind: KIND.ADVISOR_NOTICE,
        channel: 'EMAIL',
        recipient: facts.advisor.email,
        language: 'fr',
        dueAt: now,
      },
    })
  }
}

/** What the outbox holds for an appointment, for the advisor: each message and its state. */
export function appointmentMessages(db: Db, appointmentId: string) {
  return db.notification.findMany({
    where: { appointmentId },
    orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      kind: true,
      channel: true,
      recipient: true,
      status: true,
      dueAt: true,
      sentAt: true,
      lastError: true,
    },
  })
}

/** How many SMS one number may receive per day (`SMS_PER_NUMBER_PER_DAY`). */
export function smsPerNumberPerDay(): number {
  return config().notifications.smsPerNumberPerDay
}

/** The SMS that left since then: what the daily caps count. */
const smsLeftSince = (since: Date) => ({ channel: 'SMS' as const, sentAt: { gte: since } })

/** SMS that left since then, for an organisation or to one number: what the caps count. */
export function smsSentSince(
  db: Pick<Db, 'notification'>,
  scope: { organisationId: string } | { recipient: string },
  since: Date,
) {
  return db.notification.count({ where: { ...scope, ...smsLeftSince(since) } })
}

/** smsSentSince for several organisations, or several numbers, in one read. */
export async function smsSentSinceEach(
  db: Pick<Db, 'notification'>,
  scope: 'organisationId' | 'recipient',
  values: readonly string[],
  since: Date,
): Promise<Map<string, number>> {
  const counts = new Map(values.map((value) => [value, 0]))
  if (values.length === 0) return counts
  const groups = await db.notification.groupBy({
    by: [scope],
    where: { [scope]: { in: [...values] }, ...smsLeftSince(since) },
    _count: { _all: true },
  })
  for (const group of groups) counts.set(group[scope], group._count._all)
  return counts
}

/**
 * The SMS Twilio accepted for `from`, from `to` (what a reply can be about, delivered or
 * not); a row sent before senders were recorded has none (decision 042).
 */
export const sentTo = (from: string, to: string) => ({
  channel: 'SMS' as const,
  recipient: from,
  providerMessageId: { not: null },
  OR: [{ sender: to }, { sender: null }],
})

/** Today's SMS against the caps, for admins: the organisation's count, numbers at their cap. */
export async function smsUsageToday(
  db: Db,
  organisation: { id: string; timeZone: string; dailySmsCap: number },
  now: Date,
) {
  const since = startOfLocalDay(localDateOf(now, organisation.timeZone), organisation.timeZone)
  const perNumber = smsPerNumberPerDay()
  const [sent, numbers] = await Promise.all([
    smsSentSince(db, { organisationId: organisation.id }, since),
    db.notification.groupBy({
      by: ['recipient'],
      where: { organisationId: organisation.id, ...smsLeftSince(since) },
      having: { recipient: { _count: { gte: perNumber } } },
    }),
  ])
  return {
    sent,
    cap: organisation.dailySmsCap,
    capReached: sent >= organisation.dailySmsCap,
    perNumber,
    numbersAtCap: numbers.length,
  }
}

/**
 * Whether replying ANNULER cancels this appointment: its messages go by SMS, from a sender
 * that takes replies. Otherwise (a landline, an email, a sender name) the pages say the
 * link or the phone number instead.
 */
export async function cancelsByReply(db: Db, appointmentId: string): Promise<boolean> {
  const target = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: { ...MESSAGE_TARGET, organisation: { select: { smsSenderName: true } } },
  })
  if (!target || chooseChannel(messageContactOf(target), [], 'SERVICE') !== 'SMS') return false
  return smsSender(target.organisation.smsSenderName, smsSenderOfServer(config())).takesReplies
}
