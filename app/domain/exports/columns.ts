import { DateTime } from 'luxon'
import { AGE_BANDS, GENDERS, SOCIAL_STATUSES } from '../reports/coop'
import { readAnonymousCounts } from '../reports/report'
import type { ExportCell } from './formula-guard'

// The rows of the exported files (decision 086): what each column holds, from the stored
// records, with no I/O. Activity reports use La Coop's own column names and codes, so the
// file needs no translation; appointments use stable codes too. Residents appear only as
// a pseudonymous id (the record's id): enough to count people, never a name or a phone.

/** How a list of La Coop codes is written in one cell (La Coop's import splits on it). */
export const LIST_SEPARATOR = ', '

/** Anonymous participants of a collective report, by La Coop's column names. */
export const ANONYMOUS_COUNT_COLUMNS = [
  'participantsAnonymes',
  'anonymesDejaAccompagnes',
  ...GENDERS.map((code) => `genre${code}`),
  ...AGE_BANDS.map((code) => `trancheAge${code}`),
  ...SOCIAL_STATUSES.map((code) => `statutSocial${code}`),
] as const

export const REPORT_COLUMNS = [
  'id',
  'date',
  'duree',
  'typeLieu',
  'structure',
  'lieuCommune',
  'lieuCodePostal',
  'thematiques',
  'precisionsDemarche',
  'materiel',
  'notes',
  'type',
  'beneficiaire',
  'dejaAccompagne',
  'communeResidence',
  'genre',
  'trancheAge',
  'statutSocial',
  'autonomie',
  'orienteVersStructure',
  'structureDeRedirection',
  'titreAtelier',
  'niveau',
  'participants',
  ...ANONYMOUS_COUNT_COLUMNS,
  'operateurFranceServices',
  'conseiller',
] as const

/** An ActivityReport as read for the export, with its site's and advisor's names. */
export type ReportRecord = {
  id: string
  date: Date
  kind: 'INDIVIDUAL' | 'COLLECTIVE'
  durationMinutes: number | null
  placeType: string | null
  placeCommune: string | null
  placePostalCode: string | null
  themes: string
  procedureDetails: string | null
  equipment: string
  notes: string | null
  residentId: string | null
  alreadyAccompanied: boolean | null
  residenceCommune: string | null
  gender: string | null
  ageBand: string | null
  socialStatus: string | null
  autonomy: string | null
  referred: boolean | null
  referralStructure: string | null
  workshopTitle: string | null
  workshopLevel: string | null
  anonymousCounts: string
  participantCount: number
  franceServicesOperator: string | null
  site: { name: string } | null
  advisor: { firstName: string; lastName: string }
}

/** A yes/no of La Coop as "Oui"/"Non", empty when not asked. */
const yesNo = (value: boolean | null) => (value === null ? null : value ? 'Oui' : 'Non')

/** The codes of a stored JSON list joined for one cell; garbage reads as no codes. */
export function joinCodes(stored: string): string {
  try {
    const parsed: unknown = JSON.parse(stored)
    if (!Array.isArray(parsed)) return ''
    return parsed.filter((code) => typeof code === 'string').join(LIST_SEPARATOR)
  } catch {
    return ''
  }
}

/** A collective report's anonymous counts in the order of ANONYMOUS_COUNT_COLUMNS. */
function anonymousCounts(stored: string): number[] {
  const counts = readAnonymousCounts(stored)
  return [
    counts.total,
    counts.alreadyAccompanied,
    ...GENDERS.map((code) => counts.gender[code] ?? 0),
    ...AGE_BANDS.map((code) => counts.ageBand[code] ?? 0),
    ...SOCIAL_STATUSES.map((code) => counts.socialStatus[code] ?? 0),
  ]
}

const dateCell = (instant: Date, zone: string): ExportCell => ({
  kind: 'date',
  iso: DateTime.fromJSDate(instant, { zone }).toISODate()!,
})

const timeCell = (instant: Date, zone: string): ExportCell => ({
  kind: 'time',
  iso: DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm'),
})

const fullName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`

/** One activity report as one row of REPORT_COLUMNS, its date at the organisation. */
export function reportRow(report: ReportRecord, zone: string): ExportCell[] {
  const individual = report.kind === 'INDIVIDUAL'
  const collective = individual ? [null, null] : [report.workshopTitle, report.workshopLevel]
  const counts = individual
    ? ANONYMOUS_COUNT_COLUMNS.map(() => null)
    : anonymousCounts(report.anonymousCounts)
  return [
    report.id,
    dateCell(report.date, zone),
    report.durationMinutes,
    report.placeType,
    report.site?.name ?? null,
    report.placeCommune,
    report.placePostalCode,
    joinCodes(report.themes),
    report.procedureDetails,
    joinCodes(report.equipment),
    report.notes,
    individual ? 'Individuel' : 'Collectif',
    individual ? (report.residentId ?? 'Anonyme') : null,
    individual ? yesNo(report.alreadyAccompanied) : null,
    individual ? report.residenceCommune : null,
    individual ? report.gender : null,
    individual ? report.ageBand : null,
    individual ? report.socialStatus : null,
    individual ? report.autonomy : null,
    individual ? yesNo(report.referred) : null,
    individual ? report.referralStructure : null,
    ...collective,
    report.participantCount,
    ...counts,
    report.franceServicesOperator,
    fullName(report.advisor),
  ]
}

export const APPOINTMENT_COLUMNS = [
  'type',
  'id',
  'date',
  'heure',
  'dureeMinutes',
  'lieu',
  'modalite',
  'motif',
  'thematique',
  'statut',
  'canal',
  'conseiller',
  'usager',
] as const

/** An appointment as read for the export. */
export type AppointmentRecord = {
  id: string
  startsAt: Date
  endsAt: Date
  mode: string
  status: string
  createdVia: string
  residentId: string
  site: { name: string } | null
  topic: { name: string; theme: string }
  advisor: { firstName: string; lastName: string }
}

/** One participant of a workshop session, as read for the export. */
export type RegistrationRecord = {
  id: string
  status: string
  createdVia: string
  residentId: string
  session: {
    startsAt: Date
    endsAt: Date
    status: string
    site: { name: string }
    topic: { name: string; theme: string }
    advisors: { advisor: { firstName: string; lastName: string } }[]
  }
}

const minutesBetween = (start: Date, end: Date) =>
  Math.round((end.getTime() - start.getTime()) / 60_000)

export function appointmentRow(appointment: AppointmentRecord, zone: string): ExportCell[] {
  return [
    'RendezVous',
    appointment.id,
    dateCell(appointment.startsAt, zone),
    timeCell(appointment.startsAt, zone),
    minutesBetween(appointment.startsAt, appointment.endsAt),
    appointment.site?.name ?? null,
    appointment.mode,
    appointment.topic.name,
    appointment.topic.theme,
    appointment.status,
    appointment.createdVia,
    fullName(appointment.advisor),
    appointment.residentId,
  ]
}

/** A participant's row: a cancelled session makes every registration of it CANCELLED. */
export function registrationRow(registration: RegistrationRecord, zone: string): ExportCell[] {
  const { session } = registration
  return [
    'Atelier',
    registration.id,
    dateCell(session.startsAt, zone),
    timeCell(session.startsAt, zone),
    minutesBetween(session.startsAt, session.endsAt),
    session.site.name,
    'IN_PERSON',
    session.topic.name,
    session.topic.theme,
    session.status === 'CANCELLED' ? 'CANCELLED' : registration.status,
    registration.createdVia,
    session.advisors.map(({ advisor }) => fullName(advisor)).join(LIST_SEPARATOR),
    registration.residentId,
  ]
}
