import twilio from 'twilio'
import type { Db } from '~/platform/database/client.server'
import { isReminderKind, KIND } from './outbox.server'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  renderEmail,
  renderSms,
  renderVoice,
  type AppointmentView,
  type ResidentEvent,
} from '~/domain/notifications/templates'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { callerNumber, numberToCall } from '~/domain/booking/phone-numbers'
import { topicInLanguage } from '~/domain/topics/language'
import { appointmentIcs } from '~/platform/ics'
import type { OutgoingMail } from '~/features/notifications/providers/mailer.server'

// Messages are rendered when sent, from the appointment as it is then. The manage link's
// token is derived again from the stored idempotency key and the server secret, and used
// only if it matches the stored hash (docs/decisions/041-manage-links-in-messages.md).

export type RenderContext = {
  /** Base of links in messages, e.g. https://rdv.example.fr */
  publicUrl: string
  /** The secret manage tokens were derived with (SESSION_SECRET). */
  secret: string
  /** Where Twilio posts keypad choices of a call (signed webhook). */
  voiceActionUrl?: (notificationId: string) => string
}

export type Rendered =
  | { channel: 'SMS'; body: string }
  | { channel: 'VOICE'; twiml: string }
  | { channel: 'EMAIL'; mail: Omit<OutgoingMail, 'to'> }

export type NotificationRow = {
  id: string
  kind: string
  channel: 'SMS' | 'VOICE' | 'EMAIL'
  language: string
  appointmentId: string | null
}

export function loadAppointment(db: Db, appointmentId: string) {
  return db.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      id: true,
      status: true,
      mode: true,
      startsAt: true,
      endsAt: true,
      version: true,
      idempotencyKey: true,
      manageTokenHash: true,
      messagesTo: true,
      helperPhoneE164: true,
      helperEmail: true,
      topic: { select: { name: true, instructions: true, nameEn: true, instructionsEn: true } },
      site: {
        select: {
          name: true,
          address: true,
          postalCode: true,
          city: true,
          accessNotes: true,
          timeZone: true,
          phone: true,
        },
      },
      organisation: {
        select: {
          slug: true,
          name: true,
          phone: true,
          timeZone: true,
          dailySmsCap: true,
          allowedPhoneRegions: true,
        },
      },
      advisor: { select: { phone: true } },
      resident: {
        select: {
          firstName: true,
          lastName: true,
          phoneE164: true,
          phoneType: true,
          email: true,
          smsOptedOut: true,
          notificationConsent: true,
        },
      },
    },
  })
}
export type LoadedAppointment = NonNullable<Awaited<ReturnType<typeof loadAppointment>>>

/** The resident-facing event a row's kind tells about. */
export function eventOf(kind: string): ResidentEvent | 'ADVISOR_NOTICE' {
  if (isReminderKind(kind)) return 'REMINDER'
  if (kind === KIND.ADVISOR_NOTICE) return 'ADVISOR_NOTICE'
  return kind as ResidentEvent
}

/** The manage link, or the organisation's page when the token cannot be derived again. */
export function manageUrlOf(appointment: LoadedAppointment, context: RenderContext): string {
  const base = context.publicUrl.replace(/\/+$/u, '')
  if (appointment.idempotencyKey && appointment.manageTokenHash) {
    const { token, hash } = manageTokenFor(appointment.idempotencyKey, context.secret)
    if (hash === appointment.manageTokenHash) return `${base}/r/${token}`
  }
  return `${base}/${appointment.organisation.slug}`
}

export function viewOf(
  appointment: LoadedAppointment,
  language: string,
  context: RenderContext,
): AppointmentView {
  const site = appointment.site
  const locale = language === 'en' ? 'en' : 'fr'
  const topic = topicInLanguage(appointment.topic, locale)
  const display = (phone: string | null) => (phone ? formatPhoneForDisplay(phone) : null)
  return {
    locale,
    organisationName: appointment.organisation.name,
    topicName: topic.name,
    startsAt: appointment.startsAt,
    zone: site?.timeZone ?? appointment.organisation.timeZone,
    mode: appointment.mode,
    siteName: site?.name ?? null,
    siteAddress: site ? `${site.address}, ${site.postalCode} ${site.city}` : null,
    accessNotes: site?.accessNotes ?? null,
    instructions: topic.instructions,
    residentPhoneDisplay: appointment.resident.phoneE164
      ? formatPhoneForDisplay(appointment.resident.phoneE164)
      : null,
    // The same numbers as the manage page and the slips (domain/booking/phone-numbers).
    advisorPhoneDisplay: display(callerNumber(appointment)),
    manageUrl: manageUrlOf(appointment, context),
    cancelPhone: display(numberToCall(appointment)),
  }
}

export function render(
  row: NotificationRow,
  appointment: LoadedAppointment,
  context: RenderContext,
): Rendered {
  const view = viewOf(appointment, row.language, context)
  const event = eventOf(row.kind)
  if (event === 'ADVISOR_NOTICE') {
    const notice = {
      ...view,
      residentName: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
    }
    if (row.channel === 'SMS')
      return {
        channel: 'SMS',
        body: renderSms({ event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED', view: notice }),
      }
    const email = renderEmail({ event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED', view: notice })
    return { channel: 'EMAIL', mail: { ...email, calendar: null } }
  }
  switch (row.channel) {
    case 'SMS':
      return { channel: 'SMS', body: renderSms({ event, view }) }
    case 'VOICE':
      return { channel: 'VOICE', twiml: voiceTwiml(row.id, event, view, context) }
    case 'EMAIL': {
      const email = renderEmail({ event, view })
      return {
        channel: 'EMAIL',
        mail: { ...email, calendar: calendarOf(event, appointment, view) },
      }
    }
  }
}

/** REQUEST when booked or changed, CANCEL when cancelled; one UID, the version as SEQUENCE. */
function calendarOf(
  event: ResidentEvent,
  appointment: LoadedAppointment,
  view: AppointmentView,
): OutgoingMail['calendar'] {
  if (event === 'REMINDER') return null
  const cancelled = event === 'CANCELLED_BY_RESIDENT' || event === 'CANCELLED_BY_SERVICE'
  const method = cancelled ? 'CANCEL' : 'REQUEST'
  const content = appointmentIcs(
    {
      id: appointment.id,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      title: `${view.topicName} (${view.organisationName})`,
      location:
        view.mode === 'PHONE' ? (view.residentPhoneDisplay ?? '') : (view.siteAddress ?? ''),
      description: view.manageUrl,
      organisationName: view.organisationName,
      sequence: appointment.version,
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    },
    method,
  )
  return { method, content }
}

/** The call: the script said, then (for open appointments) a keypad choice. */
export function voiceTwiml(
  notificationId: string,
  event: ResidentEvent,
  view: AppointmentView,
  context: RenderContext,
): string {
  const script = renderVoice(event, view)
  const response = new twilio.twiml.VoiceResponse()
  const say = (text: string, target: { say: typeof response.say } = response) =>
    target.say({ language: script.language, voice: 'alice' }, text)
  if (script.keypad && context.voiceActionUrl) {
    const gather = response.gather({
      numDigits: 1,
      timeout: 6,
      action: context.voiceActionUrl(notificationId),
      method: 'POST',
    })
    for (const sentence of script.say) say(sentence, gather)
    say(script.keypad.prompt, gather)
  } else {
    for (const sentence of script.say) say(sentence)
  }
  say(script.goodbye)
  return response.toString()
}
