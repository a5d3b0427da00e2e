import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils'

// better-sqlite3 gives a process one connection, which Prisma shares between its
// transactions and its lone statements. Prisma runs each lone write in a transaction of its
// own, so writes queue behind the adapter's lock; lone reads do not: one sent while a
// transaction waits between two of its statements runs inside it and sees its uncommitted
// rows (a resident or an appointment that a lost race then rolls back). And the adapter
// begins transactions DEFERRED: one that reads before it writes meets SQLITE_BUSY at its
// first write when another process (a worker run apart) wrote since.
// So each transaction begins IMMEDIATE, holding SQLite's write lock from its first
// statement; lone reads go to a second connection, where WAL shows them what is committed
// without waiting for any writer; any other lone statement waits for the open transaction
// (docs/decisions/005-no-overlap-in-the-database.md).

/** A queue of turns: one holder at a time, in the order they asked. */
class Turns {
  #last: Promise<void> = Promise.resolve()

  /** Resolves with the function that ends this turn (calling it again does nothing). */
  take(): Promise<() => void> {
    let end!: () => void
    const ended = new Promise<void>((resolve) => (end = resolve))
    const turn = this.#last.then(() => end)
    this.#last = this.#last.then(() => ended)
    return turn
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    const end = await this.take()
    try {
      return await work()
    } finally {
      end()
    }
  }
}

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b/i

/** The transaction Prisma drives with BEGIN already sent; it ends its turn with COMMIT or ROLLBACK. */
function transactionOf(adapter: SqlDriverAdapter, end: () => void): Transaction {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    // Prisma sends COMMIT and ROLLBACK as statements, then calls commit() or rollback().
    options: { usePhantomQuery: false },
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) =>
      ENDS_TRANSACTION.test(query.sql) ? endWith(adapter, query, end) : adapter.executeRaw(query),
    commit: async () => end(),
    rollback: async () => end(),
  }
}

async function endWith(adapter: SqlDriverAdapter, query: SqlQuery, end: () => void) {
  try {
    return await adapter.executeRaw(query)
  } catch (error) {
    // A failed COMMIT leaves the transaction open on the shared connection: close it.
    await adapter.executeScript('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    end()
  }
}

const READS = /^\s*SELECT\b/i

function withWholeTransactions(
  adapter: SqlDriverAdapter,
  reader: SqlDriverAdapter,
): SqlDriverAdapter {
  const turns = new Turns()
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) =>
      READS.test(query.sql) ? reader.queryRaw(query) : turns.during(() => adapter.queryRaw(query)),
    executeRaw: (query) => turns.during(() => adapter.executeRaw(query)),
    executeScript: (script) => turns.during(() => adapter.executeScript(script)),
    // SQLite transactions are serializable whatever level is asked.
    startTransaction: async () => {
      const end = await turns.take()
      try {
        await adapter.executeScript('BEGIN IMMEDIATE')
      } catch (error) {
        end()
        throw error
      }
      return transactionOf(adapter, end)
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: async () => {
      await reader.dispose()
      await adapter.dispose()
    },
  }
}

/**
 * Two connections of the better-sqlite3 adapter (see above): `writer` for transactions
 * and writes, `reader` for lone reads.
 */
export function wholeTransactions(
  writer: SqlDriverAdapterFactory,
  reader: SqlDriverAdapterFactory,
): SqlDriverAdapterFactory {
  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    connect: async () => withWholeTransactions(await writer.connect(), await reader.connect()),
  }
}
