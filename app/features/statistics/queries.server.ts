import type { InstantRange } from '~/domain/statistics/period'
import type { AppointmentGroup } from '~/domain/statistics/tally'
import { providerOfClient, type Db } from '~/platform/database/client.server'
import { Sql, withoutJit } from '~/platform/database/sql.server'

// The statistics read in the database, grouped there: no query loads the rows it counts
// (decision 087). Each one is bounded by the period on an indexed start time, and the
// indexes hold every column they count (index-only reads, migration
// 20261201225001_statistics_covering_indexes).

/** Whose figures: an organisation (null: the whole instance), optionally one site or advisor. */
export type Scope = {
  organisationId: string | null
  siteId: string | null
  advisorId: string | null
}

const appointmentWhere = (scope: Scope, range: InstantRange) => ({
  ...(scope.organisationId ? { organisationId: scope.organisationId } : {}),
  ...(scope.siteId ? { siteId: scope.siteId } : {}),
  ...(scope.advisorId ? { advisorId: scope.advisorId } : {}),
  startsAt: { gte: range.from, lt: range.to },
})

const sessionWhere = (scope: Scope, range: InstantRange, now: Date) => ({
  ...(scope.organisationId ? { organisationId: scope.organisationId } : {}),
  ...(scope.siteId ? { siteId: scope.siteId } : {}),
  ...(scope.advisorId ? { advisors: { some: { advisorId: scope.advisorId } } } : {}),
  status: 'SCHEDULED' as const,
  // Held: started already (a session still to come has no fill rate yet).
  startsAt: { gte: range.from, lt: range.to < now ? range.to : now },
})

/** Appointments counted by status, channel, mode and topic: one grouped scan. */
export async function appointmentGroups(
  db: Db,
  scope: Scope,
  range: InstantRange,
): Promise<AppointmentGroup[]> {
  const groups = await withoutJit(
    db,
    db.appointment.groupBy({
      by: ['status', 'createdVia', 'mode', 'topicId'],
      where: appointmentWhere(scope, range),
      _count: { _all: true },
    }),
  )
  return groups.map((group) => ({
    status: group.status,
    createdVia: group.createdVia,
    mode: group.mode,
    topicId: group.topicId,
    count: group._count._all,
  }))
}

/** The theme and France Services operator of the topics the groups name. */
export function topicsOf(db: Db, ids: string[]) {
  return db.topic.findMany({
    where: { id: { in: ids } },
    select: { id: true, theme: true, franceServicesOperator: true },
  })
}

/** Conditions and parameters of a raw query, numbered for the provider. */
function appointmentConditions(sql: Sql, scope: Scope, range: InstantRange, alias: string) {
  const conditions = [`${alias}."startsAt" >= ${sql.param(range.from)}`]
  conditions.push(`${alias}."startsAt" < ${sql.param(range.to)}`)
  if (scope.organisationId)
    conditions.push(`${alias}."organisationId" = ${sql.param(scope.organisationId)}`)
  if (scope.siteId) conditions.push(`${alias}."siteId" = ${sql.param(scope.siteId)}`)
  if (scope.advisorId) conditions.push(`${alias}."advisorId" = ${sql.param(scope.advisorId)}`)
  return conditions
}

function sessionConditions(sql: Sql, scope: Scope, range: InstantRange, alias: string) {
  const conditions = [`${alias}."startsAt" >= ${sql.param(range.from)}`]
  conditions.push(`${alias}."startsAt" < ${sql.param(range.to)}`)
  conditions.push(`${alias}."status" = 'SCHEDULED'`)
  if (scope.organisationId)
    conditions.push(`${alias}."organisationId" = ${sql.param(scope.organisationId)}`)
  if (scope.siteId) conditions.push(`${alias}."siteId" = ${sql.param(scope.siteId)}`)
  if (scope.advisorId) {
    conditions.push(
      `EXISTS (SELECT 1 FROM "WorkshopSessionAdvisor" AS wsa WHERE wsa."sessionId" = ${alias}."id" AND wsa."advisorId" = ${sql.param(scope.advisorId)})`,
    )
  }
  return conditions
}

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value))

/**
 * Hours from booking to appointment, counted per whole hour, and their sum in hours: the
 * median is read from the counts (domain/statistics), the mean from the sum.
 */
