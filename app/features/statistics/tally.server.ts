import { DateTime } from 'luxon'
import { instantRange, type InstantRange, type LocalPeriod } from '~/domain/statistics/period'
import { dayTally, sumTallies, type DayTally } from '~/domain/statistics/tally'
import { providerOfClient, type Db } from '~/platform/database/client.server'
import { Sql } from '~/platform/database/sql.server'
import type { PeriodFigures } from './figures.server'
import {
  appointmentGroups,
  leadTimeHistogram,
  messageFigures,
  peopleHelpedIds,
  talliedPeopleHelped,
  workshopFigures,
  type Scope,
} from './queries.server'

// The daily tallies (decision 098): the worker counts again each local day a write
// touched, with the page's own reads narrowed to that day, and the whole instance's
// figures add the tallies up instead of reading every appointment.

const TALLY_ID = 'instance'
const LEASE_MS = 60_000
const CHANGES_PER_BATCH = 5_000
// Ids per statement: under SQLite's limit on bound parameters.
const IDS_PER_STATEMENT = 900

type TallyRun = { owner: string; now: Date; stopping?: () => boolean }

/** Takes the tally's lease: created, or taken over from a worker whose lease lapsed. */
async function claim(db: Db, owner: string, now: Date): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS)
  const taken = await db.statisticsTally.updateMany({
    where: {
      id: TALLY_ID,
      OR: [{ leaseOwner: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseUntil },
  })
  if (taken.count === 1) return true
  try {
    await db.statisticsTally.create({ data: { id: TALLY_ID, leaseOwner: owner, leaseUntil } })
    return true
  } catch {
    // Another worker created it first and holds it.
    return false
  }
}

const dayKey = (organisationId: string, day: string) => `${organisationId} ${day}`

const inChunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / IDS_PER_STATEMENT) }, (_, index) =>
    items.slice(index * IDS_PER_STATEMENT, (index + 1) * IDS_PER_STATEMENT),
  )

/** Each person's first day helped, read again from their days. */
function recountFirstHelp(db: Db, personIds: string[]) {
  const sql = new Sql(providerOfClient(db))
  const ids = personIds.map((id) => sql.param(id)).join(', ')
  return db.$executeRawUnsafe(
    `INSERT INTO "StatisticsFirstHelp" ("personId", "day")
     SELECT p."personId", MIN(p."day") FROM "StatisticsPersonDay" AS p
     WHERE p."personId" IN (${ids}) GROUP BY p."personId"`,
    ...sql.params,
  )
}

/** The first days helped kept for these persons. */
async function firstDaysOf(db: Db, personIds: string[]) {
  const firsts = new Map<string, string>()
  for (const ids of inChunks(personIds)) {
    const rows = await db.statisticsFirstHelp.findMany({ where: { personId: { in: ids } } })
    for (const row of rows) firsts.set(row.personId, row.day)
  }
  return firsts
}

/**
 * Keeps the people helped on one organisation's local day, in one transaction with the
 * first days it moves: a crash leaves both as they were, to be counted again from the same
 * change. A first day is written only when the day comes before it, or read again from the
 * person's days when the day was it: most days move no one's.
 */
async function tallyPeople(db: Db, organisationId: string, day: string, range: InstantRange) {
  const scope: Scope = { organisationId, siteId: null, advisorId: null }
  const [kept, helped] = await Promise.all([
    db.statisticsPersonDay.findMany({ where: { organisationId, day }, select: { personId: true } }),
    peopleHelpedIds(db, scope, range),
  ])
  const before = new Set(kept.map((row) => row.personId))
  const now = new Set(helped)
  const gone = [...before].filter((id) => !now.has(id))
  const came = [...now].filter((id) => !before.has(id))
  if (gone.length === 0 && came.length === 0) return
  const firsts = await firstDaysOf(db, [...gone, ...came])
  const earlier = came.filter((id) => !firsts.has(id) || day < firsts.get(id)!)
  const recounted = gone.filter((id) => firsts.get(id) === day)
  await db.$transaction([
    ...inChunks(gone).map((ids) =>
      db.statisticsPersonDay.deleteMany({ where: { organisationId, day, personId: { in: ids } } }),
    ),
    ...(came.length === 0
      ? []
      : [
          db.statisticsPersonDay.createMany({
            data: came.map((personId) => ({ organisationId, day, personId })),
          }),
        ]),
    ...inChunks([...earlier, ...recounted]).map((ids) =>
      db.statisticsFirstHelp.deleteMany({ where: { personId: { in: ids } } }),
    ),
    ...(earlier.length === 0
      ? []
      : [
          db.statisticsFirstHelp.createMany({
            data: earlier.map((personId) => ({ personId, day })),
          }),
        ]),
    ...inChunks(recounted).map((ids) => recountFirstHelp(db, ids)),
  ])
}

