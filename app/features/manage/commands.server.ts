import { assignAdvisor } from '~/domain/scheduling'
import { canChangeOnline } from '~/domain/booking/manage'
import { SlotTakenError } from '~/domain/booking/errors'
import {
  hashManageToken,
  isWellFormedToken,
  tokenMatches,
} from '~/domain/booking/manage-token.server'
import { availability } from '~/features/schedule/index.server'
import type { Db } from '~/platform/database/client.server'
import { mapOverlap } from '~/platform/database/errors.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { countCancellations } from '~/platform/metrics/activity.server'
import { notifyCancelled, notifyMoved } from '~/features/notifications/index.server'

/** The appointment a manage link points to, or null; the token is compared in constant time. */
export async function findByManageToken(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null
  const appointment = await db.appointment.findUnique({
    where: { manageTokenHash: hashManageToken(token) },
    select: {
      id: true,
      organisationId: true,
      advisorId: true,
      topicId: true,
      siteId: true,
      mode: true,
      status: true,
      startsAt: true,
      endsAt: true,
      manageTokenHash: true,
      version: true,
      helperName: true,
      messagesTo: true,
      topic: {
        select: {
          id: true,
          name: true,
          nameEn: true,
          instructions: true,
          instructionsEn: true,
          cancellationDeadlineMinutes: true,
          durationMinutes: true,
          active: true,
          isPublic: true,
        },
      },
      site: {
        select: {
          id: true,
          name: true,
          address: true,
          postalCode: true,
          city: true,
          accessNotes: true,
          timeZone: true,
          phone: true,
        },
      },
      organisation: {
        select: {
          id: true,
          slug: true,
          name: true,
          phone: true,
          timeZone: true,
        },
      },
      advisor: { select: { phone: true } },
      resident: {
        select: { firstName: true, lastName: true, phoneE164: true, email: true },
      },
    },
  })
  if (!appointment?.manageTokenHash || !tokenMatches(token, appointment.manageTokenHash))
    return null
  return appointment
}
export type ManagedAppointmentRecord = NonNullable<Awaited<ReturnType<typeof findByManageToken>>>

const deadlineOf = (appointment: ManagedAppointmentRecord) => ({
  ...appointment,
  cancellationDeadlineMinutes: appointment.topic.cancellationDeadlineMinutes,
})

/** Cancelled by the resident ("excusé"); refused past the deadline. */
export async function cancelByResident(
  db: Db,
  appointment: ManagedAppointmentRecord,
  reason: string | null,
  now: Date,
) {
  if (!canChangeOnline(deadlineOf(appointment), now)) return false
  const cancelled = await db.$transaction(async (tx) => {
    await serialiseWrites(tx, { advisorIds: [appointment.advisorId] })
    const updated = await tx.appointment.updateMany({
      where: { id: appointment.id, status: 'BOOKED' },
      data: { status: 'EXCUSED', cancellationReason: reason, version: { increment: 1 } },
    })
    if (updated.count === 0) return false
    await tx.auditEvent.create({
      data: {
        organisationId: appointment.organisationId,
        actorKind: 'RESIDENT',
        action: 'APPOINTMENT_CANCELLED_BY_RESIDENT',
        entityType: 'Appointment',
        entityId: appointment.id,
        summary: reason ? 'cancelled by the resident, with a reason' : 'cancelled by the resident',
      },
    })
    await notifyCancelled(tx, appointment.id, 'RESIDENT', now)
    return true
  })
  if (cancelled) countCancellations('RESIDENT')
  return true
}

export type MoveOutcome = 'MOVED' | 'TOO_LATE' | 'SLOT_UNAVAILABLE' | 'SLOT_TAKEN' | 'ALREADY_MOVED'

/**
 * Moves to a new slot of the same topic and place, until the topic's deadline, if the
 * appointment is still at the version the resident's page showed: the same move sent twice
 * (a double click, two tabs) moves it once, and the others are told it already was.
 */
