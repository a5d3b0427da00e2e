import { SlotTakenError } from '~/domain/booking/errors'

// An advisor's time is taken twice: SQLite raises APPOINTMENT_OVERLAP or ADVISOR_BUSY (a
// workshop session) from its triggers; PostgreSQL raises exclusion_violation (23P01) from
// its constraints and triggers. Prisma wraps both differently per adapter, so the whole
// error chain is searched.
const OVERLAP_MARKERS = [
  'APPOINTMENT_OVERLAP',
  'Appointment_no_overlap',
  'ADVISOR_BUSY',
  'WorkshopSessionAdvisor_no_overlap',
  '23P01',
]

const isOverlapError = (error: unknown) => mentions(error, OVERLAP_MARKERS)

function mentions(error: unknown, markers: string[]): boolean {
  return errorTexts(error).some((text) => markers.some((marker) => text.includes(marker)))
}

function errorTexts(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 5) return []
  const texts: string[] = []
  for (const value of Object.values(error as Record<string, unknown>)) {
    if (typeof value === 'string') texts.push(value)
    else if (value && typeof value === 'object') texts.push(...errorTexts(value, depth + 1))
  }
  if (error instanceof Error) texts.push(error.message, ...errorTexts(error.cause, depth + 1))
  return texts
}

// Writes of one advisor are serialised before they insert (write-locks.server.ts), so
// PostgreSQL no longer finds two transactions waiting on each other in its exclusion index.
// A deadlock (40P01) or serialization failure (40001) can still abort a transaction whose
// writes reach past those locks (rows locked by an edit meanwhile): it was rolled back
// whole, so it runs again, at most three times in all.
const RETRYABLE_MARKERS = ['40P01', '40001', 'deadlock detected']
const ATTEMPTS = 3

const isRetryable = (error: unknown) => mentions(error, RETRYABLE_MARKERS)

/**
 * Runs a write transaction that may collide with another appointment, turning the collision
 * into SlotTakenError; a transaction the database aborted for contention is run again.
 */
export async function mapOverlap<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write()
    } catch (error) {
      if (isOverlapError(error)) throw new SlotTakenError()
      if (attempt < ATTEMPTS && isRetryable(error)) continue
      throw error
    }
  }
}

// The database could not serve in time: no connection free in the pool (pg-pool), no turn
// to start a transaction within maxWait (Prisma, P2028), or SQLite's write lock held by
// another process past the busy timeout (SQLITE_BUSY).
const BUSY_MARKERS = [
  'timeout exceeded when trying to connect',
  'Unable to start a transaction in the given time',
  'SQLITE_BUSY',
]

/** The request waited too long for the database: worth a 503 and a retry, not a 500. */
export const isDatabaseBusy = (error: unknown) => mentions(error, BUSY_MARKERS)

// A unique index refused a second row: Prisma's P2002, PostgreSQL's 23505, SQLite's own
// words, depending on the adapter.
const UNIQUE_MARKERS = ['P2002', '23505', 'UNIQUE constraint failed']

/** Another write got there first with the same unique key (a form sent twice). */
export const isUniqueViolation = (error: unknown) => mentions(error, UNIQUE_MARKERS)
