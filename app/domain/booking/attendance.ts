// What the workspace may record of an appointment, and when (decision 067).

export type StatusChange = 'HONOURED' | 'NO_SHOW' | 'EXCUSED' | 'CANCELLED'

export const STATUS_CHANGES: readonly StatusChange[] = [
  'HONOURED',
  'NO_SHOW',
  'EXCUSED',
  'CANCELLED',
]

/** Statuses from which the status may still change: a cancellation is final. */
export const CHANGEABLE_FROM: readonly string[] = ['BOOKED', 'HONOURED', 'NO_SHOW']

/** Cancelled by the service or excused: shown apart in every calendar, its time free again. */
export function isCancelled(status: string): boolean {
  return status === 'CANCELLED' || status === 'EXCUSED'
}

/** Whether a change cancels the appointment (and so asks for a reason and a confirmation). */
export function isCancellation(change: StatusChange): boolean {
  return isCancelled(change)
}

export type StatusRefusal = 'FINAL' | 'NOT_STARTED'

/**
 * Why this change may not be recorded now, or null. Whether someone came is known only
 * once the appointment has begun: "honoré" or "absent" before its start would tell the
 * resident it took place and stop the reminders still due. Cancelling is possible at any
 * time before or after.
 */
export function statusChangeRefusal(
  appointment: { status: string; startsAt: Date },
  change: StatusChange,
  now: Date,
): StatusRefusal | null {
  if (!CHANGEABLE_FROM.includes(appointment.status)) return 'FINAL'
  if (!isCancellation(change) && now.getTime() < appointment.startsAt.getTime()) {
    return 'NOT_STARTED'
  }
  return null
}

/** Whether attendance (honoured, no-show) can already be recorded. */
export function attendanceOpen(appointment: { startsAt: Date }, now: Date): boolean {
  return now.getTime() >= appointment.startsAt.getTime()
}
