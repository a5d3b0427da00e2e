import {
  ColumnTypeEnum,
  type ArgType,
  type ColumnType,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils'
import type { PrismaPromise } from './generated/sqlite/internal/prismaNamespace'
import { connectedAdapterOf, providerOfClient, type Db } from './client.server'
import type { DatabaseProvider } from './provider'

/**
 * Parameters of one hand-written SQL statement, numbered for PostgreSQL ($1, $2…) and
 * positional for SQLite (?): each use of a value is a parameter of its own, in the order
 * they appear in the text.
 */
export class Sql {
  readonly params: unknown[] = []
  constructor(private readonly provider: DatabaseProvider) {}
  param(value: unknown) {
    this.params.push(value)
    return this.provider === 'postgresql' ? `$${this.params.length}` : '?'
  }
}

/**
 * One statement, on PostgreSQL without JIT compilation. A statement the planner costs above
 * the JIT threshold (a year of statistics, or the outbox claim when its estimate of due
 * rows is far off) spent longer compiling (0.3 to 0.5 s for statistics in bench:stats, 12
 * ms of a 26 ms claim in bench:scale) than running. SET LOCAL keeps it to this transaction,
 * so a connection pooler in front of the database sees nothing unusual.
 */
export async function withoutJit<T>(db: Db, query: PrismaPromise<T>): Promise<T> {
  if (providerOfClient(db) !== 'postgresql') return query
  const [, result] = await db.$transaction([db.$executeRawUnsafe('SET LOCAL jit = off'), query])
  return result as T
}

/**
 * The rows of one hand-written read, as `db.$queryRawUnsafe` gives them (dates as Date,
 * booleans, 64-bit integers as BigInt), sent straight to the adapter Prisma is connected
 * through: Prisma's pipeline (its query compiler in WebAssembly, the plan's interpreter,
 * the JSON round trips of parameters and rows) cost 0.1 to 0.2 ms a statement, about as
 * much as the three reads of the week page themselves (decision 109). In a transaction,
 * or before Prisma's first connection, the read goes through Prisma.
 */
export async function readRows<Row>(db: Db, sql: string, params: unknown[]): Promise<Row[]> {
  const adapter = connectedAdapterOf(db)
  if (!adapter) return db.$queryRawUnsafe<Row[]>(sql, ...params)
  const result = await adapter.queryRaw({ sql, args: params, argTypes: params.map(argTypeOf) })
  return rowsOf(result) as Row[]
}

/** How the adapter is to format a parameter, as Prisma would tell it. */
function argTypeOf(value: unknown): ArgType {
  return { scalarType: scalarTypeOf(value), arity: 'scalar' }
}

function scalarTypeOf(value: unknown): ArgType['scalarType'] {
  if (value === null) return 'unknown'
  if (value instanceof Date) return 'datetime'
  switch (typeof value) {
    case 'string':
      return 'string'
    case 'boolean':
      return 'boolean'
    case 'bigint':
      return 'bigint'
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float'
    default:
      throw new TypeError(
        `readRows takes strings, numbers, booleans, dates and null, not ${typeof value}`,
      )
  }
}

/** Prisma's own conversions of a raw result set (its serializeRawSql, then deserializeRawResult). */
function rowsOf({ columnNames, columnTypes, rows }: SqlResultSet) {
  return rows.map((row) => {
    const record: Record<string, unknown> = {}
    for (let index = 0; index < columnNames.length; index += 1) {
      record[columnNames[index]] = columnValue(row[index], columnTypes[index])
    }
    return record
  })
}

function columnValue(value: unknown, type: ColumnType): unknown {
  if (value === null) return null
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(value))
    case ColumnTypeEnum.Int64:
      return BigInt(typeof value === 'number' ? Math.trunc(value) : (value as string))
    case ColumnTypeEnum.Boolean:
      return typeof value === 'boolean' ? value : value === 1 || value === 'true' || value === '1'
    case ColumnTypeEnum.Date:
    case ColumnTypeEnum.DateTime:
      return new Date(value as string)
    case ColumnTypeEnum.Json:
      return JSON.parse(value as string)
    case ColumnTypeEnum.Text:
    case ColumnTypeEnum.Character:
    case ColumnTypeEnum.Enum:
    case ColumnTypeEnum.Uuid:
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
    case ColumnTypeEnum.UnknownNumber:
      return value
    default:
      throw new TypeError(`readRows cannot read a column of type ${type}: use $queryRawUnsafe`)
  }
}
