import { formatAppointmentDate } from '~/domain/time/format'
import { instructionsFor } from '~/domain/topics/instructions'
import {
  fullName,
  subjectOfEvent,
  tellsWhereToGo,
  type EventSubject,
  type AdvisorNoticeView,
  type AppointmentView,
  type MessageEvent,
  type MessageLanguage,
} from './view'

// Emails carry everything an SMS cannot: address, access notes, what to bring. Each is
// built once as blocks, then written as plain text and as HTML; every value coming from
// people (names, notes, addresses) is escaped in the HTML.

export type EmailEvent = MessageEvent | 'ADVISOR_NOTICE_RESIDENT_CANCELLED'
export type EmailMessage =
  | { event: MessageEvent; view: AppointmentView }
  | { event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED'; view: AdvisorNoticeView }

export type RenderedEmail = { subject: string; text: string; html: string }

type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'details'; rows: [label: string, value: string][] }
  | { kind: 'link'; label: string; url: string }

export function renderEmail(message: EmailMessage): RenderedEmail {
  const { view } = message
  const words = WORDS[view.locale]
  const when = formatAppointmentDate(view.startsAt, view.zone, view.locale)
  const helped = view.helped ? fullName(view.helped) : null
  const subject = oneLine(
    message.event === 'ADVISOR_NOTICE_RESIDENT_CANCELLED'
      ? words.advisorSubject(fullName(message.view.resident), when)
      : words.subject[message.event](when, view.organisationName, helped, view.topicName),
  )
  const blocks =
    message.event === 'ADVISOR_NOTICE_RESIDENT_CANCELLED'
      ? advisorNotice(message.view, when)
      : residentMessage(message.event, view, when)
  return {
    subject,
    text: blocks.map((block) => asText(block, COLON[view.locale])).join('\n\n'),
    html: asHtml(blocks, subject, view.locale),
  }
}

/**
 * A staff email around one link (password reset, invitation): its paragraphs as written by
 * the caller's texts, the link as a button-like line and printed in full.
 */
export function renderLinkEmail(input: {
  locale: MessageLanguage
  subject: string
  before: string[]
  action: string
  url: string
  after: string[]
}): RenderedEmail {
  const paragraph = (text: string): Block => ({ kind: 'paragraph', text })
  const blocks: Block[] = [
    ...input.before.map(paragraph),
    { kind: 'link', label: input.action, url: input.url },
    ...input.after.map(paragraph),
  ]
  const subject = oneLine(input.subject)
  return {
    subject,
    text: blocks.map((block) => asText(block, COLON[input.locale])).join('\n\n'),
    html: asHtml(blocks, subject, input.locale),
  }
}

function residentMessage(event: MessageEvent, view: AppointmentView, when: string): Block[] {
  const words = WORDS[view.locale]
  const open = tellsWhereToGo(event)
  const about = subjectOfEvent(event)
  const helped = view.helped ? fullName(view.helped) : null
  const { labels } = words
  // A workshop is named as one, not as an appointment's "motif".
  const topicLabel = about === 'WORKSHOP' || about === 'SEAT' ? labels.workshop : labels.topic
  const rows = open ? details(view, when, topicLabel) : summary(view, when, topicLabel)
  return [
    { kind: 'paragraph', text: words.greeting },
    { kind: 'paragraph', text: words.opening[event](view.organisationName, helped) },
    { kind: 'details', rows: [...rows, ...offerRows(view)] },
    ...optionalParagraph(view.reason, words.reason),
    { kind: 'link', label: words.link[about][open ? 'open' : 'closed'], url: view.manageUrl },
    ...optionalParagraph(view.cancelPhone, words.call[about][open ? 'open' : 'closed']),
    { kind: 'paragraph', text: view.organisationName },
  ]
}

/** An offer's hold, or the appointment an earlier slot would replace. */
function offerRows(view: AppointmentView): [string, string][] {
  const { labels } = WORDS[view.locale]
  const at = (instant: Date | null | undefined) =>
    instant && formatAppointmentDate(instant, view.zone, view.locale)
  return present([
    [labels.heldUntil, at(view.holdUntil)],
    [labels.replaces, at(view.replacesStartsAt)],
  ])
}

function advisorNotice(view: AdvisorNoticeView, when: string): Block[] {
  const words = WORDS[view.locale]
  return [
    { kind: 'paragraph', text: words.advisorOpening(fullName(view.resident)) },
    { kind: 'details', rows: summary(view, when) },
    { kind: 'paragraph', text: words.slotFree },
    { kind: 'link', label: words.agenda, url: view.manageUrl },
  ]
}

