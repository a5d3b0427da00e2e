import type { DisplayLanguage } from '~/domain/time/format'

// What every message template is given: plain values, already looked up and formatted
// for display (phone numbers through formatPhoneForDisplay), never database rows.

export type MessageLanguage = DisplayLanguage

/** Events about one appointment, told to the resident on any channel. */
export type ResidentEvent =
  'CONFIRMATION' | 'REMINDER' | 'MOVED' | 'CANCELLED_BY_RESIDENT' | 'CANCELLED_BY_SERVICE'

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
}

export type AdvisorNoticeView = AppointmentView & { resident: PersonName }

export const fullName = (person: PersonName) => `${person.firstName} ${person.lastName}`.trim()
