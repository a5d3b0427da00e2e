import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createDb, type Db } from '~/platform/database/client.server'
import type { DatabaseConfig } from '~/platform/database/config.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { prepareDatabase } from '~/platform/database/startup.server'

/** Which database the integration run targets; run-all runs the suite once per provider. */
export const testProvider: DatabaseConfig['provider'] =
  process.env.TEST_DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite'

export type TestDatabase = { config: DatabaseConfig; db: Db; drop: () => Promise<void> }

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return testProvider === 'postgresql' ? createPostgresDatabase() : createSqliteDatabase()
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const folder = mkdtempSync(path.join(tmpdir(), 'permanence-test-'))
  const config = resolveDatabaseConfig(`file:${folder}/test.db`)
  await prepareDatabase(config)
  const db = createDb(config)
  return {
    config,
    db,
    drop: async () => {
      await db.$disconnect()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

export function postgresServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DB_PROVIDER=postgresql needs TEST_DATABASE_URL')
  return url
}

export function postgresUrlFor(database: string) {
  const url = new URL(postgresServerUrl())
  url.pathname = `/${database}`
  return url.toString()
}

export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: postgresServerUrl() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `permanence_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}"`))
  const config = resolveDatabaseConfig(postgresUrlFor(name))
  await prepareDatabase(config)
  const db = createDb(config)
  return {
    config,
    db,
    drop: async () => {
      await db.$disconnect()
      await withPostgresAdmin((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      )
    },
  }
}
