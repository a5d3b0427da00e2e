// What the workspace may record of a participant, and when (as for appointments, decision 067).

export type ParticipantStatus = 'REGISTERED' | 'ATTENDED' | 'ABSENT' | 'EXCUSED' | 'CANCELLED'
export type AttendanceMark = 'ATTENDED' | 'ABSENT' | 'EXCUSED'

export const ATTENDANCE_MARKS: readonly AttendanceMark[] = ['ATTENDED', 'ABSENT', 'EXCUSED']

/** Statuses that hold a seat: every one but cancelled. */
export const SEAT_HOLDING: readonly ParticipantStatus[] = [
  'REGISTERED',
  'ATTENDED',
  'ABSENT',
  'EXCUSED',
]

export type AttendanceRefusal = 'NOT_STARTED' | 'CANCELLED'

/** Présent, absent, excusé are known only once the session has begun. */
export function attendanceRefusal(
  participant: { status: ParticipantStatus },
  session: { startsAt: Date },
  now: Date,
): AttendanceRefusal | null {
  if (participant.status === 'CANCELLED') return 'CANCELLED'
  if (now.getTime() < session.startsAt.getTime()) return 'NOT_STARTED'
  return null
}

export type GiveBackRefusal = 'STARTED' | 'ALREADY_CANCELLED'

/** A seat is given back (by the resident or the service) only before the session starts. */
export function giveBackRefusal(
  participant: { status: ParticipantStatus },
  session: { startsAt: Date },
  now: Date,
): GiveBackRefusal | null {
  if (participant.status === 'CANCELLED') return 'ALREADY_CANCELLED'
  if (now.getTime() >= session.startsAt.getTime()) return 'STARTED'
  return null
}
