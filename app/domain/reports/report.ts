// The rules of a report the advisor submits (decision 085) beyond what each field's own
// type says: what one answer makes required, and counts that must add up. The feature's
// form schema reads the fields and calls `reportProblems`; both speak the vocabulary of
// app/domain/input/problems.ts.
import type { ProblemCode } from '../input/problems'
import {
  AGE_BANDS,
  GENDERS,
  SOCIAL_STATUSES,
  type AUTONOMY,
  type CoopTheme,
  type DURATIONS_MINUTES,
  type EQUIPMENT,
  type LEVELS,
  type PLACE_TYPES,
  type REFERRAL_STRUCTURES,
} from './coop'
import type { ActivityKind } from './prefill'

/** Anonymous participants of a session are counted by these lists of La Coop. */
export const COUNT_GROUPS = {
  gender: GENDERS,
  ageBand: AGE_BANDS,
  socialStatus: SOCIAL_STATUSES,
} as const
export type CountGroup = keyof typeof COUNT_GROUPS

/** How the counts are stored (ActivityReport.anonymousCounts, a JSON object). */
export type AnonymousCounts = {
  total: number
  alreadyAccompanied: number
} & { [G in CountGroup]: Partial<Record<(typeof COUNT_GROUPS)[G][number], number>> }

/** Stored counts read back (ActivityReport.anonymousCounts); anything garbled counts nobody. */
export function readAnonymousCounts(stored: string): AnonymousCounts {
  let parsed: unknown = {}
  try {
    parsed = JSON.parse(stored)
  } catch {
    // A garbled value counts nobody.
  }
  const value = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>
  const count = (raw: unknown) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : 0)
  const group = <G extends CountGroup>(name: G) => {
    const stored = (value[name] && typeof value[name] === 'object' ? value[name] : {}) as Record<
      string,
      unknown
    >
    const counts: Partial<Record<(typeof COUNT_GROUPS)[G][number], number>> = {}
    for (const code of COUNT_GROUPS[name]) {
      const n = count(stored[code])
      if (n > 0) counts[code as (typeof COUNT_GROUPS)[G][number]] = n
    }
    return counts
  }
  return {
    total: count(value.total),
    alreadyAccompanied: count(value.alreadyAccompanied),
    gender: group('gender'),
    ageBand: group('ageBand'),
    socialStatus: group('socialStatus'),
  }
}

/** The form's name of one count: anonymous participants of one gender, age band or status. */
export const countField = (group: CountGroup, code: string) => `anon_${group}_${code}`
/** The name a group of counts reports its problem under (its fieldset). */
export const countGroupField = (group: CountGroup) => `anon_${group}`

export const COUNT_FIELDS = [
  'anonTotal',
  'anonAlreadyAccompanied',
  ...Object.entries(COUNT_GROUPS).flatMap(([group, codes]) =>
    codes.map((code) => countField(group as CountGroup, code)),
  ),
]

/** The largest count a form accepts: more than any room holds. */
export const MAX_COUNT = 500
/** The longest activity a custom duration may say (a full day). */
export const MAX_DURATION_MINUTES = 720

export type ReportInput = {
  duration: `${(typeof DURATIONS_MINUTES)[number]}` | 'custom'
  customDuration: number | null
  placeType: (typeof PLACE_TYPES)[number]
  siteId: string | null
  placeCommune: string | null
  placePostalCode: string | null
  themes: CoopTheme[]
  procedureDetails: string | null
  equipment: (typeof EQUIPMENT)[number][]
  notes: string | null
  // Individual
  beneficiary: 'KNOWN' | 'ANONYMOUS' | null
  alreadyAccompanied: boolean
  residenceCommune: string | null
  gender: (typeof GENDERS)[number] | null
  ageBand: (typeof AGE_BANDS)[number] | null
  socialStatus: (typeof SOCIAL_STATUSES)[number] | null
  autonomy: (typeof AUTONOMY)[number] | null
  referred: boolean
  referralStructure: (typeof REFERRAL_STRUCTURES)[number] | null
  // Collective
  participantIds: string[]
  anonymous: AnonymousCounts
  workshopTitle: string | null
  workshopLevel: (typeof LEVELS)[number] | null
}

