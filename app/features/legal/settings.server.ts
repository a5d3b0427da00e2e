import { DateTime } from 'luxon'
import { z } from 'zod'
import { EMAIL_MAX_LENGTH } from '~/domain/residents/identity'
import { addProblem, choice, optionalText } from '~/platform/form-fields.server'

// What an admin completes of the legal pages (/espace/admin/mentions): the form's schema,
// the columns it writes and the values it shows. Empty fields leave the pages' defaults.

export const ACCESSIBILITY_STATUSES = [
  'NON_CONFORME',
  'PARTIELLEMENT_CONFORME',
  'TOTALEMENT_CONFORME',
] as const
export type AccessibilityStatus = (typeof ACCESSIBILITY_STATUSES)[number]

export const isAccessibilityStatus = (value: string): value is AccessibilityStatus =>
  (ACCESSIBILITY_STATUSES as readonly string[]).includes(value)

const NAME_MAX_LENGTH = 160
const ADDRESS_MAX_LENGTH = 300
const CONTACT_MAX_LENGTH = Math.max(EMAIL_MAX_LENGTH, 300)
const ISSUES_MAX_LENGTH = 2000

/** A calendar date as the date input sends it; empty: not said. */
const isoDate = () =>
  optionalText(10).transform((value, context) => {
    if (value === null) return null
    if (/^\d{4}-\d{2}-\d{2}$/u.test(value) && DateTime.fromISO(value).isValid) return value
    addProblem(context, 'INVALID_DATE')
    return z.NEVER
  })

export const legalSettingsSchema = z.object({
  legalName: optionalText(NAME_MAX_LENGTH),
  legalAddress: optionalText(ADDRESS_MAX_LENGTH),
  dpoContact: optionalText(CONTACT_MAX_LENGTH),
  publicationDirector: optionalText(NAME_MAX_LENGTH),
  hostName: optionalText(NAME_MAX_LENGTH),
  hostAddress: optionalText(ADDRESS_MAX_LENGTH),
  accessibilityStatus: choice(ACCESSIBILITY_STATUSES),
  accessibilityCheckedOn: isoDate(),
  accessibilityContact: optionalText(CONTACT_MAX_LENGTH),
  accessibilityKnownIssues: optionalText(ISSUES_MAX_LENGTH),
})
export type LegalSettings = z.output<typeof legalSettingsSchema>

export const LEGAL_FIELDS = Object.keys(legalSettingsSchema.shape) as (keyof LegalSettings)[]

/** The form's values from the stored columns (empty for what was never completed). */
export function legalSettingsValues(organisation: Record<keyof LegalSettings, string | null>) {
  return Object.fromEntries(LEGAL_FIELDS.map((field) => [field, organisation[field] ?? '']))
}