export async function leadTimeHistogram(db: Db, scope: Scope, range: InstantRange) {
  const provider = providerOfClient(db)
  const sql = new Sql(provider)
  const where = appointmentConditions(sql, scope, range, 'a').join(' AND ')
  // date_part, a double: EXTRACT gives a numeric, three times slower over a year's rows.
  const hours =
    provider === 'postgresql'
      ? `GREATEST(0, FLOOR(date_part('epoch', a."startsAt" - a."createdAt") / 3600))::int`
      : `MAX(0, CAST((julianday(a."startsAt") - julianday(a."createdAt")) * 24 AS INTEGER))`
  const rows = await withoutJit(
    db,
    db.$queryRawUnsafe<{ hours: unknown; count: unknown }[]>(
      `SELECT ${hours} AS "hours", COUNT(*) AS "count" FROM "Appointment" AS a WHERE ${where} GROUP BY 1`,
      ...sql.params,
    ),
  )
  return rows.map((row) => ({ value: toNumber(row.hours), count: toNumber(row.count) }))
}

/**
 * The people helped in the scope and period, as SQL of one column "residentId": residents
 * with an honoured appointment or an attended session. Rows past their retention period
 * belong to the person's stand-in (decision 090): a person is the resident whose standInId
 * the row names, or the row's resident. A scalar lookup, not a join: SQLite's planner
 * scanned every resident for the join, its statistics seeing a column of nulls (353 ms
 * against 21 ms for 10,000 a year).
 */
function helpedPeople(sql: Sql, scope: Scope, range: InstantRange) {
  const appointments = appointmentConditions(sql, scope, range, 'a').join(' AND ')
  const sessions = sessionConditions(sql, scope, range, 's').join(' AND ')
  return `SELECT DISTINCT COALESCE(
      (SELECT o."id" FROM "Resident" AS o WHERE o."standInId" = x."residentId"), x."residentId"
    ) AS "residentId"
    FROM (
      SELECT a."residentId" FROM "Appointment" AS a WHERE ${appointments} AND a."status" = 'HONOURED'
      UNION
      SELECT r."residentId" FROM "WorkshopRegistration" AS r
        JOIN "WorkshopSession" AS s ON s."id" = r."sessionId"
        WHERE ${sessions} AND r."status" = 'ATTENDED'
    ) AS x`
}

/** The ids of the people helped in the scope and period (a day's, for the tallies). */
export async function peopleHelpedIds(db: Db, scope: Scope, range: InstantRange) {
  const sql = new Sql(providerOfClient(db))
  const rows = await withoutJit(
    db,
    db.$queryRawUnsafe<{ residentId: string }[]>(helpedPeople(sql, scope, range), ...sql.params),
  )
  return rows.map((row) => row.residentId)
}

/**
 * People helped: distinct residents with an honoured appointment or an attended session in
 * the period, and how many of them had none before it (new to the organisation).
 */
export async function peopleHelped(db: Db, scope: Scope, range: InstantRange) {
  const sql = new Sql(providerOfClient(db))
  const people = helpedPeople(sql, scope, range)
  // One parameter per use, in the order they appear: SQLite's are positional.
  const from = sql.param(range.from)
  const fromStandIn = sql.param(range.from)
  const before = sql.param(range.from)
  const rows = await withoutJit(
    db,
    db.$queryRawUnsafe<{ total: unknown; fresh: unknown }[]>(
      `WITH people AS (${people}), helped AS (
       SELECT h."residentId", p."standInId"
       FROM people AS h LEFT JOIN "Resident" AS p ON p."id" = h."residentId"
     )
     SELECT COUNT(*) AS "total",
       SUM(CASE WHEN NOT EXISTS (
           SELECT 1 FROM "Appointment" AS e
           WHERE e."residentId" = h."residentId" AND e."status" = 'HONOURED' AND e."startsAt" < ${from}
         ) AND NOT EXISTS (
           SELECT 1 FROM "Appointment" AS e
           WHERE e."residentId" = h."standInId" AND e."status" = 'HONOURED' AND e."startsAt" < ${fromStandIn}
         ) AND NOT EXISTS (
           SELECT 1 FROM "WorkshopRegistration" AS er
             JOIN "WorkshopSession" AS es ON es."id" = er."sessionId"
           WHERE er."residentId" IN (h."residentId", h."standInId") AND er."status" = 'ATTENDED' AND es."startsAt" < ${before}
         ) THEN 1 ELSE 0 END) AS "fresh"
     FROM helped AS h`,
      ...sql.params,
    ),
  )
  return { total: toNumber(rows[0]?.total), fresh: toNumber(rows[0]?.fresh) }
}

/**
 * People helped over local days, from the tallies (decision 101): the distinct persons of
 * the days' rows, and those whose first day helped falls among them. Grouped rather than
 * COUNT(DISTINCT): PostgreSQL hashes a GROUP BY, and sorts for a DISTINCT count.
 */
