import { createHash } from 'node:crypto'
import twilio from 'twilio'
import type { Db } from '~/platform/database/client.server'
import { isReminderKind, MESSAGE_TARGET, messageContactOf, notifyCancelled } from './outbox.server'
import { canChangeOnline } from '~/domain/booking/manage'
import {
  CANCEL_WHICH_MAX,
  renderSms,
  renderVoice,
  siteShortName,
} from '~/domain/notifications/templates'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { DEV_TWILIO } from '~/features/notifications/providers/twilio.server'
import { config } from '~/platform/config/config.server'
import { fallBack } from './dispatcher.server'
import { eventOf, loadAppointment, sayOptions, viewOf } from './render.server'

// Twilio webhooks: delivery status, inbound SMS (ANNULER, STOP, START), signed with the
// account's auth token. A request whose signature does not check changes nothing.

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
    if (count === 1 && isReminderKind(row.kind) && row.appointmentId) {
      const appointment = await tx.appointment.findUnique({
        where: { id: row.appointmentId },
        select: { status: true, startsAt: true, ...MESSAGE_TARGET },
      })
      if (appointment?.status === 'BOOKED' && appointment.startsAt > now)
        await fallBack(tx as unknown as Db, row, messageContactOf(appointment), now)
    }
    return 'FAILED'
  })
}

// ── inbound SMS ──────────────────────────────────────────────────────────────────────

export type InboundCommand =
  | { kind: 'CANCEL'; choice: number | null }
  | { kind: 'STOP' }
  | { kind: 'START' }
  | { kind: 'OTHER' }

/** "annuler", " Annulér  2 ", "ANNULER." → CANCEL; STOP and its usual synonyms; START. */
export function parseInbound(body: string): InboundCommand {
  const text = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/gu, ' ')
    .trim()
  const cancel = /^ANNUL(?:ER|E|ATION)?(?: (\d{1,2}))?$/u.exec(text)
  if (cancel) return { kind: 'CANCEL', choice: cancel[1] ? Number(cancel[1]) : null }
  if (/^(STOP|STOPALL|ARRET|ARRETER|UNSUBSCRIBE|END|QUIT)$/u.test(text)) return { kind: 'STOP' }
  if (/^(START|UNSTOP|YES)$/u.test(text)) return { kind: 'START' }
  return { kind: 'OTHER' }
}

const HELP_ACTION = 'SMS_HELP_SENT'

