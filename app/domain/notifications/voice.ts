import { numberInWords, spokenDateTime, spokenTime } from '~/domain/time/spoken'
import { instructionsFor } from '~/domain/topics/instructions'
import {
  fullName,
  holdEndDay,
  subjectOfEvent,
  tellsWhereToGo,
  type EventSubject,
  type AppointmentView,
  type MessageEvent,
  type MessageLanguage,
  type OfferAnswer,
} from './view'

// A voice call is how a landline gets its reminder: short plain sentences for
// text-to-speech (the server wraps them in TwiML <Say>/<Gather>), every number written
// out (a postal code digit by digit), the essentials and the number to call said twice,
// and a keypad choice: confirm or cancel an appointment, take an offered seat or slot.

export type KeypadAction = 'CONFIRM' | 'CANCEL' | 'ACCEPT'

/**
 * Twilio's Amazon Polly neural voices for each language (the old `alice` voice is no longer
 * in Twilio's <Say> documentation).
 */
const VOICES = { fr: 'Polly.Lea-Neural', en: 'Polly.Amy-Neural' } as const

export type VoiceScript = {
  /** The text-to-speech language. */
  language: 'fr-FR' | 'en-GB'
  /** The text-to-speech voice, one of Twilio's `<Say voice>` values for that language. */
  voice: (typeof VOICES)[MessageLanguage]
  say: string[]
  /** Null when there is nothing left to choose (the appointment is cancelled). */
  keypad: {
    prompt: string
    digits: Partial<Record<'1' | '2', KeypadAction>>
    /**
     * What the call says after each key, once the server has acted on it; an offer's
     * answer depends on what became of it (`spokenAnswer`).
     */
    replies: Partial<Record<KeypadAction, string>>
  } | null
  goodbye: string
}

const DIGITS: Record<'1' | '2', KeypadAction> = { '1': 'CONFIRM', '2': 'CANCEL' }

export function renderVoice(event: MessageEvent, view: AppointmentView): VoiceScript {
  const words = WORDS[view.locale]
  const about = subjectOfEvent(event)
  const when = spokenDateTime(view.startsAt, view.zone, view.locale)
  const where = words.where(view)
  const open = tellsWhereToGo(event)
  const say = [
    words.hello(view.organisationName),
    view.helped ? sentence(words.about[about](fullName(view.helped))) : '',
    words.opening[event](when, view),
    ...(open
      ? [
          where,
          ...words.details(view, about),
          words.repeat(about, when, where),
          words.callToChange(view, about),
        ]
      : [words.rebook(view, about)]),
  ].filter((line) => line !== '')
  const keypad =
    about === 'APPOINTMENT'
      ? { prompt: words.prompt, digits: DIGITS, replies: words.replies }
      : {
          prompt: words.takePrompt[about === 'SEAT' ? 'SEAT' : 'SLOT'],
          digits: { '1': 'ACCEPT' as const },
          replies: {},
        }
  return { ...voiceOf(view.locale), say, keypad: open && about !== 'WORKSHOP' ? keypad : null }
}

/** How a call in this language speaks, and how it ends. */
export function voiceOf(
  language: MessageLanguage,
): Pick<VoiceScript, 'language' | 'voice' | 'goodbye'> {
  return {
    language: language === 'fr' ? 'fr-FR' : 'en-GB',
    voice: VOICES[language],
    goodbye: WORDS[language].goodbye,
  }
}

/** What the call says once the key taking an offer was pressed and the server acted. */
export function spokenAnswer(answer: OfferAnswer, language: MessageLanguage): string {
  const words = WORDS[language].answers
  switch (answer.outcome) {
    case 'SEAT_TAKEN':
    case 'SLOT_TAKEN':
      return words[answer.outcome](spokenDateTime(answer.startsAt, answer.zone, language))
    default:
      return words[answer.outcome]('')
  }
}

/** "jusqu'à vingt heures", "jusqu'à demain neuf heures", "jusqu'au mercredi cinq mars à…". */
function spokenHold(view: AppointmentView, language: MessageLanguage): string | null {
  const { offeredAt, holdUntil, zone } = view
  if (!offeredAt || !holdUntil) return null
  const day = holdEndDay(offeredAt, holdUntil, zone)
  const time = spokenTime(holdUntil, zone, language)
  if (language === 'fr')
    return day === 'SAME_DAY'
      ? `jusqu'à ${time}`
      : day === 'NEXT_DAY'
        ? `jusqu'à demain ${time}`
        : `jusqu'au ${spokenDateTime(holdUntil, zone, language)}`
  return day === 'SAME_DAY'
    ? `until ${time}`
    : day === 'NEXT_DAY'
      ? `until tomorrow at ${time}`
      : `until ${spokenDateTime(holdUntil, zone, language)}`
}

