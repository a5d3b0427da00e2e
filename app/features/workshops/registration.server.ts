import type { BookingChannel, HelperContact, ResidentContact } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  attendanceRefusal,
  giveBackRefusal,
  type AttendanceMark,
  type AttendanceRefusal,
  type GiveBackRefusal,
} from '~/domain/workshops/participants'
import {
  notifyRegistered,
  notifyRegistrationCancelled,
} from '~/features/notifications/index.server'
import { findOrCreateResident } from '~/features/residents/index.server'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { offerFreedSeats } from './waitlist.server'
import { recordAudit } from '~/platform/audit.server'
import { FREE_SEAT, auditActor, createRegistration, inTransaction, type Tx } from './rows.server'

// Registering for a workshop session, giving a seat back, recording attendance
// (decision 080). A registration takes a free seat row under the session's write lock;
// the seat's uniqueness is what the database guarantees, whatever the code does.

export type RegistrationRequest = {
  organisationId: string
  sessionId: string
  resident: ResidentContact
  helper: HelperContact | null
  /** A named companion brought along takes a second seat. */
  companionName: string | null
  createdVia: BookingChannel
  /** Recognises the same form sent again (manage-token.server.ts); null at the desk. */
  idempotencyKeyHash: string | null
  /** The advisor or agent registering someone, for the audit trail. */
  actorAdvisorId: string | null
}

export type RegistrationRefusal = 'NOT_FOUND' | 'CLOSED' | 'FULL' | 'ALREADY_REGISTERED'

export type RegistrationOutcome =
  | { ok: true; registrationId: string; token: string; created: boolean }
  | { ok: false; reason: RegistrationRefusal }

/** The sessions one registration covers: the session, or every one to come of a series joined whole. */
async function sessionsCovered(tx: Tx, organisationId: string, sessionId: string, now: Date) {
  const session = await tx.workshopSession.findFirst({
    where: { id: sessionId, organisationId },
    select: {
      id: true,
      status: true,
      startsAt: true,
      series: { select: { id: true, enrolment: true } },
    },
  })
  if (!session) return null
  if (session.series?.enrolment !== 'WHOLE') return [session]
  return tx.workshopSession.findMany({
    where: { seriesId: session.series.id, status: 'SCHEDULED', startsAt: { gt: now } },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      status: true,
      startsAt: true,
      series: { select: { id: true, enrolment: true } },
    },
  })
}

/**
 * Registers the resident (and their companion) for the session, or for the whole series
 * when it is joined whole: all its sessions to come, or none.
 */
export async function registerForSession(
  db: Db,
  request: RegistrationRequest,
  now: Date,
  secret: string,
): Promise<RegistrationOutcome> {
  const covered = await sessionsCovered(db, request.organisationId, request.sessionId, now)
  if (!covered || covered.length === 0) return { ok: false, reason: 'NOT_FOUND' }
  const sessionIds = covered.map((session) => session.id)
  return inTransaction(db, async (tx) => {
    await serialiseWrites(tx, { advisorIds: [], sessionIds })
    if (request.idempotencyKeyHash) {
      const replay = await tx.workshopRegistration.findUnique({
        where: { idempotencyKeyHash: request.idempotencyKeyHash },
        select: { id: true },
      })
      if (replay) return { ok: true, ...tokenOf(replay.id, secret), created: false }
    }
    const sessions = await tx.workshopSession.findMany({
      where: { id: { in: sessionIds } },
      select: { id: true, status: true, startsAt: true },
    })
    if (sessions.some((session) => session.status !== 'SCHEDULED' || session.startsAt <= now))
      return { ok: false, reason: 'CLOSED' }

    // The seats first: a full session refuses before anything is written, so the many who
    // lose a rush leave no resident behind and hold the session's lock briefly.
    const needed = request.companionName ? 2 : 1
    const seatsBySession = new Map<string, string[]>()
    for (const sessionId of sessionIds) {
      const free = await tx.workshopSeat.findMany({
        where: { sessionId, ...FREE_SEAT },
        orderBy: { number: 'asc' },
        take: needed,
        select: { id: true },
      })
      if (free.length < needed) return { ok: false, reason: 'FULL' }
      seatsBySession.set(
        sessionId,
        free.map((seat) => seat.id),
      )
    }

    const residentId = await findOrCreateResident(tx, request)
    const already = await tx.workshopRegistration.count({
      where: {
        sessionId: { in: sessionIds },
        residentId,
        companionOfId: null,
        status: { not: 'CANCELLED' },
      },
    })
    if (already > 0) return { ok: false, reason: 'ALREADY_REGISTERED' }

    let first: string | null = null
    for (const sessionId of sessionIds) {
      const [seatId, companionSeatId] = seatsBySession.get(sessionId)!
      const registrationId = await createRegistration(tx, request, {
        sessionId,
        residentId,
        seatId: seatId!,
        idempotencyKeyHash: first ? null : request.idempotencyKeyHash,
        secret,
      })
      if (companionSeatId)
        await tx.workshopRegistration.create({
          data: {
            organisationId: request.organisationId,
            sessionId,
            residentId,
            seatId: companionSeatId,
            companionOfId: registrationId,
            companionName: request.companionName,
            createdVia: request.createdVia,
          },
        })
      await recordAudit(tx, {
        ...auditActor(request.organisationId, request.actorAdvisorId),
        action: 'SEAT_TAKEN',
        entityType: 'WorkshopRegistration',
        entityId: registrationId,
        summary: `registered via ${request.createdVia}${companionSeatId ? ' with a companion' : ''}`,
      })
      await notifyRegistered(tx, registrationId, now, { confirm: first === null })
      first ??= registrationId
    }
    return { ok: true, ...tokenOf(first!, secret), created: true }
  })
}

