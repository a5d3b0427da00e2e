import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { config } from '~/platform/config/config.server'
import { DEFAULT_ACQUIRE_TIMEOUT_MS, type DatabaseConfig } from './config.server'
import { PrismaClient as PostgresClient } from './generated/postgresql/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'
import type { DatabaseProvider } from './provider'
import { wholeTransactions } from './sqlite-adapter.server'

/**
 * The database client. Both providers are generated from the same models, so their
 * clients have the same shape; the SQLite one names the type.
 */
export type Db = SqliteClient

// Prisma's transaction clients are derived from the client and read its properties, so the
// provider set here is also known inside a transaction (write-locks.server.ts needs it). A
// registered symbol: the Remix build and the server entry each load this module.
const PROVIDER = Symbol.for('permanence.databaseProvider')

export function createDb(database: DatabaseConfig): Db {
  // One patience for every wait: a connection from the pool, PostgreSQL's or SQLite's turn
  // to start a transaction, SQLite's write lock. Past it the request answers 503
  // (errors.server.ts, isDatabaseBusy) instead of queueing behind a rush.
  const waitMs = database.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS
  const transactionOptions = { maxWait: waitMs, timeout: 20_000 }
  const client =
    database.provider === 'sqlite'
      ? new SqliteClient({
          adapter: wholeTransactions(
            new PrismaBetterSQLite3({ url: database.filePath, timeout: waitMs }),
            new PrismaBetterSQLite3({ url: database.filePath, timeout: waitMs }),
          ),
          transactionOptions,
        })
      : (new PostgresClient({
          adapter: new PrismaPg({
            connectionString: database.url,
            connectionTimeoutMillis: waitMs,
            // DATABASE_POOL_SIZE; pg's own default (10) for a client made from a bare URL (tests).
            ...(database.poolSize ? { max: database.poolSize } : {}),
          }),
          transactionOptions,
        }) as unknown as Db)
  Object.defineProperty(client, PROVIDER, { value: database.provider })
  return client
}

/** The provider behind a client of createDb, or behind one of its transaction clients. */
export function providerOfClient(db: Pick<Db, '$executeRaw'>): DatabaseProvider {
  const provider = (db as unknown as Record<symbol, DatabaseProvider | undefined>)[PROVIDER]
  if (!provider) throw new Error('This database client was not made by createDb')
  return provider
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
