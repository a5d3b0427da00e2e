import { nameSearchKey } from '~/domain/residents/identity'
import { normalisePhone } from '~/domain/residents/phone'
import type { Db } from './client.server'

// Reads for booking on behalf of a resident (reception or advisor, on the phone or at the
// desk). Scoped by organisation; the caller has checked the permission.

const residentSelect = {
  id: true,
  organisationId: true,
  firstName: true,
  lastName: true,
  searchKey: true,
  phoneE164: true,
  phoneType: true,
  email: true,
  preferredLanguage: true,
  notificationConsent: true,
} as const

/**
 * Residents whose name contains the words typed (accents and case ignored), or whose
 * phone is the number typed in any usual spelling; null when too short to search.
 */
export function residentSearchWhere(organisationId: string, query: string) {
  const text = query.trim()
  if (text.length < 2) return null
  const phone = normalisePhone(text)
  const key = nameSearchKey(text)
  return {
    organisationId,
    OR: [
      ...(phone.ok ? [{ phoneE164: phone.phone.e164 }] : []),
      ...(key.length >= 2 ? [{ searchKey: { contains: key } }] : []),
    ],
  }
}

/** The residents matching what was typed (residentSearchWhere). At most 20, by name. */
export async function searchResidents(db: Db, organisationId: string, query: string) {
  const where = residentSearchWhere(organisationId, query)
  if (!where) return []
  return db.resident.findMany({
    where,
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    take: 20,
    select: residentSelect,
  })
}

export function residentById(db: Db, id: string) {
  return db.resident.findUnique({ where: { id }, select: residentSelect })
}

/** Active topics of the organisation (public or not: reception may book any). */
export function bookableTopics(db: Db, organisationId: string) {
  return db.topic.findMany({
    where: { organisationId, active: true },
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
