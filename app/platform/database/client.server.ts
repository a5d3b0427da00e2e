import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
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

type AdapterSlot = { client?: object; adapter?: SqlDriverAdapter }
// The driver adapter a client is connected through, for the hot reads that skip Prisma's
// query pipeline (readRows, sql.server.ts; decision 109); registered like PROVIDER. A
// transaction client reads it too, but is another object than the slot's client, so a
// read inside a transaction never goes around it.
const ADAPTER = Symbol.for('permanence.connectedAdapter')

/** The factory, noting in `slot` the adapter Prisma connects through until it disposes of it. */
function noting(factory: SqlDriverAdapterFactory, slot: AdapterSlot): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect()
      slot.adapter = adapter
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        queryRaw: (query) => adapter.queryRaw(query),
        executeRaw: (query) => adapter.executeRaw(query),
        executeScript: (script) => adapter.executeScript(script),
        startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
        ...(adapter.getConnectionInfo
          ? { getConnectionInfo: () => adapter.getConnectionInfo!() }
          : {}),
        dispose: async () => {
          if (slot.adapter === adapter) slot.adapter = undefined
          await adapter.dispose()
        },
      }
    },
  }
}

export function createDb(database: DatabaseConfig): Db {
  // One patience for every wait: a connection from the pool, PostgreSQL's or SQLite's turn
  // to start a transaction, SQLite's write lock. Past it the request answers 503
  // (errors.server.ts, isDatabaseBusy) instead of queueing behind a rush.
  const waitMs = database.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS
  const transactionOptions = { maxWait: waitMs, timeout: 20_000 }
  const slot: AdapterSlot = {}
  const client =
    database.provider === 'sqlite'
      ? new SqliteClient({
          adapter: noting(
            wholeTransactions(
              new PrismaBetterSQLite3({ url: database.filePath, timeout: waitMs }),
              new PrismaBetterSQLite3({ url: database.filePath, timeout: waitMs }),
            ),
            slot,
          ),
          transactionOptions,
        })
      : (new PostgresClient({
          adapter: noting(
            new PrismaPg({
              connectionString: database.url,
              connectionTimeoutMillis: waitMs,
              // DATABASE_POOL_SIZE; pg's own default (10) for a client made from a bare URL (tests).
              ...(database.poolSize ? { max: database.poolSize } : {}),
            }),
            slot,
          ),
          transactionOptions,
        }) as unknown as Db)
  Object.defineProperty(client, PROVIDER, { value: database.provider })
  slot.client = client
  Object.defineProperty(client, ADAPTER, { value: slot })
  return client
}

/**
 * The adapter a client of createDb is connected through; none before Prisma's first
 * connection, after a disconnection, and for a transaction client.
 */
export function connectedAdapterOf(db: object): SqlDriverAdapter | undefined {
  const slot = (db as Record<symbol, AdapterSlot | undefined>)[ADAPTER]
  return slot?.client === db ? slot.adapter : undefined
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
