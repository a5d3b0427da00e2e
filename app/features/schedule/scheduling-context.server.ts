import { HOLDS_OPENING_HOURS } from '~/domain/access'
import { SchedulingError } from '~/domain/scheduling/errors'
import { ONE_TO_ONE } from '~/domain/topics/format'
import { isHolidayRegion, type HolidayRegion } from '~/domain/scheduling/holidays'
import type {
  LoadWindow,
  Mode,
  OpeningRule,
  SchedulingData,
  SchedulingOrganisation,
  SchedulingSite,
  SchedulingTopic,
} from '~/domain/scheduling/types'
import { providerOfClient, type Db } from '~/platform/database/client.server'
import type { DatabaseProvider } from '~/platform/database/provider'
import { readRows, Sql } from '~/platform/database/sql.server'
import { ruleOfRow, type RuleRow } from './rule-rows.server'
import { DAY_MS } from '~/domain/scheduling/calendar'

// Statuses that hold an advisor's time; the same list as the database's no-overlap guard.
export const ACTIVE_STATUSES = ['BOOKED', 'HONOURED', 'NO_SHOW'] as const
// No appointment or workshop session lasts longer than a day (a session starts and ends on
// one date), so a window's busy rows all start after `from - 1 day`: the start index
// bounds the scan on both sides, whatever the history.
const LONGEST_APPOINTMENT_MS = DAY_MS

/** A stored holiday region, checked: an unknown one is refused, never read as the whole country. */
export function holidayRegionOf(value: string | null, what: string): HolidayRegion | null {
  if (value === null) return null
  if (!isHolidayRegion(value))
    throw new SchedulingError('INVALID_HOLIDAY_REGION', `${what} has holiday region ${value}`)
  return value
}

/** The organisation, its open sites, its known advisors and (if it is one of its own) the topic. */
export async function loadSchedulingContext(db: Db, organisationId: string, topicId: string) {
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    select: {
      id: true,
      timeZone: true,
      holidayRegion: true,
      slotStepMinutes: true,
      sites: { where: { active: true }, select: { id: true, timeZone: true, holidayRegion: true } },
      advisors: { where: { active: true, ...HOLDS_OPENING_HOURS }, select: { id: true } },
      topics: {
        // A collective topic has sessions, never slots: the engine finds none for it.
        where: { id: topicId, active: true, ...ONE_TO_ONE },
        select: {
          id: true,
          durationMinutes: true,
          bufferMinutes: true,
          minNoticeMinutes: true,
          horizonDays: true,
          allowsInPerson: true,
          allowsPhone: true,
        },
      },
    },
  })
  if (!organisation) return null
  const schedulingOrganisation: SchedulingOrganisation = {
    id: organisation.id,
    timeZone: organisation.timeZone,
    holidayRegion: holidayRegionOf(organisation.holidayRegion, 'organisation')!,
    slotStepMinutes: organisation.slotStepMinutes,
  }
  const sites: SchedulingSite[] = organisation.sites.map((site) => ({
    id: site.id,
    timeZone: site.timeZone,
    holidayRegion: holidayRegionOf(site.holidayRegion, `site ${site.id}`),
  }))
  const topic: SchedulingTopic | null = organisation.topics[0] ?? null
  return {
    organisation: schedulingOrganisation,
    sites,
    topic,
    advisorIds: organisation.advisors.map((advisor) => advisor.id),
  }
}

/** What the slot engine reads besides the window's data: organisation, sites, topic, advisors. */
export type SchedulingContext = NonNullable<Awaited<ReturnType<typeof loadSchedulingContext>>>

export type WindowFilter = {
  organisationId: string
  mode: Mode
  siteId?: string | null
  advisorId?: string | null
}

/**
 * Loads what touches [from, to) with range queries on indexed columns only, so the cost
 * follows the window, not the size of the history. Two statements written by hand: Prisma's
 * JS engine compiles each model query in WebAssembly, about seven times the cost of the
 * same rows read as SQL, and every free time shown or checked asks here (decision 097).
 */
export function windowLoader(db: Db, filter: WindowFilter, bufferMinutes = 0): LoadWindow {
  const provider = providerOfClient(db)
  return async (from, to) => {
    const margin = bufferMinutes * 60_000
    // Rule dates are local; a day either side covers every time zone.
    const firstDay = new Date(from.getTime() - DAY_MS).toISOString().slice(0, 10)
    const lastDay = new Date(to.getTime() + DAY_MS).toISOString().slice(0, 10)
    const busyFrom = new Date(from.getTime() - margin)
    const busyTo = new Date(to.getTime() + margin)
    const [rules, busy] = await Promise.all([
      readRules(db, provider, filter, firstDay, lastDay),
      readBusy(db, provider, filter, busyFrom, busyTo),
    ])
    const data: SchedulingData = {
      rules,
      absences: busy.filter((row) => row.kind === 'absence').map(busyTime),
      appointments: busy.filter((row) => row.kind !== 'absence').map(busyTime),
    }
    return data
  }
}

