import { SlotTakenError } from '~/domain/booking/errors'
import { seatChange } from '~/domain/workshops/seats'
import type { SessionTime } from '~/domain/workshops/times'
import { notifySessionCancelled, notifySessionChanged } from '~/features/notifications/index.server'
import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { FREE_SEAT, inTransaction, type Tx } from './rows.server'
import type { SessionChange, SessionPlan } from './session-forms.server'
import { offerFreedSeats } from './waitlist.server'

// The workspace's writes on workshop sessions (decision 082): create one or a series,
// change one, cancel one or the rest of a series. Each is one transaction that first takes
// the write locks of the advisors (and sessions) it touches; the database refuses a session
// over an advisor's appointment or other session, and the whole transaction is then undone.

type Actor = { advisorId: string; organisationId: string }

/** Where the database refused a session: the advisor whose time is already taken, and when. */
export type Clash = { advisorId: string; startsAt: Date; endsAt: Date }

/**
 * Runs a transaction that writes advisors' holds, noting before each which one it writes:
 * when the database refuses one (SlotTakenError), the clash says which.
 */
async function holdingTime<T>(
  write: (attempt: (clash: Clash | null) => void) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; clash: Clash }> {
  let trying: Clash | null = null
  try {
    const value = await write((clash) => {
      trying = clash
    })
    return { ok: true, value }
  } catch (error) {
    const clash = trying as Clash | null
    if (error instanceof SlotTakenError && clash) return { ok: false, clash }
    throw error
  }
}

/**
 * An absence is not in the no-overlap guard (it is no booking), yet an advisor away cannot
 * lead a session: refused like a taken time, under the advisor's lock as absences are written.
 */
async function refuseIfAway(tx: Tx, advisorId: string, time: SessionTime) {
  const away = await tx.absence.count({
    where: { advisorId, startsAt: { lt: time.endsAt }, endsAt: { gt: time.startsAt } },
  })
  if (away > 0) throw new SlotTakenError()
}

/** The session's advisors' time, as the no-overlap guard compares it. */
async function holdTime(
  tx: Tx,
  sessionId: string,
  advisorIds: readonly string[],
  time: SessionTime,
  attempt: (clash: Clash | null) => void,
) {
  for (const advisorId of advisorIds) {
    attempt({ advisorId, startsAt: time.startsAt, endsAt: time.endsAt })
    await refuseIfAway(tx, advisorId, time)
    await tx.workshopSessionAdvisor.create({
      data: { sessionId, advisorId, startsAt: time.startsAt, endsAt: time.endsAt },
    })
  }
  attempt(null)
}

export type CreateOutcome =
  { ok: true; sessionIds: string[]; seriesId: string | null } | { ok: false; clash: Clash }

/**
 * Creates the sessions of the plan (several: a series), each with its seats and its
 * advisors' time, all or none.
 */
export async function createSessions(
  db: Db,
  actor: Actor,
  plan: SessionPlan,
): Promise<CreateOutcome> {
  const seats = seatChange([], plan.seatCount)!.add
  const outcome = await holdingTime((attempt) =>
    inTransaction(db, async (tx) => {
      await serialiseWrites(tx, { advisorIds: plan.advisorIds })
      const series = plan.enrolment
        ? await tx.workshopSeries.create({
            data: {
              organisationId: actor.organisationId,
              topicId: plan.topicId,
              enrolment: plan.enrolment,
            },
            select: { id: true },
          })
        : null
      const sessionIds: string[] = []
      for (const time of plan.times) {
        const session = await tx.workshopSession.create({
          data: {
            organisationId: actor.organisationId,
            topicId: plan.topicId,
            siteId: plan.siteId,
            seriesId: series?.id ?? null,
            startsAt: time.startsAt,
            endsAt: time.endsAt,
            seatCount: plan.seatCount,
            level: plan.level,
            whatToBring: plan.whatToBring,
            whatToBringEn: plan.whatToBringEn,
          },
          select: { id: true },
        })
        await tx.workshopSeat.createMany({
          data: seats.map((number) => ({ sessionId: session.id, number })),
        })
        await holdTime(tx, session.id, plan.advisorIds, time, attempt)
        await recordAudit(tx, {
          actor,
          action: 'WORKSHOP_SESSION_CREATED',
          entityType: 'WorkshopSession',
          entityId: session.id,
          summary: `${time.startsAt.toISOString()}..${time.endsAt.toISOString()}, ${plan.seatCount} seats${series ? `, series ${series.id}` : ''}`,
        })
        sessionIds.push(session.id)
      }
      return { sessionIds, seriesId: series?.id ?? null }
    }),
  )
  return outcome.ok ? { ok: true, ...outcome.value } : outcome
}