/** What the report is about, as the rules need it. */
export type ReportContext = {
  kind: ActivityKind
  /** The organisation's sites a report may name. */
  siteIds: readonly string[]
  /** Collective: the people registered for the session, the only ones who may be named. */
  registeredIds: readonly string[]
}

export type ReportProblem = { field: string; code: ProblemCode }

/** The duration in minutes the report says. */
export function durationMinutesOf(input: Pick<ReportInput, 'duration' | 'customDuration'>) {
  return input.duration === 'custom' ? (input.customDuration ?? 0) : Number(input.duration)
}

const sum = (counts: Partial<Record<string, number>>) =>
  Object.values(counts).reduce<number>((total, count) => total + (count ?? 0), 0)

function placeProblems(input: ReportInput, context: ReportContext): ReportProblem[] {
  if (input.placeType === 'LieuActivite') {
    if (!input.siteId) return [{ field: 'siteId', code: 'REQUIRED' }]
    return context.siteIds.includes(input.siteId)
      ? []
      : [{ field: 'siteId', code: 'INVALID_CHOICE' }]
  }
  // At home or elsewhere, La Coop asks in which commune.
  const needsCommune = input.placeType === 'Domicile' || input.placeType === 'Autre'
  return needsCommune && !input.placeCommune ? [{ field: 'placeCommune', code: 'REQUIRED' }] : []
}

function durationProblems(input: ReportInput): ReportProblem[] {
  if (input.duration !== 'custom') return []
  const minutes = input.customDuration
  if (minutes === null) return [{ field: 'customDuration', code: 'REQUIRED' }]
  return minutes < 1 || minutes > MAX_DURATION_MINUTES
    ? [{ field: 'customDuration', code: 'OUT_OF_RANGE' }]
    : []
}

function individualProblems(input: ReportInput): ReportProblem[] {
  const problems: ReportProblem[] = []
  if (!input.beneficiary) problems.push({ field: 'beneficiary', code: 'REQUIRED' })
  if (input.referred && !input.referralStructure) {
    problems.push({ field: 'referralStructure', code: 'REQUIRED' })
  }
  return problems
}

function collectiveProblems(input: ReportInput, context: ReportContext): ReportProblem[] {
  const problems: ReportProblem[] = []
  if (input.participantIds.some((id) => !context.registeredIds.includes(id))) {
    problems.push({ field: 'participantIds', code: 'INVALID_CHOICE' })
  }
  const { total } = input.anonymous
  if (input.anonymous.alreadyAccompanied > total) {
    problems.push({ field: 'anonAlreadyAccompanied', code: 'COUNT_ABOVE_TOTAL' })
  }
  for (const group of Object.keys(COUNT_GROUPS) as CountGroup[]) {
    if (sum(input.anonymous[group]) > total) {
      problems.push({ field: countGroupField(group), code: 'COUNT_ABOVE_TOTAL' })
    }
  }
  if (input.participantIds.length + total === 0) {
    problems.push({ field: 'participantIds', code: 'NO_PARTICIPANT' })
  }
  return problems
}

/** Every problem of a submitted report that its fields' types cannot say alone. */
export function reportProblems(input: ReportInput, context: ReportContext): ReportProblem[] {
  const problems = [...durationProblems(input), ...placeProblems(input, context)]
  if (input.equipment.includes('Aucun') && input.equipment.length > 1) {
    problems.push({ field: 'equipment', code: 'NONE_WITH_OTHERS' })
  }
  return problems.concat(
    context.kind === 'INDIVIDUAL' ? individualProblems(input) : collectiveProblems(input, context),
  )
}

/** How many people the report counts: the resident, or the named and anonymous participants. */
export function participantCountOf(input: ReportInput, kind: ActivityKind) {
  return kind === 'INDIVIDUAL' ? 1 : input.participantIds.length + input.anonymous.total
}