type BusyRow = { kind: string; advisorId: string; startsAt: Date; endsAt: Date }
const busyTime = (row: BusyRow) => ({
  advisorId: row.advisorId,
  start: row.startsAt,
  end: row.endsAt,
})

/**
 * Who holds opening hours in the filter: the organisation's active advisors, never
 * reception (an old rule of theirs, if left, never gives slots: decision 065).
 */
function advisorScope(sql: Sql, alias: string, filter: WindowFilter) {
  return [
    `${alias}."organisationId" = ${sql.param(filter.organisationId)}`,
    `${alias}."active" = true`,
    `${alias}."role" <> '${HOLDS_OPENING_HOURS.role.not}'`,
    ...(filter.advisorId ? [`${alias}."id" = ${sql.param(filter.advisorId)}`] : []),
  ].join(' AND ')
}

async function readRules(
  db: Db,
  provider: DatabaseProvider,
  filter: WindowFilter,
  firstDay: string,
  lastDay: string,
): Promise<OpeningRule[]> {
  const sql = new Sql(provider)
  const where = [
    advisorScope(sql, 'a', filter),
    `r."validFrom" <= ${sql.param(lastDay)}`,
    `(r."validUntil" IS NULL OR r."validUntil" >= ${sql.param(firstDay)})`,
    filter.mode === 'PHONE'
      ? 'r."siteId" IS NULL'
      : `EXISTS (SELECT 1 FROM "Site" AS s WHERE s."id" = r."siteId" AND s."active" = true${
          filter.siteId ? ` AND s."id" = ${sql.param(filter.siteId)}` : ''
        })`,
  ].join(' AND ')
  // One row per rule and topic it serves (one with a null topic: it serves every topic).
  const rows = await readRows<Omit<RuleRow, 'topics'> & { topicId: string | null }>(
    db,
    `SELECT r."id", r."advisorId", r."siteId", r."weekdays", r."startTime", r."endTime",
            r."everyNWeeks", r."validFrom", r."validUntil", t."topicId"
       FROM "OpeningRule" AS r
       JOIN "Advisor" AS a ON a."id" = r."advisorId"
       LEFT JOIN "OpeningRuleTopic" AS t ON t."openingRuleId" = r."id"
      WHERE ${where}`,
    sql.params,
  )
  const byId = new Map<string, RuleRow>()
  for (const { topicId, ...row } of rows) {
    const rule = byId.get(row.id) ?? { ...row, topics: [] }
    if (topicId !== null) rule.topics.push({ topicId })
    byId.set(row.id, rule)
  }
  return [...byId.values()].map(ruleOfRow)
}

/** Absences, active appointments and workshop sessions (decision 082) touching the window. */
function readBusy(
  db: Db,
  provider: DatabaseProvider,
  filter: WindowFilter,
  from: Date,
  to: Date,
): Promise<BusyRow[]> {
  const sql = new Sql(provider)
  const absences = `SELECT 'absence' AS "kind", b."advisorId", b."startsAt", b."endsAt"
       FROM "Absence" AS b JOIN "Advisor" AS a ON a."id" = b."advisorId"
      WHERE ${advisorScope(sql, 'a', filter)}
        AND b."endsAt" > ${sql.param(from)} AND b."startsAt" < ${sql.param(to)}`
  const statuses = ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')
  const appointments = `SELECT 'appointment' AS "kind", p."advisorId", p."startsAt", p."endsAt"
       FROM "Appointment" AS p
      WHERE p."organisationId" = ${sql.param(filter.organisationId)}
        ${filter.advisorId ? `AND p."advisorId" = ${sql.param(filter.advisorId)}` : ''}
        AND p."status" IN (${statuses})
        AND p."startsAt" >= ${sql.param(new Date(from.getTime() - LONGEST_APPOINTMENT_MS))}
        AND p."startsAt" < ${sql.param(to)} AND p."endsAt" > ${sql.param(from)}`
  const sessions = `SELECT 'session' AS "kind", w."advisorId", w."startsAt", w."endsAt"
       FROM "WorkshopSessionAdvisor" AS w JOIN "Advisor" AS a ON a."id" = w."advisorId"
      WHERE w."active" = true AND ${advisorScope(sql, 'a', filter)}
        AND w."startsAt" >= ${sql.param(new Date(from.getTime() - LONGEST_APPOINTMENT_MS))}
        AND w."startsAt" < ${sql.param(to)} AND w."endsAt" > ${sql.param(from)}`
  return readRows<BusyRow>(
    db,
    `${absences} UNION ALL ${appointments} UNION ALL ${sessions}`,
    sql.params,
  )
}