type Row = [label: string, value: string | null | undefined]

/** Everything the resident needs to get there (or be ready for the call). */
function details(
  view: AppointmentView,
  when: string,
  topicLabel = WORDS[view.locale].labels.topic,
): [string, string][] {
  const { labels, phoneCall, callFrom } = WORDS[view.locale]
  const helped = view.helped ? fullName(view.helped) : null
  const place: Row[] =
    view.mode === 'PHONE'
      ? [
          [labels.where, phoneCall(view.residentPhoneDisplay, helped)],
          [labels.caller, view.advisorPhoneDisplay && callFrom(view.advisorPhoneDisplay)],
          [labels.prepare, view.instructions && instructionsFor(view.instructions, 'PHONE')],
        ]
      : [
          [labels.where, view.siteName],
          [labels.address, view.siteAddress],
          [labels.access, view.accessNotes],
          [labels.bring, view.instructions],
        ]
  return present([[labels.when, when], [topicLabel, view.topicName], ...place])
}

/** What is gone: when, what, where. */
function summary(
  view: AppointmentView,
  when: string,
  topicLabel = WORDS[view.locale].labels.topic,
): [string, string][] {
  const { labels, phoneCall } = WORDS[view.locale]
  return present([
    [labels.when, when],
    [topicLabel, view.topicName],
    [labels.where, view.mode === 'PHONE' ? phoneCall(null, null) : view.siteName],
  ])
}

/** Rows with something to say, trimmed. */
function present(rows: Row[]): [string, string][] {
  return rows.flatMap(([label, value]): [string, string][] =>
    value?.trim() ? [[label, value.trim()]] : [],
  )
}

function optionalParagraph(
  value: string | null | undefined,
  say: (value: string) => string,
): Block[] {
  return value?.trim() ? [{ kind: 'paragraph', text: say(value.trim()) }] : []
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A subject is one header line, whatever a name contains (a time keeps its non-breaking spaces). */
function oneLine(text: string): string {
  return text.replace(/[^\S\u00a0]+/gu, ' ').trim()
}

// French typography puts a space before a colon; English does not.
const COLON: Record<MessageLanguage, string> = { fr: ' : ', en: ': ' }

function asText(block: Block, colon: string): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text
    case 'details':
      return block.rows.map(([label, value]) => `${label}${colon}${value}`).join('\n')
    case 'link':
      return `${block.label}${colon}${block.url}`
  }
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => HTML_ESCAPES[char])
}

/** Line breaks typed in notes stay line breaks. */
const escapedLines = (text: string) => escapeHtml(text).replace(/\r?\n/gu, '<br>')

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapedLines(block.text)}</p>`
    case 'details':
      return `<dl>${block.rows
        .map(
          ([label, value]) =>
            `<dt><strong>${escapeHtml(label)}</strong></dt><dd>${escapedLines(value)}</dd>`,
        )
        .join('')}</dl>`
    case 'link':
      return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a><br>${escapeHtml(block.url)}</p>`
  }
}

// Simple markup and inline styles: mail clients ignore style sheets and old phones
// render plain HTML best. The link is also printed, for clients that hide links.
function asHtml(blocks: Block[], subject: string, locale: MessageLanguage): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em">',
    ...blocks.map(blockHtml),
    '</body>',
    '</html>',
  ].join('\n')
}

/** Who a helper's messages are about, or null for the resident's own. */
type Helped = string | null

type Words = {
  greeting: string
  subject: Record<
    MessageEvent,
    (when: string, organisation: string, helped: Helped, topic: string) => string
  >
  opening: Record<MessageEvent, (organisation: string, helped: Helped) => string>
  labels: Record<
    | 'when'
    | 'topic'
    | 'where'
    | 'address'
    | 'access'
    | 'caller'
    | 'bring'
    | 'prepare'
    | 'heldUntil'
    | 'replaces'
    | 'workshop',
    string
  >
  phoneCall: (residentPhone: string | null | undefined, helped: Helped) => string
  callFrom: (advisorPhone: string) => string
  /** The link's words, while it stands (open) and once it is over (closed). */
  link: Record<EventSubject, Record<'open' | 'closed', string>>
  call: Record<EventSubject, Record<'open' | 'closed', (phone: string) => string>>
  reason: (reason: string) => string
  advisorSubject: (resident: string, when: string) => string
  advisorOpening: (resident: string) => string
  slotFree: string
  agenda: string
}

