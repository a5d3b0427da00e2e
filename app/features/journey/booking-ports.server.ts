import type { BookingPorts, NewAppointment } from '~/domain/booking/book'
import { availability } from '~/features/schedule/index.server'
import type { Db } from '~/platform/database/client.server'
import { mapOverlap } from '~/platform/database/errors.server'
import { notifyBooked } from '~/features/notifications/index.server'

type PortsRequest = {
  organisationId: string
  topicId: string
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
}

/** The database side of booking (see domain/booking/book.ts). */
export async function bookingPorts(
  db: Db,
  request: PortsRequest,
  now: Date,
): Promise<BookingPorts> {
  const finder = await availability(db, { ...request, now })
  return {
    findByIdempotencyKey: async (key) =>
      (await db.appointment.findUnique({ where: { idempotencyKey: key }, select: { id: true } }))
        ?.id ?? null,

    slotsStartingAt: (start) =>
      finder.slots({ from: start, to: new Date(start.getTime() + 60_000) }),

    appointmentsOfLocalDay: finder.dayLoad,

    countUpcoming: async (contact, at) => {
      const matches = [
        ...(contact.phoneE164 ? [{ phoneE164: contact.phoneE164 }] : []),
        ...(contact.email ? [{ email: contact.email }] : []),
      ]
      if (matches.length === 0) return 0
      return db.appointment.count({
        where: {
          organisationId: request.organisationId,
          status: 'BOOKED',
          startsAt: { gt: at },
          resident: { OR: matches },
        },
      })
    },

    save: (appointment) => saveAppointment(db, appointment, now),
  }
}

async function saveAppointment(db: Db, appointment: NewAppointment, now: Date): Promise<string> {
  return mapOverlap(() =>
    db.$transaction(async (tx) => {
      const residentId = await findOrCreateResident(tx as unknown as Db, appointment)
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
          manageTokenHash: appointment.manageTokenHash,
          idempotencyKey: appointment.idempotencyKey,
          note: appointment.note,
        },
        select: { id: true },
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
      return created.id
    }),
  )
}

/**
 * The same person is the same resident: same name and same phone, or same name and same
 * email. A shared landline with another name is someone else (a couple, a neighbour).
 */
async function findOrCreateResident(db: Db, appointment: NewAppointment): Promise<string> {
  const { resident, organisationId } = appointment
  const sameContact = [
    ...(resident.phoneE164 ? [{ phoneE164: resident.phoneE164 }] : []),
    ...(resident.email ? [{ email: resident.email }] : []),
  ]
  const existing = await db.resident.findFirst({
    where: { organisationId, searchKey: resident.searchKey, OR: sameContact },
    orderBy: { createdAt: 'asc' },
    select: { id: true, phoneE164: true, email: true },
  })
  if (existing) {
    await db.resident.update({
      where: { id: existing.id },
      data: {
        phoneE164: existing.phoneE164 ?? resident.phoneE164,
        phoneType: existing.phoneE164 ? undefined : resident.phoneType,
        email: existing.email ?? resident.email,
        preferredLanguage: resident.language,
        notificationConsent: resident.consent,
      },
    })
    return existing.id
  }
  const created = await db.resident.create({
    data: {
      organisationId,
      firstName: resident.firstName,
      lastName: resident.lastName,
      searchKey: resident.searchKey,
      phoneE164: resident.phoneE164,
      phoneType: resident.phoneType,
      email: resident.email,
      preferredLanguage: resident.language,
      notificationConsent: resident.consent,
      createdVia: appointment.createdVia,
    },
    select: { id: true },
  })
  return created.id
}
