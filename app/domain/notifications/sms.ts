import { formatShortDateTime } from '~/domain/time/format'
import { isOneGsm7Segment, toGsm7 } from './gsm7'
import type { AdvisorNoticeView, AppointmentView, MessageLanguage, ResidentEvent } from './view'

// Every SMS is one GSM-7 segment (160 characters): cheaper, and delivered whole on old
// phones. Date, time and link are never shortened; names are, at a word boundary.

export type SmsMessage =
  | { event: ResidentEvent; view: AppointmentView }
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

/** The SMS text: GSM-7 only and one segment, or an error (a template bug, caught by tests). */
export function renderSms(message: SmsMessage): string {
  switch (message.event) {
    case 'CANCEL_WHICH':
      return fit({}, () => cancelWhich(message.locale, message.choices))
    case 'HELP':
    case 'OPTED_OUT': {
      const fields = {
        org: keepFirstWord(message.organisationName),
        phone: atomic(message.cancelPhone),
      }
      return fit(fields, (v) => WORDING[message.locale][message.event](v))
    }
    case 'ADVISOR_NOTICE_RESIDENT_CANCELLED': {
      const { view } = message
      const fields = { ...appointmentFields(view), resident: person(view.residentName) }
      return fit(fields, (v) => WORDING[view.locale][message.event](v, facts(view)))
    }
    default:
      return fit(appointmentFields(message.view), (v) =>
        WORDING[message.view.locale][message.event](v, facts(message.view)),
      )
  }
}

/** What never shrinks. */
type Facts = { date: string; link: string; phoneMode: boolean }
type Values = Record<string, string>

function facts(view: AppointmentView): Facts {
  return {
    date: formatShortDateTime(view.startsAt, view.zone, view.locale),
    link: view.manageUrl,
    phoneMode: view.mode === 'PHONE',
  }
}

// Shrinkable parts, by rank: topic, site and organisation names first (longest first;
// a site or organisation keeps its first word so it stays recognisable), then a
// resident's name, then a whole phone number. Dropping a first word is the last resort.
type Field = { text: string; floor: 'EMPTY' | 'FIRST_WORD' | 'ATOMIC'; rank: number }
const LAST_RESORT = 9

const field =
  (floor: Field['floor'], rank: number) =>
  (text?: string | null): Field => ({ text: clean(text ?? ''), floor, rank })
const dropWords = field('EMPTY', 1)
const keepFirstWord = field('FIRST_WORD', 1)
const person = field('FIRST_WORD', 2)
const atomic = field('ATOMIC', 3)

function appointmentFields(view: AppointmentView): Record<string, Field> {
  return {
    topic: dropWords(view.topicName),
    site: keepFirstWord(view.siteName),
    org: keepFirstWord(view.organisationName),
  }
}

