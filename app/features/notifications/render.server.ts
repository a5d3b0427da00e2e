import twilio from 'twilio'
import type { Db } from '~/platform/database/client.server'
import { eventOfKind } from './kinds'
import { MESSAGE_TARGET } from './outbox.server'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  fullName,
  renderEmail,
  renderSms,
  renderVoice,
  siteShortName,
  smsSender,
  type AppointmentView,
  type MessageEvent,
  type ResidentEvent,
  type VoiceScript,
} from '~/domain/notifications/templates'
import { calendarText } from '~/domain/notifications/calendar'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { isCancelled } from '~/domain/booking/attendance'
import { callerNumber, numberToCall } from '~/domain/booking/phone-numbers'
import { topicInLanguage } from '~/domain/topics/language'
import { appointmentIcs, methodFor, type CalendarAppointment } from '~/platform/ics'
import type { OutgoingMail } from '~/features/notifications/providers/mailer.server'

// Messages are rendered when sent, from their subject as it is then (an appointment here;
// registrations, waiting-list places and alerts in subjects.server.ts). A link's token is
// derived again from the subject's id and the server secret, and used only if it matches
// the stored hash (docs/decisions/041-manage-links-in-messages.md).

export type RenderContext = {
  /** Base of links in messages, e.g. https://rdv.example.fr */
  publicUrl: string
  /** The secret manage tokens were derived with (SESSION_SECRET). */
  secret: string
  /** Where Twilio posts keypad choices of a call (signed webhook). */
  voiceActionUrl?: (notificationId: string) => string
  /** Where Twilio posts the key that takes an offered seat or earlier slot (signed webhook). */
  offerActionUrl?: (notificationId: string) => string
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

/** What messages say of a site: its names, where it is, how to get in, whom to call. */
export const MESSAGE_SITE = {
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
} as const

/** What a message about an appointment reads, and what the dispatcher checks. */
const MESSAGE_APPOINTMENT = {
  select: {
    id: true,
    status: true,
    mode: true,
    startsAt: true,
    endsAt: true,
    version: true,
    manageTokenHash: true,
    ...MESSAGE_TARGET,
    topic: { select: { name: true, instructions: true, nameEn: true, instructionsEn: true } },
    site: MESSAGE_SITE,
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
    resident: { select: { firstName: true, lastName: true, ...MESSAGE_TARGET.resident.select } },
  },
} as const

export function loadAppointment(db: Db, appointmentId: string) {
  return db.appointment.findUnique({ where: { id: appointmentId }, ...MESSAGE_APPOINTMENT })
}

/** Several appointments in one read (a dispatcher's batch), by id. */
export async function loadAppointments(db: Db, appointmentIds: readonly string[]) {
  const found = await db.appointment.findMany({
    where: { id: { in: [...appointmentIds] } },
    ...MESSAGE_APPOINTMENT,
  })
  return new Map(found.map((appointment) => [appointment.id, appointment]))
}
export type LoadedAppointment = NonNullable<Awaited<ReturnType<typeof loadAppointment>>>

/** The resident-facing event of an appointment's row. */
export function eventOf(kind: string): ResidentEvent | 'ADVISOR_NOTICE' {
  return eventOfKind(kind) as ResidentEvent | 'ADVISOR_NOTICE'
}

// PUBLIC_URL comes without a trailing slash (the configuration strips it).
const baseOf = (context: Pick<RenderContext, 'publicUrl'>) => context.publicUrl

/**
 * The link of a subject (`path` of its token), or the organisation's page when the token
 * cannot be derived again (another secret, or no hash stored).
 */
export function subjectUrl(
  subject: { id: string; manageTokenHash: string | null; organisationSlug: string },
  path: (token: string) => string,
  context: RenderContext,
): string {
  const base = baseOf(context)
  if (subject.manageTokenHash) {
    const { token, hash } = manageTokenFor(subject.id, context.secret)
    if (hash === subject.manageTokenHash) return `${base}${path(token)}`
  }
  return `${base}/${subject.organisationSlug}`
}

/** The path of an appointment's manage link. */
export const managePath = (token: string) => `/r/${token}`

/** The manage link, or the organisation's page when the token cannot be derived again. */
export function manageUrlOf(appointment: LoadedAppointment, context: RenderContext): string {
  return subjectUrl(
    {
      id: appointment.id,
      manageTokenHash: appointment.manageTokenHash,
      organisationSlug: appointment.organisation.slug,
    },
    managePath,
    context,
  )
}

/** The appointment's page in the workspace, where an advisor acts on it. */
export function workspaceUrlOf(appointmentId: string, context: Pick<RenderContext, 'publicUrl'>) {
  return `${baseOf(context)}/espace/rendez-vous/${appointmentId}`
}

const displayed = (phone: string | null) => (phone ? formatPhoneForDisplay(phone) : null)

type MessageSite = {
  name: string
  shortName: string | null
  address: string
  postalCode: string
  city: string
  accessNotes: string | null
  timeZone: string | null
  phone: string | null
}
type PersonName = { firstName: string; lastName: string }

/** The person a message names when someone else (a helper) receives it, else null. */
export const helpedOf = (target: { messagesTo: string; resident: PersonName }) =>
  target.messagesTo === 'HELPER'
    ? { firstName: target.resident.firstName, lastName: target.resident.lastName }
    : null

/**
 * What every message about a place and a time shows, in the reader's language: an
 * appointment, a workshop session, an earlier slot.
 */
export function placeView(input: {
  language: string
  organisation: { name: string; timeZone: string; phone: string | null }
  topic: {
    name: string
    instructions: string | null
    nameEn?: string | null
    instructionsEn?: string | null
  }
  site: MessageSite | null
  startsAt: Date
  mode: 'IN_PERSON' | 'PHONE'
  /** A session's own "what to bring", in place of the topic's instructions. */
  bring?: { fr: string | null; en: string | null }
  helped: PersonName | null
  manageUrl: string
}): AppointmentView {
  const locale = input.language === 'en' ? 'en' : 'fr'
  const { organisation, site } = input
  const topic = topicInLanguage(input.topic, locale)
  const bring = input.bring && ((locale === 'en' && input.bring.en) || input.bring.fr)
  return {
    locale,
    organisationName: organisation.name,
    topicName: topic.name,
    startsAt: input.startsAt,
    zone: site?.timeZone ?? organisation.timeZone,
    mode: input.mode,
    siteName: site?.name ?? null,
    siteShortName: site ? siteShortName(site) : null,
    siteAddress: site ? `${site.address}, ${site.postalCode} ${site.city}` : null,
    sitePostalCode: site?.postalCode ?? null,
    accessNotes: site?.accessNotes ?? null,
    instructions: bring || topic.instructions,
    helped: input.helped,
    manageUrl: input.manageUrl,
    // The same numbers as the manage page and the slips (domain/booking/phone-numbers).
    cancelPhone: displayed(numberToCall({ site, organisation })),
  }
}

export function viewOf(
  appointment: LoadedAppointment,
  language: string,
  context: RenderContext,
): AppointmentView {
  return {
    ...placeView({
      language,
      organisation: appointment.organisation,
      topic: appointment.topic,
      site: appointment.site,
      startsAt: appointment.startsAt,
      mode: appointment.mode,
      helped: helpedOf(appointment),
      manageUrl: manageUrlOf(appointment, context),
    }),
    residentPhoneDisplay: displayed(appointment.resident.phoneE164),
    advisorPhoneDisplay: displayed(callerNumber(appointment)),
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
  return renderMessage(
    row,
    {
      event,
      view,
      smsSenderName: appointment.organisation.smsSenderName,
      calendar: (recipient) => calendarOf(event, appointment, view, recipient),
    },
    context,
  )
}

/** A message to a resident about any subject, on the row's channel. */
export function renderMessage(
  row: NotificationRow,
  message: {
    event: MessageEvent
    view: AppointmentView
    smsSenderName: string | null
    /** The email's calendar file for this recipient, if the message carries one. */
    calendar?: (recipient: string) => OutgoingMail['calendar']
  },
  context: RenderContext,
): Rendered {
  const { event, view } = message
  switch (row.channel) {
    case 'SMS': {
      const sender = smsSender(message.smsSenderName, context.smsFrom ?? null)
      const body = renderSms({ event, view, replies: sender.takesReplies })
      return { channel: 'SMS', body, from: sender.from }
    }
    case 'VOICE':
      return { channel: 'VOICE', twiml: voiceTwiml(row.id, event, view, context) }
    case 'EMAIL': {
      const email = renderEmail({ event, view })
      return {
        channel: 'EMAIL',
        mail: { ...email, calendar: message.calendar?.(row.recipient) ?? null },
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
  // An appointment that took place (or was missed) stays in the calendar as it was.
  return appointmentIcs(calendarEvent(appointment, view, isCancelled(appointment.status)))
}

/**
 * The call: the script said, then a keypad choice (confirm or cancel an open appointment,
 * take an offered seat or slot), posted to its own signed webhook.
 */
export function voiceTwiml(
  notificationId: string,
  event: MessageEvent,
  view: AppointmentView,
  context: RenderContext,
): string {
  const script = renderVoice(event, view)
  const response = new twilio.twiml.VoiceResponse()
  const say = (text: string, target: { say: typeof response.say } = response) =>
    target.say(sayOptions(script), text)
  const actionUrl =
    script.keypad?.digits['1'] === 'ACCEPT' ? context.offerActionUrl : context.voiceActionUrl
  if (script.keypad && actionUrl) {
    const gather = response.gather({
      numDigits: 1,
      timeout: 6,
      action: actionUrl(notificationId),
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
export function sayOptions(script: Pick<VoiceScript, 'language' | 'voice'>) {
  return { language: script.language, voice: script.voice }
}
