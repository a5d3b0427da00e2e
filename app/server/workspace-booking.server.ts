import { randomUUID } from 'node:crypto'
import { bookingPorts } from '~/db/booking.server'
import { db } from '~/db/client.server'
import { book, BookingError, type ResidentContact } from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import type { SignedIn } from './auth.server'
import { sessionSecret } from './secrets.server'

export const newBookingKey = () => randomUUID()
export const BOOKING_KEY = /^[0-9a-f-]{36}$/

export type OnBehalfOutcome =
  { ok: true; appointmentId: string } | { ok: false; reason: 'taken' | 'tooMany' }

/**
 * Books through the same domain as the public journey (engine check, assignment policy,
 * database no-overlap, outbox), recording who booked and from where.
 */
export async function bookOnBehalf(input: {
  signedIn: SignedIn
  topicId: string
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
  start: Date
  resident: ResidentContact
  note: string | null
  idempotencyKey: string
  maxUpcomingPerContact: number
  now: Date
}): Promise<OnBehalfOutcome> {
  const { signedIn, now } = input
  const request = {
    organisationId: signedIn.organisation.id,
    topicId: input.topicId,
    mode: input.mode,
    siteId: input.siteId,
  }
  const { hash } = manageTokenFor(input.idempotencyKey, sessionSecret())
  try {
    const { appointmentId } = await book(
      {
        ...request,
        start: input.start,
        resident: input.resident,
        helper: null,
        note: input.note,
        createdVia: signedIn.advisor.role === 'RECEPTION' ? 'RECEPTION' : 'ADVISOR',
        idempotencyKey: input.idempotencyKey,
        manageTokenHash: hash,
        maxUpcomingPerContact: input.maxUpcomingPerContact,
        actorAdvisorId: signedIn.advisor.id,
      },
      now,
      await bookingPorts(db(), request, now),
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
