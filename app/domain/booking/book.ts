import { assignAdvisor, type Mode, type Slot } from '~/domain/scheduling'
import { SlotTakenError } from './errors'

export type ResidentContact = {
  firstName: string
  lastName: string
  /** Lowercase, accent-free "first last": how the same person is recognised. */
  searchKey: string
  phoneE164: string | null
  phoneType: 'MOBILE' | 'FIXED' | null
  email: string | null
  language: 'fr' | 'en'
  consent: boolean
}

export type HelperContact = {
  name: string
  phoneE164: string | null
  email: string | null
  /** The helper chose to receive the confirmation and reminders instead of the resident. */
  receivesMessages: boolean
}

export const BOOKING_CHANNELS = ['ONLINE', 'ADVISOR', 'RECEPTION', 'HELPER'] as const
export type BookingChannel = (typeof BOOKING_CHANNELS)[number]

export type BookingRequest = {
  organisationId: string
  topicId: string
  mode: Mode
  siteId: string | null
  start: Date
  resident: ResidentContact
  helper: HelperContact | null
  note: string | null
  createdVia: BookingChannel
  /**
   * Recognises this booking sent again (idempotencyKeyHash in manage-token.server.ts): a
   * hash of a nonce only the booking browser holds, never anything a form could name.
   */
  idempotencyKeyHash: string
  /** Most upcoming appointments one phone or email may hold. */
  maxUpcomingPerContact: number
  /** The advisor or agent booking on behalf, for the audit trail. */
  actorAdvisorId: string | null
}

export type NewAppointment = Omit<BookingRequest, 'start' | 'maxUpcomingPerContact'> & {
  advisorId: string
  startsAt: Date
  endsAt: Date
}

/** What a save reports: the new appointment, or the contact's limit reached meanwhile. */
export type SaveOutcome = { appointmentId: string } | { limitReached: true }

/** What booking needs from the outside world; the database layer implements it. */
export type BookingPorts = {
  findByIdempotencyKeyHash(hash: string): Promise<string | null>
  /** The engine's slots starting exactly at `start` (all places). */
  slotsStartingAt(start: Date): Promise<Slot[]>
  /** Active appointments of these advisors on the slot's local day, for the assignment policy. */
  appointmentsOfLocalDay(slot: Slot): Promise<{ advisorId: string }[]>
  /**
   * One transaction, after every other write of the advisor and every booking of the
   * contact: counts the contact's upcoming appointments and, if `admits` that count, writes
   * the resident (found or created), the appointment with the hash of its manage token, and
   * its audit event. Throws SlotTakenError.
   */
  save(appointment: NewAppointment, admits: (upcoming: number) => boolean): Promise<SaveOutcome>
}

export type BookingErrorCode =
  | 'SLOT_UNAVAILABLE'
  | 'TOO_MANY_UPCOMING'
  /** A walk-in cannot start in the past. */
  | 'IN_THE_PAST'
  /** A walk-in outside the advisor's opening hours needs the agent's explicit confirmation. */
  | 'OUTSIDE_HOURS_UNCONFIRMED'

export class BookingError extends Error {
  constructor(readonly code: BookingErrorCode) {
    super(`Booking refused: ${code}`)
    this.name = 'BookingError'
  }
}

/**
 * Books the slot starting at request.start, or says why not. The engine is asked first
 * (friendly refusal of anything outside the rules, past, or taken); the database's
 * no-overlap guarantee settles the races the engine cannot see.
 */
export async function book(request: BookingRequest, now: Date, ports: BookingPorts) {
  return placeBooking(request, now, ports, async () => {
    const slot = (await ports.slotsStartingAt(request.start)).find(
      (candidate) =>
        candidate.siteId === request.siteId &&
        candidate.start.getTime() === request.start.getTime(),
    )
    if (!slot) throw new BookingError('SLOT_UNAVAILABLE')
    const advisors = await advisorsInPolicyOrder(slot, ports)
    return advisors.map((advisorId) => ({ advisorId, endsAt: slot.end }))
  })
}

export type WalkInRequest = BookingRequest & {
  /** The advisor the agent chose: a walk-in is not assigned by the policy. */
  advisorId: string
  durationMinutes: number
  /** The agent confirmed a time outside the advisor's opening hours (decision 063). */
  confirmedOutsideHours: boolean
}

/**
 * A walk-in (or a call) at a time and with an advisor the agent chooses, possibly outside
 * the opening hours once confirmed; never in the past. The same replay, limit and save as
 * a booking; the database refuses an overlap (SlotTakenError).
 */
export async function bookWalkIn(request: WalkInRequest, now: Date, ports: BookingPorts) {
  const { advisorId, durationMinutes, confirmedOutsideHours, ...booking } = request
  return placeBooking(booking, now, ports, async () => {
    if (request.start.getTime() <= now.getTime()) throw new BookingError('IN_THE_PAST')
    const withinHours = (await ports.slotsStartingAt(request.start)).some(
      (slot) =>
        slot.siteId === request.siteId &&
        slot.start.getTime() === request.start.getTime() &&
        slot.advisorIds.includes(advisorId),
    )
    if (!withinHours && !confirmedOutsideHours) throw new BookingError('OUTSIDE_HOURS_UNCONFIRMED')
    return [{ advisorId, endsAt: new Date(request.start.getTime() + durationMinutes * 60_000) }]
  })
}

type Candidate = { advisorId: string; endsAt: Date }

/**
 * What every booking shares: a form sent again finds its first booking; then the candidates
 * in order until the database accepts one. The per-contact limit is counted by the save,
 * inside its transaction, where concurrent bookings of one phone cannot both slip under it.
 */
async function placeBooking(
  request: BookingRequest,
  now: Date,
  ports: BookingPorts,
  candidates: () => Promise<Candidate[]>,
) {
  const replayOf = () => ports.findByIdempotencyKeyHash(request.idempotencyKeyHash)
  const existing = await replayOf()
  if (existing) return { appointmentId: existing, created: false }

  const choices = await candidates()
  const { start, maxUpcomingPerContact, ...record } = request
  const admits = (upcoming: number) => upcoming < maxUpcomingPerContact
  for (const { advisorId, endsAt } of choices) {
    let outcome: SaveOutcome
    try {
      outcome = await ports.save({ ...record, advisorId, startsAt: start, endsAt }, admits)
    } catch (error) {
      // The same form submitted twice at once: the other submission won, and it is this one.
      const replay = await replayOf()
      if (replay) return { appointmentId: replay, created: false }
      // Someone else took this advisor meanwhile: the next candidate, if any.
      if (!(error instanceof SlotTakenError)) throw error
      continue
    }
    if ('appointmentId' in outcome) return { appointmentId: outcome.appointmentId, created: true }
    // The twin submission that won counts as upcoming: it is this booking, not one too many.
    const replay = await replayOf()
    if (replay) return { appointmentId: replay, created: false }
    throw new BookingError('TOO_MANY_UPCOMING')
  }
  throw new SlotTakenError()
}

/** The slot's advisors, best first according to the assignment policy (decision 011). */
async function advisorsInPolicyOrder(slot: Slot, ports: BookingPorts): Promise<string[]> {
  const dayAppointments = await ports.appointmentsOfLocalDay(slot)
  const ordered: string[] = []
  let remaining = [...slot.advisorIds]
  while (remaining.length > 0) {
    const next = assignAdvisor({ advisorIds: remaining }, dayAppointments)
    ordered.push(next)
    remaining = remaining.filter((id) => id !== next)
  }
  return ordered
}