// "votre rendez-vous", or for a helper "le rendez-vous de Marie Dupont".
const frYour = (helped: Helped) => (helped ? `le rendez-vous de ${helped}` : 'votre rendez-vous')
const frOf = (helped: Helped) => (helped ? ` de ${helped}` : '')
const frFor = (helped: Helped) => (helped ? ` pour ${helped}` : '')
const frYourRegistration = (helped: Helped) =>
  helped ? `l’inscription de ${helped}` : 'votre inscription'

const FR: Words = {
  greeting: 'Bonjour,',
  subject: {
    CONFIRMATION: (when, _, helped) => `Rendez-vous${frOf(helped)} confirmé : ${when}`,
    REMINDER: (when, _, helped) => `Rappel : rendez-vous${frOf(helped)} le ${when}`,
    MOVED: (when, _, helped) => `Rendez-vous${frOf(helped)} déplacé : ${when}`,
    CANCELLED_BY_RESIDENT: (when, _, helped) => `Rendez-vous${frOf(helped)} annulé : ${when}`,
    CANCELLED_BY_SERVICE: (when, organisation, helped) =>
      `${organisation} annule ${frYour(helped)} : ${when}`,
    WORKSHOP_CONFIRMATION: (when, _, helped, topic) =>
      `Inscription${frOf(helped)} confirmée : atelier ${topic}, ${when}`,
    WORKSHOP_REMINDER: (when, _, helped, topic) =>
      `Rappel${frFor(helped)} : atelier ${topic}, ${when}`,
    WORKSHOP_CHANGED: (when, _, helped, topic) =>
      `Changement${frFor(helped)} : atelier ${topic}, ${when}`,
    WORKSHOP_CANCELLED_BY_RESIDENT: (when, _, helped, topic) =>
      `Inscription${frOf(helped)} annulée : atelier ${topic}, ${when}`,
    WORKSHOP_CANCELLED_BY_SERVICE: (when, organisation, helped, topic) =>
      `${organisation} annule ${frYourRegistration(helped)} : atelier ${topic}, ${when}`,
    SEAT_OFFER: (when, _, helped, topic) =>
      `Une place s’est libérée${frFor(helped)} : atelier ${topic}, ${when}`,
    SEAT_OFFER_EXPIRED: (when, _, helped, topic) =>
      `Place non prise à temps${frFor(helped)} : atelier ${topic}, ${when}`,
    EARLIER_SLOT: (when, _, helped) =>
      `Un rendez-vous plus tôt est libre${frFor(helped)} : ${when}`,
  },
  opening: {
    CONFIRMATION: (organisation, helped) =>
      `${capital(frYour(helped))} avec ${organisation} est confirmé.`,
    REMINDER: (organisation, helped) =>
      `Nous vous rappelons ${frYour(helped)} avec ${organisation}.`,
    MOVED: (organisation, helped) =>
      `${capital(frYour(helped))} avec ${organisation} a été déplacé. Voici la nouvelle date.`,
    CANCELLED_BY_RESIDENT: (_, helped) => `${capital(frYour(helped))} est bien annulé.`,
    CANCELLED_BY_SERVICE: (organisation, helped) =>
      `${organisation} doit annuler ${frYour(helped)}. Nous vous prions de nous excuser.`,
    WORKSHOP_CONFIRMATION: (_, helped) =>
      `${capital(frYourRegistration(helped))} à l’atelier est confirmée.`,
    WORKSHOP_REMINDER: (_, helped) =>
      `Nous vous rappelons ${frYourRegistration(helped)} à l’atelier.`,
    WORKSHOP_CHANGED: (_, helped) =>
      `${capital(frYourRegistration(helped))} tient toujours, mais l’atelier a changé : voici sa date et son lieu.`,
    WORKSHOP_CANCELLED_BY_RESIDENT: (_, helped) =>
      `${capital(frYourRegistration(helped))} à l’atelier est bien annulée.`,
    WORKSHOP_CANCELLED_BY_SERVICE: (organisation, helped) =>
      `${organisation} doit annuler ${frYourRegistration(helped)} à l’atelier. Nous vous prions de nous excuser.`,
    SEAT_OFFER: (_, helped) =>
      `Une place s’est libérée${frFor(helped)} à l’atelier de la liste d’attente. Elle est gardée${helped ? '' : ' pour vous'} jusqu’à l’heure indiquée, puis passera à la personne suivante.`,
    SEAT_OFFER_EXPIRED: (_, helped) =>
      `La place gardée${frFor(helped) || ' pour vous'} à cet atelier n’a pas été prise à temps : elle passe à la personne suivante de la liste d’attente.`,
    EARLIER_SLOT: (_, helped) =>
      `Un rendez-vous plus tôt s’est libéré${frFor(helped)}, comme demandé. Il va à la première personne qui le prend.`,
  },
  labels: {
    when: 'Quand',
    topic: 'Motif',
    where: 'Où',
    address: 'Adresse',
    access: 'Pour venir',
    caller: 'Appel',
    bring: 'À apporter',
    prepare: 'Pour l’appel',
    heldUntil: 'Répondre avant',
    workshop: 'Atelier',
    replaces: 'Votre rendez-vous actuel',
  },
  phoneCall: (phone, helped) =>
    phone
      ? `Par téléphone : ${helped ? `le conseiller appellera ${helped}` : 'votre conseiller vous appellera'} au ${phone}`
      : 'Par téléphone',
  callFrom: (phone) => `L’appel viendra du ${phone}`,
  link: {
    APPOINTMENT: {
      open: 'Voir, déplacer ou annuler le rendez-vous',
      closed: 'Prendre un nouveau rendez-vous',
    },
    WORKSHOP: { open: 'Voir ou annuler l’inscription', closed: 'Voir l’inscription' },
    SEAT: { open: 'Prendre la place, ou quitter la liste d’attente', closed: 'Voir le détail' },
    SLOT: { open: 'Prendre ce rendez-vous', closed: 'Voir le détail' },
  },
  call: {
    APPOINTMENT: {
      open: (phone) => `Vous pouvez aussi appeler le ${phone} pour annuler ou déplacer.`,
      closed: (phone) => `Vous pouvez aussi appeler le ${phone} pour prendre rendez-vous.`,
    },
    WORKSHOP: {
      open: (phone) => `Vous pouvez aussi appeler le ${phone} pour annuler.`,
      closed: (phone) => `Pour toute question, vous pouvez appeler le ${phone}.`,
    },
    SEAT: {
      open: (phone) => `Vous pouvez aussi appeler le ${phone} pour prendre la place.`,
      closed: (phone) => `Pour toute question, vous pouvez appeler le ${phone}.`,
    },
    SLOT: {
      open: (phone) => `Vous pouvez aussi appeler le ${phone} pour prendre ce rendez-vous.`,
      closed: (phone) => `Pour toute question, vous pouvez appeler le ${phone}.`,
    },
  },
  reason: (reason) => `Motif de l’annulation : ${reason}`,
  advisorSubject: (resident, when) => `Annulation : ${resident}, ${when}`,
  advisorOpening: (resident) => `${resident} a annulé son rendez-vous.`,
  slotFree: 'Le créneau est de nouveau libre.',
  agenda: 'Voir le rendez-vous dans l’espace conseiller',
}

