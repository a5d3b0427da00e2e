import type { Actor } from '~/domain/access'
import type { Db } from './database/client.server'

// The audit trail: who did what to which record. Written in the transaction of the change
// it records. Summaries hold no personal data (no names, phones or emails).

export type AuditEntry = {
  /** The signed-in person; absent for the resident themselves or the system. */
  actor?: Pick<Actor, 'advisorId' | 'organisationId'>
  organisationId?: string
  actorKind?: 'ADVISOR' | 'RESIDENT' | 'SYSTEM'
  action: string
  entityType: string
  entityId: string
  summary: string
}

export function recordAudit(db: Pick<Db, 'auditEvent'>, entry: AuditEntry) {
  const organisationId = entry.actor?.organisationId ?? entry.organisationId
  if (!organisationId) throw new Error(`Audit entry ${entry.action} has no organisation`)
  return db.auditEvent.create({
    data: {
      organisationId,
      advisorId: entry.actor?.advisorId ?? null,
      actorKind: entry.actorKind ?? (entry.actor ? 'ADVISOR' : 'SYSTEM'),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: entry.summary,
    },
  })
}
