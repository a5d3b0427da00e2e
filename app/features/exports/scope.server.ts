import { authorise, type Actor, type Decision } from '~/domain/access'
import { dayRange } from '~/domain/time/days'
import type { Db } from '~/platform/database/client.server'
import type { ExportFilters } from './filters.server'

// Whose rows an export may hold (decision 086): an admin the organisation's, an advisor
// their own, reception none. A site or advisor of another organisation is never found.

export type ExportScope = {
  organisationId: string
  zone: string
  /** From the first instant of `from` to the first instant after `to`, at the organisation. */
  start: Date
  end: Date
  siteId: string | null
  advisorId: string | null
}

export type ScopeOutcome =
  | { ok: true; scope: ExportScope }
  | { ok: false; decision: Exclude<Decision, 'ALLOWED'>; field?: 'siteId' | 'advisorId' }

/** Whether this person may export anything: the page and the navigation ask it. */
export function mayExport(actor: Actor): boolean {
  return authorise(actor, 'export.create', actor) === 'ALLOWED'
}

/** Whether they may export everyone's rows (else only their own). */
export function exportsEveryone(actor: Actor): boolean {
  return authorise(actor, 'export.create', { organisationId: actor.organisationId }) === 'ALLOWED'
}

export async function exportScope(
  db: Db,
  actor: Actor,
  zone: string,
  filters: ExportFilters,
): Promise<ScopeOutcome> {
  if (!mayExport(actor)) return { ok: false, decision: 'FORBIDDEN' }
  const advisorId = filters.advisorId ?? (exportsEveryone(actor) ? null : actor.advisorId)
  if (advisorId) {
    const advisor = await db.advisor.findUnique({
      where: { id: advisorId },
      select: { organisationId: true },
    })
    const decision = advisor
      ? authorise(actor, 'export.create', { organisationId: advisor.organisationId, advisorId })
      : 'NOT_FOUND'
    if (decision !== 'ALLOWED') return { ok: false, decision, field: 'advisorId' }
  }
  if (filters.siteId) {
    const site = await db.site.findUnique({
      where: { id: filters.siteId },
      select: { organisationId: true },
    })
    if (site?.organisationId !== actor.organisationId) {
      return { ok: false, decision: 'NOT_FOUND', field: 'siteId' }
    }
  }
  return {
    ok: true,
    scope: {
      organisationId: actor.organisationId,
      zone,
      start: dayRange(filters.from, zone).from,
      end: dayRange(filters.to, zone).to,
      siteId: filters.siteId,
      advisorId,
    },
  }
}
