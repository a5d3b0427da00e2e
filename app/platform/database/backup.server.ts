import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DatabaseConfigError, type DatabaseConfig } from './config.server'

// `npm run db:backup` (decision 094). SQLite's online backup API copies the database page by
// page while the app keeps reading and writing: the copy is consistent as of the instant
// it ends, unlike a `cp` of a file in WAL mode. PostgreSQL has its own tool.

export type Backup = { file: string; bytes: number }

/** The copy goes to `destination`, or to `backups/<name>-<UTC time>.db` beside the database. */
export async function backupDatabase(
  config: DatabaseConfig,
  destination?: string,
  now = new Date(),
): Promise<Backup> {
  if (config.provider === 'postgresql') {
    throw new DatabaseConfigError(
      `PostgreSQL (${config.description}) is backed up with pg_dump, not by this command: pg_dump --format=custom --file=permanence-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"`,
    )
  }
  const source = config.filePath
  if (!existsSync(source)) {
    throw new DatabaseConfigError(
      `No database at ${source}: nothing to back up (check DATABASE_URL).`,
    )
  }
  const file = path.resolve(destination ?? defaultDestination(source, now))
  if (existsSync(file))
    throw new DatabaseConfigError(`${file} already exists: choose another file.`)
  const folder = path.dirname(file)
  try {
    mkdirSync(folder, { recursive: true })
    accessSync(folder, constants.W_OK)
  } catch (error) {
    throw new DatabaseConfigError(`Cannot write backups to ${folder} (${codeOf(error)}).`)
  }
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(file)
  } catch (error) {
    throw new DatabaseConfigError(`The backup of ${source} to ${file} failed (${codeOf(error)}).`)
  } finally {
    db.close()
  }
  return { file, bytes: statSync(file).size }
}

function defaultDestination(source: string, now: Date) {
  const name = path.basename(source, path.extname(source))
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')
  return path.join(path.dirname(source), 'backups', `${name}-${stamp}.db`)
}

function codeOf(error: unknown) {
  return (
    (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))
  )
}
