import type { DisplayLanguage } from '~/domain/time/format'

// What every message template is given: plain values, already looked up and formatted
// for display (phone numbers through formatPhoneForDisplay), never database rows.

export type MessageLanguage = DisplayLanguage

/** Events about one appointment, told to the resident on any channel. */
export type ResidentEvent =
  'CONFIRMATION' | 'REMINDER' | 'MOVED' | 'CANCELLED_BY_RESIDENT' | 'CANCELLED_BY_SERVICE'

export type AppointmentView = {
  locale: MessageLanguage
  organisationName: string
  topicName: string
  startsAt: Date
  /** The site's (or organisation's) IANA zone: times are always said in local time. */
  zone: string
  mode: 'IN_PERSON' | 'PHONE'
  siteName?: string | null
  siteAddress?: string | null
  accessNotes?: string | null
  /** What to bring or prepare ("votre numéro fiscal"). */
  instructions?: string | null
  /** PHONE mode: the number the advisor will call. */
  residentPhoneDisplay?: string | null
  /** PHONE mode: the number the call will come from, so the resident picks up. */
  advisorPhoneDisplay?: string | null
  /** Short link to see, move or cancel (for advisors: the appointment in the agenda). */
  manageUrl: string
  /** Who to call to cancel or book again. */
  cancelPhone?: string | null
}

export type AdvisorNoticeView = AppointmentView & { residentName: string }
