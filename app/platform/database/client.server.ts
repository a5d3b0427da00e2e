import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { config } from '~/platform/config/config.server'
import type { DatabaseConfig } from './config.server'
import { PrismaClient as PostgresClient } from './generated/postgresql/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'

/**
 * The database client. Both providers are generated from the same models, so their
 * clients have the same shape; the SQLite one names the type.
 */
export type Db = SqliteClient

// A booking rush waits for a connection rather than failing after Prisma's default 2 s.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 }

export function createDb(database: DatabaseConfig): Db {
  if (database.provider === 'sqlite') {
    return new SqliteClient({
      adapter: new PrismaBetterSQLite3({ url: database.filePath, timeout: 10_000 }),
      transactionOptions,
    })
  }
  const adapter = new PrismaPg({
    connectionString: database.url,
    connectionTimeoutMillis: 10_000,
    // DATABASE_POOL_SIZE; pg's own default (10) for a client made from a bare URL (tests).
    ...(database.poolSize ? { max: database.poolSize } : {}),
  })
  return new PostgresClient({ adapter, transactionOptions }) as unknown as Db
}

type DbHolder = { db?: Db; config?: DatabaseConfig }
// One client per process, also across the Remix build and the server entry, which load
// this module separately.
const holder: DbHolder = ((globalThis as { __permanenceDb?: DbHolder }).__permanenceDb ??= {})

export function databaseConfig(): DatabaseConfig {
  holder.config ??= config().database
  return holder.config
}

export function db(): Db {
  holder.db ??= createDb(databaseConfig())
  return holder.db
}

export async function disconnectDb() {
  await holder.db?.$disconnect()
  holder.db = undefined
}