/** Names arrive from forms: one line, single spaces. */
function clean(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

// Measured with the alphabet table; the tests check every template with the calculator.
function fit(fields: Record<string, Field>, render: (values: Values) => string): string {
  const current: Values = Object.fromEntries(
    Object.entries(fields).map(([key, { text }]) => [key, toGsm7(text)]),
  )
  for (;;) {
    const text = toGsm7(render(current))
    if (isOneGsm7Segment(text)) return text
    const step = nextStep(fields, current, render)
    if (!step) throw new Error(`SMS does not fit one segment: ${text}`)
    current[step.key] = step.value
  }
}

type Step = { key: string; value: string; rank: number }

/** The next shortening: lowest rank, longest name, and only of a name the text shows. */
function nextStep(
  fields: Record<string, Field>,
  current: Values,
  render: (values: Values) => string,
): Step | undefined {
  const shown = render(current)
  const steps = Object.entries(fields)
    .flatMap(([key, { floor, rank }]): Step[] => {
      const shorter = shrink(current[key], floor)
      if (shorter !== current[key]) return [{ key, value: shorter, rank }]
      return current[key] ? [{ key, value: '', rank: LAST_RESORT }] : []
    })
    .filter((step) => render({ ...current, [step.key]: step.value }) !== shown)
  const rank = Math.min(...steps.map((step) => step.rank))
  return steps
    .filter((step) => step.rank === rank)
    .sort((a, b) => current[b.key].length - current[a.key].length)[0]
}

const ELLIPSIS = '...'
// Words a shortened name should not end on ("Maison France Services de la...").
const DANGLING = new Set(
  'de la le les du des d l et en à au aux of the and for to in on at'.split(' '),
)

/** One word less, never a cut inside a word, down to the field's floor. */
function shrink(text: string, floor: Field['floor']): string {
  if (!text || floor === 'ATOMIC') return ''
  const words = text.replace(/\.\.\.$/u, '').split(' ')
  if (words.length <= 1) return floor === 'EMPTY' ? '' : text
  const kept = words.slice(0, -1)
  while (kept.length > 1 && DANGLING.has(kept[kept.length - 1].toLowerCase())) kept.pop()
  return `${kept.join(' ').replace(/[\s,;:.'(-]+$/u, '')}${ELLIPSIS}`
}

type Template = (v: Values, f: Facts) => string
type Wording = Record<ResidentEvent | 'ADVISOR_NOTICE_RESIDENT_CANCELLED', Template> &
  Record<'HELP' | 'OPTED_OUT', (v: Values) => string>

const paren = (text: string) => (text ? ` (${text})` : '')
const withSpace = (prefix: string, text: string) => (text ? ` ${prefix}${text}` : '')
/** A full stop, unless the sentence already ends with a shortened name's "...". */
const stop = (text: string) => (text.endsWith('.') ? text : `${text}.`)
/** "Mairie de Vouvant (Impots)": where, then what, whichever is left. */
const about = (v: Values) => [v.site, v.topic && `(${v.topic})`].filter(Boolean).join(' ')
/** The end of a sentence that may have lost all its names. */
const ending = (separator: string, text: string) => (text ? `${separator}${stop(text)}` : '.')

const FR_CANCEL = `Répondez ${CANCEL_KEYWORD} pour annuler`
const frWhat = (v: Values, f: Facts) =>
  f.phoneMode ? `RDV téléphonique du ${f.date}` : `RDV du ${f.date}${paren(v.site)}`
// The call goes to the number this SMS reached: no need to spend 20 characters on it.
const FR_CALL = 'on vous appellera'

const FR: Wording = {
  CONFIRMATION: (v, f) =>
    f.phoneMode
      ? `RDV téléphonique confirmé le ${f.date}${paren(v.topic)} : ${FR_CALL}. Détails : ${f.link} ${FR_CANCEL}`
      : `RDV confirmé le ${f.date}${ending(' : ', about(v))} Détails : ${f.link} ${FR_CANCEL}`,
  REMINDER: (v, f) =>
    f.phoneMode
      ? `Rappel : RDV téléphonique le ${f.date}${paren(v.topic)}, ${FR_CALL}. Détails : ${f.link} ${FR_CANCEL}`
      : `Rappel : RDV le ${f.date}${ending(', ', about(v))} Détails : ${f.link} ${FR_CANCEL}`,
  MOVED: (v, f) =>
    f.phoneMode
      ? `Votre RDV téléphonique est déplacé au ${f.date}${paren(v.topic)}, ${FR_CALL}. Détails : ${f.link} ${FR_CANCEL}`
      : `Votre RDV est déplacé au ${f.date}${ending(', ', about(v))} Détails : ${f.link} ${FR_CANCEL}`,
  CANCELLED_BY_RESIDENT: (v, f) =>
    `Votre ${frWhat(v, f)} est bien annulé. Pour reprendre RDV : ${f.link}`,
  CANCELLED_BY_SERVICE: (v, f) =>
    `${v.org ? `${v.org} doit` : 'Nous devons'} annuler votre ${frWhat(v, f)}. Toutes nos excuses. Pour reprendre RDV : ${f.link}`,
  ADVISOR_NOTICE_RESIDENT_CANCELLED: (v, f) =>
    `Annulation${withSpace('par ', v.resident)} : ${frWhat(v, f)}.${withSpace('Motif : ', v.topic && stop(v.topic))} Agenda : ${f.link}`,
  HELP: (v) =>
    `${v.org ? `${v.org} : rappels` : 'Rappels'} de RDV. Répondez ${CANCEL_KEYWORD} pour annuler votre RDV, STOP pour ne plus recevoir de SMS.${withSpace('Contact : ', v.phone)}`,
  OPTED_OUT: (v) =>
    `${v.org ? `${v.org} : vous` : 'Vous'} ne recevrez plus de SMS. Vos RDV restent prévus.${withSpace('Pour annuler : ', v.phone && stop(v.phone))} Répondez START pour les recevoir à nouveau.`,
}

const EN_CANCEL = `Reply ${CANCEL_KEYWORD} to cancel`
const enWhat = (v: Values, f: Facts) =>
  f.phoneMode ? `phone appointment on ${f.date}` : `appointment on ${f.date}${paren(v.site)}`
const EN_CALL = 'we will call you'

const EN: Wording = {
  CONFIRMATION: (v, f) =>
    f.phoneMode
      ? `Phone appointment confirmed ${f.date}${paren(v.topic)}: ${EN_CALL}. Details: ${f.link} ${EN_CANCEL}`
      : `Appointment confirmed ${f.date}${ending(': ', about(v))} Details: ${f.link} ${EN_CANCEL}`,
  REMINDER: (v, f) =>
    f.phoneMode
      ? `Reminder: phone appointment ${f.date}${paren(v.topic)}, ${EN_CALL}. Details: ${f.link} ${EN_CANCEL}`
      : `Reminder: appointment ${f.date}${ending(', ', about(v))} Details: ${f.link} ${EN_CANCEL}`,
  MOVED: (v, f) =>
    f.phoneMode
      ? `Your phone appointment is moved to ${f.date}${paren(v.topic)}, ${EN_CALL}. Details: ${f.link} ${EN_CANCEL}`
      : `Your appointment is moved to ${f.date}${ending(', ', about(v))} Details: ${f.link} ${EN_CANCEL}`,
  CANCELLED_BY_RESIDENT: (v, f) => `Your ${enWhat(v, f)} is cancelled. To book again: ${f.link}`,
  CANCELLED_BY_SERVICE: (v, f) =>
    `${v.org ? `${v.org} has` : 'We have'} to cancel your ${enWhat(v, f)}. We are sorry. To book again: ${f.link}`,
  ADVISOR_NOTICE_RESIDENT_CANCELLED: (v, f) =>
    `Cancelled${withSpace('by ', v.resident)}: ${enWhat(v, f)}.${withSpace('Topic: ', v.topic && stop(v.topic))} Agenda: ${f.link}`,
  HELP: (v) =>
    `${v.org ? `${v.org}: appointment` : 'Appointment'} reminders. Reply ${CANCEL_KEYWORD} to cancel your appointment, STOP to receive no more SMS.${withSpace('Contact: ', v.phone)}`,
  OPTED_OUT: (v) =>
    `${v.org ? `${v.org}: you` : 'You'} will receive no more SMS. Your appointments still stand.${withSpace('To cancel: ', v.phone && stop(v.phone))} Reply START to receive them again.`,
}

const WORDING: Record<MessageLanguage, Wording> = { fr: FR, en: EN }

function cancelWhich(locale: MessageLanguage, choices: CancelChoice[]): string {
  if (choices.length < 2) throw new Error('CANCEL_WHICH needs at least two appointments')
  const offered = choices.slice(0, CANCEL_WHICH_MAX).map((choice, index) => {
    const date = formatShortDateTime(choice.startsAt, choice.zone, locale)
    const keyword = `${CANCEL_KEYWORD} ${index + 1}`
    return locale === 'fr' ? `${keyword} pour le ${date}` : `${keyword} for ${date}`
  })
  return locale === 'fr'
    ? `Vous avez plusieurs RDV. Répondez ${offered.join(', ')}.`
    : `You have several appointments. Reply ${offered.join(', ')}.`
}
