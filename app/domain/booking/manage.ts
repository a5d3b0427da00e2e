// What a resident may still do with their appointment through the manage link.

export type ManagedAppointment = {
  status: string
  startsAt: Date
  endsAt: Date
  cancellationDeadlineMinutes: number
}

export type ManageState = 'UPCOMING' | 'PAST' | 'CANCELLED' | 'DONE'

export function manageState(
  appointment: Pick<ManagedAppointment, 'status' | 'endsAt'>,
  now: Date,
): ManageState {
  if (appointment.status === 'EXCUSED' || appointment.status === 'CANCELLED') return 'CANCELLED'
  if (appointment.status !== 'BOOKED') return 'DONE'
  return appointment.endsAt.getTime() <= now.getTime() ? 'PAST' : 'UPCOMING'
}

/** Cancelling or moving online closes at the topic's deadline; after it, residents call. */
export function canChangeOnline(appointment: ManagedAppointment, now: Date): boolean {
  if (manageState(appointment, now) !== 'UPCOMING') return false
  const deadline = appointment.startsAt.getTime() - appointment.cancellationDeadlineMinutes * 60_000
  return now.getTime() < deadline
}

/**
 * What the manage page tells in each state: only what is still true. Getting there, what
 * to have ready and how to change it are for an appointment to come; once it is
 * cancelled or over, the page offers to book again instead.
 */
export function managePageParts(state: ManageState) {
  const upcoming = state === 'UPCOMING'
  return { preparation: upcoming, changes: upcoming, bookAgain: !upcoming }
}