export async function moveByResident(
  db: Db,
  appointment: ManagedAppointmentRecord,
  move: { start: Date; shownVersion: number },
  now: Date,
): Promise<MoveOutcome> {
  if (!canChangeOnline(deadlineOf(appointment), now)) return 'TOO_LATE'
  const outcome = await moveToSlot(db, {
    appointment,
    start: move.start,
    advisorId: null,
    expectedVersion: move.shownVersion,
    actor: { kind: 'RESIDENT', advisorId: null },
    now,
  })
  return outcome === 'STALE' ? 'ALREADY_MOVED' : outcome
}

export type SlotMoveOutcome = 'MOVED' | 'SLOT_UNAVAILABLE' | 'SLOT_TAKEN' | 'STALE'

/**
 * Moves a booked appointment to a slot the engine offers for its topic and place: one
 * update of the row, so the old time is freed and the new one taken in a single
 * transaction (the database refuses overlaps), with its audit event and the MOVED
 * notification. Shared by the manage link and the workspace (decision 064).
 */
export async function moveToSlot(
  db: Db,
  input: {
    appointment: {
      id: string
      organisationId: string
      topicId: string
      mode: 'IN_PERSON' | 'PHONE'
      siteId: string | null
      advisorId: string
      startsAt: Date
      version: number
    }
    start: Date
    /** The advisor asked for; null keeps the current one when free, else the policy's. */
    advisorId: string | null
    /** The version the form showed: a move from an older page is STALE. */
    expectedVersion: number
    actor: { kind: 'RESIDENT' | 'ADVISOR'; advisorId: string | null }
    now: Date
    /** More writes that commit with the move, or not at all (an earlier-slot alert taken). */
    alongside?: (tx: Db) => Promise<void>
  },
): Promise<SlotMoveOutcome> {
  const { appointment, start, now } = input
  if (appointment.version !== input.expectedVersion) return 'STALE'
  const finder = await availability(db, {
    organisationId: appointment.organisationId,
    topicId: appointment.topicId,
    mode: appointment.mode,
    siteId: appointment.siteId,
    now,
  })
  const slot = await finder.slotAt(start, appointment.siteId)
  // A twin of this move that just won holds the slot now: this one is stale, not refused.
  if (!slot)
    return (await isCurrent(db, appointment.id, input.expectedVersion))
      ? 'SLOT_UNAVAILABLE'
      : 'STALE'
  if (input.advisorId && !slot.advisorIds.includes(input.advisorId)) return 'SLOT_UNAVAILABLE'
  // The same advisor when free, so the resident keeps who they know.
  const advisorId =
    input.advisorId ??
    (slot.advisorIds.includes(appointment.advisorId)
      ? appointment.advisorId
      : assignAdvisor(slot, await finder.dayLoad(slot)))
  try {
    return await mapOverlap(() =>
      db.$transaction(async (tx) => {
        // Its old advisor's time and its new one's: with every other write of either.
        await serialiseWrites(tx, {
          advisorIds: [appointment.advisorId, advisorId],
        })
        const updated = await tx.appointment.updateMany({
          where: { id: appointment.id, status: 'BOOKED', version: input.expectedVersion },
          data: { startsAt: slot.start, endsAt: slot.end, advisorId, version: { increment: 1 } },
        })
        if (updated.count === 0) return 'STALE'
        const byAdvisor = input.actor.kind === 'ADVISOR'
        await tx.auditEvent.create({
          data: {
            organisationId: appointment.organisationId,
            advisorId: input.actor.advisorId,
            actorKind: input.actor.kind,
            action: byAdvisor ? 'APPOINTMENT_MOVED' : 'APPOINTMENT_MOVED_BY_RESIDENT',
            entityType: 'Appointment',
            entityId: appointment.id,
            summary:
              `moved from ${appointment.startsAt.toISOString()} to ${slot.start.toISOString()}` +
              (advisorId === appointment.advisorId ? '' : `, advisor ${advisorId}`),
          },
        })
        await notifyMoved(tx, appointment.id, now)
        await input.alongside?.(tx as unknown as Db)
        return 'MOVED'
      }),
    )
  } catch (error) {
    if (error instanceof SlotTakenError) return 'SLOT_TAKEN'
    throw error
  }
}

async function isCurrent(db: Db, appointmentId: string, version: number) {
  const found = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: { version: true, status: true },
  })
  return found?.version === version && found.status === 'BOOKED'
}
