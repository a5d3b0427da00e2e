import { createHash } from 'node:crypto'
import twilio from 'twilio'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { countCancellations } from '~/platform/metrics/activity.server'
import { notifyCancelled, sentTo } from './outbox.server'
import { canChangeOnline } from '~/domain/booking/manage'
import { CANCEL_WHICH_MAX, renderSms, renderVoice } from '~/domain/notifications/templates'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { DEV_TWILIO } from '~/features/notifications/providers/twilio.server'
import { recordAudit } from '~/platform/audit.server'
import { config } from '~/platform/config/config.server'
import { fallBack } from './dispatcher.server'
import { fallsBackOnFailure } from './kinds'
import { eventOf, loadAppointment, sayOptions, viewOf } from './render.server'
import { loadSubject, subjectRefOf } from './subjects.server'
import { acceptByReply } from './offer-answers.server'
import { DAY_MS } from '~/domain/scheduling/calendar'

// Twilio webhooks: delivery status, inbound SMS (ANNULER, OUI, STOP, START), signed with
// the account's auth token. A request whose signature does not check changes nothing.

export type WebhookRequest = {
  url: string
  signature: string | null
  params: Record<string, string>
}

/** Reads a Twilio POST as Remix gives it: the form and the signature of the public URL. */
export async function readWebhook(request: Request): Promise<WebhookRequest> {
  const text = await request.text()
  const params = Object.fromEntries(new URLSearchParams(text))
  const url = new URL(request.url)
  // Twilio signs the URL it was configured with: the public one, not the proxy's.
  return {
    url: `${config().publicUrl}${url.pathname}${url.search}`,
    signature: request.headers.get('x-twilio-signature'),
    params,
  }
}

export function isSigned(webhook: WebhookRequest): boolean {
  if (!webhook.signature) return false
  const { production, notifications } = config()
  // In production only a configured token is trusted (the demo's token is public).
  if (production && !notifications.twilio) return false
  const token = notifications.twilio?.authToken ?? DEV_TWILIO.authToken
  return twilio.validateRequest(token, webhook.signature, webhook.url, webhook.params)
}

export const forbidden = () => new Response('Forbidden', { status: 403 })
const twimlResponse = (xml: string) =>
  new Response(xml, { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' } })

/** An SMS reply in the webhook's answer, or an empty answer. */
export function smsReply(text: string | null): Response {
  const response = new twilio.twiml.MessagingResponse()
  if (text) response.message(text)
  return twimlResponse(response.toString())
}

// ── delivery status ──────────────────────────────────────────────────────────────────

const DELIVERED = new Set(['delivered', 'completed', 'read'])
const FAILED = new Set(['undelivered', 'failed', 'busy', 'no-answer', 'canceled'])

/** Records what the provider says happened; a failed reminder tries the next channel. */
export async function recordStatus(db: Db, params: Record<string, string>, now: Date) {
  const sid = params.MessageSid || params.CallSid
  const status = (params.MessageStatus || params.CallStatus || '').toLowerCase()
  if (!sid || !status) return 'IGNORED'
  const row = await db.notification.findUnique({
    where: { providerMessageId: sid },
    select: {
      id: true,
      status: true,
      appointmentId: true,
      registrationId: true,
      waitlistEntryId: true,
      earlierSlotRequestId: true,
      organisationId: true,
      kind: true,
      language: true,
    },
  })
  if (!row) return 'UNKNOWN'
  if (DELIVERED.has(status)) {
    await db.notification.updateMany({
      where: { id: row.id, status: { in: ['SENDING', 'SENT'] } },
      data: { status: 'DELIVERED' },
    })
    return 'DELIVERED'
  }
  if (!FAILED.has(status)) return 'SENT' // queued, sending, sent: already recorded as SENT
  const error = `provider: ${status}${params.ErrorCode ? ` (${params.ErrorCode})` : ''}`
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { id: row.id, status: { in: ['SENDING', 'SENT', 'DELIVERED'] } },
      data: { status: 'FAILED', lastError: error },
    })
    const ref = subjectRefOf(row)
    if (count === 1 && fallsBackOnFailure(row.kind) && ref) {
      // Only while what it told about still stands (a booking still to come, an offer open).
      const subject = await loadSubject(tx as unknown as Db, ref)
      if (subject && !subject.verdict(row.kind, now))
        await fallBack(tx as unknown as Db, row, subject.contact, now)
    }
    return 'FAILED'
  })
}

// ── inbound SMS ──────────────────────────────────────────────────────────────────────

export type InboundCommand =
  | { kind: 'CANCEL'; choice: number | null }
  | { kind: 'ACCEPT' }
  | { kind: 'STOP' }
  | { kind: 'START' }
  | { kind: 'OTHER' }

/**
 * "annuler", " Annulér  2 ", "ANNULER." → CANCEL; "oui", "Oui !" → ACCEPT; STOP and its
 * usual synonyms; START.
 */
