import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { resolveDatabaseConfig, type DatabaseConfig } from './config.server'
import { PrismaClient as PostgresClient } from './generated/postgresql/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'

/**
 * The database client. Both providers are generated from the same models, so their
 * clients have the same shape; the SQLite one names the type.
 */
export type Db = SqliteClient

// A booking rush waits for a connection rather than failing after Prisma's default 2 s.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 }

export function createDb(config: DatabaseConfig): Db {
  if (config.provider === 'sqlite') {
    return new SqliteClient({
      adapter: new PrismaBetterSQLite3({ url: config.filePath, timeout: 10_000 }),
      transactionOptions,
    })
  }
  const adapter = new PrismaPg({
    connectionString: config.url,
    connectionTimeoutMillis: 10_000,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  })
  return new PostgresClient({ adapter, transactionOptions }) as unknown as Db
}

type DbHolder = { db?: Db; config?: DatabaseConfig }
// One client per process, also across the Remix build and the server entry, which load
// this module separately.
const holder: DbHolder = ((globalThis as { __permanenceDb?: DbHolder }).__permanenceDb ??= {})

export function databaseConfig(): DatabaseConfig {
  holder.config ??= resolveDatabaseConfig()
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
