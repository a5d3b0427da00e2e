import type { PrismaPromise } from './generated/sqlite/internal/prismaNamespace'
import { providerOfClient, type Db } from './client.server'
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
