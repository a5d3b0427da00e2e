import { HOLDS_OPENING_HOURS } from '~/domain/access'
import type { Db } from '~/platform/database/client.server'

// Reads of the advisor workspace's calendars. Every query is scoped by organisation; the
// caller has already checked the permission (app/domain/access).

export type CalendarAppointment = Awaited<ReturnType<typeof appointmentsBetween>>[number]

const appointmentSelect = {
  id: true,
  advisorId: true,
  startsAt: true,
  endsAt: true,
  status: true,
  mode: true,
  resident: { select: { id: true, firstName: true, lastName: true, phoneE164: true } },
  topic: { select: { id: true, name: true } },
  site: { select: { id: true, name: true, timeZone: true } },
} as const

/** Appointments of these advisors starting in [from, to), by start. */
export function appointmentsBetween(
  db: Db,
  organisationId: string,
  advisorIds: string[],
  from: Date,
  to: Date,
) {
  return db.appointment.findMany({
    where: { organisationId, advisorId: { in: advisorIds }, startsAt: { gte: from, lt: to } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: appointmentSelect,
  })
}

/** Absences of these advisors meeting [from, to). */
export function absencesBetween(db: Db, advisorIds: string[], from: Date, to: Date) {
  return db.absence.findMany({
    where: { advisorId: { in: advisorIds }, startsAt: { lt: to }, endsAt: { gt: from } },
    orderBy: { startsAt: 'asc' },
  })
}

/** Advisors with an opening rule at the site, by name. */
export async function siteAdvisors(db: Db, organisationId: string, siteId: string) {
  return db.advisor.findMany({
    where: {
      organisationId,
      active: true,
      ...HOLDS_OPENING_HOURS,
      openingRules: { some: { siteId } },
    },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: { id: true, firstName: true, lastName: true },
  })
}

/** Appointments at a site starting in [from, to), by start. */
export function siteAppointmentsBetween(
  db: Db,
  organisationId: string,
  siteId: string,
  from: Date,
  to: Date,
) {
  return db.appointment.findMany({
    where: { organisationId, siteId, startsAt: { gte: from, lt: to } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: appointmentSelect,
  })
}
