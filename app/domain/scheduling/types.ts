import type { HolidayRegion } from './holidays'

export type Mode = 'IN_PERSON' | 'PHONE'

export type DateRange = { from: Date; to: Date }

export type SchedulingOrganisation = {
  id: string
  /** IANA zone of phone help, and of sites without their own. */
  timeZone: string
  holidayRegion: HolidayRegion
  /** Minutes between two slot starts; null: the topic's duration. */
  slotStepMinutes: number | null
}

export type SchedulingSite = {
  id: string
  /** Null: the organisation's zone. */
  timeZone: string | null
  /** Null: the organisation's region. */
  holidayRegion: HolidayRegion | null
}

export type SchedulingTopic = {
  id: string
  durationMinutes: number
  /** Free time kept before and after each existing appointment of the advisor. */
  bufferMinutes: number
  minNoticeMinutes: number
  horizonDays: number
  allowsInPerson: boolean
  allowsPhone: boolean
}

/**
 * Recurring availability of one advisor at one site, or by phone when siteId is null.
 * Read-only: the engine caches what it parses from each rule object.
 */
export type OpeningRule = Readonly<{
  id?: string
  advisorId: string
  siteId: string | null
  /** ISO weekdays, Monday = 1 ... Sunday = 7. */
  weekdays: readonly number[]
  /** Local wall time "HH:mm". */
  startTime: string
  endTime: string
  /** 1: every week; 2: every other week, counted from the ISO week of validFrom. */
  everyNWeeks: number
  /** Local dates "YYYY-MM-DD", both inclusive. */
  validFrom: string
  validUntil: string | null
  /** Topics served; empty: every topic. */
  topicIds: readonly string[]
}>

export type Absence = { advisorId: string; start: Date; end: Date }

/** An appointment that holds the advisor's time (booked, honoured or no-show). */
export type ActiveAppointment = { advisorId: string; start: Date; end: Date }

/**
 * What the engine needs for a window (see schedulingDataWindow): every rule whose
 * validity may meet it (extra rules are harmless), and the absences and active
 * appointments that overlap it.
 */
export type SchedulingData = {
  rules: readonly OpeningRule[]
  absences: readonly Absence[]
  appointments: readonly ActiveAppointment[]
}

export type SchedulingQuery = {
  organisation: SchedulingOrganisation
  /** The organisation's sites open for booking. */
  sites: readonly SchedulingSite[]
  /** Null or undefined when the requested topic was not found: UNKNOWN_TOPIC. */
  topic: SchedulingTopic | null | undefined
  mode: Mode
  /** In person only: one site, or every site when absent. */
  siteId?: string | null
  /** Only this advisor's slots. */
  advisorId?: string | null
  /** Known advisors, so that an advisor without rules is not reported as unknown. */
  advisorIds?: readonly string[]
  now: Date
}

/** One bookable time at one place, with every advisor free then, ids sorted. */
export type Slot = { start: Date; end: Date; siteId: string | null; advisorIds: string[] }

/** Loads the data overlapping [from, to); the database layer implements it. */
export type LoadWindow = (from: Date, to: Date) => Promise<SchedulingData>
