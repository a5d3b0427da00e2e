import { accessSync, constants, mkdirSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { DatabaseConfigError, describeDatabase, type DatabaseConfig } from './config.server'
import { applyMigrations } from './migrate.server'

/** Makes sure the database can be reached and is migrated; each failure is one clear line. */
export async function prepareDatabase(config: DatabaseConfig) {
  if (config.provider === 'sqlite') ensureWritableFolder(path.dirname(config.filePath))
  else await ensureReachable(config)
  try {
    return await applyMigrations(config)
  } catch (error) {
    const where = describeDatabase(config).where
    throw new DatabaseConfigError(`Could not migrate the database at ${where}: ${messageOf(error)}`)
  }
}

function ensureWritableFolder(folder: string) {
  try {
    mkdirSync(folder, { recursive: true })
    accessSync(folder, constants.W_OK)
  } catch (error) {
    throw new DatabaseConfigError(
      `The data folder ${folder} is not writable (${messageOf(error)}); fix its permissions or set DATABASE_URL to another file.`,
    )
  }
}

async function ensureReachable(config: Extract<DatabaseConfig, { provider: 'postgresql' }>) {
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    throw new DatabaseConfigError(
      `Cannot reach PostgreSQL at ${config.description} (${messageOf(error)}); start the server or fix DATABASE_URL.`,
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}

function messageOf(error: unknown) {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0])
  if (error instanceof Error)
    return error.message || (error as { code?: string }).code || error.name
  return String(error)
}