/** Handles one inbound SMS; returns the reply text (or null for no reply). */
export async function handleInboundSms(
  db: Db,
  params: Record<string, string>,
  now: Date,
): Promise<string | null> {
  const from = params.From ?? ''
  const command = parseInbound(params.Body ?? '')
  const residentFields = {
    id: true,
    preferredLanguage: true,
    organisation: { select: { id: true, name: true, phone: true } },
  } as const
  // The number is a resident's, or a helper's who receives the messages of someone they
  // booked for: their ANNULER cancels that appointment.
  const helping = { helperPhoneE164: from, messagesTo: 'HELPER' as const }
  const residents = await db.resident.findMany({
    where: { OR: [{ phoneE164: from }, { appointments: { some: helping } }] },
    select: residentFields,
    orderBy: { updatedAt: 'desc' },
  })
  const resident = residents[0]
  if (!resident) return null // a number we never wrote to: no reply
  const locale = resident.preferredLanguage === 'en' ? 'en' : 'fr'
  const organisationName = resident.organisation.name
  const cancelPhone = resident.organisation.phone
    ? formatPhoneForDisplay(resident.organisation.phone)
    : null

  if (command.kind === 'STOP' || command.kind === 'START') {
    await db.resident.updateMany({
      where: { phoneE164: from },
      data: { smsOptedOut: command.kind === 'STOP' },
    })
    if (command.kind === 'START') return null
    return renderSms({ event: 'OPTED_OUT', locale, organisationName, cancelPhone })
  }

  if (command.kind === 'CANCEL') {
    const upcoming = await db.appointment.findMany({
      where: {
        OR: [{ resident: { phoneE164: from } }, helping],
        residentId: { in: residents.map((r) => r.id) },
        status: 'BOOKED',
        startsAt: { gt: now },
      },
      orderBy: { startsAt: 'asc' },
      take: CANCEL_WHICH_MAX,
      select: {
        id: true,
        organisationId: true,
        startsAt: true,
        endsAt: true,
        site: { select: { timeZone: true } },
        organisation: { select: { timeZone: true } },
        topic: { select: { cancellationDeadlineMinutes: true } },
      },
    })
    if (upcoming.length === 0) return helpOnceADay(db, resident, from, now, locale, cancelPhone)
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
    if (!target) return helpOnceADay(db, resident, from, now, locale, cancelPhone)
    const allowed = canChangeOnline(
      {
        startsAt: target.startsAt,
        endsAt: target.endsAt,
        status: 'BOOKED',
        cancellationDeadlineMinutes: target.topic.cancellationDeadlineMinutes,
      },
      now,
    )
    if (!allowed) return helpOnceADay(db, resident, from, now, locale, cancelPhone, true)
    const cancelled = await cancelBySms(db, target.id, target.organisationId, now)
    if (!cancelled) return null
    const full = await db.appointment.findUniqueOrThrow({
      where: { id: target.id },
      select: {
        mode: true,
        startsAt: true,
        messagesTo: true,
        helperPhoneE164: true,
        resident: { select: { firstName: true, lastName: true } },
        topic: { select: { name: true } },
        site: { select: { name: true, shortName: true, city: true, timeZone: true } },
        organisation: { select: { name: true, timeZone: true, slug: true } },
      },
    })
    // The helper who replied is told whose appointment it was.
    const forHelper = full.messagesTo === 'HELPER' && full.helperPhoneE164 === from
    return renderSms({
      event: 'CANCEL_CONFIRMED',
      view: {
        locale,
        organisationName: full.organisation.name,
        topicName: full.topic.name,
        startsAt: full.startsAt,
        zone: full.site?.timeZone ?? full.organisation.timeZone,
        mode: full.mode,
        siteName: full.site?.name ?? null,
        siteShortName: full.site ? siteShortName(full.site) : null,
        helped: forHelper ? full.resident : null,
        manageUrl: `${config().publicUrl}/${full.organisation.slug}`,
      },
    })
  }
  return helpOnceADay(db, resident, from, now, locale, cancelPhone)
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
    if (
      !allowed ||
      !(await cancelBySms(db, appointment.id, null, now, 'by keypad during a call'))
    ) {
      say(script.goodbye)
      return voice.toString()
    }
  }
  say(script.keypad.replies[action])
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

/** Cancelled by the resident ("excusé") from an SMS or a call: one transaction with its outbox rows. */
async function cancelBySms(
  db: Db,
  appointmentId: string,
  organisationId: string | null,
  now: Date,
  how = 'by SMS reply',
) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.appointment.updateMany({
      where: { id: appointmentId, status: 'BOOKED' },
      data: { status: 'EXCUSED', version: { increment: 1 } },
    })
    if (count === 0) return false
    const { organisationId: organisation } = await tx.appointment.findUniqueOrThrow({
      where: { id: appointmentId },
      select: { organisationId: true },
    })
    await tx.auditEvent.create({
      data: {
        organisationId: organisationId ?? organisation,
        actorKind: 'RESIDENT',
        action: 'APPOINTMENT_CANCELLED_BY_RESIDENT',
        entityType: 'Appointment',
        entityId: appointmentId,
        summary: `cancelled by the resident, ${how}`,
      },
    })
    // The reply to this SMS is the resident's confirmation; the advisor gets the notice.
    await notifyCancelled(tx, appointmentId, 'RESIDENT', now, { tellResident: false })
    return true
  })
}

/** The help text, at most once a day per number (recorded as an audit event). */
async function helpOnceADay(
  db: Db,
  resident: { organisation: { id: string; name: string } },
  from: string,
  now: Date,
  locale: 'fr' | 'en',
  cancelPhone: string | null,
  _tooLate = false,
): Promise<string | null> {
  const entityId = createHash('sha256').update(from).digest('hex').slice(0, 32)
  const recent = await db.auditEvent.count({
    where: {
      action: HELP_ACTION,
      entityType: 'Phone',
      entityId,
      createdAt: { gt: new Date(now.getTime() - 24 * 3_600_000) },
    },
  })
  if (recent > 0) return null
  await db.auditEvent.create({
    data: {
      organisationId: resident.organisation.id,
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
    organisationName: resident.organisation.name,
    cancelPhone,
  })
}
