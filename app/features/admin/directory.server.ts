import { receivesAppointments } from '~/domain/access'
import type { Db } from '~/platform/database/client.server'

// The organisation's team and sites as other pages read them (pickers, the owner of a
// calendar or of hours). The administration pages that change them are in records.server.ts.

/** Active advisors of the organisation, by name. */
export function organisationAdvisors(db: Db, organisationId: string) {
  return db.advisor.findMany({
    where: { organisationId, active: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: { id: true, firstName: true, lastName: true, organisationId: true, role: true },
  })
}

/**
 * The active members who receive appointments, by name: every advisor picker offers
 * these, never a receptionist or an admin without hours.
 */
export async function receivingAdvisors(db: Db, organisationId: string) {
  const members = await db.advisor.findMany({
    where: { organisationId, active: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: {
      id: true,
      firstName: true,
      lastName: true,
      organisationId: true,
      role: true,
      _count: { select: { openingRules: true } },
    },
  })
  return members
    .filter((member) =>
      receivesAppointments({ role: member.role, openingRules: member._count.openingRules }),
    )
    .map(({ _count, ...member }) => member)
}

/** One advisor by id, whatever the organisation (the caller checks it). */
export function advisorById(db: Db, id: string) {
  return db.advisor.findUnique({
    where: { id },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      organisationId: true,
      active: true,
      role: true,
    },
  })
}

/** Advisors by id, in the order of their names, whatever the organisation (the caller checks it). */
export function advisorsByIds(db: Db, ids: string[]) {
  return db.advisor.findMany({
    where: { id: { in: ids } },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: {
      id: true,
      firstName: true,
      lastName: true,
      organisationId: true,
      active: true,
      role: true,
    },
  })
}

/** A site by id, whatever the organisation (the caller checks it). */
export function siteById(db: Db, id: string) {
  return db.site.findUnique({
    where: { id },
    select: { id: true, name: true, organisationId: true, timeZone: true },
  })
}

/** Active sites of the organisation, by name. */
export function organisationSites(db: Db, organisationId: string) {
  return db.site.findMany({
    where: { organisationId, active: true },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}