/**
 * "zéro six, douze, trente-quatre…": a displayed number read group by group, French
 * pairs as French people say them, anything else digit by digit.
 */
export function spokenPhone(display: string, language: MessageLanguage): string {
  return display
    .split(' ')
    .map((group) =>
      language === 'fr' && /^[1-9]\d$/u.test(group)
        ? numberInWords(Number(group), 'fr')
        : [...group]
            .map((char) => spokenChar(char, language))
            .filter(Boolean)
            .join(' '),
    )
    .join(', ')
}

function spokenChar(char: string, language: MessageLanguage): string {
  return /\d/u.test(char) ? numberInWords(Number(char), language) : char === '+' ? 'plus' : ''
}

/**
 * The address with its postal code read digit by digit ("trois neuf cinq sept zéro"):
 * said as a number it is "trente-neuf mille cinq cent soixante-dix".
 */
function spokenAddress(view: AppointmentView, language: MessageLanguage): string {
  const address = view.siteAddress ?? ''
  const code = view.sitePostalCode?.trim()
  if (!code || !address.includes(code)) return address
  const digits = [...code].map((char) => (/\d/u.test(char) ? spokenChar(char, language) : char))
  return address.replace(code, digits.join(' '))
}

/** A number said, then said again: a landline cannot scroll back. */
const twice = (phone: string, language: MessageLanguage, again: string) =>
  `${spokenPhone(phone, language)}. ${again} ${spokenPhone(phone, language)}`

type Words = {
  hello: (organisation: string) => string
  about: Record<EventSubject, (person: string) => string>
  opening: Record<MessageEvent, (when: string, view: AppointmentView) => string>
  where: (view: AppointmentView) => string
  details: (view: AppointmentView, about: EventSubject) => string[]
  repeat: (about: EventSubject, when: string, where: string) => string
  callToChange: (view: AppointmentView, about: EventSubject) => string
  rebook: (view: AppointmentView, about: EventSubject) => string
  prompt: string
  replies: Record<'CONFIRM' | 'CANCEL', string>
  takePrompt: Record<'SEAT' | 'SLOT', string>
  answers: Record<OfferAnswer['outcome'], (when: string) => string>
  goodbye: string
}

/** One line ending with a full stop, so the voice pauses, whatever was typed in a name. */
const sentence = (text: string) => {
  const line = text.replace(/\s+/gu, ' ').trim()
  return /[.!?]$/u.test(line) ? line : `${line}.`
}
const optional = (value: string | null | undefined, say: (value: string) => string) =>
  value?.trim() ? sentence(say(value.trim())) : ''

