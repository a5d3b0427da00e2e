// What can be wrong with what a person typed: the one vocabulary of every form's errors
// (docs/decisions/019-one-form-style.md). The browser shows each code through
// `form.errors.<code>`; a form may word one field's message its own way.

/** Codes any field may have. */
const GENERIC = [
  'REQUIRED',
  'TOO_LONG',
  'TOO_SHORT',
  'NOT_A_NUMBER',
  'OUT_OF_RANGE',
  'INVALID_CHOICE',
  'INVALID_NAME',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'INVALID_POSTAL_CODE',
  'INVALID_DATE',
  'INVALID_TIME',
  'INVALID_TIME_ZONE',
  'INVALID',
] as const

/** The domain's own codes, where they say more than a generic one could. */
const PRECISE = [
  'PHONE_REGION_NOT_ALLOWED',
  'PHONE_NOT_REACHABLE',
  'PHONE_REQUIRED_FOR_CALL',
  'CONTACT_REQUIRED',
  'ROBOT',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_MISMATCH',
  'EMAIL_TAKEN',
  'END_BEFORE_START',
  'VALID_UNTIL_BEFORE_FROM',
  'TIME_SKIPPED',
  'OVERLAP_NOT_CONFIRMED',
  'WALK_IN_PAST',
  'NOT_STARTED',
  'OUTSIDE_HOURS_NOT_CONFIRMED',
  'QUIET_HOURS',
  'SENDER_CHARACTERS',
  'FORMAT_IN_USE',
  'NOT_ENOUGH_SEATS',
  'INVALID_PIVOT',
  'INVALID_SIRET',
  'COUNT_ABOVE_TOTAL',
  'NO_PARTICIPANT',
  'NONE_WITH_OTHERS',
] as const

export const PROBLEM_CODES: readonly ProblemCode[] = [...GENERIC, ...PRECISE]
export type ProblemCode = (typeof GENERIC)[number] | (typeof PRECISE)[number]

/** One field's problem; a length or range problem carries its limits, for the message. */
export type Problem = { code: ProblemCode; min?: number; max?: number }

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && (PROBLEM_CODES as readonly string[]).includes(value)
}

/** What a form sent, as the page shows it again: one string, or several for one name. */
export type FormValues = Record<string, string | string[]>

/** Field name to its first problem. */
export type FieldErrors = Record<string, Problem>

/** What an action answers to a refused form: what was typed and what is wrong. */
export type FormReply = { values: FormValues; errors: FieldErrors }