export function parseInbound(body: string): InboundCommand {
  const text = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/gu, ' ')
    .trim()
  const cancel = /^ANNUL(?:ER|E|ATION)?(?: (\d{1,2}))?$/u.exec(text)
  if (cancel) return { kind: 'CANCEL', choice: cancel[1] ? Number(cancel[1]) : null }
  if (text === 'OUI') return { kind: 'ACCEPT' }
  if (/^(STOP|STOPALL|ARRET|ARRETER|UNSUBSCRIBE|END|QUIT)$/u.test(text)) return { kind: 'STOP' }
  if (/^(START|UNSTOP|YES)$/u.test(text)) return { kind: 'START' }
  return { kind: 'OTHER' }
}

const HELP_ACTION = 'SMS_HELP_SENT'

/**
 * Handles one inbound SMS, once per Twilio message id; returns the reply text (or null for
 * no reply). It concerns only what was sent to that number from the number it was sent to
 * (`To`): other organisations' messages, and a number we never wrote to, are out of reach.
 */
export async function handleInboundSms(
  db: Db,
  params: Record<string, string>,
  now: Date,
): Promise<string | null> {
  const sid = params.MessageSid || params.SmsSid || ''
  if (!sid) return null
  if (parseInbound(params.Body ?? '').kind === 'ACCEPT') {
    // Taking a seat or a slot runs its own transaction (its lock, its outbox rows): the
    // message id is recorded after it, and a second delivery changes nothing more because
    // taking the same offer twice gives the same seat or finds the slot already moved.
    if (await alreadyDelivered(db, sid)) return null
    const reply = await acceptByReply(db, params.From ?? '', params.To ?? '', now)
    return (await firstDelivery(db, sid)) ? reply : null
  }
  let cancelled = false
  const reply = await db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db
    // A webhook delivered again (Twilio's retry, a replay) finds its id taken: nothing more.
    if (!(await firstDelivery(tx, sid))) return null
    return answerInbound(tx, params, now, () => (cancelled = true))
  })
  // Counted once the transaction committed.
  if (cancelled) countCancellations('RESIDENT')
  return reply
}

async function alreadyDelivered(db: Db, sid: string) {
  return (await db.inboundMessage.count({ where: { providerMessageId: sid } })) > 0
}

async function firstDelivery(tx: Db, sid: string) {
  const inserted = await tx.$executeRaw`
    INSERT INTO "InboundMessage" ("providerMessageId") VALUES (${sid}) ON CONFLICT DO NOTHING`
  return inserted === 1
}

async function answerInbound(
  tx: Db,
  params: Record<string, string>,
  now: Date,
  onCancelled: () => void,
): Promise<string | null> {
  const from = params.From ?? ''
  const to = params.To ?? ''
  const command = parseInbound(params.Body ?? '')
  const latest = await tx.notification.findFirst({
    where: sentTo(from, to),
    orderBy: { createdAt: 'desc' },
    select: {
      language: true,
      appointmentId: true,
      organisation: { select: { id: true, name: true, phone: true } },
    },
  })
  if (!latest) return null // nothing was ever sent to that number from this one: no reply
  const organisation = latest.organisation
  const locale = latest.language === 'en' ? 'en' : 'fr'
  const cancelPhone = organisation.phone ? formatPhoneForDisplay(organisation.phone) : null
  const help = () => helpOnceADay(tx, organisation, from, now, locale, cancelPhone)

  if (command.kind === 'STOP' || command.kind === 'START') {
    const organisations = await tx.notification.findMany({
      where: sentTo(from, to),
      distinct: ['organisationId'],
      select: { organisationId: true },
    })
    await tx.resident.updateMany({
      where: {
        phoneE164: from,
        organisationId: { in: organisations.map((row) => row.organisationId) },
      },
      data: { smsOptedOut: command.kind === 'STOP' },
    })
    if (command.kind === 'START') return null
    return renderSms({
      event: 'OPTED_OUT',
      locale,
      organisationName: organisation.name,
      cancelPhone,
    })
  }
  if (command.kind !== 'CANCEL') return help()
  // A reply answers the last message: ANNULER after a workshop's or an alert's SMS (which
  // never offer it) must not cancel an appointment the person also has.
  if (!latest.appointmentId) return help()

  const upcoming = await tx.appointment.findMany({
    where: { status: 'BOOKED', startsAt: { gt: now }, notifications: { some: sentTo(from, to) } },
    orderBy: { startsAt: 'asc' },
    take: CANCEL_WHICH_MAX,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      site: { select: { timeZone: true } },
      organisation: { select: { timeZone: true } },
      topic: { select: { cancellationDeadlineMinutes: true } },
    },
  })
  if (upcoming.length === 0) return help()
  if (upcoming.length > 1 && command.choice === null) {
    return renderSms({
      event: 'CANCEL_WHICH',
      locale,
      choices: upcoming.map((a) => ({
        startsAt: a.startsAt,
        zone: a.site?.timeZone ?? a.organisation.timeZone,
      })),
    })
  }
  const target = upcoming[(command.choice ?? 1) - 1]
  if (!target) return help()
  const allowed = canChangeOnline(
    {
      startsAt: target.startsAt,
      endsAt: target.endsAt,
      status: 'BOOKED',
      cancellationDeadlineMinutes: target.topic.cancellationDeadlineMinutes,
    },
    now,
  )
  // Past the deadline: the help text, which gives the number to call.
  if (!allowed) return help()
  // The confirmation goes through the resident's own channel, not as a reply to this
  // number: a forged ANNULER cannot pass unnoticed by the person it concerns.
  if (await cancelByResident(tx, target.id, now, 'by SMS reply', true)) onCancelled()
  return null
}