const enYour = (helped: Helped) => (helped ? `the appointment for ${helped}` : 'your appointment')
const enFor = (helped: Helped) => (helped ? ` for ${helped}` : '')
const enYourRegistration = (helped: Helped) =>
  helped ? `the registration for ${helped}` : 'your registration'

const EN: Words = {
  greeting: 'Hello,',
  subject: {
    CONFIRMATION: (when, _, helped) => `Appointment${enFor(helped)} confirmed: ${when}`,
    REMINDER: (when, _, helped) => `Reminder: appointment${enFor(helped)} on ${when}`,
    MOVED: (when, _, helped) => `Appointment${enFor(helped)} moved: ${when}`,
    CANCELLED_BY_RESIDENT: (when, _, helped) => `Appointment${enFor(helped)} cancelled: ${when}`,
    CANCELLED_BY_SERVICE: (when, organisation, helped) =>
      `${organisation} cancels ${enYour(helped)}: ${when}`,
    WORKSHOP_CONFIRMATION: (when, _, helped, topic) =>
      `Registration${enFor(helped)} confirmed: ${topic} workshop, ${when}`,
    WORKSHOP_REMINDER: (when, _, helped, topic) =>
      `Reminder${enFor(helped)}: ${topic} workshop, ${when}`,
    WORKSHOP_CHANGED: (when, _, helped, topic) =>
      `Change${enFor(helped)}: ${topic} workshop, ${when}`,
    WORKSHOP_CANCELLED_BY_RESIDENT: (when, _, helped, topic) =>
      `Registration${enFor(helped)} cancelled: ${topic} workshop, ${when}`,
    WORKSHOP_CANCELLED_BY_SERVICE: (when, organisation, helped, topic) =>
      `${organisation} cancels ${enYourRegistration(helped)}: ${topic} workshop, ${when}`,
    SEAT_OFFER: (when, _, helped, topic) =>
      `A seat is free${enFor(helped)}: ${topic} workshop, ${when}`,
    SEAT_OFFER_EXPIRED: (when, _, helped, topic) =>
      `Seat not taken in time${enFor(helped)}: ${topic} workshop, ${when}`,
    EARLIER_SLOT: (when, _, helped) => `An earlier appointment is free${enFor(helped)}: ${when}`,
  },
  opening: {
    CONFIRMATION: (organisation, helped) =>
      `${capital(enYour(helped))} with ${organisation} is confirmed.`,
    REMINDER: (organisation, helped) =>
      `This is a reminder of ${enYour(helped)} with ${organisation}.`,
    MOVED: (organisation, helped) =>
      `${capital(enYour(helped))} with ${organisation} has been moved. Here is the new date.`,
    CANCELLED_BY_RESIDENT: (_, helped) => `${capital(enYour(helped))} is cancelled.`,
    CANCELLED_BY_SERVICE: (organisation, helped) =>
      `${organisation} has to cancel ${enYour(helped)}. We are sorry.`,
    WORKSHOP_CONFIRMATION: (_, helped) =>
      `${capital(enYourRegistration(helped))} for the workshop is confirmed.`,
    WORKSHOP_REMINDER: (_, helped) =>
      `This is a reminder of ${enYourRegistration(helped)} for the workshop.`,
    WORKSHOP_CHANGED: (_, helped) =>
      `${capital(enYourRegistration(helped))} still stands, but the workshop has changed: here are its date and place.`,
    WORKSHOP_CANCELLED_BY_RESIDENT: (_, helped) =>
      `${capital(enYourRegistration(helped))} for the workshop is cancelled.`,
    WORKSHOP_CANCELLED_BY_SERVICE: (organisation, helped) =>
      `${organisation} has to cancel ${enYourRegistration(helped)} for the workshop. We are sorry.`,
    SEAT_OFFER: (_, helped) =>
      `A seat is free${enFor(helped)} at the workshop of the waiting list. It is held${helped ? '' : ' for you'} until the time below, then goes to the next person.`,
    SEAT_OFFER_EXPIRED: (_, helped) =>
      `The seat held${enFor(helped) || ' for you'} at this workshop was not taken in time: it goes to the next person on the waiting list.`,
    EARLIER_SLOT: (_, helped) =>
      `An earlier appointment is free${enFor(helped)}, as asked. It goes to whoever takes it first.`,
  },
  labels: {
    when: 'When',
    topic: 'Topic',
    where: 'Where',
    address: 'Address',
    access: 'Getting there',
    caller: 'Call',
    bring: 'Please bring',
    prepare: 'For the call',
    heldUntil: 'Answer by',
    workshop: 'Workshop',
    replaces: 'Your current appointment',
  },
  phoneCall: (phone, helped) =>
    phone
      ? `By phone: ${helped ? `the advisor will call ${helped}` : 'your advisor will call you'} on ${phone}`
      : 'By phone',
  callFrom: (phone) => `The call will come from ${phone}`,
  link: {
    APPOINTMENT: { open: 'See, move or cancel the appointment', closed: 'Book a new appointment' },
    WORKSHOP: { open: 'See or cancel the registration', closed: 'See the registration' },
    SEAT: { open: 'Take the seat, or leave the waiting list', closed: 'See the details' },
    SLOT: { open: 'Take this appointment', closed: 'See the details' },
  },
  call: {
    APPOINTMENT: {
      open: (phone) => `You can also call ${phone} to cancel or move it.`,
      closed: (phone) => `You can also call ${phone} to book.`,
    },
    WORKSHOP: {
      open: (phone) => `You can also call ${phone} to cancel.`,
      closed: (phone) => `For any question, you can call ${phone}.`,
    },
    SEAT: {
      open: (phone) => `You can also call ${phone} to take the seat.`,
      closed: (phone) => `For any question, you can call ${phone}.`,
    },
    SLOT: {
      open: (phone) => `You can also call ${phone} to take this appointment.`,
      closed: (phone) => `For any question, you can call ${phone}.`,
    },
  },
  reason: (reason) => `Reason: ${reason}`,
  advisorSubject: (resident, when) => `Cancelled: ${resident}, ${when}`,
  advisorOpening: (resident) => `${resident} cancelled their appointment.`,
  slotFree: 'The slot is free again.',
  agenda: 'See the appointment in the workspace',
}

const WORDS: Record<MessageLanguage, Words> = { fr: FR, en: EN }
