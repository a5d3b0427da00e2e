import { bookingPorts } from '~/features/journey/index.server'
import { db } from '~/platform/database/client.server'
import {
  book,
  bookWalkIn as bookWalkInInDomain,
  BookingError,
  type BookingRequest,
  type ResidentContact,
} from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { idempotencyKeyHash } from '~/domain/booking/manage-token.server'
import type { SignedIn } from '~/features/access/index.server'
import { config } from '~/platform/config/config.server'

type DeskInput = {
  signedIn: SignedIn
  topicId: string
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
  start: Date
  resident: ResidentContact
  note: string | null
  /** The booking form's nonce (newBookingNonce): the same form sent again books once. */
  nonce: string
  maxUpcomingPerContact: number
}

/**
 * A booking made from the workspace: who booked, for whom. A form sent again is recognised
 * only from the same sign-in session, so a nonce seen elsewhere finds nothing.
 */
function deskBooking(input: DeskInput): BookingRequest {
  const { signedIn } = input
  return {
    organisationId: signedIn.organisation.id,
    topicId: input.topicId,
    mode: input.mode,
    siteId: input.siteId,
    start: input.start,
    resident: input.resident,
    helper: null,
    note: input.note,
    createdVia: signedIn.advisor.role === 'RECEPTION' ? 'RECEPTION' : 'ADVISOR',
    idempotencyKeyHash: idempotencyKeyHash(input.nonce, 'desk', signedIn.sessionId),
    maxUpcomingPerContact: input.maxUpcomingPerContact,
    actorAdvisorId: signedIn.advisor.id,
  }
}

export type OnBehalfOutcome =
  { ok: true; appointmentId: string } | { ok: false; reason: 'taken' | 'tooMany' }

/**
 * Books through the same domain as the public journey (engine check, assignment policy,
 * database no-overlap, outbox), recording who booked and from where.
 */
export async function bookOnBehalf(
  input: DeskInput & {
    now: Date
    /** Only this advisor (a slot chosen in their column). */ advisorId: string | null
  },
): Promise<OnBehalfOutcome> {
  const { signedIn, now } = input
  const request = {
    organisationId: signedIn.organisation.id,
    topicId: input.topicId,
    mode: input.mode,
    siteId: input.siteId,
    advisorId: input.advisorId,
  }
  try {
    const { appointmentId } = await book(
      deskBooking(input),
      now,
      await bookingPorts(db(), request, now, config().sessionSecret),
    )
    return { ok: true, appointmentId }
  } catch (error) {
    if (error instanceof SlotTakenError) return { ok: false, reason: 'taken' }
    if (error instanceof BookingError) {
      return { ok: false, reason: error.code === 'TOO_MANY_UPCOMING' ? 'tooMany' : 'taken' }
    }
    throw error
  }
}

export type WalkInOutcome =
  | { ok: true; appointmentId: string }
  | { ok: false; reason: 'past' | 'needsConfirmation' | 'overlap' | 'tooMany' }

const WALK_IN_REFUSALS: Record<string, Exclude<WalkInOutcome, { ok: true }>['reason']> = {
  IN_THE_PAST: 'past',
  OUTSIDE_HOURS_UNCONFIRMED: 'needsConfirmation',
  TOO_MANY_UPCOMING: 'tooMany',
}

/**
 * A walk-in (or a call) at a time the advisor chooses, possibly outside the opening rules
 * once the agent has confirmed it (decision 063), through the domain's bookWalkIn: never
 * in the past, never over another appointment, the same transaction as an online booking
 * (resident, appointment, audit, confirmation and reminders).
 */
export async function bookWalkIn(
  input: DeskInput & {
    now: Date
    advisorId: string
    durationMinutes: number
    confirmedOutsideHours: boolean
  },
): Promise<WalkInOutcome> {
  const { signedIn, now } = input
  const request = {
    organisationId: signedIn.organisation.id,
    topicId: input.topicId,
    mode: input.mode,
    siteId: input.siteId,
  }
  try {
    const { appointmentId } = await bookWalkInInDomain(
      {
        ...deskBooking(input),
        advisorId: input.advisorId,
        durationMinutes: input.durationMinutes,
        confirmedOutsideHours: input.confirmedOutsideHours,
      },
      now,
      await bookingPorts(db(), request, now, config().sessionSecret),
    )
    return { ok: true, appointmentId }
  } catch (error) {
    if (error instanceof SlotTakenError) return { ok: false, reason: 'overlap' }
    const reason = error instanceof BookingError ? WALK_IN_REFUSALS[error.code] : undefined
    if (reason) return { ok: false, reason }
    throw error
  }
}
