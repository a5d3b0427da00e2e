import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { projectRoot } from '../project-root.server'
import type { DatabaseConfig } from './config.server'

// The app applies the committed migrations itself at start, recording them in Prisma's
// own table so `prisma migrate status` and `migrate diff` agree with it
// (docs/decisions/004-migrations-applied-by-the-app.md).
const MIGRATIONS_ROOT = `${projectRoot()}/prisma/migrations`

type Migration = { name: string; sql: string; checksum: string }

export function readMigrations(provider: DatabaseConfig['provider'], root = MIGRATIONS_ROOT) {
  const folder = `${root}/${provider}`
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${folder}/${entry.name}/migration.sql`))
    .map((entry) => entry.name)
    .sort()
    .map((name): Migration => {
      const sql = readFileSync(`${folder}/${name}/migration.sql`, 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/** Applies the migrations not yet applied; returns their names. */
export async function applyMigrations(
  config: DatabaseConfig,
  migrations = readMigrations(config.provider),
): Promise<string[]> {
  return config.provider === 'sqlite'
    ? migrateSqlite(config.filePath, migrations)
    : migratePostgres(config.url, migrations)
}

const SQLITE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

function migrateSqlite(filePath: string, migrations: Migration[]) {
  const db = new Database(filePath, { timeout: 10_000 })
  try {
    // WAL lets readers go on while the worker or a booking writes.
    db.pragma('journal_mode = WAL')
    db.exec(SQLITE_HISTORY)
    // Prisma redefines a table by copying it and dropping the old one. With foreign keys on,
    // that drop would cascade-delete every child row, and the migration's own
    // "PRAGMA foreign_keys=OFF" is ignored inside a transaction: so they are turned off
    // here, before the transaction, and checked before it commits.
    db.pragma('foreign_keys = OFF')
    const applied: string[] = []
    // IMMEDIATE takes the write lock first, so two processes starting together queue.
    db.transaction(() => {
      const done = new Set(
        db
          .prepare('SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL')
          .all()
          .map((row) => (row as { migration_name: string }).migration_name),
      )
      for (const migration of migrations) {
        if (done.has(migration.name)) continue
        db.exec(migration.sql)
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES (?, ?, ?, ?, 1, ?)`,
        ).run(randomUUID(), migration.checksum, Date.now(), migration.name, Date.now())
        applied.push(migration.name)
      }
      const violations = db.pragma('foreign_key_check') as unknown[]
      if (violations.length > 0)
        throw new Error(
          `foreign key violations after migrating: ${JSON.stringify(violations.slice(0, 3))}`,
        )
    }).immediate()
    return applied
  } finally {
    db.close()
  }
}

const POSTGRES_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`
// Any constant shared by every instance: the lock serialises instances starting together.
const MIGRATION_LOCK_KEY = 7_264_118_301

async function migratePostgres(url: string, migrations: Migration[]) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await client.query(POSTGRES_HISTORY)
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    )
    const done = new Set(rows.map((row) => row.migration_name))
    const applied: string[] = []
    for (const migration of migrations) {
      if (done.has(migration.name)) continue
      await client.query('BEGIN')
      try {
        await client.query(migration.sql)
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
      applied.push(migration.name)
    }
    return applied
  } finally {
    await client.end()
  }
}
