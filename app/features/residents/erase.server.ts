import type { Actor } from '~/domain/access'
import { formatAppointmentDate, type DisplayLanguage } from '~/domain/time/format'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { notifyCancelled } from '~/features/notifications/index.server'
import { anonymiseResident } from '~/features/retention/index.server'
import { giveBackSeat } from '~/features/workshops/index.server'
import { recordAudit } from '~/platform/audit.server'
import { db as appDb, type Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { countCancellations } from '~/platform/metrics/activity.server'

// A resident's erasure (RGPD article 17, decision 090), for admins and reception: what is
// still to come is cancelled with notice (queued before the contacts go), then the record
// is anonymised by the same function as the retention job, so statistics stay intact.

/** The resident to erase, if the signed-in person may; 404 or 403 otherwise. */
export async function residentToErase(request: Request, id: string | undefined) {
  const signedIn = await requireAdvisor(request)
  const resident = await appDb().resident.findUnique({ where: { id: id ?? '' } })
  const usable = resident && !resident.isStandIn ? resident : null
  requirePermission(
    signedIn.actor,
    'resident.erase',
    usable ? { organisationId: usable.organisationId } : null,
  )
  return { signedIn, resident: usable! }
}

/** What erasing cancels: the appointments and workshop seats still to come. */
export async function upcomingOf(db: Db, residentId: string, now: Date) {
  const [appointments, registrations] = await Promise.all([
    db.appointment.findMany({
      where: { residentId, status: 'BOOKED', startsAt: { gte: now } },
      select: { id: true, startsAt: true, topic: { select: { name: true } } },
      orderBy: { startsAt: 'asc' },
    }),
    db.workshopRegistration.findMany({
      where: {
        residentId,
        status: 'REGISTERED',
        companionOfId: null,
        session: { startsAt: { gte: now } },
      },
      select: {
        id: true,
        session: { select: { startsAt: true, topic: { select: { name: true } } } },
      },
      orderBy: { session: { startsAt: 'asc' } },
    }),
  ])
  return { appointments, registrations }
}

/** The lines of the confirmation page: each thing cancelled, in date order. */
export async function upcomingLines(
  db: Db,
  residentId: string,
  zone: string,
  language: DisplayLanguage,
  now: Date,
) {
  const { appointments, registrations } = await upcomingOf(db, residentId, now)
  return [
    ...appointments.map((row) => ({ at: row.startsAt, topic: row.topic.name })),
    ...registrations.map((row) => ({ at: row.session.startsAt, topic: row.session.topic.name })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((row) => `${formatAppointmentDate(row.at, zone, language)} · ${row.topic}`)
}

export type EraseOutcome = 'ERASED' | 'ALREADY_ERASED'

export async function eraseResident(
  db: Db,
  actor: Actor,
  residentId: string,
  now: Date,
): Promise<EraseOutcome> {
  const resident = await db.resident.findUniqueOrThrow({ where: { id: residentId } })
  if (resident.anonymisedAt) return 'ALREADY_ERASED'
  const { appointments, registrations } = await upcomingOf(db, residentId, now)
  // Each seat in its own transaction: the freed seat goes to the waiting list there.
  for (const registration of registrations) {
    await giveBackSeat(
      db,
      {
        organisationId: actor.organisationId,
        registrationId: registration.id,
        by: 'SERVICE',
        actorAdvisorId: actor.advisorId,
        reason: null,
      },
      now,
    )
  }
  const cancelled = await db.$transaction(async (tx) => {
    const booked = await tx.appointment.findMany({
      where: { id: { in: appointments.map((row) => row.id) }, status: 'BOOKED' },
      select: { id: true, advisorId: true },
    })
    await serialiseWrites(tx, { advisorIds: [...new Set(booked.map((row) => row.advisorId))] })
    for (const appointment of booked) {
      await tx.appointment.update({
        where: { id: appointment.id },
        data: { status: 'CANCELLED', version: { increment: 1 } },
      })
      // Queued while the contact is still on the record: the notice reaches them.
      await notifyCancelled(tx as unknown as Db, appointment.id, 'SERVICE', now)
    }
    await anonymiseResident(tx, residentId, now)
    // After the anonymisation, which empties the summaries of the resident's records.
    for (const appointment of booked) {
      await recordAudit(tx, {
        actor,
        action: 'APPOINTMENT_CANCELLED',
        entityType: 'Appointment',
        entityId: appointment.id,
        summary: 'cancelled: resident erased',
      })
    }
    await recordAudit(tx, {
      actor,
      action: 'RESIDENT_ERASED',
      entityType: 'Resident',
      entityId: residentId,
      summary: `erased; ${booked.length} appointments and ${registrations.length} workshop seats cancelled`,
    })
    return booked.length
  })
  countCancellations('SERVICE', cancelled)
  return 'ERASED'
}
