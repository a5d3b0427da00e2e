// Driver adapters for the Prisma CLI (migrate diff/deploy/status), with the fixes these
// machines need (docs/decisions/003-two-database-providers.md). The app itself connects
// through app/platform/database/client.server.ts.
import { randomUUID } from 'node:crypto'
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'

import { providerOf } from '../app/platform/database/provider'

export { providerOf }

export async function migrationAdapterFactory(
  databaseUrl: string,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(databaseUrl) === 'sqlite') return sqliteMigrationFactory(databaseUrl)
  return postgresMigrationFactory(databaseUrl)
}

// The schema engine sends a whole migration script through executeRaw; better-sqlite3
// refuses several statements in one prepared statement, so such scripts go to exec.
function withScriptsAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter)
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
      await adapter.executeScript(query.sql)
      return 0
    }
    return executeRaw(query)
  }
  return adapter
}

async function sqliteMigrationFactory(databaseUrl: string) {
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
  const factory = new PrismaBetterSQLite3({ url: databaseUrl.replace(/^file:/, '') })
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withScriptsAsScripts(await factory.connect()),
    connectToShadowDb: async () => withScriptsAsScripts(await factory.connectToShadowDb()),
  } satisfies SqlMigrationAwareDriverAdapterFactory
}

// System catalog columns of type name and "char" are unknown to the adapter (open upstream
// issue 27403): name is read as text, and "char" as the character type the schema engine
// expects, remembered per SQL text since the adapter only keeps the column types.
const NAME_OID = 19
const CHAR_OID = 18
const TEXT_OID = 25
const CHARACTER_COLUMN_TYPE = 6
const charColumnsBySql = new Map<string, number[]>()
type QueryResultLike = { fields?: { dataTypeID: number }[] }

function readableCatalogTypes(sql: string | undefined, result: unknown) {
  const fields = (result as QueryResultLike | undefined)?.fields ?? []
  const charColumns: number[] = []
  fields.forEach((field, index) => {
    if (field.dataTypeID === CHAR_OID) charColumns.push(index)
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID
  })
  if (sql && charColumns.length > 0) charColumnsBySql.set(sql, charColumns)
  return result
}

function withCharacterColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter)
  adapter.queryRaw = async (query) => {
    const resultSet = await queryRaw(query)
    for (const index of charColumnsBySql.get(query.sql) ?? []) {
      resultSet.columnTypes[index] = CHARACTER_COLUMN_TYPE as (typeof resultSet.columnTypes)[number]
    }
    return resultSet
  }
  return adapter
}

function sqlOf(config: unknown): string | undefined {
  if (typeof config === 'string') return config
  return (config as { text?: string } | undefined)?.text
}

class CatalogAwareClient extends pg.Client {
  // pg's query has many overloads (callback or promise); keep them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1]
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        last(error, readableCatalogTypes(sqlOf(args[0]), result))
      return (super.query as (...a: unknown[]) => unknown)(...args)
    }
    const outcome = (super.query as (...a: unknown[]) => unknown)(...args)
    return outcome instanceof Promise
      ? outcome.then((result) => readableCatalogTypes(sqlOf(args[0]), result))
      : outcome
  }
}

function poolConfig(databaseUrl: string, database?: string): pg.PoolConfig {
  // Separate fields, not a connection string: the shadow database name must win.
  const url = new URL(databaseUrl)
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: database ?? decodeURIComponent(url.pathname.slice(1)),
    Client: CatalogAwareClient,
  }
}

async function postgresMigrationFactory(databaseUrl: string) {
  const { PrismaPg } = await import('@prisma/adapter-pg')
  const factory = new PrismaPg(poolConfig(databaseUrl))
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withCharacterColumns(await factory.connect()),
    connectToShadowDb: async () => {
      const admin = await factory.connect()
      const name = `permanence_shadow_${randomUUID().replaceAll('-', '')}`
      await admin.executeScript(`CREATE DATABASE "${name}"`)
      const shadow = withCharacterColumns(
        await new PrismaPg(poolConfig(databaseUrl, name)).connect(),
      )
      const dispose = shadow.dispose.bind(shadow)
      // Close the shadow pool before dropping its database, then drop it by force.
      shadow.dispose = async () => {
        await dispose()
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.dispose()
      }
      return shadow
    },
  } satisfies SqlMigrationAwareDriverAdapterFactory
}
