import { APPOINTMENT_COLUMNS, REPORT_COLUMNS } from '~/domain/exports/columns'
import type { SignedIn } from '~/features/access/index.server'
import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { logger } from '~/platform/logging.server'
import { downloadResponse, exportFile, type FileOutcome } from './file.server'
import type { ExportFilters } from './filters.server'
import { appointmentRows, reportRows } from './rows.server'
import type { ExportScope } from './scope.server'

// One export, from its checked scope to the streamed response (decision 086); the audit
// trail records who exported what, with which filters and how many rows, once the file is
// written. Ids only: the trail and the logs hold no personal data.

const KINDS = {
  reports: { sheet: 'Comptes rendus', file: 'comptes-rendus', columns: REPORT_COLUMNS },
  appointments: { sheet: 'Rendez-vous', file: 'rendez-vous', columns: APPOINTMENT_COLUMNS },
} as const

const AUDIT_ACTIONS = { reports: 'EXPORT_REPORTS', appointments: 'EXPORT_APPOINTMENTS' } as const

export function auditSummary(filters: ExportFilters, scope: ExportScope, outcome: FileOutcome) {
  return [
    filters.format,
    `${filters.from}..${filters.to}`,
    `site=${scope.siteId ?? 'all'}`,
    `advisor=${scope.advisorId ?? 'all'}`,
    `rows=${outcome.rows}`,
    outcome.complete ? 'complete' : 'interrupted',
  ].join(' ')
}

export function exportResponse(
  db: Db,
  signedIn: SignedIn,
  filters: ExportFilters,
  scope: ExportScope,
): Response {
  const kind = KINDS[filters.kind]
  const rows = filters.kind === 'reports' ? reportRows(db, scope) : appointmentRows(db, scope)
  const file = exportFile(filters.format, kind.sheet, kind.columns, rows)
  void file.done.then(async (outcome) => {
    try {
      await recordAudit(db, {
        actor: signedIn.actor,
        action: AUDIT_ACTIONS[filters.kind],
        entityType: 'Organisation',
        entityId: scope.organisationId,
        summary: auditSummary(filters, scope, outcome),
      })
    } catch (error) {
      logger.error({ err: error, action: AUDIT_ACTIONS[filters.kind] }, 'export audit failed')
    }
  })
  const name = `${kind.file}-${filters.from}-${filters.to}.${filters.format}`
  return downloadResponse(file, filters.format, name)
}
