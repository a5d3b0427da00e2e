import { databaseConfig, db } from './client.server'

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