// ── voice keypad ─────────────────────────────────────────────────────────────────────

/**
 * The keypad choice of a reminder call: 1 confirms, 2 cancels (within the online deadline).
 * The row is found by the notification id of the Gather URL and must match the CallSid.
 */
export async function handleKeypad(
  db: Db,
  notificationId: string,
  params: Record<string, string>,
  now: Date,
): Promise<string> {
  const voice = new twilio.twiml.VoiceResponse()
  const row = await db.notification.findUnique({
    where: { id: notificationId },
    select: { kind: true, language: true, providerMessageId: true, appointmentId: true },
  })
  const appointment =
    row?.appointmentId && row.providerMessageId === params.CallSid
      ? await loadAppointment(db, row.appointmentId)
      : null
  if (!row || !appointment) {
    voice.hangup()
    return voice.toString()
  }
  const event = eventOf(row.kind)
  const view = viewOf(appointment, row.language, { publicUrl: config().publicUrl, secret: '' })
  const script = renderVoice(event === 'ADVISOR_NOTICE' ? 'REMINDER' : event, view)
  const say = (text: string) => voice.say(sayOptions(script), text)
  const action = script.keypad?.digits[params.Digits as '1' | '2']
  if (!script.keypad || !action) {
    say(script.goodbye)
    return voice.toString()
  }
  if (action === 'CANCEL') {
    const allowed =
      appointment.status === 'BOOKED' &&
      canChangeOnline(
        {
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
          status: appointment.status,
          cancellationDeadlineMinutes: await deadlineOf(db, appointment.id),
        },
        now,
      )
    const cancelled =
      allowed &&
      (await db.$transaction((tx) =>
        cancelByResident(
          tx as unknown as Db,
          appointment.id,
          now,
          'by keypad during a call',
          false,
        ),
      ))
    if (!cancelled) {
      say(script.goodbye)
      return voice.toString()
    }
    countCancellations('RESIDENT')
  }
  const reply = script.keypad.replies[action]
  if (reply) say(reply)
  say(script.goodbye)
  return voice.toString()
}

async function deadlineOf(db: Db, appointmentId: string) {
  const found = await db.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    select: { topic: { select: { cancellationDeadlineMinutes: true } } },
  })
  return found.topic.cancellationDeadlineMinutes
}

/**
 * Cancelled by the resident ("excusé") from an SMS or a call, in the caller's transaction
 * with its outbox rows; `tellResident` sends them the cancellation by their channel too.
 */
async function cancelByResident(
  tx: Db,
  appointmentId: string,
  now: Date,
  how: string,
  tellResident: boolean,
) {
  const found = await tx.appointment.findUnique({
    where: { id: appointmentId },
    select: { organisationId: true, advisorId: true },
  })
  if (!found) return false
  await serialiseWrites(tx, { advisorIds: [found.advisorId] })
  const { count } = await tx.appointment.updateMany({
    where: { id: appointmentId, status: 'BOOKED' },
    data: { status: 'EXCUSED', version: { increment: 1 } },
  })
  if (count === 0) return false
  await recordAudit(tx, {
    organisationId: found.organisationId,
    actorKind: 'RESIDENT',
    action: 'APPOINTMENT_CANCELLED_BY_RESIDENT',
    entityType: 'Appointment',
    entityId: appointmentId,
    summary: `cancelled by the resident, ${how}`,
  })
  await notifyCancelled(tx, appointmentId, 'RESIDENT', now, { tellResident })
  return true
}

/** The help text, at most once a day per number (recorded as an audit event). */
async function helpOnceADay(
  db: Db,
  organisation: { id: string; name: string },
  from: string,
  now: Date,
  locale: 'fr' | 'en',
  cancelPhone: string | null,
): Promise<string | null> {
  const entityId = createHash('sha256').update(from).digest('hex').slice(0, 32)
  const recent = await db.auditEvent.count({
    where: {
      action: HELP_ACTION,
      entityType: 'Phone',
      entityId,
      createdAt: { gt: new Date(now.getTime() - DAY_MS) },
    },
  })
  if (recent > 0) return null
  await db.auditEvent.create({
    data: {
      organisationId: organisation.id,
      actorKind: 'SYSTEM',
      action: HELP_ACTION,
      entityType: 'Phone',
      entityId,
      summary: 'help reply to an inbound SMS',
      createdAt: now,
    },
  })
  return renderSms({
    event: 'HELP',
    locale,
    organisationName: organisation.name,
    cancelPhone,
  })
}
