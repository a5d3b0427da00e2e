import path from 'node:path'
import { StartupError } from '~/platform/config/errors.server'
import { providerOf, type DatabaseProvider } from './provider'

/** How long a request waits for a connection (SQLite: for the write lock); then 503. */
type Waiting = { acquireTimeoutMs?: number }

export type DatabaseConfig =
  | ({ provider: 'sqlite'; url: string; filePath: string } & Waiting)
  | ({ provider: 'postgresql'; url: string; description: string; poolSize?: number } & Waiting)

export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000

/** The database cannot be used as configured or found (URL, server, data folder). */
export class DatabaseConfigError extends StartupError {
  override name = 'DatabaseConfigError'
}

export const DEFAULT_SQLITE_FILE = 'data/permanence.db'

export function resolveDatabaseConfig(
  databaseUrl: string | undefined,
  cwd = process.cwd(),
): DatabaseConfig {
  const url = databaseUrl?.trim()
  if (!url) return sqliteConfig(DEFAULT_SQLITE_FILE, cwd)
  if (url.startsWith('file:')) return sqliteConfig(url.slice('file:'.length), cwd)
  if (providerOf(url) === 'postgresql') return postgresConfig(url)
  throw new DatabaseConfigError(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); it starts with "${schemeOf(url)}".`,
  )
}

function sqliteConfig(file: string, cwd: string): DatabaseConfig {
  if (!file || file.endsWith('/')) {
    throw new DatabaseConfigError(
      `DATABASE_URL must name an SQLite file, not a folder ("${file}").`,
    )
  }
  const filePath = path.resolve(cwd, file)
  return { provider: 'sqlite', url: `file:${filePath}`, filePath }
}

function postgresConfig(url: string): DatabaseConfig {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new DatabaseConfigError(
      'DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database.',
    )
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (!parsed.hostname || !database) {
    throw new DatabaseConfigError(
      'DATABASE_URL must name a host and a database, as in postgresql://user:password@host:5432/database.',
    )
  }
  // Never the password: this text reaches logs and /healthz.
  const description = `${parsed.hostname}:${parsed.port || 5432}/${database}`
  return { provider: 'postgresql', url, description }
}

function schemeOf(url: string) {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  return match ? `${match[1]}:` : url.slice(0, 12)
}

export function describeDatabase(config: DatabaseConfig): {
  kind: DatabaseProvider
  where: string
} {
  return config.provider === 'sqlite'
    ? { kind: 'sqlite', where: config.filePath }
    : { kind: 'postgresql', where: config.description }
}
