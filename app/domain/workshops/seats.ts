// Seats of a workshop session as the public and the workspace see them (decision 080).

export type SessionSeats = {
  seatCount: number
  /** Seats held by a registration (any status but cancelled). */
  taken: number
  /** Free seats held for someone on the waiting list while their offer stands. */
  held: number
}

export type SeatAvailability =
  | { kind: 'OPEN'; left: number }
  /** No seat left: joining the waiting list is offered. */
  | { kind: 'FULL' }
  /** Started, ended or cancelled: nobody registers any more. */
  | { kind: 'CLOSED' }

export function seatsLeft(seats: SessionSeats): number {
  return Math.max(0, seats.seatCount - seats.taken - seats.held)
}

export function seatAvailability(
  session: SessionSeats & { startsAt: Date; status: 'SCHEDULED' | 'CANCELLED' },
  now: Date,
): SeatAvailability {
  if (session.status !== 'SCHEDULED' || session.startsAt.getTime() <= now.getTime()) {
    return { kind: 'CLOSED' }
  }
  const left = seatsLeft(session)
  return left > 0 ? { kind: 'OPEN', left } : { kind: 'FULL' }
}

/** A person registers for themself and may bring one named companion on a second seat. */
export const MAX_SEATS_PER_REGISTRATION = 2

export const MAX_SEATS_PER_SESSION = 200

/**
 * Which seat numbers a change of the seat count adds or removes. Fewer seats remove only
 * the highest free ones; when too few are free, the change is refused (null) and the
 * workspace says how many people hold a seat.
 */
export function seatChange(
  current: { number: number; free: boolean }[],
  wanted: number,
): { add: number[]; remove: number[] } | null {
  const numbers = current.map((seat) => seat.number).sort((a, b) => a - b)
  if (wanted >= numbers.length) {
    const highest = numbers.at(-1) ?? 0
    return {
      add: Array.from({ length: wanted - numbers.length }, (_, index) => highest + index + 1),
      remove: [],
    }
  }
  const free = current
    .filter((seat) => seat.free)
    .map((seat) => seat.number)
    .sort((a, b) => b - a)
  const toRemove = numbers.length - wanted
  if (free.length < toRemove) return null
  return { add: [], remove: free.slice(0, toRemove) }
}