const tokenOf = (registrationId: string, secret: string) => ({
  registrationId,
  token: manageTokenFor(registrationId, secret).token,
})

export type GiveBackOutcome = { ok: true } | { ok: false; reason: GiveBackRefusal | 'NOT_FOUND' }

/**
 * Gives the seat back (the resident from their link, or the service), with the seat of the
 * companion they brought; the freed seats go to the waiting list in the same transaction.
 */
export async function giveBackSeat(
  db: Db,
  input: {
    organisationId: string
    registrationId: string
    by: 'RESIDENT' | 'SERVICE'
    actorAdvisorId: string | null
    reason: string | null
  },
  now: Date,
): Promise<GiveBackOutcome> {
  const found = await db.workshopRegistration.findFirst({
    where: { id: input.registrationId, organisationId: input.organisationId },
    select: { sessionId: true },
  })
  if (!found) return { ok: false, reason: 'NOT_FOUND' }
  return inTransaction(db, async (tx) => {
    await serialiseWrites(tx, { advisorIds: [], sessionIds: [found.sessionId] })
    const registration = await tx.workshopRegistration.findUniqueOrThrow({
      where: { id: input.registrationId },
      select: { status: true, session: { select: { startsAt: true } } },
    })
    const refusal = giveBackRefusal(registration, registration.session, now)
    if (refusal) return { ok: false, reason: refusal }
    await tx.workshopRegistration.updateMany({
      where: {
        OR: [{ id: input.registrationId }, { companionOfId: input.registrationId }],
        status: { not: 'CANCELLED' },
      },
      data: {
        status: 'CANCELLED',
        seatId: null,
        cancellationReason: input.reason,
        version: { increment: 1 },
      },
    })
    await notifyRegistrationCancelled(tx, input.registrationId, input.by, now)
    await recordAudit(tx, {
      ...auditActor(input.organisationId, input.actorAdvisorId),
      action: 'SEAT_GIVEN_BACK',
      entityType: 'WorkshopRegistration',
      entityId: input.registrationId,
      summary: `seat given back by ${input.by.toLowerCase()}`,
    })
    await offerFreedSeats(tx, found.sessionId, now)
    return { ok: true }
  })
}

export type AttendanceOutcome =
  { ok: true } | { ok: false; reason: AttendanceRefusal | 'NOT_FOUND' }

/** Présent, absent or excusé, once the session has begun. */
export async function markAttendance(
  db: Db,
  input: {
    organisationId: string
    registrationId: string
    mark: AttendanceMark
    actorAdvisorId: string
  },
  now: Date,
): Promise<AttendanceOutcome> {
  const registration = await db.workshopRegistration.findFirst({
    where: { id: input.registrationId, organisationId: input.organisationId },
    select: { status: true, session: { select: { startsAt: true } } },
  })
  if (!registration) return { ok: false, reason: 'NOT_FOUND' }
  const refusal = attendanceRefusal(registration, registration.session, now)
  if (refusal) return { ok: false, reason: refusal }
  return inTransaction(db, async (tx) => {
    // Only a seat still held is marked: a cancellation meanwhile wins.
    const { count } = await tx.workshopRegistration.updateMany({
      where: { id: input.registrationId, status: { not: 'CANCELLED' } },
      data: { status: input.mark, version: { increment: 1 } },
    })
    if (count === 0) return { ok: false, reason: 'CANCELLED' }
    await recordAudit(tx, {
      ...auditActor(input.organisationId, input.actorAdvisorId),
      action: 'ATTENDANCE_MARKED',
      entityType: 'WorkshopRegistration',
      entityId: input.registrationId,
      summary: `marked ${input.mark.toLowerCase()}`,
    })
    return { ok: true }
  })
}
