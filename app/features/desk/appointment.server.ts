import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { countCancellations } from '~/platform/metrics/activity.server'
import { cancelPendingNotifications, notifyCancelled } from '~/features/notifications/index.server'
import {
  isCancellation,
  statusChangeRefusal,
  type StatusChange,
  type StatusRefusal,
} from '~/domain/booking/attendance'

// The advisor workspace's writes on one appointment: attendance, cancellation, note.
// Each write is refused when the row's version is not the one the form showed (a stale
// edit is never silently overwritten), bumps the version, and logs an audit event.

export function appointmentById(db: Db, id: string) {
  return db.appointment.findUnique({
    where: { id },
    include: {
      resident: true,
      topic: { select: { id: true, name: true } },
      site: { select: { id: true, name: true, timeZone: true } },
      advisor: { select: { id: true, firstName: true, lastName: true } },
      activityReport: { select: { status: true } },
    },
  })
}

/** The appointment's audit events, oldest first, with the advisor who acted if any. */
export function appointmentHistory(db: Db, organisationId: string, appointmentId: string) {
  return db.auditEvent.findMany({
    where: { organisationId, entityType: 'Appointment', entityId: appointmentId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { advisor: { select: { firstName: true, lastName: true } } },
  })
}

export type ChangeOutcome = 'CHANGED' | 'STALE' | StatusRefusal

type Actor = { advisorId: string; organisationId: string }

export async function changeStatus(
  db: Db,
  actor: Actor,
  input: {
    appointmentId: string
    version: number
    status: StatusChange
    reason: string | null
  },
  now: Date,
): Promise<ChangeOutcome> {
  const outcome = await db.$transaction(async (tx) => {
    const current = await tx.appointment.findFirst({
      where: { id: input.appointmentId, organisationId: actor.organisationId },
      select: { status: true, version: true, advisorId: true, startsAt: true },
    })
    if (!current || current.version !== input.version) return 'STALE'
    const refusal = statusChangeRefusal(current, input.status, now)
    if (refusal) return refusal
    await serialiseWrites(tx, { advisorIds: [current.advisorId] })
    const cancelling = isCancellation(input.status)
    const updated = await tx.appointment.updateMany({
      where: { id: input.appointmentId, version: input.version },
      data: {
        status: input.status,
        cancellationReason: cancelling ? input.reason : undefined,
        version: { increment: 1 },
      },
    })
    if (updated.count === 0) return 'STALE'
    await tx.auditEvent.create({
      data: {
        organisationId: actor.organisationId,
        advisorId: actor.advisorId,
        actorKind: 'ADVISOR',
        action: `APPOINTMENT_${input.status}`,
        entityType: 'Appointment',
        entityId: input.appointmentId,
        summary: input.reason
          ? `status ${current.status} -> ${input.status}: ${input.reason}`
          : `status ${current.status} -> ${input.status}`,
      },
    })
    if (input.status === 'CANCELLED') {
      await notifyCancelled(tx as unknown as Db, input.appointmentId, 'SERVICE', now)
    } else if (input.status === 'EXCUSED') {
      await cancelPendingNotifications(tx as unknown as Db, input.appointmentId, 'excused')
    }
    return 'CHANGED' as const
  })
  // Excused: the resident said they would not come.
  if (outcome === 'CHANGED' && isCancellation(input.status))
    countCancellations(input.status === 'EXCUSED' ? 'RESIDENT' : 'SERVICE')
  return outcome
}

export async function saveNote(
  db: Db,
  actor: Actor,
  input: { appointmentId: string; version: number; note: string | null },
): Promise<ChangeOutcome> {
  return db.$transaction(async (tx) => {
    const current = await tx.appointment.findFirst({
      where: { id: input.appointmentId, organisationId: actor.organisationId },
      select: { advisorId: true },
    })
    if (!current) return 'STALE'
    await serialiseWrites(tx, { advisorIds: [current.advisorId] })
    const updated = await tx.appointment.updateMany({
      where: {
        id: input.appointmentId,
        organisationId: actor.organisationId,
        version: input.version,
      },
      data: { note: input.note, version: { increment: 1 } },
    })
    if (updated.count === 0) return 'STALE'
    await tx.auditEvent.create({
      data: {
        organisationId: actor.organisationId,
        advisorId: actor.advisorId,
        actorKind: 'ADVISOR',
        action: 'APPOINTMENT_NOTE',
        entityType: 'Appointment',
        entityId: input.appointmentId,
        summary: input.note ? 'note changed' : 'note removed',
      },
    })
    return 'CHANGED'
  })
}