export async function talliedPeopleHelped(db: Db, first: string, last: string) {
  const sql = new Sql(providerOfClient(db))
  const [rows, fresh] = await Promise.all([
    withoutJit(
      db,
      db.$queryRawUnsafe<{ total: unknown }[]>(
        `SELECT COUNT(*) AS "total" FROM (
           SELECT p."personId" FROM "StatisticsPersonDay" AS p
           WHERE p."day" >= ${sql.param(first)} AND p."day" <= ${sql.param(last)}
           GROUP BY p."personId"
         ) AS people`,
        ...sql.params,
      ),
    ),
    withoutJit(db, db.statisticsFirstHelp.count({ where: { day: { gte: first, lte: last } } })),
  ])
  return { total: toNumber(rows[0]?.total), fresh }
}

/** Held sessions, their seats and the seats taken; waiting-list entries and those registered. */
export async function workshopFigures(db: Db, scope: Scope, range: InstantRange, now: Date) {
  const where = sessionWhere(scope, range, now)
  const [sessions, taken, waitlist] = await Promise.all([
    withoutJit(
      db,
      db.workshopSession.aggregate({ where, _count: { _all: true }, _sum: { seatCount: true } }),
    ),
    withoutJit(
      db,
      db.workshopRegistration.count({ where: { status: { not: 'CANCELLED' }, session: where } }),
    ),
    withoutJit(
      db,
      db.waitlistEntry.groupBy({
        by: ['status'],
        where: { session: { ...where, startsAt: appointmentWhere(scope, range).startsAt } },
        _count: { _all: true },
      }),
    ),
  ])
  const entries = waitlist.reduce((sum, group) => sum + group._count._all, 0)
  const converted = waitlist.find((group) => group.status === 'REGISTERED')?._count._all ?? 0
  return {
    sessions: sessions._count._all,
    seats: sessions._sum.seatCount ?? 0,
    taken,
    waitlistEntries: entries,
    waitlistConverted: converted,
  }
}

// Reminders of appointments and of workshop registrations (outbox kinds, decision 081).
const REMINDER_KINDS = ['REMINDER:', 'WORKSHOP_REMINDER:']

/**
 * What messages are about, narrowed to a site or advisor when the scope names one. Raw SQL:
 * Prisma's relation filters read every message's appointment (1.8 s for a site's year in
 * bench:stats), these EXISTS probes 40 ms.
 */
function notificationConditions(sql: Sql, scope: Scope, range: InstantRange) {
  const conditions = [`n."dueAt" >= ${sql.param(range.from)}`, `n."dueAt" < ${sql.param(range.to)}`]
  if (scope.organisationId)
    conditions.push(`n."organisationId" = ${sql.param(scope.organisationId)}`)
  if (!scope.siteId && !scope.advisorId) return conditions
  const appointment = ['a."id" = n."appointmentId"']
  const session = ['r."id" = n."registrationId"']
  if (scope.siteId) {
    appointment.push(`a."siteId" = ${sql.param(scope.siteId)}`)
    session.push(`s."siteId" = ${sql.param(scope.siteId)}`)
  }
  if (scope.advisorId) {
    appointment.push(`a."advisorId" = ${sql.param(scope.advisorId)}`)
    session.push(
      `EXISTS (SELECT 1 FROM "WorkshopSessionAdvisor" AS wsa WHERE wsa."sessionId" = s."id" AND wsa."advisorId" = ${sql.param(scope.advisorId)})`,
    )
  }
  conditions.push(
    `(EXISTS (SELECT 1 FROM "Appointment" AS a WHERE ${appointment.join(' AND ')})
      OR EXISTS (SELECT 1 FROM "WorkshopRegistration" AS r JOIN "WorkshopSession" AS s ON s."id" = r."sessionId"
        WHERE ${session.join(' AND ')}))`,
  )
  return conditions
}

/** Reminders counted by channel and status, and the SMS segments of every message sent. */
export async function messageFigures(db: Db, scope: Scope, range: InstantRange) {
  const sql = new Sql(providerOfClient(db))
  const reminder = REMINDER_KINDS.map((kind) => `n."kind" LIKE ${sql.param(`${kind}%`)}`).join(
    ' OR ',
  )
  const where = notificationConditions(sql, scope, range).join(' AND ')
  // One read of the period's messages for both figures.
  const rows = await withoutJit(
    db,
    db.$queryRawUnsafe<{ channel: string; status: string; count: unknown; segments: unknown }[]>(
      `SELECT n."channel" AS "channel", n."status" AS "status",
         SUM(CASE WHEN ${reminder} THEN 1 ELSE 0 END) AS "count",
         SUM(CASE WHEN n."channel" = 'SMS' THEN n."segments" ELSE 0 END) AS "segments"
       FROM "Notification" AS n WHERE ${where} GROUP BY n."channel", n."status"`,
      ...sql.params,
    ),
  )
  return {
    reminders: rows
      .map((row) => ({ channel: row.channel, status: row.status, count: toNumber(row.count) }))
      .filter((row) => row.count > 0),
    smsSegments: rows.reduce((sum, row) => sum + toNumber(row.segments), 0),
  }
}
