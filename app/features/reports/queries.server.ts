import type { Db } from '~/platform/database/client.server'

// Reads of the activity report pages. Rows read by id carry their organisation for the
// permission check; lists are scoped by the caller's organisation.

const TOPIC = {
  select: { name: true, theme: true, coopThemes: true, franceServicesOperator: true },
} as const
const REPORT = { include: { participants: { select: { residentId: true } } } } as const
const NAME = { select: { firstName: true, lastName: true } } as const

/** An appointment with what its report needs, and its report if there is one. */
export function appointmentSubject(db: Db, id: string) {
  return db.appointment.findUnique({
    where: { id },
    include: {
      topic: TOPIC,
      resident: { select: { id: true, firstName: true, lastName: true } },
      site: { select: { name: true, timeZone: true } },
      advisor: NAME,
      activityReport: REPORT,
    },
  })
}
export type AppointmentSubject = NonNullable<Awaited<ReturnType<typeof appointmentSubject>>>

/** Whether the resident was accompanied before: an earlier honoured appointment. */
export async function seenBefore(db: Db, residentId: string, before: Date) {
  const earlier = await db.appointment.count({
    where: { residentId, status: 'HONOURED', startsAt: { lt: before } },
  })
  return earlier > 0
}

/** A workshop session with its advisors, the people registered, and its report if any. */
export function sessionSubject(db: Db, id: string) {
  return db.workshopSession.findUnique({
    where: { id },
    include: {
      topic: TOPIC,
      site: { select: { name: true, timeZone: true } },
      advisors: {
        where: { active: true },
        orderBy: { advisor: { lastName: 'asc' } },
        select: { advisorId: true, advisor: NAME },
      },
      registrations: {
        where: { status: { not: 'CANCELLED' } },
        orderBy: [{ resident: { lastName: 'asc' } }, { resident: { firstName: 'asc' } }],
        select: { residentId: true, status: true, resident: NAME },
      },
      activityReport: REPORT,
    },
  })
}
export type SessionSubject = NonNullable<Awaited<ReturnType<typeof sessionSubject>>>

/** The organisation's active sites, by name: where an activity may have taken place. */
export function reportSites(db: Db, organisationId: string) {
  return db.site.findMany({
    where: { organisationId, active: true },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

type Scope = { organisationId: string; advisorId: string | null; now: Date }

// The flag narrows the read to what is left (an index); the missing report decides.
const appointmentsToDo = ({ organisationId, advisorId }: Scope) => ({
  organisationId,
  ...(advisorId ? { advisorId } : {}),
  status: 'HONOURED' as const,
  reported: false,
  activityReport: { is: null },
})

const sessionsToDo = ({ organisationId, advisorId, now }: Scope) => ({
  organisationId,
  status: 'SCHEDULED' as const,
  endsAt: { lte: now },
  activityReport: { is: null },
  ...(advisorId ? { advisors: { some: { advisorId, active: true } } } : {}),
})

/** How many reports are left to write (the workspace navigation shows it). */
export async function toDoCount(db: Db, scope: Scope) {
  const [appointments, sessions] = await Promise.all([
    db.appointment.count({ where: appointmentsToDo(scope) }),
    db.workshopSession.count({ where: sessionsToDo(scope) }),
  ])
  return appointments + sessions
}

/** The newest appointments and sessions without a report, at most `take` of each. */
export async function toDoList(db: Db, scope: Scope, take: number) {
  const [appointments, sessions] = await Promise.all([
    db.appointment.findMany({
      where: appointmentsToDo(scope),
      orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
      take,
      select: {
        id: true,
        startsAt: true,
        topic: { select: { name: true } },
        resident: NAME,
        advisor: NAME,
        site: { select: { timeZone: true } },
      },
    }),
    db.workshopSession.findMany({
      where: sessionsToDo(scope),
      orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
      take,
      select: {
        id: true,
        startsAt: true,
        topic: { select: { name: true } },
        site: { select: { name: true, timeZone: true } },
        advisors: { where: { active: true }, select: { advisor: NAME } },
        _count: { select: { registrations: { where: { status: { not: 'CANCELLED' } } } } },
      },
    }),
  ])
  return { appointments, sessions }
}

/** Reports filed or declined in a period, newest activity first. */
export function reportsBetween(
  db: Db,
  scope: { organisationId: string; advisorId: string | null; from: Date; to: Date },
  take: number,
) {
  return db.activityReport.findMany({
    where: {
      organisationId: scope.organisationId,
      ...(scope.advisorId ? { advisorId: scope.advisorId } : {}),
      date: { gte: scope.from, lt: scope.to },
    },
    orderBy: [{ date: 'desc' }, { id: 'asc' }],
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      date: true,
      durationMinutes: true,
      participantCount: true,
      appointmentId: true,
      workshopSessionId: true,
      advisor: NAME,
      appointment: { select: { topic: { select: { name: true } }, resident: NAME } },
      workshopSession: { select: { topic: { select: { name: true } } } },
    },
  })
}

/** The organisation's people who file reports: admins and advisors. */
export function reportingAdvisors(db: Db, organisationId: string) {
  return db.advisor.findMany({
    where: { organisationId, active: true, role: { in: ['ADMIN', 'ADVISOR'] } },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: { id: true, firstName: true, lastName: true },
  })
}