export type ChangeOutcome =
  | { kind: 'CHANGED' }
  /** Changed by someone else since the form was shown. */
  | { kind: 'STALE' }
  /** Cancelled, or already started: nothing of it changes any more. */
  | { kind: 'CLOSED' }
  /** Fewer seats than people holding one (or offered one). */
  | { kind: 'SEATS_TAKEN'; holders: number }
  | { kind: 'CLASH'; clash: Clash }

/**
 * Changes one session as the form says, if it is still the version the form showed. Fewer
 * seats remove free ones only; more seats are offered to the waiting list in the same
 * transaction; a new time or place is told to every participant.
 */
export async function changeSession(
  db: Db,
  actor: Actor,
  sessionId: string,
  change: SessionChange,
  now: Date,
): Promise<ChangeOutcome> {
  const before = await db.workshopSession.findFirst({
    where: { id: sessionId, organisationId: actor.organisationId },
    select: { advisors: { select: { advisorId: true } } },
  })
  if (!before) return { kind: 'STALE' }
  // The advisors who lose the session and those who get it: the same version read in the
  // transaction proves these were its advisors.
  const touched = [
    ...new Set([...before.advisors.map((row) => row.advisorId), ...change.advisorIds]),
  ]
  const outcome = await holdingTime((attempt) =>
    inTransaction(db, async (tx): Promise<ChangeOutcome> => {
      await serialiseWrites(tx, { advisorIds: touched, sessionIds: [sessionId] })
      const session = await tx.workshopSession.findFirst({
        where: { id: sessionId, organisationId: actor.organisationId },
        select: {
          status: true,
          version: true,
          siteId: true,
          startsAt: true,
          endsAt: true,
          advisors: { select: { advisorId: true } },
          seats: {
            select: {
              number: true,
              registration: { select: { id: true } },
              heldFor: { select: { id: true } },
            },
          },
        },
      })
      if (!session || session.version !== change.version) return { kind: 'STALE' }
      if (session.status !== 'SCHEDULED' || session.startsAt <= now) return { kind: 'CLOSED' }
      const seats = session.seats.map((seat) => ({
        number: seat.number,
        free: !seat.registration && !seat.heldFor,
      }))
      const seatPlan = seatChange(seats, change.seatCount)
      if (!seatPlan) {
        return { kind: 'SEATS_TAKEN', holders: seats.filter((seat) => !seat.free).length }
      }
      const retimed =
        session.startsAt.getTime() !== change.time.startsAt.getTime() ||
        session.endsAt.getTime() !== change.time.endsAt.getTime()
      const moved = session.siteId !== change.siteId || retimed
      await tx.workshopSession.update({
        where: { id: sessionId },
        data: {
          siteId: change.siteId,
          startsAt: change.time.startsAt,
          endsAt: change.time.endsAt,
          seatCount: change.seatCount,
          level: change.level,
          whatToBring: change.whatToBring,
          whatToBringEn: change.whatToBringEn,
          version: { increment: 1 },
        },
      })
      const current = session.advisors.map((row) => row.advisorId)
      await tx.workshopSessionAdvisor.deleteMany({
        where: { sessionId, advisorId: { notIn: change.advisorIds } },
      })
      for (const advisorId of change.advisorIds.filter((id) => current.includes(id))) {
        attempt({ advisorId, startsAt: change.time.startsAt, endsAt: change.time.endsAt })
        // An absence the admin chose to keep the session over stays accepted until it moves.
        if (retimed) await refuseIfAway(tx, advisorId, change.time)
        await tx.workshopSessionAdvisor.update({
          where: { sessionId_advisorId: { sessionId, advisorId } },
          data: { startsAt: change.time.startsAt, endsAt: change.time.endsAt, active: true },
        })
      }
      const added = change.advisorIds.filter((id) => !current.includes(id))
      await holdTime(tx, sessionId, added, change.time, attempt)
      if (seatPlan.remove.length > 0) {
        // Under the session's lock no registration takes a seat meanwhile.
        await tx.workshopSeat.deleteMany({
          where: {
            sessionId,
            number: { in: seatPlan.remove },
            ...FREE_SEAT,
          },
        })
      }
      if (seatPlan.add.length > 0) {
        await tx.workshopSeat.createMany({
          data: seatPlan.add.map((number) => ({ sessionId, number })),
        })
        await offerFreedSeats(tx, sessionId, now)
      }
      if (moved) await notifySessionChanged(tx, sessionId, now)
      await recordAudit(tx, {
        actor,
        action: 'WORKSHOP_SESSION_CHANGED',
        entityType: 'WorkshopSession',
        entityId: sessionId,
        summary: changeSummary(session, change, current),
      })
      return { kind: 'CHANGED' }
    }),
  )
  return outcome.ok ? outcome.value : { kind: 'CLASH', clash: outcome.clash }
}

