import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from './auth.server'

// Helpers of the administration routes: who may enter, and what a form sent back.

/** The signed-in admin of the organisation; 403 for other roles, sign-in when anonymous. */
export async function requireAdmin(request: Request) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'organisation.administer', {
    organisationId: signedIn.actor.organisationId,
  })
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return {
    signedIn,
    t,
    language,
    name: `${signedIn.advisor.firstName} ${signedIn.advisor.lastName}`,
  }
}

/** Form values as strings (several values of one name joined by commas), to show again. */
export function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue
    values[key] = key in values ? `${values[key]},${value}` : value
  }
  return values
}

/** The updatedAt a form rendered, or null when missing or garbled. */
export function renderedUpdatedAt(form: FormData): Date | null {
  const value = form.get('updatedAt')
  if (typeof value !== 'string') return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A record's fields as form values (null as empty, booleans as checkbox values). */
export function asFormValues(record: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) values[key] = ''
    else if (typeof value === 'boolean') values[key] = value ? 'on' : ''
    else if (value instanceof Date) values[key] = value.toISOString()
    else values[key] = String(value)
  }
  return values
}
