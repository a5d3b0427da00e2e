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
