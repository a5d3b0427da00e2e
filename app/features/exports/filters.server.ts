import { z } from 'zod'
import { choice, fieldProblems } from '~/platform/form-fields.server'
import { isLocalDate } from '~/domain/time/format'

// What an export asks for (decision 086): the kind of rows, the file format, a period of
// local days at the organisation (both ends included), and optionally a site and an advisor.
// The page's form and the file's URL carry the same fields, read by the same schema.

export const EXPORT_KINDS = ['reports', 'appointments'] as const
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export type ExportFilters = {
  kind: ExportKind
  format: ExportFormat
  from: string
  to: string
  siteId: string | null
  advisorId: string | null
}

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((value) => value || null)

export function exportSchema(zone: string) {
  return z
    .object({
      kind: choice(EXPORT_KINDS),
      format: choice(EXPORT_FORMATS),
      from: z.string().trim().min(1),
      to: z.string().trim().min(1),
      siteId: optionalId,
      advisorId: optionalId,
    })
    .superRefine((value, context) => {
      const problems = fieldProblems(context)
      if (!isLocalDate(value.from, zone)) problems.add('INVALID_DATE', 'from')
      if (!isLocalDate(value.to, zone)) problems.add('INVALID_DATE', 'to')
      if (!problems.any() && value.to < value.from) problems.add('END_BEFORE_START', 'to')
    })
}

/** The URL of the file for these filters (the page sends the browser there). */
export function exportFileUrl(filters: ExportFilters): string {
  const params = new URLSearchParams({
    kind: filters.kind,
    format: filters.format,
    from: filters.from,
    to: filters.to,
  })
  if (filters.siteId) params.set('siteId', filters.siteId)
  if (filters.advisorId) params.set('advisorId', filters.advisorId)
  return `/espace/exports/fichier?${params.toString()}`
}
