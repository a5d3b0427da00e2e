import type { BookingPorts, NewAppointment, SaveOutcome } from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { ACTIVE_STATUSES, availability } from '~/features/schedule/index.server'
import { providerOfClient, type Db } from '~/platform/database/client.server'
import { Sql } from '~/platform/database/sql.server'
import { mapOverlap } from '~/platform/database/errors.server'
import { countBooking } from '~/platform/metrics/activity.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { notifyBooked } from '~/features/notifications/index.server'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import { findOrCreateResident } from '~/features/residents/index.server'

type PortsRequest = {
  organisationId: string
  topicId: string
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
  /** Only this advisor's slots: reception booking in one advisor's column. */
  advisorId?: string | null
}

/**
 * The database side of booking (see domain/booking/book.ts); `secret` derives the manage
 * tokens (SESSION_SECRET).
 */
export async function bookingPorts(
  db: Db,
  request: PortsRequest,
  now: Date,
  secret: string,
): Promise<BookingPorts> {
  const finder = await availability(db, { ...request, now })
  return {
    findByIdempotencyKeyHash: async (hash) =>
      (
        await db.appointment.findUnique({
          where: { idempotencyKeyHash: hash },
          select: { id: true },
        })
      )?.id ?? null,

    slotsStartingAt: (start) =>
      finder.slots({ from: start, to: new Date(start.getTime() + 60_000) }),

    appointmentsOfLocalDay: finder.dayLoad,

    save: (appointment, admits) => saveAppointment(db, appointment, admits, now, secret),
  }
}

/**
 * Booked appointments still to come of anyone with this phone or this email. Read from the
 * residents with that contact (a row or two, by index) to their appointments: read from the
 * organisation's appointments to come instead, as Prisma's relation filter is, it visited
 * every one of them (5.5x from one organisation to a thousand in bench:scale).
 */
async function countUpcoming(tx: Db, appointment: NewAppointment, now: Date) {
  const { phoneE164, email } = appointment.resident
  if (!phoneE164 && !email) return 0
  const sql = new Sql(providerOfClient(tx))
  const organisationId = sql.param(appointment.organisationId)
  const contacts = [
    ...(phoneE164 ? [`r."phoneE164" = ${sql.param(phoneE164)}`] : []),
    ...(email ? [`r."email" = ${sql.param(email)}`] : []),
  ]
  const [row] = await tx.$queryRawUnsafe<{ upcoming: number | bigint }[]>(
    `SELECT COUNT(*) AS "upcoming"
       FROM "Resident" AS r JOIN "Appointment" AS p ON p."residentId" = r."id"
      WHERE r."organisationId" = ${organisationId} AND (${contacts.join(' OR ')})
        AND p."organisationId" = ${sql.param(appointment.organisationId)}
        AND p."status" = 'BOOKED' AND p."startsAt" > ${sql.param(now)}`,
    ...sql.params,
  )
  return Number(row?.upcoming ?? 0)
}

/**
 * Whether the advisor's time was taken by a booking that committed while this one waited
 * for its turn: the loser of a rush is told at once, before any write (the database's
 * no-overlap guarantee stays the truth for anything this misses).
 */
async function alreadyTaken(tx: Db, appointment: NewAppointment) {
  const overlapping = await tx.appointment.count({
    where: {
      advisorId: appointment.advisorId,
      status: { in: [...ACTIVE_STATUSES] },
      startsAt: { lt: appointment.endsAt },
      endsAt: { gt: appointment.startsAt },
    },
  })
  return overlapping > 0
}

async function saveAppointment(
  db: Db,
  appointment: NewAppointment,
  admits: (upcoming: number) => boolean,
  now: Date,
  secret: string,
): Promise<SaveOutcome> {
  const outcome: SaveOutcome = await mapOverlap(() =>
    db.$transaction(async (transaction) => {
      const tx = transaction as unknown as Db
      // The advisor's time, and the contact's count: both settled only after the bookings
      // ahead of this one committed.
      await serialiseWrites(tx, {
        advisorIds: [appointment.advisorId],
        contacts: {
          organisationId: appointment.organisationId,
          values: [appointment.resident.phoneE164, appointment.resident.email],
        },
      })
      if (!admits(await countUpcoming(tx, appointment, now))) return { limitReached: true }
      if (await alreadyTaken(tx, appointment)) throw new SlotTakenError()
      const residentId = await findOrCreateResident(tx, appointment)
      const created = await tx.appointment.create({
        data: {
          organisationId: appointment.organisationId,
          advisorId: appointment.advisorId,
          topicId: appointment.topicId,
          residentId,
          mode: appointment.mode,
          siteId: appointment.siteId,
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
          createdVia: appointment.createdVia,
          helperName: appointment.helper?.name ?? null,
          helperPhoneE164: appointment.helper?.phoneE164 ?? null,
          helperEmail: appointment.helper?.email ?? null,
          messagesTo: appointment.helper?.receivesMessages ? 'HELPER' : 'RESIDENT',
          idempotencyKeyHash: appointment.idempotencyKeyHash,
          note: appointment.note,
        },
        select: { id: true },
      })
      // The token comes from the id, known only once the row exists; the same transaction
      // writes its hash, so no message is ever rendered from a row without it.
      await tx.appointment.update({
        where: { id: created.id },
        data: { manageTokenHash: manageTokenFor(created.id, secret).hash },
      })
      await tx.auditEvent.create({
        data: {
          organisationId: appointment.organisationId,
          advisorId: appointment.actorAdvisorId,
          actorKind: appointment.actorAdvisorId ? 'ADVISOR' : 'RESIDENT',
          action: 'APPOINTMENT_BOOKED',
          entityType: 'Appointment',
          entityId: created.id,
          summary: `booked ${appointment.mode} via ${appointment.createdVia} at ${appointment.startsAt.toISOString()}`,
        },
      })
      // The confirmation and reminders commit with the booking (the notification outbox).
      await notifyBooked(tx, created.id, now)
      return { appointmentId: created.id }
    }),
  )
  if ('appointmentId' in outcome) countBooking(appointment.createdVia)
  return outcome
}
