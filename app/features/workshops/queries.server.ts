import type { Db } from '~/platform/database/client.server'

// Reads of the workspace's workshop pages. Scoped by organisation where the caller gives
// one; a session read by id carries its organisation for the permission check.

/** Active collective topics of the organisation, by name: what a session can be of. */
export function collectiveTopics(db: Db, organisationId: string) {
  return db.topic.findMany({
    where: { organisationId, active: true, format: 'COLLECTIVE' },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, instructions: true, instructionsEn: true },
  })
}

/** Active sites of the organisation with the clock their sessions are read on. */
export async function sessionSites(db: Db, organisation: { id: string; timeZone: string }) {
  const sites = await db.site.findMany({
    where: { organisationId: organisation.id, active: true },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, timeZone: true },
  })
  return sites.map((site) => ({ ...site, timeZone: site.timeZone ?? organisation.timeZone }))
}

const HOLDING = { status: { not: 'CANCELLED' as const } }
const WAITING = { status: { in: ['WAITING' as const, 'OFFERED' as const] } }

/** What a list or a calendar shows of a session: when, what, where, who, how full. */
export const SESSION_SUMMARY = {
  id: true,
  organisationId: true,
  seriesId: true,
  startsAt: true,
  endsAt: true,
  status: true,
  seatCount: true,
  topic: { select: { id: true, name: true } },
  site: { select: { id: true, name: true, timeZone: true } },
  advisors: {
    orderBy: { advisor: { lastName: 'asc' } },
    select: { advisorId: true, advisor: { select: { firstName: true, lastName: true } } },
  },
  _count: {
    select: {
      registrations: { where: HOLDING },
      waitlist: { where: WAITING },
      // Free seats held for someone offered them from the waiting list.
      seats: { where: { heldFor: { isNot: null } } },
    },
  },
} as const

export type SessionSummary = Awaited<ReturnType<typeof upcomingSessions>>[number]

/** Sessions not over yet (cancelled ones too, marked), by start; at one site if given. */
export function upcomingSessions(
  db: Db,
  organisationId: string,
  filter: { siteId: string | null; now: Date },
) {
  return db.workshopSession.findMany({
    where: {
      organisationId,
      endsAt: { gt: filter.now },
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: SESSION_SUMMARY,
  })
}

/** One session with everything its page shows, whatever the organisation (the caller checks it). */
export function sessionById(db: Db, id: string) {
  return db.workshopSession.findUnique({
    where: { id },
    select: {
      ...SESSION_SUMMARY,
      version: true,
      level: true,
      whatToBring: true,
      whatToBringEn: true,
      cancellationReason: true,
      activityReport: { select: { status: true, advisorId: true } },
      series: {
        select: {
          enrolment: true,
          sessions: {
            orderBy: { startsAt: 'asc' },
            select: { id: true, startsAt: true, status: true },
          },
        },
      },
      registrations: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          status: true,
          version: true,
          companionOfId: true,
          companionName: true,
          createdVia: true,
          helperName: true,
          resident: {
            select: { id: true, firstName: true, lastName: true, phoneE164: true, email: true },
          },
        },
      },
    },
  })
}

export type SessionDetail = NonNullable<Awaited<ReturnType<typeof sessionById>>>

/** The audit events of the session and its registrations, oldest first, with who acted. */
export function sessionHistory(
  db: Db,
  organisationId: string,
  session: { id: string; registrations: { id: string }[] },
) {
  return db.auditEvent.findMany({
    where: {
      organisationId,
      OR: [
        { entityType: 'WorkshopSession', entityId: session.id },
        {
          entityType: 'WorkshopRegistration',
          entityId: { in: session.registrations.map((row) => row.id) },
        },
      ],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { advisor: { select: { firstName: true, lastName: true } } },
  })
}

/**
 * Sessions starting in [from, to) that these advisors run, or held at this site, by start
 * (cancelled ones too: calendars strike them through).
 */
export function sessionsBetween(
  db: Db,
  organisationId: string,
  scope: { advisorIds: string[] } | { siteId: string },
  from: Date,
  to: Date,
) {
  return db.workshopSession.findMany({
    where: {
      organisationId,
      startsAt: { gte: from, lt: to },
      ...('siteId' in scope
        ? { siteId: scope.siteId }
        : { advisors: { some: { advisorId: { in: scope.advisorIds } } } }),
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: SESSION_SUMMARY,
  })
}
