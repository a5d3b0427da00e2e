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

/** Runs a write that may collide with another appointment, turning the collision into SlotTakenError. */
export async function mapOverlap<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isOverlapError(error)) throw new SlotTakenError()
    throw error
  }
}
