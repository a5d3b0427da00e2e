import type { BookingChannel, HelperContact, ResidentContact } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import { mayOffer } from '~/domain/workshops/hold'
import {
  notifyRegistered,
  writeOfferExpired,
  writeSeatOffer,
} from '~/features/notifications/index.server'
import { findOrCreateResident } from '~/features/residents/index.server'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { recordAudit } from '~/platform/audit.server'
import { FREE_SEAT, auditActor, createRegistration, inTransaction, type Tx } from './rows.server'

// The waiting list of a full session (decision 080). A freed seat is held for the first
// person waiting in the transaction that frees it, and the offer is written to the outbox
// there too: a crash after the commit leaves the offer to be sent, never lost, and the
// (entry, offer number) uniqueness of outbox rows means it is never written twice.

export type WaitlistRequest = {
  organisationId: string
  sessionId: string
  resident: ResidentContact
  helper: HelperContact | null
  createdVia: BookingChannel
  actorAdvisorId: string | null
}

export type JoinOutcome =
  | { ok: true; entryId: string; token: string; created: boolean }
  | { ok: false; reason: 'NOT_FOUND' | 'CLOSED' | 'SEATS_LEFT' | 'ALREADY_REGISTERED' }

const tokenOf = (entryId: string, secret: string) => ({
  entryId,
  token: manageTokenFor(entryId, secret).token,
})

/** Joins the waiting list of a full session; joining again gives the same place. */
export async function joinWaitlist(
  db: Db,
  request: WaitlistRequest,
  now: Date,
  secret: string,
): Promise<JoinOutcome> {
  return inTransaction(db, async (tx) => {
    await serialiseWrites(tx, { advisorIds: [], sessionIds: [request.sessionId] })
    const session = await tx.workshopSession.findFirst({
      where: { id: request.sessionId, organisationId: request.organisationId },
      select: { status: true, startsAt: true },
    })
    if (!session) return { ok: false, reason: 'NOT_FOUND' }
    if (session.status !== 'SCHEDULED' || session.startsAt <= now)
      return { ok: false, reason: 'CLOSED' }
    const free = await tx.workshopSeat.count({
      where: { sessionId: request.sessionId, ...FREE_SEAT },
    })
    if (free > 0) return { ok: false, reason: 'SEATS_LEFT' }

    const residentId = await findOrCreateResident(tx, request)
    const registered = await tx.workshopRegistration.count({
      where: {
        sessionId: request.sessionId,
        residentId,
        companionOfId: null,
        status: { not: 'CANCELLED' },
      },
    })
    if (registered > 0) return { ok: false, reason: 'ALREADY_REGISTERED' }
    const waiting = await tx.waitlistEntry.findFirst({
      where: { sessionId: request.sessionId, residentId, status: { in: ['WAITING', 'OFFERED'] } },
      select: { id: true },
    })
    if (waiting) return { ok: true, ...tokenOf(waiting.id, secret), created: false }

    const entry = await tx.waitlistEntry.create({
      data: {
        organisationId: request.organisationId,
        sessionId: request.sessionId,
        residentId,
        createdVia: request.createdVia,
        helperName: request.helper?.name ?? null,
        helperPhoneE164: request.helper?.phoneE164 ?? null,
        helperEmail: request.helper?.email ?? null,
        messagesTo: request.helper?.receivesMessages ? 'HELPER' : 'RESIDENT',
      },
      select: { id: true },
    })
    await tx.waitlistEntry.update({
      where: { id: entry.id },
      data: { manageTokenHash: manageTokenFor(entry.id, secret).hash },
    })
    await recordAudit(tx, {
      ...auditActor(request.organisationId, request.actorAdvisorId),
      action: 'WAITLIST_JOINED',
      entityType: 'WaitlistEntry',
      entityId: entry.id,
      summary: `joined via ${request.createdVia}`,
    })
    return { ok: true, ...tokenOf(entry.id, secret), created: true }
  })
}

/**
 * Holds each free seat of the session for the next person waiting and writes their offer.
 * Called inside every transaction that frees or adds seats, after the session's lock.
 * Near the start (no hold could last long enough) seats stay free for anyone.
 */
export async function offerFreedSeats(tx: Tx, sessionId: string, now: Date) {
  const session = await tx.workshopSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { status: true, startsAt: true },
  })
  if (session.status !== 'SCHEDULED' || !mayOffer(now, session.startsAt)) return
  for (;;) {
    const seat = await tx.workshopSeat.findFirst({
      where: { sessionId, ...FREE_SEAT },
      orderBy: { number: 'asc' },
      select: { id: true },
    })
    if (!seat) return
    const next = await tx.waitlistEntry.findFirst({
      where: { sessionId, status: 'WAITING' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    })
    if (!next) return
    await tx.waitlistEntry.update({
      where: { id: next.id },
      data: {
        status: 'OFFERED',
        heldSeatId: seat.id,
        holdUntil: null,
        offerCount: { increment: 1 },
        version: { increment: 1 },
      },
    })
    // Nobody to send it to (no phone, no email left): the seat goes to the next one.
    if (!(await writeSeatOffer(tx, next.id, now)))
      await tx.waitlistEntry.update({
        where: { id: next.id },
        data: { status: 'EXPIRED', heldSeatId: null, version: { increment: 1 } },
      })
  }
}

