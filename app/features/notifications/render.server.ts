import twilio from 'twilio'
import type { Db } from '~/platform/database/client.server'
import { isReminderKind, KIND } from './outbox.server'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  fullName,
  renderEmail,
  renderSms,
  renderVoice,
  siteShortName,
  smsSender,
  type AppointmentView,
  type ResidentEvent,
  type VoiceScript,
} from '~/domain/notifications/templates'
import { calendarText } from '~/domain/notifications/calendar'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { callerNumber, numberToCall } from '~/domain/booking/phone-numbers'
import { topicInLanguage } from '~/domain/topics/language'
import { appointmentIcs, methodFor, type CalendarAppointment } from '~/platform/ics'
import type { OutgoingMail } from '~/features/notifications/providers/mailer.server'

// Messages are rendered when sent, from the appointment as it is then. The manage link's
// token is derived again from the appointment's id and the server secret, and used only
// if it matches the stored hash (docs/decisions/041-manage-links-in-messages.md).

export type RenderContext = {
  /** Base of links in messages, e.g. https://rdv.example.fr */
  publicUrl: string
  /** The secret manage tokens were derived with (SESSION_SECRET). */
  secret: string
  /** Where Twilio posts keypad choices of a call (signed webhook). */
  voiceActionUrl?: (notificationId: string) => string
  /** The server's SMS sender (TWILIO_FROM); null with a messaging service or no Twilio. */
  smsFrom?: string | null
}

export type Rendered =
  /** `from`: the organisation's sender name, or null for the server's sender. */
  | { channel: 'SMS'; body: string; from: string | null }
  | { channel: 'VOICE'; twiml: string }
  | { channel: 'EMAIL'; mail: Omit<OutgoingMail, 'to'> }

