import { z } from 'zod'
import {
  AGE_BANDS,
  AUTONOMY,
  COOP_THEMES,
  DURATIONS_MINUTES,
  EQUIPMENT,
  GENDERS,
  LEVELS,
  PLACE_TYPES,
  REFERRAL_STRUCTURES,
  SOCIAL_STATUSES,
} from '~/domain/reports/coop'
import {
  COUNT_GROUPS,
  countField,
  MAX_COUNT,
  reportProblems,
  type AnonymousCounts,
  type CountGroup,
  type ReportContext,
  type ReportInput,
} from '~/domain/reports/report'
import {
  addProblem,
  checkbox,
  choice,
  optionalText,
  wholeNumber,
} from '~/platform/form-fields.server'

// The report's form (decision 085), read the one way every form is (decision 019): each
// field's type here, the rules between fields in domain/reports/report.ts.

const DURATION_CHOICES = ['custom', ...DURATIONS_MINUTES.map(String)] as [string, ...string[]]

const list = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(choice(values))
    .optional()
    .transform((chosen) => [...new Set(chosen ?? [])])

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  choice(values)
    .optional()
    .transform((value) => value ?? null)

// No transform here: a count out of range must not stop the checks of the totals.
const count = () => wholeNumber(0, MAX_COUNT).optional()

const countFields = Object.fromEntries(
  Object.entries(COUNT_GROUPS).flatMap(([group, codes]) =>
    codes.map((code) => [countField(group as CountGroup, code), count()]),
  ),
)

/** The fields' shapes: also where the inputs' limits come from (maxLengthsOf). */
export const reportFields = z.object({
  duration: choice(DURATION_CHOICES),
  customDuration: z
    .number()
    .int()
    .optional()
    .transform((value) => value ?? null),
  placeType: choice(PLACE_TYPES),
  siteId: optionalText(40),
  placeCommune: optionalText(120),
  placePostalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'INVALID_POSTAL_CODE')
    .optional()
    .transform((value) => value ?? null),
  themes: z.array(choice(COOP_THEMES)).min(1),
  procedureDetails: optionalText(500),
  equipment: list(EQUIPMENT),
  notes: optionalText(2000),
  beneficiary: optionalChoice(['KNOWN', 'ANONYMOUS']),
  alreadyAccompanied: checkbox(),
  residenceCommune: optionalText(120),
  gender: optionalChoice(GENDERS),
  ageBand: optionalChoice(AGE_BANDS),
  socialStatus: optionalChoice(SOCIAL_STATUSES),
  autonomy: optionalChoice(AUTONOMY),
  referred: checkbox(),
  referralStructure: optionalChoice(REFERRAL_STRUCTURES),
  participantIds: z
    .array(z.string().max(40))
    .optional()
    .transform((ids) => [...new Set(ids ?? [])]),
  anonTotal: count(),
  anonAlreadyAccompanied: count(),
  ...countFields,
  workshopTitle: optionalText(200),
  workshopLevel: optionalChoice(LEVELS),
})

type Fields = z.output<typeof reportFields>

function inputOf(fields: Fields): ReportInput {
  const counts = fields as unknown as Record<string, number | undefined>
  const groups = Object.fromEntries(
    Object.entries(COUNT_GROUPS).map(([group, codes]) => [
      group,
      Object.fromEntries(
        codes.flatMap((code) => {
          const value = counts[countField(group as CountGroup, code)] ?? 0
          return value > 0 ? [[code, value]] : []
        }),
      ),
    ]),
  ) as Pick<AnonymousCounts, CountGroup>
  return {
    duration: fields.duration as ReportInput['duration'],
    customDuration: fields.customDuration,
    placeType: fields.placeType,
    siteId: fields.placeType === 'LieuActivite' ? fields.siteId : null,
    placeCommune: fields.placeType === 'LieuActivite' ? null : fields.placeCommune,
    placePostalCode: fields.placeType === 'LieuActivite' ? null : fields.placePostalCode,
    themes: fields.themes,
    procedureDetails: fields.procedureDetails,
    equipment: fields.equipment,
    notes: fields.notes,
    beneficiary: fields.beneficiary,
    alreadyAccompanied: fields.alreadyAccompanied,
    residenceCommune: fields.residenceCommune,
    gender: fields.gender,
    ageBand: fields.ageBand,
    socialStatus: fields.socialStatus,
    autonomy: fields.autonomy,
    referred: fields.referred,
    referralStructure: fields.referred ? fields.referralStructure : null,
    participantIds: fields.participantIds,
    anonymous: {
      total: fields.anonTotal ?? 0,
      alreadyAccompanied: fields.anonAlreadyAccompanied ?? 0,
      ...groups,
    },
    workshopTitle: fields.workshopTitle,
    workshopLevel: fields.workshopLevel,
  }
}

/**
 * The form of one report: what may be named depends on what it is about. The rules run
 * as a refinement, so they are reported beside a field's own problem of range (a
 * transform would wait for every field to be right first).
 */
export function reportSchema(context: ReportContext) {
  return reportFields
    .superRefine((fields, refinement) => {
      for (const problem of reportProblems(inputOf(fields), context)) {
        addProblem(refinement, problem.code, problem.field)
      }
    })
    .transform(inputOf)
}

/** The hidden fields of the form: which version of the report it was rendered with. */
export const versionField = z.object({ version: z.coerce.number().int().min(0).optional() })
