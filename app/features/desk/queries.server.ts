import { ONE_TO_ONE } from '~/domain/topics/format'
import type { Db } from '~/platform/database/client.server'

// Reads for booking on behalf of a resident (reception or advisor, on the phone or at the
// desk). Scoped by organisation; the caller has checked the permission. Finding the
// resident is the residents feature's search.

/**
 * Active one-to-one topics of the organisation (public or not: reception may book any); a
 * collective one is registered for session by session, from its workshop's page.
 */
export function bookableTopics(db: Db, organisationId: string) {
  return db.topic.findMany({
    where: { organisationId, active: true, ...ONE_TO_ONE },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      organisationId: true,
      name: true,
      allowsInPerson: true,
      allowsPhone: true,
      durationMinutes: true,
    },
  })
}

/** What the printable slip needs of a booked appointment. */
export function slipOf(db: Db, appointmentId: string) {
  return db.appointment.findUnique({
    where: { id: appointmentId },
    include: {
      resident: { select: { firstName: true, lastName: true, phoneE164: true } },
      topic: { select: { name: true, instructions: true } },
      site: true,
      organisation: { select: { name: true, phone: true, timeZone: true } },
    },
  })
}

/** The advisor who booked the appointment from the workspace, if one did. */
export async function bookedBy(db: Db, organisationId: string, appointmentId: string) {
  const event = await db.auditEvent.findFirst({
    where: {
      organisationId,
      entityType: 'Appointment',
      entityId: appointmentId,
      action: 'APPOINTMENT_BOOKED',
    },
    select: { advisorId: true },
  })
  return event?.advisorId ?? null
}