export type NotificationRow = {
  id: string
  kind: string
  channel: 'SMS' | 'VOICE' | 'EMAIL'
  recipient: string
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
      manageTokenHash: true,
      messagesTo: true,
      helperPhoneE164: true,
      helperEmail: true,
      topic: { select: { name: true, instructions: true, nameEn: true, instructionsEn: true } },
      site: {
        select: {
          name: true,
          shortName: true,
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
          email: true,
          smsSenderName: true,
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

// PUBLIC_URL comes without a trailing slash (the configuration strips it).
const baseOf = (context: Pick<RenderContext, 'publicUrl'>) => context.publicUrl

/** The manage link, or the organisation's page when the token cannot be derived again. */
export function manageUrlOf(appointment: LoadedAppointment, context: RenderContext): string {
  const base = baseOf(context)
  if (appointment.manageTokenHash) {
    const { token, hash } = manageTokenFor(appointment.id, context.secret)
    if (hash === appointment.manageTokenHash) return `${base}/r/${token}`
  }
  return `${base}/${appointment.organisation.slug}`
}

/** The appointment's page in the workspace, where an advisor acts on it. */
export function workspaceUrlOf(appointmentId: string, context: Pick<RenderContext, 'publicUrl'>) {
  return `${baseOf(context)}/espace/rendez-vous/${appointmentId}`
}

const displayed = (phone: string | null) => (phone ? formatPhoneForDisplay(phone) : null)

export function viewOf(
  appointment: LoadedAppointment,
  language: string,
  context: RenderContext,
): AppointmentView {
  const { site, resident, organisation } = appointment
  const locale = language === 'en' ? 'en' : 'fr'
  const topic = topicInLanguage(appointment.topic, locale)
  return {
    locale,
    organisationName: organisation.name,
    topicName: topic.name,
    startsAt: appointment.startsAt,
    zone: site?.timeZone ?? organisation.timeZone,
    mode: appointment.mode,
    siteName: site?.name ?? null,
    siteShortName: site ? siteShortName(site) : null,
    siteAddress: site ? `${site.address}, ${site.postalCode} ${site.city}` : null,
    sitePostalCode: site?.postalCode ?? null,
    accessNotes: site?.accessNotes ?? null,
    instructions: topic.instructions,
    residentPhoneDisplay: displayed(resident.phoneE164),
    // The same numbers as the manage page and the slips (domain/booking/phone-numbers).
    advisorPhoneDisplay: displayed(callerNumber(appointment)),
    helped:
      appointment.messagesTo === 'HELPER'
        ? { firstName: resident.firstName, lastName: resident.lastName }
        : null,
    manageUrl: manageUrlOf(appointment, context),
    cancelPhone: displayed(numberToCall(appointment)),
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
    // The advisor acts in the workspace, not through the resident's link.
    const notice = {
      ...view,
      manageUrl: workspaceUrlOf(appointment.id, context),
      resident: {
        firstName: appointment.resident.firstName,
        lastName: appointment.resident.lastName,
      },
    }
    if (row.channel === 'SMS')
      return {
        channel: 'SMS',
        body: renderSms({ event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED', view: notice }),
        from: null,
      }
    const email = renderEmail({ event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED', view: notice })
    return { channel: 'EMAIL', mail: { ...email, calendar: null } }
  }
  switch (row.channel) {
    case 'SMS': {
      const sender = smsSender(appointment.organisation.smsSenderName, context.smsFrom ?? null)
      const body = renderSms({ event, view, replies: sender.takesReplies })
      return { channel: 'SMS', body, from: sender.from }
    }
    case 'VOICE':
      return { channel: 'VOICE', twiml: voiceTwiml(row.id, event, view, context) }
    case 'EMAIL': {
      const email = renderEmail({ event, view })
      return {
        channel: 'EMAIL',
        mail: { ...email, calendar: calendarOf(event, appointment, view, row.recipient) },
      }
    }
  }
}

const isCancellation = (event: ResidentEvent) =>
  event === 'CANCELLED_BY_RESIDENT' || event === 'CANCELLED_BY_SERVICE'

/** The resident's event, one UID, the version as SEQUENCE, and the manage link. */
function calendarEvent(
  appointment: LoadedAppointment,
  view: AppointmentView,
  cancelled: boolean,
): CalendarAppointment {
  const text = calendarText(view)
  const { organisation } = appointment
  return {
    id: appointment.id,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    title: text.title,
    location: text.location,
    description: text.description,
    url: view.manageUrl,
    organizer: organisation.email ? { name: organisation.name, email: organisation.email } : null,
    alarm: text.alarm,
    sequence: appointment.version,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
  }
}

/**
 * An invitation when booked or changed, its cancellation when cancelled (REQUEST and
 * CANCEL when the organisation has an email address to organise it, else PUBLISH).
 */
function calendarOf(
  event: ResidentEvent,
  appointment: LoadedAppointment,
  view: AppointmentView,
  recipient: string,
): OutgoingMail['calendar'] {
  if (event === 'REMINDER') return null
  const cancelled = isCancellation(event)
  const attendee = {
    name: view.helped ? fullName(view.helped) : fullName(appointment.resident),
    email: recipient,
  }
  const calendar = { ...calendarEvent(appointment, view, cancelled), attendee }
  const method = methodFor(calendar, cancelled ? 'CANCEL' : 'REQUEST')
  return { method, content: appointmentIcs(calendar, method) }
}

/** The manage link's calendar download: the same event as the emails', published. */
export async function residentCalendarFile(
  db: Db,
  appointmentId: string,
  language: string,
  manageUrl: string,
  publicUrl: string,
): Promise<string | null> {
  const appointment = await loadAppointment(db, appointmentId)
  if (!appointment) return null
  const view = { ...viewOf(appointment, language, { publicUrl, secret: '' }), manageUrl }
  const cancelled = appointment.status !== 'BOOKED'
  return appointmentIcs(calendarEvent(appointment, view, cancelled))
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
    target.say(sayOptions(script), text)
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

/** How every <Say> of a call speaks: the script's language and voice. */
export function sayOptions(script: VoiceScript) {
  return { language: script.language, voice: script.voice }
}
