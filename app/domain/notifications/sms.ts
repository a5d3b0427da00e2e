import { formatDayTime, formatShortDateTime, formatTime } from '~/domain/time/format'
import { isOneGsm7Segment, toGsm7 } from './gsm7'
import {
  fullName,
  holdEndDay,
  type AdvisorNoticeView,
  type AppointmentView,
  type HoldEndDay,
  type MessageEvent,
  type MessageLanguage,
  type OfferAnswer,
  type OfferOutcome,
  type PersonName,
} from './view'

// Every SMS is one GSM-7 segment (160 characters): cheaper, and delivered whole on old
// phones. Each is first written in plain French, as people say it ("rendez-vous le
// mercredi 2 décembre à 10 h 30, Mairie de Vouvant (Impôts)"), then made shorter one
// step at a time until it fits (docs/decisions/021-reminder-policy.md). Names are whole
// or absent, never cut; the link and the date (at least "mer. 2 déc. à 10 h 30") always
// stay.

type Event = MessageEvent

export type SmsMessage =
  | {
      event: Event
      view: AppointmentView
      /** False when the sender is a name: a reply cannot reach it (sender.ts). */
      replies?: boolean
    }
  | { event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED'; view: AdvisorNoticeView }
  | { event: 'CANCEL_WHICH'; locale: MessageLanguage; choices: CancelChoice[] }
  /** The reply to an "OUI": taken, too late, or nothing on offer. */
  | { event: 'OFFER_ANSWER'; locale: MessageLanguage; answer: OfferAnswer }
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
/** The reply that takes an offered seat or earlier slot; French in English messages too. */
export const ACCEPT_KEYWORD = 'OUI'

/**
 * The shortenings, from what is given up first to what is kept longest: an offer's spare
 * words ("Une place s'est libérée" for "Place libre", "pour vous"), the person's last name
 * (down to its initial), "Détails : " before the link, the topic, the long date, the spare
 * words (the apology, "Pour reprendre rendez-vous : "), the reason given for a
 * cancellation, the organisation, "rendez-vous" (for "RDV"), a phone number, "pour la
 * prendre" after OUI, the initial, the site, "téléphonique", and last the person's first
 * name.
 */
const STEPS = [
  'OFFER_WORDS',
  'PERSON_INITIAL',
  'DETAILS_LABEL',
  'TOPIC',
  'SHORT_DATE',
  'SPARE',
  'REASON',
  'ORG',
  'SHORT_WORD',
  'PHONE',
  'ANSWER_WORDS',
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
  /** An offer's hold: its end's day seen from the offer, its time, its date (long or short). */
  until: { day: HoldEndDay; time: string; date: string }
  reason: string
  /** "pour la prendre" may follow "Répondez OUI". */
  answerWords: boolean
  /** An offer may say "Une place s'est libérée … pour vous". */
  offerWords: boolean
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
  until?: { day: HoldEndDay; time: string; long: string; short: string } | null
  reason?: string | null
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
    case 'OFFER_ANSWER': {
      const { answer, locale } = message
      const plain = { spaces: 'plain' } as const
      const source: Source = {
        locale,
        link: 'link' in answer ? (answer.link ?? undefined) : undefined,
        topic: answer.outcome === 'SEAT_TAKEN' ? answer.topicName : null,
        dates:
          'startsAt' in answer
            ? {
                long: formatDayTime(answer.startsAt, answer.zone, locale, plain),
                short: formatShortDateTime(answer.startsAt, answer.zone, locale, plain),
              }
            : undefined,
      }
      return fit(source, ANSWERS[locale][answer.outcome])
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
  const { offeredAt, holdUntil } = view
  return {
    until:
      offeredAt && holdUntil
        ? {
            day: holdEndDay(offeredAt, holdUntil, view.zone),
            time: formatTime(holdUntil, view.zone, view.locale, plain),
            long: formatDayTime(holdUntil, view.zone, view.locale, plain),
            short: formatShortDateTime(holdUntil, view.zone, view.locale, plain),
          }
        : null,
    reason: view.reason,
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
    until: {
      day: source.until?.day ?? 'LATER',
      time: source.until?.time ?? '',
      date: source.until ? (has('SHORT_DATE') ? source.until.short : source.until.long) : '',
    },
    reason: unless('REASON', source.reason).replace(/[\s.!;:,]+$/u, ''),
    answerWords: !has('ANSWER_WORDS'),
    offerWords: !has('OFFER_WORDS'),
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
type ResidentEventKey =
  'CONFIRMATION' | 'REMINDER' | 'MOVED' | 'CANCELLED_BY_RESIDENT' | 'CANCELLED_BY_SERVICE'
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

// Workshops and offers. A workshop SMS gives its link to cancel: ANNULER cancels
// appointments only. An offer asks for OUI when the sender takes replies.
/** "à l'atelier Smartphone", or nothing once the topic is given up. */
const frWorkshop = (p: Parts) => prefixed(" à l'atelier ", p.topic)
const frSeeOrCancel = (p: Parts) => `Voir ou annuler : ${p.link}`
const frDetails = (p: Parts) => `${p.detailsLabel ? 'Détails : ' : ''}${p.link}`
/** "jusqu'à 20 h", "jusqu'à demain 9 h", "jusqu'au mercredi 5 mars à 9 h". */
const frUntil = ({ until }: Parts) =>
  until.day === 'SAME_DAY'
    ? `jusqu'à ${until.time}`
    : until.day === 'NEXT_DAY'
      ? `jusqu'à demain ${until.time}`
      : `jusqu'au ${until.date}`
/** "la" seat, "le" slot: how to take it, by a reply or by the link. */
const frAnswer = (p: Parts, it: 'la' | 'le') =>
  p.replies
    ? `${frDetails(p)} Répondez ${ACCEPT_KEYWORD}${p.answerWords ? ` pour ${it} prendre` : ''}`
    : `Pour ${it} prendre : ${p.link}`
const frYourRegistration = (p: Parts) =>
  p.person ? `l'inscription de ${p.person}` : 'votre inscription'

const FR_WORKSHOPS: Pick<Wording, Exclude<Event, ResidentEventKey>> = {
  WORKSHOP_CONFIRMATION: (p) =>
    `Inscription${frOf(p)} confirmée${frWorkshop(p)} ${p.spare ? 'le' : ':'} ${p.date}${ending(', ', p.site)} ${frSeeOrCancel(p)}`,
  WORKSHOP_REMINDER: (p) =>
    `Rappel${prefixed(' pour ', p.person)} : atelier${prefixed(' ', p.topic)} ${p.spare ? 'le ' : ''}${p.date}${ending(', ', p.site)} ${frSeeOrCancel(p)}`,
  WORKSHOP_CHANGED: (p) =>
    `Changement${prefixed(' pour ', p.person)} : l'atelier${prefixed(' ', p.topic)} aura lieu le ${p.date}${ending(', ', p.site)} ${frSeeOrCancel(p)}`,
  WORKSHOP_CANCELLED_BY_RESIDENT: (p) =>
    `${capital(frYourRegistration(p))}${frWorkshop(p)} du ${p.date}${paren(p.site)} est bien annulée. ${frDetails(p)}`,
  WORKSHOP_CANCELLED_BY_SERVICE: (p) =>
    `${p.org ? `${p.org} doit` : 'Nous devons'} annuler ${frYourRegistration(p)}${frWorkshop(p)} du ${p.date}${paren(p.site)}.${prefixed(' Motif : ', p.reason && `${p.reason}.`)}${p.spare ? ' Toutes nos excuses.' : ''} ${frDetails(p)}`,
  SEAT_OFFER: (p) =>
    `${p.offerWords ? "Une place s'est libérée" : 'Place libre'}${prefixed(' pour ', p.person)}${frWorkshop(p)} le ${p.date}${prefixed(', ', p.site)}, gardée${p.offerWords && !p.person ? ' pour vous' : ''} ${frUntil(p)}. ${frAnswer(p, 'la')}`,
  SEAT_OFFER_EXPIRED: (p) =>
    p.spare
      ? `La place gardée pour ${p.person || 'vous'}${frWorkshop(p)} du ${p.date}${paren(p.site)} n'a pas été prise à temps : elle passe à la personne suivante. ${frDetails(p)}`
      : `Place${prefixed(' de ', p.person)} non prise à temps${frWorkshop(p)} du ${p.date}${paren(p.site)}. ${frDetails(p)}`,
  EARLIER_SLOT: (p) =>
    `${p.spare ? `Un ${p.word}${frTel(p)} plus tôt s'est libéré` : `${capital(p.word)}${frTel(p)} plus tôt libre`}${prefixed(' pour ', p.person)} : ${p.date}${frTail(p)} ${frAnswer(p, 'le')}`,
}

const FR: Wording = {
  ...FR_WORKSHOPS,
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

const enWorkshop = (p: Parts, before: string) => prefixed(before, p.topic && `${p.topic} workshop`)
const enSeeOrCancel = (p: Parts) => `See or cancel: ${p.link}`
const enDetails = (p: Parts) => `${p.detailsLabel ? 'Details: ' : ''}${p.link}`
const enUntil = ({ until }: Parts) =>
  until.day === 'SAME_DAY'
    ? `until ${until.time}`
    : until.day === 'NEXT_DAY'
      ? `until tomorrow ${until.time}`
      : `until ${until.date}`
const enAnswer = (p: Parts) =>
  p.replies
    ? `${enDetails(p)} Reply ${ACCEPT_KEYWORD}${p.answerWords ? ' to take it' : ''}`
    : `To take it: ${p.link}`
const enYourRegistration = (p: Parts) =>
  p.person ? `the registration for ${p.person}` : 'your registration'

const EN_WORKSHOPS: Pick<Wording, Exclude<Event, ResidentEventKey>> = {
  WORKSHOP_CONFIRMATION: (p) =>
    `Registration${enFor(p)} confirmed${enWorkshop(p, ' for the ')}: ${p.date}${ending(', ', p.site)} ${enSeeOrCancel(p)}`,
  WORKSHOP_REMINDER: (p) =>
    `Reminder${enFor(p)}: ${p.topic ? `${p.topic} workshop` : 'workshop'} ${p.spare ? 'on ' : ''}${p.date}${ending(', ', p.site)} ${enSeeOrCancel(p)}`,
  WORKSHOP_CHANGED: (p) =>
    `Change${enFor(p)}: the ${p.topic ? `${p.topic} ` : ''}workshop is now on ${p.date}${ending(', ', p.site)} ${enSeeOrCancel(p)}`,
  WORKSHOP_CANCELLED_BY_RESIDENT: (p) =>
    `${capital(enYourRegistration(p))}${enWorkshop(p, ' for the ')} on ${p.date}${paren(p.site)} is cancelled. ${enDetails(p)}`,
  WORKSHOP_CANCELLED_BY_SERVICE: (p) =>
    `${p.org ? `${p.org} has` : 'We have'} to cancel ${enYourRegistration(p)}${enWorkshop(p, ' for the ')} on ${p.date}${paren(p.site)}.${prefixed(' Reason: ', p.reason && `${p.reason}.`)}${p.spare ? ' We are sorry.' : ''} ${enDetails(p)}`,
  SEAT_OFFER: (p) =>
    `${p.offerWords ? 'A seat is free' : 'Seat free'}${enFor(p)}${enWorkshop(p, ' at the ')} on ${p.date}${prefixed(', ', p.site)}, held${p.offerWords && !p.person ? ' for you' : ''} ${enUntil(p)}. ${enAnswer(p)}`,
  SEAT_OFFER_EXPIRED: (p) =>
    p.spare
      ? `The seat held for ${p.person || 'you'}${enWorkshop(p, ' at the ')} on ${p.date}${paren(p.site)} was not taken in time: it goes to the next person. ${enDetails(p)}`
      : `Seat${enFor(p)} not taken in time${enWorkshop(p, ' at the ')} on ${p.date}${paren(p.site)}. ${enDetails(p)}`,
  EARLIER_SLOT: (p) =>
    `${p.spare ? `An earlier ${enWhat(p)} is free` : `Earlier ${enWhat(p)} free`}${enFor(p)}: ${p.date}${enTail(p)} ${enAnswer(p)}`,
}

const EN: Wording = {
  ...EN_WORKSHOPS,
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

// The replies to an "OUI" (or a key pressed): what became of the offer.
const ANSWERS: Record<MessageLanguage, Record<OfferOutcome, Template>> = {
  fr: {
    SEAT_TAKEN: (p) =>
      `C'est fait : la place${frWorkshop(p)} du ${p.date} est à vous.${prefixed(' ', p.link && frDetails(p))}`,
    SLOT_TAKEN: (p) =>
      `C'est fait : votre ${p.word} est avancé au ${p.date}.${prefixed(' ', p.link && frDetails(p))}`,
    SLOT_GONE: (p) =>
      `Désolé, ce créneau vient d'être pris.${prefixed(' Autres créneaux : ', p.link)}`,
    EXPIRED: () => "Désolé, le délai est passé : la place a été proposée à quelqu'un d'autre.",
    GONE: () => "Désolé, cette proposition n'est plus valable.",
    NOTHING: () => "Nous n'avons pas de proposition en cours pour ce numéro.",
  },
  en: {
    SEAT_TAKEN: (p) =>
      `Done: the seat${enWorkshop(p, ' at the ')} on ${p.date} is yours.${prefixed(' ', p.link && enDetails(p))}`,
    SLOT_TAKEN: (p) =>
      `Done: your ${p.word} is moved forward to ${p.date}.${prefixed(' ', p.link && enDetails(p))}`,
    SLOT_GONE: (p) => `Sorry, this slot has just been taken.${prefixed(' Other slots: ', p.link)}`,
    EXPIRED: () => 'Sorry, the time to answer has passed: the seat went to someone else.',
    GONE: () => 'Sorry, this offer no longer stands.',
    NOTHING: () => 'We have no offer waiting for this number.',
  },
}
