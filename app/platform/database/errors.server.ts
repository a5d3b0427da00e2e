import { SlotTakenError } from '~/domain/booking/errors'

// SQLite raises APPOINTMENT_OVERLAP from its trigger; PostgreSQL raises exclusion_violation
// (23P01) on Appointment_no_overlap. Prisma wraps both differently per adapter, so the
// whole error chain is searched.
const OVERLAP_MARKERS = ['APPOINTMENT_OVERLAP', 'Appointment_no_overlap', '23P01']

export function isOverlapError(error: unknown): boolean {
  return errorTexts(error).some((text) => OVERLAP_MARKERS.some((marker) => text.includes(marker)))
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

// Two transactions inserting overlapping rows wait on each other in PostgreSQL's exclusion
// index; under load it may abort one as a deadlock (40P01) or a serialization failure
// (40001). That transaction was rolled back whole, so it runs again: the retry then meets
// the other row as a plain collision, or succeeds if the other one gave up.
const RETRYABLE_MARKERS = ['40P01', '40001', 'deadlock detected']
const ATTEMPTS = 3

function isRetryable(error: unknown): boolean {
  return errorTexts(error).some((text) => RETRYABLE_MARKERS.some((marker) => text.includes(marker)))
}

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
