// What a report starts from (decision 085): everything the app already knows of the
// appointment or the session, in La Coop's codes, so the advisor only adds what it cannot
// know. Pure: the feature reads the rows and hands them in.
import { MINUTE_MS } from '../scheduling/calendar'
import {
  DURATIONS_MINUTES,
  isOneOf,
  topicCoopThemes,
  type CoopTheme,
  type FranceServicesOperator,
  FRANCE_SERVICES_OPERATORS,
  LEVELS,
} from './coop'

export type ActivityKind = 'INDIVIDUAL' | 'COLLECTIVE'

/** A duration as La Coop offers it: one of its values, or a number of minutes of one's own. */
export type Duration = { choice: (typeof DURATIONS_MINUTES)[number] | 'custom'; minutes: number }

/** What the form shows before the advisor types anything. */
export type ReportPrefill = {
  kind: ActivityKind
  date: Date
  duration: Duration
  placeType: 'LieuActivite' | 'ADistance'
  siteId: string | null
  themes: CoopTheme[]
  franceServicesOperator: FranceServicesOperator | null
  /** Individual: the resident met. */
  residentId: string | null
  /** Individual: whether the resident was met before (an earlier honoured appointment). */
  alreadyAccompanied: boolean
  /** Collective: the title and level of the workshop, and who came. */
  workshopTitle: string | null
  workshopLevel: (typeof LEVELS)[number] | null
  participantIds: string[]
}

type TopicFacts = {
  name: string
  theme: string
  coopThemes: string | null
  franceServicesOperator: string | null
}

/**
 * A length in minutes as La Coop's list has it: the nearest of 15…120 when it is within
 * 7 minutes of one (a 28-minute appointment is a "30 minutes"); otherwise its own length.
 */
export function durationOf(minutes: number): Duration {
  const rounded = Math.max(1, Math.round(minutes))
  const nearest = [...DURATIONS_MINUTES].sort(
    (a, b) => Math.abs(a - rounded) - Math.abs(b - rounded) || b - a,
  )[0]!
  return Math.abs(nearest - rounded) <= 7
    ? { choice: nearest, minutes: nearest }
    : { choice: 'custom', minutes: rounded }
}

const lengthOf = (startsAt: Date, endsAt: Date) =>
  (endsAt.getTime() - startsAt.getTime()) / MINUTE_MS

const operatorOf = (topic: TopicFacts) =>
  isOneOf(FRANCE_SERVICES_OPERATORS, topic.franceServicesOperator)
    ? topic.franceServicesOperator
    : null

/** The report of an honoured appointment, as far as the app knows it. */
export function prefillFromAppointment(appointment: {
  startsAt: Date
  endsAt: Date
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
  residentId: string
  topic: TopicFacts
  /** Whether the resident had an honoured appointment before this one. */
  seenBefore: boolean
}): ReportPrefill {
  const atSite = appointment.mode === 'IN_PERSON' && appointment.siteId !== null
  return {
    kind: 'INDIVIDUAL',
    date: appointment.startsAt,
    duration: durationOf(lengthOf(appointment.startsAt, appointment.endsAt)),
    placeType: atSite ? 'LieuActivite' : 'ADistance',
    siteId: atSite ? appointment.siteId : null,
    themes: topicCoopThemes(appointment.topic),
    franceServicesOperator: operatorOf(appointment.topic),
    residentId: appointment.residentId,
    alreadyAccompanied: appointment.seenBefore,
    workshopTitle: null,
    workshopLevel: null,
    participantIds: [],
  }
}

const LEVEL_CODES = {
  BEGINNER: 'Debutant',
  INTERMEDIATE: 'Intermediaire',
  ADVANCED: 'Avance',
} as const

export type RegistrationFacts = {
  residentId: string
  status: 'REGISTERED' | 'ATTENDED' | 'ABSENT' | 'EXCUSED' | 'CANCELLED'
}

/**
 * Who took part in a session: those marked present once attendance was taken (anyone
 * marked present, absent or excused), otherwise everyone still registered.
 */
export function participantsOf(registrations: RegistrationFacts[]): string[] {
  const marked = registrations.some((r) => ['ATTENDED', 'ABSENT', 'EXCUSED'].includes(r.status))
  const kept = registrations.filter((r) =>
    marked ? r.status === 'ATTENDED' : r.status === 'REGISTERED',
  )
  return [...new Set(kept.map((r) => r.residentId))]
}

/** Whether a session can be reported on: held (not cancelled) and over. */
export function sessionHeld(session: { status: string; endsAt: Date }, now: Date): boolean {
  return session.status !== 'CANCELLED' && session.endsAt <= now
}

/** The report of a workshop session that was held. */
export function prefillFromSession(session: {
  startsAt: Date
  endsAt: Date
  siteId: string
  level: keyof typeof LEVEL_CODES
  topic: TopicFacts
  registrations: RegistrationFacts[]
}): ReportPrefill {
  return {
    kind: 'COLLECTIVE',
    date: session.startsAt,
    duration: durationOf(lengthOf(session.startsAt, session.endsAt)),
    placeType: 'LieuActivite',
    siteId: session.siteId,
    themes: topicCoopThemes(session.topic),
    franceServicesOperator: operatorOf(session.topic),
    residentId: null,
    alreadyAccompanied: false,
    workshopTitle: session.topic.name,
    workshopLevel: LEVEL_CODES[session.level],
    participantIds: participantsOf(session.registrations),
  }
}
