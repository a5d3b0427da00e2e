import { databaseConfig, db } from './client.server'
import { readMigrations } from './migrate.server'

/** Liveness with the database's answer time (/healthz). */
export async function checkDatabase() {
  const database = databaseConfig().provider
  const started = performance.now()
  try {
    await db().$queryRawUnsafe('SELECT 1')
    return { status: 'ok' as const, database, latencyMs: Math.round(performance.now() - started) }
  } catch {
    return { status: 'error' as const, database, error: 'database unreachable' }
  }
}

let expectedMigrations: string[] | undefined

/**
 * Readiness (/readyz): the database answers and holds every migration this build ships.
 * The reason is one line for the operator, never the driver's message (it may quote a URL).
 */
export async function checkReadiness(): Promise<
  { ready: true } | { ready: false; reason: string }
> {
  expectedMigrations ??= readMigrations(databaseConfig().provider).map(({ name }) => name)
  let applied: Set<string>
  try {
    const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    )
    applied = new Set(rows.map((row) => row.migration_name))
  } catch {
    return { ready: false, reason: 'database unreachable or not migrated' }
  }
  const missing = expectedMigrations.filter((name) => !applied.has(name)).length
  if (missing > 0) return { ready: false, reason: `database not migrated: ${missing} pending` }
  return { ready: true }
}