const FR: Words = {
  hello: (organisation) => sentence(`Bonjour, ici ${organisation}`),
  about: {
    APPOINTMENT: (person) => `Ce message concerne le rendez-vous de ${person}`,
    WORKSHOP: (person) => `Ce message concerne l'inscription de ${person}`,
    SEAT: (person) => `Ce message concerne la liste d'attente de ${person}`,
    SLOT: (person) => `Ce message concerne le rendez-vous de ${person}`,
  },
  opening: {
    CONFIRMATION: (when) => `Votre rendez-vous est confirmé pour le ${when}.`,
    REMINDER: (when) => `Nous vous rappelons votre rendez-vous du ${when}.`,
    MOVED: (when) => `Votre rendez-vous a été déplacé. Il aura lieu le ${when}.`,
    CANCELLED_BY_RESIDENT: (when) => `Votre rendez-vous du ${when} est bien annulé.`,
    CANCELLED_BY_SERVICE: (when) =>
      `Nous devons annuler votre rendez-vous du ${when}. Nous vous prions de nous excuser.`,
    WORKSHOP_CONFIRMATION: (when) => `Votre inscription est confirmée pour l'atelier du ${when}.`,
    WORKSHOP_REMINDER: (when) => `Nous vous rappelons votre atelier du ${when}.`,
    WORKSHOP_CHANGED: (when) => `Votre atelier a changé. Il aura lieu le ${when}.`,
    WORKSHOP_CANCELLED_BY_RESIDENT: (when, view) =>
      `Votre inscription à l'atelier ${view.topicName} du ${when} est bien annulée.`,
    WORKSHOP_CANCELLED_BY_SERVICE: (when, view) =>
      [
        `Nous devons annuler votre inscription à l'atelier ${view.topicName} du ${when}.`,
        optional(view.reason, (reason) => `Motif : ${reason}`),
        'Nous vous prions de nous excuser.',
      ]
        .filter(Boolean)
        .join(' '),
    SEAT_OFFER: (when, view) =>
      [
        `Une place s'est libérée pour l'atelier du ${when}.`,
        optional(spokenHold(view, 'fr'), (until) => `Elle vous est gardée ${until}`),
      ]
        .filter(Boolean)
        .join(' '),
    SEAT_OFFER_EXPIRED: (when, view) =>
      `La place gardée pour vous à l'atelier ${view.topicName} du ${when} n'a pas été prise à temps. Elle passe à la personne suivante.`,
    EARLIER_SLOT: (when, view) =>
      [
        `Un rendez-vous plus tôt s'est libéré, le ${when}.`,
        view.replacesStartsAt
          ? `Votre rendez-vous actuel est le ${spokenDateTime(view.replacesStartsAt, view.zone, 'fr')}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
  },
  where: (view) =>
    view.mode === 'PHONE'
      ? sentence(
          `C'est un rendez-vous par téléphone : ${view.helped ? `le conseiller appellera ${fullName(view.helped)}` : 'votre conseiller vous appellera'}${
            view.residentPhoneDisplay ? ` au ${spokenPhone(view.residentPhoneDisplay, 'fr')}` : ''
          }`,
        )
      : sentence(`Lieu : ${[view.siteName, spokenAddress(view, 'fr')].filter(Boolean).join(', ')}`),
  details: (view, about) => [
    optional(view.topicName, (topic) =>
      about === 'APPOINTMENT' || about === 'SLOT' ? `Motif : ${topic}` : `Atelier : ${topic}`,
    ),
    optional(
      view.mode === 'PHONE' ? view.advisorPhoneDisplay : null,
      (phone) => `L'appel viendra du ${spokenPhone(phone, 'fr')}`,
    ),
    optional(
      view.mode === 'IN_PERSON' ? view.accessNotes : null,
      (notes) => `Pour venir : ${notes}`,
    ),
    optional(view.instructions, (instructions) =>
      view.mode === 'PHONE'
        ? `Pour l'appel : ${instructionsFor(instructions, 'PHONE')}`
        : `À apporter : ${instructions}`,
    ),
  ],
  repeat: (about, when, where) =>
    `Je répète : ${about === 'WORKSHOP' || about === 'SEAT' ? 'atelier' : 'rendez-vous'} le ${when}. ${where}`,
  callToChange: (view, about) =>
    optional(view.cancelPhone, (phone) => {
      const number = twice(phone, 'fr', 'Je répète :')
      switch (about) {
        case 'APPOINTMENT':
          return `Pour changer la date ou annuler, vous pouvez appeler le ${number}`
        case 'WORKSHOP':
          return `Pour annuler votre inscription, vous pouvez appeler le ${number}`
        default:
          return `Vous pouvez aussi appeler le ${number}`
      }
    }),
  rebook: (view, about) =>
    optional(view.cancelPhone, (phone) =>
      about === 'APPOINTMENT'
        ? `Pour reprendre rendez-vous, appelez le ${twice(phone, 'fr', 'Je répète :')}`
        : `Pour toute question, appelez le ${twice(phone, 'fr', 'Je répète :')}`,
    ),
  prompt: 'Tapez 1 pour confirmer, tapez 2 pour annuler le rendez-vous.',
  replies: {
    CONFIRM: 'Merci, votre rendez-vous est confirmé.',
    CANCEL: 'Votre rendez-vous est annulé. Merci de nous avoir prévenus.',
  },
  takePrompt: {
    SEAT: 'Tapez 1 pour prendre la place.',
    SLOT: 'Tapez 1 pour prendre ce rendez-vous.',
  },
  answers: {
    SEAT_TAKEN: (when) => `C'est fait : la place à l'atelier du ${when} est à vous.`,
    SLOT_TAKEN: (when) => `C'est fait : votre rendez-vous est avancé au ${when}.`,
    SLOT_GONE: () => "Désolé, ce rendez-vous vient d'être pris par quelqu'un d'autre.",
    EXPIRED: () => "Désolé, le délai est passé : la place a été proposée à quelqu'un d'autre.",
    GONE: () => "Désolé, cette proposition n'est plus valable.",
    NOTHING: () => "Désolé, cette proposition n'est plus valable.",
  },
  goodbye: 'Au revoir.',
}

