import { shiftDate } from '~/domain/time/days'
import { localDateOf, type DisplayLanguage } from '~/domain/time/format'

// What every message template is given: plain values, already looked up and formatted
// for display (phone numbers through formatPhoneForDisplay), never database rows.

export type MessageLanguage = DisplayLanguage

/** Events about one appointment, told to the resident on any channel. */
export type ResidentEvent =
  'CONFIRMATION' | 'REMINDER' | 'MOVED' | 'CANCELLED_BY_RESIDENT' | 'CANCELLED_BY_SERVICE'

/** Events about a workshop registration, told to the participant. */
export type RegistrationEvent =
  | 'WORKSHOP_CONFIRMATION'
  | 'WORKSHOP_REMINDER'
  | 'WORKSHOP_CHANGED'
  | 'WORKSHOP_CANCELLED_BY_RESIDENT'
  | 'WORKSHOP_CANCELLED_BY_SERVICE'

/**
 * Offers that wait for an answer: a freed seat held for someone on a waiting list (and its
 * end, unanswered), an earlier slot for someone who asked to be told.
 */
export type OfferEvent = 'SEAT_OFFER' | 'SEAT_OFFER_EXPIRED' | 'EARLIER_SLOT'

/** Every event a resident (or their helper) is told about. */
export type MessageEvent = ResidentEvent | RegistrationEvent | OfferEvent

const WHERE_TO_GO: ReadonlySet<MessageEvent> = new Set([
  'CONFIRMATION',
  'REMINDER',
  'MOVED',
  'WORKSHOP_CONFIRMATION',
  'WORKSHOP_REMINDER',
  'WORKSHOP_CHANGED',
  'SEAT_OFFER',
  'EARLIER_SLOT',
])

/** Messages about something still to come, which say where to go and what to bring. */
export const tellsWhereToGo = (event: MessageEvent) => WHERE_TO_GO.has(event)

/** What an event is about, which decides the words around its own sentence. */
export type EventSubject = 'APPOINTMENT' | 'WORKSHOP' | 'SEAT' | 'SLOT'

export const subjectOfEvent = (event: MessageEvent): EventSubject =>
  event.startsWith('WORKSHOP_')
    ? 'WORKSHOP'
    : event.startsWith('SEAT_OFFER')
      ? 'SEAT'
      : event === 'EARLIER_SLOT'
        ? 'SLOT'
        : 'APPOINTMENT'

export type PersonName = { firstName: string; lastName: string }

export type AppointmentView = {
  locale: MessageLanguage
  organisationName: string
  topicName: string
  startsAt: Date
  /** The site's (or organisation's) IANA zone: times are always said in local time. */
  zone: string
  mode: 'IN_PERSON' | 'PHONE'
  siteName?: string | null
  /** How SMS name the site (short-names.ts): at most 20 characters, never cut. */
  siteShortName?: string | null
  siteAddress?: string | null
  /** Part of the address a voice reads digit by digit ("trois neuf cinq sept zéro"). */
  sitePostalCode?: string | null
  accessNotes?: string | null
  /** What to bring or prepare ("votre numéro fiscal"). */
  instructions?: string | null
  /** PHONE mode: the number the advisor will call. */
  residentPhoneDisplay?: string | null
  /** PHONE mode: the number the call will come from, so the resident picks up. */
  advisorPhoneDisplay?: string | null
  /**
   * Someone else booked and receives the messages: the person the appointment is for,
   * whom every message names.
   */
  helped?: PersonName | null
  /** Short link to see, move or cancel (for advisors: the appointment in the workspace). */
  manageUrl: string
  /** Who to call to cancel or book again. */
  cancelPhone?: string | null
  /** SEAT_OFFER: when the offer went, and until when the seat is held from then. */
  offeredAt?: Date | null
  holdUntil?: Date | null
  /** Why the service cancelled, when it said (a workshop session or seat withdrawn). */
  reason?: string | null
  /** EARLIER_SLOT: when the booked appointment the earlier one would replace starts. */
  replacesStartsAt?: Date | null
}

export type AdvisorNoticeView = AppointmentView & { resident: PersonName }

/**
 * What became of an answer to an offer (an SMS "OUI", a key pressed during the call): the
 * seat or the earlier slot is taken, or it is too late and why, or nothing was on offer.
 */
export type OfferAnswer =
  | { outcome: 'SEAT_TAKEN'; topicName: string; startsAt: Date; zone: string; link: string | null }
  | { outcome: 'SLOT_TAKEN'; startsAt: Date; zone: string; link: string | null }
  /** Someone else took the earlier slot first: the alert's link shows the next ones. */
  | { outcome: 'SLOT_GONE'; link: string | null }
  /** The hold ran out; GONE: the offer no longer stands (list left, session cancelled). */
  | { outcome: 'EXPIRED' | 'GONE' | 'NOTHING' }
export type OfferOutcome = OfferAnswer['outcome']

export const fullName = (person: PersonName) => `${person.firstName} ${person.lastName}`.trim()

/**
 * Where a hold ends, seen from when its offer went: later that day ("jusqu'à 20 h"), the
 * next day ("demain"), or later (the date is written). Offers go outside quiet hours, so
 * they are read the day they are sent.
 */
export type HoldEndDay = 'SAME_DAY' | 'NEXT_DAY' | 'LATER'

export function holdEndDay(offeredAt: Date, holdUntil: Date, zone: string): HoldEndDay {
  const sent = localDateOf(offeredAt, zone)
  const ends = localDateOf(holdUntil, zone)
  if (ends === sent) return 'SAME_DAY'
  return ends === shiftDate(sent, 1) ? 'NEXT_DAY' : 'LATER'
}
