import { formatDayTime, formatShortDateTime } from '~/domain/time/format'
import { isOneGsm7Segment, toGsm7 } from './gsm7'
import {
  fullName,
  type AdvisorNoticeView,
  type AppointmentView,
  type MessageLanguage,
  type PersonName,
  type ResidentEvent,
} from './view'

// Every SMS is one GSM-7 segment (160 characters): cheaper, and delivered whole on old
// phones. Each is first written in plain French, as people say it ("rendez-vous le
// mercredi 2 décembre à 10 h 30, Mairie de Vouvant (Impôts)"), then made shorter one
// step at a time until it fits (docs/decisions/021-reminder-policy.md). Names are whole
// or absent, never cut; the link and the date (at least "mer. 2 déc. à 10 h 30") always
// stay.

type Event = ResidentEvent

export type SmsMessage =
  | {
      event: Event
      view: AppointmentView
      /** False when the sender is a name: a reply cannot reach it (sender.ts). */
      replies?: boolean
    }
  | { event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED'; view: AdvisorNoticeView }
  | { event: 'CANCEL_WHICH'; locale: MessageLanguage; choices: CancelChoice[] }
  | {
      event: 'HELP' | 'OPTED_OUT'
      locale: MessageLanguage
      organisationName: string
      cancelPhone?: string | null
    }

/** One upcoming appointment offered as "ANNULER 1", "ANNULER 2"… in that order. */
export type CancelChoice = { startsAt: Date; zone: string }

/** The reply keyword; it stays French in English messages so one keyword works for all. */
export const CANCEL_KEYWORD = 'ANNULER'
/** At most this many appointments are offered by number; with more, the first ones. */
export const CANCEL_WHICH_MAX = 3

/**
 * The shortenings, from what is given up first to what is kept longest: the person's last
 * name (down to its initial), "Détails : " before the link, the topic, the long date, the
 * spare words (the apology, "Pour reprendre rendez-vous : "), the organisation,
 * "rendez-vous" (for "RDV"), a phone number, the initial, the site, "téléphonique", and
 * last the person's first name.
 */
const STEPS = [
  'PERSON_INITIAL',
  'DETAILS_LABEL',
  'TOPIC',
  'SHORT_DATE',
  'SPARE',
  'ORG',
  'SHORT_WORD',
  'PHONE',
  'PERSON_FIRST_NAME',
  'SITE',
  'MODE',
  'PERSON',
] as const
type Step = (typeof STEPS)[number]

/** What a template writes with: every value already shortened or emptied by the steps. */
type Parts = {
  date: string
  link: string
  phoneMode: boolean
  replies: boolean
  /** "rendez-vous" or "RDV" (French); "appointment" in English. */
  word: string
  /** "Détails : " may precede the link. */
  detailsLabel: boolean
  /** Spare words may be written. */
  spare: boolean
  topic: string
  site: string
  org: string
  phone: string
  /** The person helped (or, for an advisor, the resident who cancelled). */
  person: string
  choices: string[]
}

type Source = {
  locale: MessageLanguage
  dates?: { long: string; short: string }
  link?: string
  phoneMode?: boolean
  replies?: boolean
  topic?: string | null
  site?: string | null
  org?: string | null
  phone?: string | null
  person?: PersonName | null
  choices?: CancelChoice[]
}

/** The SMS text: GSM-7 only and one segment, or an error (a template bug, caught by tests). */
export function renderSms(message: SmsMessage): string {
  switch (message.event) {
    case 'CANCEL_WHICH': {
      if (message.choices.length < 2)
        throw new Error('CANCEL_WHICH needs at least two appointments')
      const source = { locale: message.locale, choices: message.choices.slice(0, CANCEL_WHICH_MAX) }
      return fit(source, WORDING[message.locale].CANCEL_WHICH)
    }
    case 'HELP':
    case 'OPTED_OUT': {
      const source = {
        locale: message.locale,
        org: message.organisationName,
        phone: message.cancelPhone,
      }
      return fit(source, WORDING[message.locale][message.event])
    }
    case 'ADVISOR_NOTICE_RESIDENT_CANCELLED': {
      const { view } = message
      const source = { ...appointmentSource(view, true), person: view.resident }
      return fit(source, WORDING[view.locale].ADVISOR_NOTICE_RESIDENT_CANCELLED)
    }
    default: {
      const source = appointmentSource(message.view, message.replies ?? true)
      return fit(source, WORDING[message.view.locale][message.event])
    }
  }
}

function appointmentSource(view: AppointmentView, replies: boolean): Source {
  const plain = { spaces: 'plain' } as const
  return {
    locale: view.locale,
    dates: {
      long: formatDayTime(view.startsAt, view.zone, view.locale, plain),
      short: formatShortDateTime(view.startsAt, view.zone, view.locale, plain),
    },
    link: view.manageUrl,
    phoneMode: view.mode === 'PHONE',
    replies,
    topic: view.topicName,
    site: view.mode === 'PHONE' ? null : (view.siteShortName ?? view.siteName),
    org: view.organisationName,
    phone: view.mode === 'PHONE' ? view.advisorPhoneDisplay : null,
    person: view.helped,
  }
}

/** Names arrive from forms: one line, single spaces. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim()

function partsOf(source: Source, steps: ReadonlySet<Step>): Parts {
  const has = (step: Step) => steps.has(step)
  const unless = (step: Step, text: string | null | undefined) => (has(step) ? '' : clean(text))
  const date = source.dates ? (has('SHORT_DATE') ? source.dates.short : source.dates.long) : ''
  return {
    date,
    link: source.link ?? '',
    phoneMode: Boolean(source.phoneMode) && !has('MODE'),
    replies: source.replies ?? true,
    word: source.locale === 'en' ? 'appointment' : has('SHORT_WORD') ? 'RDV' : 'rendez-vous',
    detailsLabel: !has('DETAILS_LABEL'),
    spare: !has('SPARE'),
    topic: unless('TOPIC', source.topic),
    site: unless('SITE', source.site),
    org: unless('ORG', source.org),
    phone: unless('PHONE', source.phone),
    person: has('PERSON') ? '' : personName(source.person, steps),
    choices: (source.choices ?? []).map((choice) =>
      (has('SHORT_DATE') ? formatShortDateTime : formatDayTime)(
        choice.startsAt,
        choice.zone,
        source.locale,
        { spaces: 'plain' },
      ),
    ),
  }
}

/** "Marie Dupont", then "Marie D." ("de La Fontaine": "L."), then "Marie". */
function personName(person: PersonName | null | undefined, steps: ReadonlySet<Step>): string {
  if (!person) return ''
  const first = clean(person.firstName)
  const last = clean(person.lastName)
  if (steps.has('PERSON_FIRST_NAME') || !last) return first
  const initial = (/\p{Lu}/u.exec(last)?.[0] ?? last[0].toUpperCase()) + '.'
  return steps.has('PERSON_INITIAL') ? `${first} ${initial}` : clean(fullName(person))
}

/**
 * The text with as much kept as fits, the most valued first: starting from the shortest
 * text (every step taken), each step is undone, from the last to the first, whenever the
 * text still fits. So a site is never given up to keep a topic or the long date.
 */
function fit(source: Source, template: (parts: Parts) => string): string {
  const steps = new Set<Step>(STEPS)
  // Measured with the alphabet table; the tests check every template with the calculator.
  const text = () => toGsm7(template(partsOf(source, steps)))
  const fits = () => isOneGsm7Segment(text())
  if (!fits()) throw new Error(`SMS does not fit one segment: ${text()}`)
  for (const step of [...STEPS].reverse()) {
    steps.delete(step)
    if (!fits()) steps.add(step)
  }
  return text()
}

type Template = (parts: Parts) => string
type Wording = Record<
  Event | 'ADVISOR_NOTICE_RESIDENT_CANCELLED' | 'CANCEL_WHICH' | 'HELP' | 'OPTED_OUT',
  Template
>

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const paren = (text: string) => (text ? ` (${text})` : '')
const prefixed = (prefix: string, text: string) => (text ? `${prefix}${text}` : '')
/** "Mairie de Vouvant (Impôts)": where, then what, whichever is left. */
const about = (p: Parts) => [p.site, p.topic && `(${p.topic})`].filter(Boolean).join(' ')
/** The end of a sentence that may have lost all its names. */
const ending = (separator: string, text: string) => (text ? `${separator}${text}.` : '.')

// French: "rendez-vous", "téléphonique" and "de Marie Dupont" slot into each sentence.
const frTel = (p: Parts) => (p.phoneMode ? ' téléphonique' : '')
const frOf = (p: Parts) => prefixed(' de ', p.person)
const frWhat = (p: Parts) => `${p.word}${frTel(p)}${frOf(p)}`
/** "votre rendez-vous" for the resident, "le rendez-vous de Marie Dupont" for a helper. */
const frSubject = (p: Parts) => `${p.person ? 'le' : 'votre'} ${frWhat(p)}`
const frTheOne = (p: Parts) => `${frSubject(p)} du ${p.date}${p.phoneMode ? '' : paren(p.site)}`
const frCall = (p: Parts) =>
  p.phone ? (p.spare ? ` L'appel viendra du ${p.phone}.` : ` Appel du ${p.phone}.`) : ''
/** How to see and cancel, by this channel: a reply when the sender can take one, else the link. */
const frLinks = (p: Parts) =>
  p.replies
    ? `${p.detailsLabel ? 'Détails : ' : ''}${p.link} Répondez ${CANCEL_KEYWORD} pour annuler`
    : `Voir ou annuler : ${p.link}`
const frRebook = (p: Parts) => `${p.spare ? `Pour reprendre ${p.word} : ` : ''}${p.link}`
/** After the date: the topic and the caller by phone, else the place and the topic. */
const frTail = (p: Parts) =>
  p.phoneMode ? `${paren(p.topic)}.${frCall(p)}` : ending(', ', about(p))

const FR: Wording = {
  CONFIRMATION: (p) =>
    `${capital(frWhat(p))} confirmé ${p.spare ? 'le' : ':'} ${p.date}${frTail(p)} ${frLinks(p)}`,
  REMINDER: (p) =>
    `Rappel : ${frWhat(p)} ${p.spare ? 'le ' : ''}${p.date}${frTail(p)} ${frLinks(p)}`,
  MOVED: (p) =>
    `${capital(p.spare ? `${frSubject(p)} est` : frWhat(p))} déplacé au ${p.date}${frTail(p)} ${frLinks(p)}`,
  CANCELLED_BY_RESIDENT: (p) => `${capital(frTheOne(p))} est bien annulé. ${frRebook(p)}`,
  CANCELLED_BY_SERVICE: (p) =>
    `${p.org ? `${p.org} doit` : 'Nous devons'} annuler ${frTheOne(p)}.${p.spare ? ' Toutes nos excuses.' : ''} ${frRebook(p)}`,
  ADVISOR_NOTICE_RESIDENT_CANCELLED: (p) =>
    `Annulation${prefixed(' par ', p.person)} : ${p.word}${frTel(p)} du ${p.date}${p.phoneMode ? '' : paren(p.site)}.${prefixed(' Motif : ', p.topic && `${p.topic}.`)} ${p.detailsLabel ? 'Voir : ' : ''}${p.link}`,
  CANCEL_WHICH: (p) =>
    `Vous avez plusieurs ${p.word}. Répondez ${p.choices
      .map((date, index) =>
        p.spare
          ? `${CANCEL_KEYWORD} ${index + 1} pour le ${date}`
          : `${CANCEL_KEYWORD} ${index + 1} (${date})`,
      )
      .join(', ')}.`,
  HELP: (p) =>
    `${p.org ? `${p.org} : rappels` : 'Rappels'} de ${p.word}. Répondez ${CANCEL_KEYWORD} pour annuler votre ${p.word}, STOP pour ne plus recevoir de SMS.${prefixed(' Contact : ', p.phone)}`,
  OPTED_OUT: (p) =>
    `${p.org ? `${p.org} : vous` : 'Vous'} ne recevrez plus de SMS. Vos ${p.word} restent prévus.${prefixed(' Pour annuler : ', p.phone && `${p.phone}.`)} Répondez START pour les recevoir à nouveau.`,
}

const enWhat = (p: Parts) => `${p.phoneMode ? 'phone ' : ''}${p.word}`
const enFor = (p: Parts) => prefixed(' for ', p.person)
/** "your appointment" for the resident, "the appointment for Marie Dupont" for a helper. */
const enSubject = (p: Parts) => `${p.person ? 'the' : 'your'} ${enWhat(p)}${enFor(p)}`
const enTheOne = (p: Parts) => `${enSubject(p)} on ${p.date}${p.phoneMode ? '' : paren(p.site)}`
const enCall = (p: Parts) =>
  p.phone ? (p.spare ? ` The call will come from ${p.phone}.` : ` Call from ${p.phone}.`) : ''
const enLinks = (p: Parts) =>
  p.replies
    ? `${p.detailsLabel ? 'Details: ' : ''}${p.link} Reply ${CANCEL_KEYWORD} to cancel`
    : `See or cancel: ${p.link}`
const enRebook = (p: Parts) => `${p.spare ? 'To book again: ' : ''}${p.link}`
const enTail = (p: Parts) =>
  p.phoneMode ? `${paren(p.topic)}.${enCall(p)}` : ending(', ', about(p))

const EN: Wording = {
  CONFIRMATION: (p) =>
    `${capital(enWhat(p))}${enFor(p)} confirmed: ${p.date}${enTail(p)} ${enLinks(p)}`,
  REMINDER: (p) =>
    `Reminder: ${enWhat(p)}${enFor(p)} ${p.spare ? 'on ' : ''}${p.date}${enTail(p)} ${enLinks(p)}`,
  MOVED: (p) =>
    `${capital(p.spare ? `${enSubject(p)} is` : `${enWhat(p)}${enFor(p)}`)} moved to ${p.date}${enTail(p)} ${enLinks(p)}`,
  CANCELLED_BY_RESIDENT: (p) => `${capital(enTheOne(p))} is cancelled. ${enRebook(p)}`,
  CANCELLED_BY_SERVICE: (p) =>
    `${p.org ? `${p.org} has` : 'We have'} to cancel ${enTheOne(p)}.${p.spare ? ' We are sorry.' : ''} ${enRebook(p)}`,
  ADVISOR_NOTICE_RESIDENT_CANCELLED: (p) =>
    `Cancelled${prefixed(' by ', p.person)}: ${enWhat(p)} on ${p.date}${p.phoneMode ? '' : paren(p.site)}.${prefixed(' Topic: ', p.topic && `${p.topic}.`)} ${p.detailsLabel ? 'See: ' : ''}${p.link}`,
  CANCEL_WHICH: (p) =>
    `You have several ${p.word}s. Reply ${p.choices
      .map((date, index) =>
        p.spare
          ? `${CANCEL_KEYWORD} ${index + 1} for ${date}`
          : `${CANCEL_KEYWORD} ${index + 1} (${date})`,
      )
      .join(', ')}.`,
  HELP: (p) =>
    `${p.org ? `${p.org}: appointment` : 'Appointment'} reminders. Reply ${CANCEL_KEYWORD} to cancel your appointment, STOP to receive no more SMS.${prefixed(' Contact: ', p.phone)}`,
  OPTED_OUT: (p) =>
    `${p.org ? `${p.org}: you` : 'You'} will receive no more SMS. Your appointments still stand.${prefixed(' To cancel: ', p.phone && `${p.phone}.`)} Reply START to receive them again.`,
}

const WORDING: Record<MessageLanguage, Wording> = { fr: FR, en: EN }
