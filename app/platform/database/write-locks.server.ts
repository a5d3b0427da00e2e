import { createHash } from 'node:crypto'
import { providerOfClient, type Db } from './client.server'

// Writes that may put an appointment or a workshop session on an advisor's time, bookings
// that count a contact's upcoming appointments, and writes of a session's seats wait for
// each other here, before their first write
// (docs/decisions/005-no-overlap-in-the-database.md). On PostgreSQL, two transactions
// inserting overlapping rows would otherwise wait on each other inside the exclusion index
// and deadlock, and two bookings of one phone would both count below the limit.

export type WriteScope = {
  /** Advisors whose appointments the transaction inserts, moves or changes. */
  advisorIds: readonly string[]
  /** Phone numbers and emails whose upcoming appointments it counts, in one organisation. */
  contacts?: { organisationId: string; values: readonly (string | null)[] }
  /** Workshop sessions whose seats it takes, frees or holds. */
  sessionIds?: readonly string[]
}

function lockNames({ advisorIds, contacts, sessionIds = [] }: WriteScope) {
  const contactNames = (contacts?.values ?? [])
    .filter((value): value is string => Boolean(value))
    .map((value) => `contact:${contacts!.organisationId}:${value.trim().toLowerCase()}`)
  return [
    ...advisorIds.map((id) => `advisor:${id}`),
    ...contactNames,
    ...sessionIds.map((id) => `session:${id}`),
  ]
}

/** A stable 64-bit key for pg_advisory_xact_lock, the same on every instance. */
const keyOf = (name: string) => createHash('sha256').update(name).digest().readBigInt64BE(0)

/**
 * Serialises this transaction with every other one of the same advisors or contacts until
 * it commits or rolls back. Call it once per transaction, before its first write: the keys
 * are taken in one global order (ascending numbers), so no two transactions ever wait on
 * each other in a circle. PostgreSQL: transaction-level advisory locks. SQLite: nothing to
 * do, each transaction holds the database's single write lock from its first statement
 * (sqlite-adapter.server.ts).
 */
export async function serialiseWrites(tx: Pick<Db, '$executeRaw'>, scope: WriteScope) {
  if (providerOfClient(tx) === 'sqlite') return
  const keys = [...new Set(lockNames(scope).map((name) => String(keyOf(name))))]
  if (keys.length === 0) return
  // One round trip; PostgreSQL evaluates a volatile output after ORDER BY, so in key order.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(key)
    FROM unnest(${keys}::bigint[]) AS key ORDER BY key`
}
