import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { z, ZodIssue, ZodTypeAny } from 'zod'
import {
  isProblemCode,
  type FieldErrors,
  type FormReply,
  type FormValues,
  type Problem,
  type ProblemCode,
} from '~/domain/input/problems'

// The one way a form is read on the server (docs/decisions/019-one-form-style.md):
// Conform's parseWithZod turns the FormData into the schema's input (empty fields as
// missing, numbers, checkboxes, repeated names as lists); every zod issue becomes one
// code of the vocabulary, with its limits. Schemas are written with ./form-fields.server.

export type Parsed<T> = { ok: true; value: T; values: FormValues } | { ok: false; reply: FormReply }

type Constraint = { minLength?: number; maxLength?: number; min?: number; max?: number }
type Constraints = Record<string, Constraint | undefined>

const constraintCache = new WeakMap<ZodTypeAny, Constraints>()

/** Each field's limits as the schema declares them (Conform reads them off zod). */
function constraintsOf(schema: ZodTypeAny): Constraints {
  const known = constraintCache.get(schema)
  if (known) return known
  const constraints: Constraints = {}
  for (const [field, found] of Object.entries(getZodConstraint(schema))) {
    constraints[field] = {
      minLength: found.minLength,
      maxLength: found.maxLength,
      min: typeof found.min === 'number' ? found.min : undefined,
      max: typeof found.max === 'number' ? found.max : undefined,
    }
  }
  constraintCache.set(schema, constraints)
  return constraints
}

/**
 * Reads a submitted form (or values kept from one, such as a draft) against its schema:
 * the typed value, or the reply a page shows (what was typed, each field's first
 * problem). Fields named in `hide` (passwords) are never sent back.
 */
export function parseForm<S extends ZodTypeAny>(
  input: FormData | URLSearchParams | FormValues,
  schema: S,
  options: { hide?: readonly string[] } = {},
): Parsed<z.output<S>> {
  const submission = parseWithZod(asSearchParams(input), {
    schema,
    formatError: (issues: ZodIssue[]) => issues,
  })
  const values = formValues(submission.payload, options.hide ?? [])
  if (submission.status === 'success') return { ok: true, value: submission.value, values }
  const errors: FieldErrors = {}
  const constraints = constraintsOf(schema)
  for (const issue of Object.values(submission.error ?? {}).flat()) {
    if (!issue) continue
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= problemOf(issue, constraints[field])
  }
  return { ok: false, reply: { values, errors } }
}

/** One reply for a form that several schemas read (one part each), or null if all passed. */
export function refusalOf(...parts: Parsed<unknown>[]): FormReply | null {
  const refused = parts.flatMap((part) => (part.ok ? [] : [part.reply]))
  if (refused.length === 0) return null
  const errors: FieldErrors = {}
  for (const reply of refused) {
    for (const [field, problem] of Object.entries(reply.errors)) errors[field] ??= problem
  }
  return { values: refused[0]!.values, errors }
}

/** A reply for a problem found after the schema passed (an email already taken). */
export function formReply(values: FormValues, errors: FieldErrors = {}): FormReply {
  return { values, errors }
}

/** The `maxLength` of each text field of the schemas, for the inputs (one home per limit). */
export function maxLengthsOf(...schemas: ZodTypeAny[]): Record<string, number> {
  const lengths: Record<string, number> = {}
  for (const schema of schemas) {
    for (const [field, constraint] of Object.entries(constraintsOf(schema))) {
      if (constraint?.maxLength !== undefined) lengths[field] = constraint.maxLength
    }
  }
  return lengths
}

/** A stored record as its form shows it: null as empty, booleans as checkbox values. */
export function formValuesOf(record: Record<string, unknown>): FormValues {
  const values: FormValues = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) values[key] = ''
    else if (typeof value === 'boolean') values[key] = value ? 'on' : ''
    else if (value instanceof Date) values[key] = value.toISOString()
    else if (Array.isArray(value)) values[key] = value.map(String)
    else values[key] = String(value)
  }
  return values
}

/**
 * The `updatedAt` a form was rendered with. Missing or garbled, it is the epoch, which no
 * record has: the edit is then refused as stale rather than written over a newer one.
 */
export function renderedUpdatedAt(form: FormData | FormValues): Date {
  const value = form instanceof FormData ? form.get('updatedAt') : form.updatedAt
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN)
  return Number.isNaN(date.getTime()) ? new Date(0) : date
}

function asSearchParams(input: FormData | URLSearchParams | FormValues) {
  if (input instanceof FormData || input instanceof URLSearchParams) return input
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(input)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, one)
  }
  return params
}

function formValues(payload: Record<string, unknown>, hide: readonly string[]): FormValues {
  const values: FormValues = {}
  for (const [name, value] of Object.entries(payload)) {
    if (hide.includes(name)) continue
    if (typeof value === 'string') values[name] = value
    else if (Array.isArray(value)) values[name] = value.filter((v) => typeof v === 'string')
  }
  return values
}

/** The vocabulary's code for one zod issue, with the limits its message shows. */
function problemOf(issue: ZodIssue, constraint: Constraint = {}): Problem {
  const code = codeOf(issue)
  const params = issue.code === 'custom' ? (issue.params ?? {}) : {}
  switch (code) {
    case 'TOO_LONG':
      return { code, max: params.max ?? bound(issue, 'maximum') ?? constraint.maxLength }
    case 'TOO_SHORT':
      return { code, min: params.min ?? bound(issue, 'minimum') ?? constraint.minLength }
    case 'OUT_OF_RANGE':
      return { code, min: params.min ?? constraint.min, max: params.max ?? constraint.max }
    default:
      return { code }
  }
}

function bound(issue: ZodIssue, key: 'minimum' | 'maximum'): number | undefined {
  const value = (issue as unknown as Record<string, unknown>)[key]
  return typeof value === 'number' ? value : undefined
}

function codeOf(issue: ZodIssue): ProblemCode {
  if (isProblemCode(issue.message)) return issue.message
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined' || issue.received === 'null') return 'REQUIRED'
      return issue.expected === 'number' || issue.expected === 'integer'
        ? 'NOT_A_NUMBER'
        : 'INVALID'
    case 'too_small':
      if (issue.type === 'number') return 'OUT_OF_RANGE'
      return issue.minimum === 1 ? 'REQUIRED' : 'TOO_SHORT'
    case 'too_big':
      return issue.type === 'number' ? 'OUT_OF_RANGE' : 'TOO_LONG'
    case 'invalid_string':
      if (issue.validation === 'email') return 'INVALID_EMAIL'
      return issue.validation === 'datetime' || issue.validation === 'date'
        ? 'INVALID_DATE'
        : 'INVALID'
    case 'invalid_date':
      return 'INVALID_DATE'
    case 'invalid_enum_value':
    case 'invalid_literal':
    case 'invalid_union':
      return 'INVALID_CHOICE'
    default:
      return 'INVALID'
  }
}