const EN: Words = {
  hello: (organisation) => sentence(`Hello, this is ${organisation}`),
  about: {
    APPOINTMENT: (person) => `This message is about the appointment for ${person}`,
    WORKSHOP: (person) => `This message is about the registration for ${person}`,
    SEAT: (person) => `This message is about the waiting list for ${person}`,
    SLOT: (person) => `This message is about the appointment for ${person}`,
  },
  opening: {
    CONFIRMATION: (when) => `Your appointment is confirmed for ${when}.`,
    REMINDER: (when) => `This is a reminder of your appointment on ${when}.`,
    MOVED: (when) => `Your appointment has been moved. It is now on ${when}.`,
    CANCELLED_BY_RESIDENT: (when) => `Your appointment on ${when} is cancelled.`,
    CANCELLED_BY_SERVICE: (when) => `We have to cancel your appointment on ${when}. We are sorry.`,
    WORKSHOP_CONFIRMATION: (when) => `Your registration is confirmed for the workshop on ${when}.`,
    WORKSHOP_REMINDER: (when) => `This is a reminder of your workshop on ${when}.`,
    WORKSHOP_CHANGED: (when) => `Your workshop has changed. It is now on ${when}.`,
    WORKSHOP_CANCELLED_BY_RESIDENT: (when, view) =>
      `Your registration for the ${view.topicName} workshop on ${when} is cancelled.`,
    WORKSHOP_CANCELLED_BY_SERVICE: (when, view) =>
      [
        `We have to cancel your registration for the ${view.topicName} workshop on ${when}.`,
        optional(view.reason, (reason) => `Reason: ${reason}`),
        'We are sorry.',
      ]
        .filter(Boolean)
        .join(' '),
    SEAT_OFFER: (when, view) =>
      [
        `A seat is free for the workshop on ${when}.`,
        optional(spokenHold(view, 'en'), (until) => `It is held for you ${until}`),
      ]
        .filter(Boolean)
        .join(' '),
    SEAT_OFFER_EXPIRED: (when, view) =>
      `The seat held for you at the ${view.topicName} workshop on ${when} was not taken in time. It goes to the next person.`,
    EARLIER_SLOT: (when, view) =>
      [
        `An earlier appointment is free, on ${when}.`,
        view.replacesStartsAt
          ? `Your current appointment is on ${spokenDateTime(view.replacesStartsAt, view.zone, 'en')}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
  },
  where: (view) =>
    view.mode === 'PHONE'
      ? sentence(
          `This is a phone appointment: ${view.helped ? `the advisor will call ${fullName(view.helped)}` : 'your advisor will call you'}${
            view.residentPhoneDisplay ? ` on ${spokenPhone(view.residentPhoneDisplay, 'en')}` : ''
          }`,
        )
      : sentence(`Place: ${[view.siteName, spokenAddress(view, 'en')].filter(Boolean).join(', ')}`),
  details: (view, about) => [
    optional(view.topicName, (topic) =>
      about === 'APPOINTMENT' || about === 'SLOT' ? `Topic: ${topic}` : `Workshop: ${topic}`,
    ),
    optional(
      view.mode === 'PHONE' ? view.advisorPhoneDisplay : null,
      (phone) => `The call will come from ${spokenPhone(phone, 'en')}`,
    ),
    optional(
      view.mode === 'IN_PERSON' ? view.accessNotes : null,
      (notes) => `Getting there: ${notes}`,
    ),
    optional(view.instructions, (instructions) =>
      view.mode === 'PHONE'
        ? `For the call: ${instructionsFor(instructions, 'PHONE')}`
        : `Please bring: ${instructions}`,
    ),
  ],
  repeat: (about, when, where) =>
    about === 'APPOINTMENT'
      ? `Once again: your appointment is on ${when}. ${where}`
      : `Once again: ${about === 'SLOT' ? 'the appointment' : 'the workshop'} is on ${when}. ${where}`,
  callToChange: (view, about) =>
    optional(view.cancelPhone, (phone) => {
      const number = twice(phone, 'en', 'Once again:')
      switch (about) {
        case 'APPOINTMENT':
          return `To change the date or cancel, you can call ${number}`
        case 'WORKSHOP':
          return `To cancel your registration, you can call ${number}`
        default:
          return `You can also call ${number}`
      }
    }),
  rebook: (view, about) =>
    optional(view.cancelPhone, (phone) =>
      about === 'APPOINTMENT'
        ? `To book again, call ${twice(phone, 'en', 'Once again:')}`
        : `For any question, call ${twice(phone, 'en', 'Once again:')}`,
    ),
  prompt: 'Press 1 to confirm, press 2 to cancel the appointment.',
  replies: {
    CONFIRM: 'Thank you, your appointment is confirmed.',
    CANCEL: 'Your appointment is cancelled. Thank you for letting us know.',
  },
  takePrompt: {
    SEAT: 'Press 1 to take the seat.',
    SLOT: 'Press 1 to take this appointment.',
  },
  answers: {
    SEAT_TAKEN: (when) => `Done: the seat at the workshop on ${when} is yours.`,
    SLOT_TAKEN: (when) => `Done: your appointment is moved forward to ${when}.`,
    SLOT_GONE: () => 'Sorry, this appointment has just been taken by someone else.',
    EXPIRED: () => 'Sorry, the time to answer has passed: the seat went to someone else.',
    GONE: () => 'Sorry, this offer no longer stands.',
    NOTHING: () => 'Sorry, this offer no longer stands.',
  },
  goodbye: 'Goodbye.',
}

const WORDS: Record<MessageLanguage, Words> = { fr: FR, en: EN }