export type AcceptOutcome =
  { ok: true; registrationId: string; token: string } | { ok: false; reason: 'EXPIRED' | 'GONE' }

/**
 * Takes the seat held for this entry: the hold becomes a registration in one transaction.
 * Accepting twice (the link and an SMS reply) gives the same registration.
 */
export async function acceptOffer(
  db: Db,
  entryId: string,
  now: Date,
  secret: string,
): Promise<AcceptOutcome> {
  const found = await db.waitlistEntry.findUnique({
    where: { id: entryId },
    select: { sessionId: true },
  })
  if (!found) return { ok: false, reason: 'GONE' }
  return inTransaction(db, async (tx) => {
    await serialiseWrites(tx, { advisorIds: [], sessionIds: [found.sessionId] })
    const entry = await tx.waitlistEntry.findUniqueOrThrow({
      where: { id: entryId },
      select: {
        id: true,
        organisationId: true,
        sessionId: true,
        residentId: true,
        status: true,
        heldSeatId: true,
        holdUntil: true,
        registrationId: true,
        createdVia: true,
        helperName: true,
        helperPhoneE164: true,
        helperEmail: true,
        messagesTo: true,
        session: { select: { status: true, startsAt: true } },
      },
    })
    if (entry.status === 'REGISTERED' && entry.registrationId)
      return {
        ok: true,
        registrationId: entry.registrationId,
        token: manageTokenFor(entry.registrationId, secret).token,
      }
    if (entry.session.status !== 'SCHEDULED' || entry.session.startsAt <= now)
      return { ok: false, reason: 'GONE' }
    const held = entry.status === 'OFFERED' && entry.heldSeatId
    if (!held || (entry.holdUntil && entry.holdUntil <= now))
      return { ok: false, reason: entry.status === 'LEFT' ? 'GONE' : 'EXPIRED' }

    await tx.waitlistEntry.update({ where: { id: entry.id }, data: { heldSeatId: null } })
    const registrationId = await createRegistration(
      tx,
      {
        organisationId: entry.organisationId,
        createdVia: entry.createdVia,
        helper: entry.helperName
          ? {
              name: entry.helperName,
              phoneE164: entry.helperPhoneE164,
              email: entry.helperEmail,
              receivesMessages: entry.messagesTo === 'HELPER',
            }
          : null,
      },
      {
        sessionId: entry.sessionId,
        residentId: entry.residentId,
        seatId: entry.heldSeatId!,
        idempotencyKeyHash: null,
        secret,
      },
    )
    await tx.waitlistEntry.update({
      where: { id: entry.id },
      data: { status: 'REGISTERED', registrationId, version: { increment: 1 } },
    })
    await recordAudit(tx, {
      ...auditActor(entry.organisationId, null),
      action: 'SEAT_TAKEN',
      entityType: 'WorkshopRegistration',
      entityId: registrationId,
      summary: 'offer accepted',
    })
    await notifyRegistered(tx, registrationId, now)
    return { ok: true, registrationId, token: manageTokenFor(registrationId, secret).token }
  })
}

/** Leaves the list; a seat held for this entry goes to the next person. */
export async function leaveWaitlist(db: Db, entryId: string, now: Date) {
  const found = await db.waitlistEntry.findUnique({
    where: { id: entryId },
    select: { sessionId: true },
  })
  if (!found) return
  await inTransaction(db, async (tx) => {
    await serialiseWrites(tx, { advisorIds: [], sessionIds: [found.sessionId] })
    const { count } = await tx.waitlistEntry.updateMany({
      where: { id: entryId, status: { in: ['WAITING', 'OFFERED'] } },
      data: { status: 'LEFT', heldSeatId: null, version: { increment: 1 } },
    })
    if (count === 0) return
    await tx.notification.updateMany({
      where: { waitlistEntryId: entryId, status: 'PENDING' },
      data: { status: 'CANCELLED', lastError: 'left the waiting list' },
    })
    await offerFreedSeats(tx, found.sessionId, now)
  })
}

/**
 * Ends the holds that ran out (or whose session is about to start) and offers each seat to
 * the next person. Run by the worker; two workers at once expire each hold once, since
 * each expiry is a conditional update under the session's lock.
 */
export async function expireHolds(db: Db, now: Date, batch = 50): Promise<number> {
  const due = await db.waitlistEntry.findMany({
    where: { status: 'OFFERED', holdUntil: { lte: now } },
    orderBy: { holdUntil: 'asc' },
    take: batch,
    select: { id: true, sessionId: true },
  })
  let expired = 0
  for (const entry of due) {
    const done = await inTransaction(db, async (tx) => {
      await serialiseWrites(tx, { advisorIds: [], sessionIds: [entry.sessionId] })
      const { count } = await tx.waitlistEntry.updateMany({
        where: { id: entry.id, status: 'OFFERED', holdUntil: { lte: now } },
        data: { status: 'EXPIRED', heldSeatId: null, version: { increment: 1 } },
      })
      if (count === 0) return false
      await writeOfferExpired(tx, entry.id, now)
      await offerFreedSeats(tx, entry.sessionId, now)
      return true
    })
    if (done) expired += 1
  }
  return expired
}
