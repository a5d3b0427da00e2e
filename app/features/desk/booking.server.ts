import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { bookingPorts } from '~/features/journey/index.server'
import { db } from '~/platform/database/client.server'
import { book, BookingError, type ResidentContact } from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import type { SignedIn } from '~/features/access/index.server'
import { config } from '~/platform/config/config.server'

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
  const { hash } = manageTokenFor(input.idempotencyKey, config().sessionSecret)
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

/**
 * The instant of a local date and wall-clock time at a place, or null when that time does
 * not exist there (the spring-forward hour, which Luxon would silently move).
 */
export function localInstant(date: string, time: string, zone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}[:h]\d{2}$/.test(time)) return null
  const [hour, minute] = time.split(/[:h]/).map(Number) as [number, number]
  const local = DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 })
  if (
    !local.isValid ||
    local.toISODate() !== date ||
    local.hour !== hour ||
    local.minute !== minute
  ) {
    return null
  }
  return local.toJSDate()
}

export type WalkInOutcome =
  | { ok: true; appointmentId: string }
  | { ok: false; reason: 'past' | 'needsConfirmation' | 'overlap' | 'tooMany' }

/**
 * A walk-in (or a call) at a time the advisor chooses, possibly outside the opening rules
 * once the agent has confirmed it (decision 063). Never in the past, and never over another
 * appointment: the database's no-overlap guarantee refuses it. Same transaction as an
 * online booking (resident, appointment, audit, confirmation and reminders).
 */
export async function bookWalkIn(input: {
  signedIn: SignedIn
  topicId: string
  durationMinutes: number
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
  advisorId: string
  start: Date
  confirmedOutsideHours: boolean
  resident: ResidentContact
  note: string | null
  idempotencyKey: string
  maxUpcomingPerContact: number
  now: Date
}): Promise<WalkInOutcome> {
  const { signedIn, now } = input
  const request = {
    organisationId: signedIn.organisation.id,
    topicId: input.topicId,
    mode: input.mode,
    siteId: input.siteId,
  }
  const ports = await bookingPorts(db(), request, now)
  const replay = await ports.findByIdempotencyKey(input.idempotencyKey)
  if (replay) return { ok: true, appointmentId: replay }
  if (input.start.getTime() <= now.getTime()) return { ok: false, reason: 'past' }
  const withinHours = (await ports.slotsStartingAt(input.start)).some(
    (slot) =>
      slot.siteId === input.siteId &&
      slot.start.getTime() === input.start.getTime() &&
      slot.advisorIds.includes(input.advisorId),
  )
  if (!withinHours && !input.confirmedOutsideHours) {
    return { ok: false, reason: 'needsConfirmation' }
  }
  if ((await ports.countUpcoming(input.resident, now)) >= input.maxUpcomingPerContact) {
    return { ok: false, reason: 'tooMany' }
  }
  const { hash } = manageTokenFor(input.idempotencyKey, config().sessionSecret)
  try {
    const appointmentId = await ports.save({
      ...request,
      advisorId: input.advisorId,
      startsAt: input.start,
      endsAt: new Date(input.start.getTime() + input.durationMinutes * 60_000),
      resident: input.resident,
      helper: null,
      note: input.note,
      createdVia: signedIn.advisor.role === 'RECEPTION' ? 'RECEPTION' : 'ADVISOR',
      idempotencyKey: input.idempotencyKey,
      manageTokenHash: hash,
      actorAdvisorId: signedIn.advisor.id,
    })
    return { ok: true, appointmentId }
  } catch (error) {
    const saved = await ports.findByIdempotencyKey(input.idempotencyKey)
    if (saved) return { ok: true, appointmentId: saved }
    if (error instanceof SlotTakenError) return { ok: false, reason: 'overlap' }
    throw error
  }
}
