import { isEarlier } from '~/domain/alerts/earlier-slot'
import { book, BookingError } from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { canChangeOnline } from '~/domain/booking/manage'
import { idempotencyKeyHash, manageTokenFor } from '~/domain/booking/manage-token.server'
import { bookingPorts } from '~/features/journey/index.server'
import { moveToSlot } from '~/features/manage/index.server'
import { cancelPendingAlerts } from '~/features/notifications/index.server'
import { residentContactOf, residentSelect } from '~/features/residents/index.server'
import { recordAudit } from '~/platform/audit.server'
import { forget } from '~/platform/cache/micro-cache.server'
import { config } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import { isPlaceGone, REQUEST_PLACE } from './place.server'

// Taking the earlier time an alert offers (its link, or OUI in reply to its SMS): the booked
// appointment moves there through the versioned move (decision 064), so it keeps its id,
// its link and its history, and the later time is freed in the same transaction; without
// an appointment, the time is booked as the journey books it.

export type AcceptOutcome =
  /** `moved`: the appointment moved there; otherwise a new one was booked. */
  | { ok: true; appointmentId: string; moved: boolean }
  /**
   * TAKEN: the time is no longer free. GONE: nothing to take (stopped, over, past the
   * deadline, the place no longer offered, or the contact's limit of upcoming bookings).
   */
  | { ok: false; reason: 'TAKEN' | 'GONE' }

const GONE = { ok: false, reason: 'GONE' } as const
const TAKEN = { ok: false, reason: 'TAKEN' } as const

/** Takes the time the request's latest alert offered, if it is still free (an SMS reply). */
export async function acceptEarlierSlot(
  db: Db,
  requestId: string,
  now: Date,
): Promise<AcceptOutcome> {
  const request = await db.earlierSlotRequest.findUnique({
    where: { id: requestId },
    select: { offeredStartsAt: true },
  })
  if (!request?.offeredStartsAt) return GONE
  return takeEarlierSlot(db, requestId, request.offeredStartsAt, now)
}

function requestForTaking(db: Db, requestId: string) {
  return db.earlierSlotRequest.findUnique({
    where: { id: requestId },
    select: {
      ...REQUEST_PLACE,
      status: true,
      offeredStartsAt: true,
      createdVia: true,
      createdAt: true,
      resident: { select: residentSelect },
      appointment: {
        select: {
          ...REQUEST_PLACE,
          advisorId: true,
          status: true,
          startsAt: true,
          endsAt: true,
          version: true,
          createdAt: true,
          topic: { select: { cancellationDeadlineMinutes: true } },
        },
      },
      organisation: { select: { maxUpcomingPerContact: true } },
    },
  })
}
type TakenRequest = NonNullable<Awaited<ReturnType<typeof requestForTaking>>>

/**
 * Takes `start` for the request: the offered time, or one of the earlier times a stale
 * alert lists instead. The same time taken twice (a double click, the link after the SMS)
 * answers the same.
 */
export async function takeEarlierSlot(
  db: Db,
  requestId: string,
  start: Date,
  now: Date,
): Promise<AcceptOutcome> {
  try {
    return await take(db, requestId, start, now)
  } catch (error) {
    // The topic deactivated or the site closed since the alert: nothing to take there.
    if (isPlaceGone(error)) return GONE
    throw error
  }
}

async function take(db: Db, requestId: string, start: Date, now: Date): Promise<AcceptOutcome> {
  // A second try when the appointment changed between the read and the move (a note, a
  // twin of this answer that won): the fresh read tells which.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const request = await requestForTaking(db, requestId)
    if (!request || request.status === 'CANCELLED') return GONE
    if (request.status === 'DONE' && !request.offeredStartsAt) return alreadyTaken(request, start)
    if (start.getTime() <= now.getTime()) return TAKEN
    if (!request.appointment) return bookInstead(db, request, start, now)
    const appointment = request.appointment
    const changeable = canChangeOnline(
      {
        ...appointment,
        cancellationDeadlineMinutes: appointment.topic.cancellationDeadlineMinutes,
      },
      now,
    )
    if (!changeable || !isEarlier(start, appointment)) return GONE
    const outcome = await moveToSlot(db, {
      appointment,
      start,
      advisorId: null,
      expectedVersion: appointment.version,
      actor: { kind: 'RESIDENT', advisorId: null },
      now,
      alongside: (tx) => closeRequest(tx, request, appointment.id),
    })
    if (outcome === 'MOVED') {
      forget(request.organisationId)
      return { ok: true, appointmentId: appointment.id, moved: true }
    }
    if (outcome !== 'STALE') return TAKEN
  }
  return TAKEN
}

function alreadyTaken(request: TakenRequest, start: Date): AcceptOutcome {
  const appointment = request.appointment
  if (appointment?.status !== 'BOOKED' || appointment.startsAt.getTime() !== start.getTime())
    return GONE
  return {
    ok: true,
    appointmentId: appointment.id,
    moved: appointment.createdAt < request.createdAt,
  }
}

/** No appointment to move: the time is booked for the resident, as the journey books. */
async function bookInstead(
  db: Db,
  request: TakenRequest,
  start: Date,
  now: Date,
): Promise<AcceptOutcome> {
  const secret = config().sessionSecret
  const place = {
    organisationId: request.organisationId,
    topicId: request.topicId,
    mode: request.mode,
    siteId: request.siteId,
  }
  try {
    const { appointmentId } = await book(
      {
        ...place,
        start,
        resident: residentContactOf(request.resident),
        helper: null,
        note: null,
        createdVia: request.createdVia,
        // Bound to the request's secret token and the time: the same answer twice books once.
        idempotencyKeyHash: idempotencyKeyHash(
          manageTokenFor(request.id, secret).token,
          'earlier-slot',
          start.toISOString(),
        ),
        maxUpcomingPerContact: request.organisation.maxUpcomingPerContact,
        actorAdvisorId: null,
      },
      now,
      await bookingPorts(db, place, now, secret),
    )
    // After the booking's own transaction: a crash in between leaves the request open, and
    // taking the time again finds this booking (same key) and closes it.
    await db.$transaction((tx) => closeRequest(tx as unknown as Db, request, appointmentId))
    forget(request.organisationId)
    return { ok: true, appointmentId, moved: false }
  } catch (error) {
    if (error instanceof SlotTakenError) return TAKEN
    if (error instanceof BookingError) return error.code === 'SLOT_UNAVAILABLE' ? TAKEN : GONE
    throw error
  }
}

/** The request is answered: no more alerts, its unsent ones cancelled, the offer closed. */
async function closeRequest(tx: Db, request: TakenRequest, appointmentId: string) {
  await tx.earlierSlotRequest.updateMany({
    where: { id: request.id, status: { not: 'CANCELLED' } },
    data: { status: 'DONE', offeredStartsAt: null, appointmentId },
  })
  await cancelPendingAlerts(tx, request.id, 'earlier slot taken')
  await recordAudit(tx, {
    organisationId: request.organisationId,
    actorKind: 'RESIDENT',
    action: 'EARLIER_SLOT_TAKEN',
    entityType: 'Appointment',
    entityId: appointmentId,
    summary: request.appointment
      ? 'moved to an earlier slot from an alert'
      : 'booked from an alert',
  })
}
