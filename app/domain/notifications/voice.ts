import { numberInWords, spokenDateTime } from '~/domain/time/spoken'
import { instructionsFor } from '~/domain/topics/instructions'
import { fullName, type AppointmentView, type MessageLanguage, type ResidentEvent } from './view'

// A voice call is how a landline gets its reminder: short plain sentences for
// text-to-speech (the server wraps them in TwiML <Say>/<Gather>), every number written
// out (a postal code digit by digit), the essentials and the number to call said twice,
// and a keypad choice to confirm or cancel.

export type KeypadAction = 'CONFIRM' | 'CANCEL'

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
    digits: Record<'1' | '2', KeypadAction>
    /** What the call says after each key, once the server has acted on it. */
    replies: Record<KeypadAction, string>
  } | null
  goodbye: string
}

const DIGITS: Record<'1' | '2', KeypadAction> = { '1': 'CONFIRM', '2': 'CANCEL' }

export function renderVoice(event: ResidentEvent, view: AppointmentView): VoiceScript {
  const words = WORDS[view.locale]
  const when = spokenDateTime(view.startsAt, view.zone, view.locale)
  const where = words.where(view)
  const open = event === 'CONFIRMATION' || event === 'REMINDER' || event === 'MOVED'
  const say = [
    words.hello(view.organisationName),
    view.helped ? sentence(words.about(fullName(view.helped))) : '',
    words.opening[event](when),
    ...(open
      ? [where, ...words.details(view), words.repeat(when, where), words.callToChange(view)]
      : [words.rebook(view)]),
  ].filter((line) => line !== '')
  return {
    language: view.locale === 'fr' ? 'fr-FR' : 'en-GB',
    voice: VOICES[view.locale],
    say,
    keypad: open ? { prompt: words.prompt, digits: DIGITS, replies: words.replies } : null,
    goodbye: words.goodbye,
  }
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
  about: (person: string) => string
  opening: Record<ResidentEvent, (when: string) => string>
  where: (view: AppointmentView) => string
  details: (view: AppointmentView) => string[]
  repeat: (when: string, where: string) => string
  callToChange: (view: AppointmentView) => string
  rebook: (view: AppointmentView) => string
  prompt: string
  replies: Record<KeypadAction, string>
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
  about: (person) => `Ce message concerne le rendez-vous de ${person}`,
  opening: {
    CONFIRMATION: (when) => `Votre rendez-vous est confirmé pour le ${when}.`,
    REMINDER: (when) => `Nous vous rappelons votre rendez-vous du ${when}.`,
    MOVED: (when) => `Votre rendez-vous a été déplacé. Il aura lieu le ${when}.`,
    CANCELLED_BY_RESIDENT: (when) => `Votre rendez-vous du ${when} est bien annulé.`,
    CANCELLED_BY_SERVICE: (when) =>
      `Nous devons annuler votre rendez-vous du ${when}. Nous vous prions de nous excuser.`,
  },
  where: (view) =>
    view.mode === 'PHONE'
      ? sentence(
          `C'est un rendez-vous par téléphone : ${view.helped ? `le conseiller appellera ${fullName(view.helped)}` : 'votre conseiller vous appellera'}${
            view.residentPhoneDisplay ? ` au ${spokenPhone(view.residentPhoneDisplay, 'fr')}` : ''
          }`,
        )
      : sentence(`Lieu : ${[view.siteName, spokenAddress(view, 'fr')].filter(Boolean).join(', ')}`),
  details: (view) => [
    optional(view.topicName, (topic) => `Motif : ${topic}`),
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
  repeat: (when, where) => `Je répète : rendez-vous le ${when}. ${where}`,
  callToChange: (view) =>
    optional(
      view.cancelPhone,
      (phone) =>
        `Pour changer la date ou annuler, vous pouvez appeler le ${twice(phone, 'fr', 'Je répète :')}`,
    ),
  rebook: (view) =>
    optional(
      view.cancelPhone,
      (phone) => `Pour reprendre rendez-vous, appelez le ${twice(phone, 'fr', 'Je répète :')}`,
    ),
  prompt: 'Tapez 1 pour confirmer, tapez 2 pour annuler le rendez-vous.',
  replies: {
    CONFIRM: 'Merci, votre rendez-vous est confirmé.',
    CANCEL: 'Votre rendez-vous est annulé. Merci de nous avoir prévenus.',
  },
  goodbye: 'Au revoir.',
}

const EN: Words = {
  hello: (organisation) => sentence(`Hello, this is ${organisation}`),
  about: (person) => `This message is about the appointment for ${person}`,
  opening: {
    CONFIRMATION: (when) => `Your appointment is confirmed for ${when}.`,
    REMINDER: (when) => `This is a reminder of your appointment on ${when}.`,
    MOVED: (when) => `Your appointment has been moved. It is now on ${when}.`,
    CANCELLED_BY_RESIDENT: (when) => `Your appointment on ${when} is cancelled.`,
    CANCELLED_BY_SERVICE: (when) => `We have to cancel your appointment on ${when}. We are sorry.`,
  },
  where: (view) =>
    view.mode === 'PHONE'
      ? sentence(
          `This is a phone appointment: ${view.helped ? `the advisor will call ${fullName(view.helped)}` : 'your advisor will call you'}${
            view.residentPhoneDisplay ? ` on ${spokenPhone(view.residentPhoneDisplay, 'en')}` : ''
          }`,
        )
      : sentence(`Place: ${[view.siteName, spokenAddress(view, 'en')].filter(Boolean).join(', ')}`),
  details: (view) => [
    optional(view.topicName, (topic) => `Topic: ${topic}`),
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
  repeat: (when, where) => `Once again: your appointment is on ${when}. ${where}`,
  callToChange: (view) =>
    optional(
      view.cancelPhone,
      (phone) => `To change the date or cancel, you can call ${twice(phone, 'en', 'Once again:')}`,
    ),
  rebook: (view) =>
    optional(
      view.cancelPhone,
      (phone) => `To book again, call ${twice(phone, 'en', 'Once again:')}`,
    ),
  prompt: 'Press 1 to confirm, press 2 to cancel the appointment.',
  replies: {
    CONFIRM: 'Thank you, your appointment is confirmed.',
    CANCEL: 'Your appointment is cancelled. Thank you for letting us know.',
  },
  goodbye: 'Goodbye.',
}

const WORDS: Record<MessageLanguage, Words> = { fr: FR, en: EN }