/** What changed, for the audit trail (no personal data). */
function changeSummary(
  session: { siteId: string; startsAt: Date; endsAt: Date; seats: unknown[] },
  change: SessionChange,
  advisorIds: string[],
) {
  const parts: string[] = []
  if (session.startsAt.getTime() !== change.time.startsAt.getTime()) {
    parts.push(`time ${session.startsAt.toISOString()} -> ${change.time.startsAt.toISOString()}`)
  } else if (session.endsAt.getTime() !== change.time.endsAt.getTime()) {
    parts.push(`end ${session.endsAt.toISOString()} -> ${change.time.endsAt.toISOString()}`)
  }
  if (session.siteId !== change.siteId) parts.push(`site ${session.siteId} -> ${change.siteId}`)
  if (session.seats.length !== change.seatCount) {
    parts.push(`seats ${session.seats.length} -> ${change.seatCount}`)
  }
  const sameAdvisors =
    advisorIds.length === change.advisorIds.length &&
    advisorIds.every((id) => change.advisorIds.includes(id))
  if (!sameAdvisors) parts.push(`advisors ${change.advisorIds.join(',')}`)
  return parts.length > 0 ? parts.join('; ') : 'details changed'
}

export type CancelOutcome =
  { kind: 'CANCELLED'; count: number } | { kind: 'STALE' } | { kind: 'CLOSED' }

/**
 * Cancels a session, or it and the rest of its series (those not started yet): their
 * advisors' time is freed, every participant is told in their channel and loses their
 * seat, and whoever waited leaves the list.
 */
export async function cancelSessions(
  db: Db,
  actor: Actor,
  input: { sessionId: string; version: number; reason: string; wholeSeries: boolean },
  now: Date,
): Promise<CancelOutcome> {
  const named = await db.workshopSession.findFirst({
    where: { id: input.sessionId, organisationId: actor.organisationId },
    select: { seriesId: true, startsAt: true },
  })
  if (!named) return { kind: 'STALE' }
  // The rest of a series: this session and those after it, not the ones before.
  const scope =
    input.wholeSeries && named.seriesId
      ? {
          seriesId: named.seriesId,
          status: 'SCHEDULED' as const,
          startsAt: { gte: named.startsAt },
        }
      : { id: input.sessionId }
  const targets = await db.workshopSession.findMany({
    where: { organisationId: actor.organisationId, ...scope },
    select: { id: true, advisors: { select: { advisorId: true } } },
  })
  return inTransaction(db, async (tx): Promise<CancelOutcome> => {
    await serialiseWrites(tx, {
      advisorIds: [
        ...new Set(targets.flatMap((target) => target.advisors.map((a) => a.advisorId))),
      ],
      sessionIds: targets.map((target) => target.id),
    })
    const session = await tx.workshopSession.findFirst({
      where: { id: input.sessionId, organisationId: actor.organisationId },
      select: { version: true, status: true, startsAt: true },
    })
    if (!session || session.version !== input.version) return { kind: 'STALE' }
    if (session.status !== 'SCHEDULED' || session.startsAt <= now) return { kind: 'CLOSED' }
    let count = 0
    for (const target of targets) {
      const updated = await tx.workshopSession.updateMany({
        where: { id: target.id, status: 'SCHEDULED', startsAt: { gt: now } },
        data: {
          status: 'CANCELLED',
          cancellationReason: input.reason,
          version: { increment: 1 },
        },
      })
      if (updated.count === 0) continue
      await tx.workshopSessionAdvisor.updateMany({
        where: { sessionId: target.id },
        data: { active: false },
      })
      // Told while the registrations still say who holds a seat.
      await notifySessionCancelled(tx, target.id, now)
      await tx.workshopRegistration.updateMany({
        where: { sessionId: target.id, status: { not: 'CANCELLED' } },
        data: {
          status: 'CANCELLED',
          seatId: null,
          cancellationReason: input.reason,
          version: { increment: 1 },
        },
      })
      const waiting = {
        sessionId: target.id,
        status: { in: ['WAITING' as const, 'OFFERED' as const] },
      }
      // An offer of a seat not sent yet would offer a seat of a cancelled session.
      await tx.notification.updateMany({
        where: { waitlistEntry: waiting, status: 'PENDING' },
        data: {
          status: 'CANCELLED',
          lastError: 'session cancelled',
          leaseOwner: null,
          leaseUntil: null,
        },
      })
      await tx.waitlistEntry.updateMany({
        where: waiting,
        data: { status: 'LEFT', heldSeatId: null, version: { increment: 1 } },
      })
      await recordAudit(tx, {
        actor,
        action: 'WORKSHOP_SESSION_CANCELLED',
        entityType: 'WorkshopSession',
        entityId: target.id,
        summary: `cancelled: ${input.reason}`,
      })
      count += 1
    }
    return { kind: 'CANCELLED', count }
  })
}