/** Counts one organisation's local day again from its rows, and keeps the tally. */
async function tallyDay(db: Db, organisationId: string, day: string, zone: string) {
  const range = instantRange({ first: day, last: day }, zone)
  const scope: Scope = { organisationId, siteId: null, advisorId: null }
  const [groups, hours, messages] = await Promise.all([
    appointmentGroups(db, scope, range),
    leadTimeHistogram(db, scope, range),
    messageFigures(db, scope, range),
    tallyPeople(db, organisationId, day, range),
  ])
  if (groups.length === 0 && messages.reminders.length === 0 && messages.smsSegments === 0) {
    await db.statisticsDay.deleteMany({ where: { organisationId, day } })
    return
  }
  const figures = JSON.stringify(dayTally(groups, hours, messages))
  await db.statisticsDay.upsert({
    where: { organisationId_day: { organisationId, day } },
    create: { organisationId, day, figures },
    update: { figures, talliedAt: new Date() },
  })
}

/**
 * Tallies the days the recorded changes touched, a batch at a time, then deletes the
 * changes it read (by id: one committed while the batch ran stays for the next). One
 * worker at a time, under a lease; returns how many days and changes it handled.
 *
 * A day that cannot be counted (its organisation's zone unknown, a read that failed) keeps
 * its changes for the next run and does not hold the others back: the run goes on past it
 * and fails at its end with the first error, so the task is still reported.
 */
export async function tallyStatistics(db: Db, run: TallyRun) {
  const done = { days: 0, changes: 0 }
  if (!(await claim(db, run.owner, run.now))) return done
  const failures: unknown[] = []
  try {
    for (let after = 0; ;) {
      const changes = await db.statisticsChange.findMany({
        where: { id: { gt: after } },
        orderBy: { id: 'asc' },
        take: CHANGES_PER_BATCH,
        select: { id: true, organisationId: true, at: true },
      })
      if (changes.length === 0) break
      after = changes.at(-1)!.id
      const { days, dayOfChange } = await daysTouched(db, changes)
      const counted = new Set<string>()
      for (const [key, { organisationId, day, zone }] of days) {
        if (day === null) {
          failures.push(new Error('An organisation has an unknown time zone'))
          continue
        }
        try {
          await tallyDay(db, organisationId, day, zone)
          counted.add(key)
        } catch (error) {
          failures.push(error)
        }
      }
      const handled = changes.filter((change) => {
        const key = dayOfChange.get(change.id)
        return key === null || (key !== undefined && counted.has(key))
      })
      for (const ids of inChunks(handled.map((change) => change.id)))
        await db.statisticsChange.deleteMany({ where: { id: { in: ids } } })
      done.days += counted.size
      done.changes += handled.length
      if (run.stopping?.()) break
      if (!(await claim(db, run.owner, new Date()))) break
    }
  } finally {
    await db.statisticsTally.updateMany({
      where: { id: TALLY_ID, leaseOwner: run.owner },
      data: { leaseOwner: null, leaseUntil: null },
    })
  }
  if (failures.length > 0) throw failures[0]
  return done
}

type Change = { id: number; organisationId: string; at: Date }

/**
 * The organisation-days the changes touched (day null where the organisation's zone is
 * unknown), and each change's day key: null for an organisation deleted since, whose rows
 * went with it, so nothing is left to count.
 */
async function daysTouched(db: Db, changes: Change[]) {
  const organisations = await db.organisation.findMany({
    where: { id: { in: [...new Set(changes.map((change) => change.organisationId))] } },
    select: { id: true, timeZone: true },
  })
  const zones = new Map(organisations.map((o) => [o.id, o.timeZone]))
  const days = new Map<string, { organisationId: string; day: string | null; zone: string }>()
  const dayOfChange = new Map<number, string | null>()
  for (const change of changes) {
    const zone = zones.get(change.organisationId)
    if (!zone) {
      dayOfChange.set(change.id, null)
      continue
    }
    const day = DateTime.fromJSDate(change.at, { zone }).toISODate()
    const key = dayKey(change.organisationId, day ?? '')
    days.set(key, { organisationId: change.organisationId, day, zone })
    dayOfChange.set(change.id, key)
  }
  return { days, dayOfChange }
}

/** Changes written and not tallied yet: how far behind the instance's figures are. */
export function untalliedChanges(db: Db) {
  return db.statisticsChange.count()
}

/**
 * The whole instance's figures for a period: the counts summed from each organisation's
 * tallies of those local days, people helped counted from the tallied people of those days
 * (decision 101), workshops read live in `zone` (sessions are few).
 */
export async function instanceFigures(
  db: Db,
  period: LocalPeriod,
  zone: string,
  now: Date,
): Promise<PeriodFigures> {
  const range = instantRange(period, zone)
  const scope: Scope = { organisationId: null, siteId: null, advisorId: null }
  const [days, people, workshops] = await Promise.all([
    db.statisticsDay.findMany({
      where: { day: { gte: period.first, lte: period.last } },
      select: { figures: true },
    }),
    talliedPeopleHelped(db, period.first, period.last),
    workshopFigures(db, scope, range, now),
  ])
  const counts = sumTallies(days.map((day) => JSON.parse(day.figures) as DayTally))
  return { ...counts, people, workshops }
}
