import { z, type RefinementCtx } from 'zod'
import type { Problem, ProblemCode } from '~/domain/input/problems'

// The fields schemas are made of, as parseForm (./forms.server.ts) reads a form: an empty
// input is a missing value, a checked box is `true`, several boxes of one name a list.
// Their problems are the vocabulary's; a length limit is written once, in the schema, and
// the input's maxlength comes from it too (maxLengthsOf).

/** Text that must be given, trimmed. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max)

/** Text that may be left empty (null then), trimmed. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null)

/** Text a domain rule reads (it says what is missing): trimmed, "" when left empty. */
export const plainText = (max?: number) =>
  (max === undefined ? z.string() : z.string().max(max))
    .optional()
    .transform((value) => value?.trim() ?? '')

/** A checkbox: checked or not. */
export const checkbox = () =>
  z
    .boolean()
    .optional()
    .transform((value) => value === true)

/** A whole number between two bounds, both included. */
export const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max)

/** One of a list of values (a select or radio buttons). */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values)

/**
 * Reports a vocabulary problem from a refinement: on the named field of an object's
 * refinement, or on the field being refined when no name is given.
 */
export function addProblem(
  context: RefinementCtx,
  problem: ProblemCode | Problem,
  field?: string,
): void {
  const { code, ...params } = typeof problem === 'string' ? { code: problem } : problem
  context.addIssue({ code: 'custom', path: field ? [field] : [], message: code, params })
}

/** The problems an object's refinement reports on its fields, and whether there were any. */
export function fieldProblems(context: RefinementCtx) {
  let count = 0
  return {
    add(problem: ProblemCode | Problem, field: string) {
      count += 1
      addProblem(context, problem, field)
    },
    any: () => count > 0,
  }
}
