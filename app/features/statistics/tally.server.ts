import { DateTime } from 'luxon'
import { instantRange, type LocalPeriod } from '~/domain/statistics/period'
import { dayTally, sumTallies, type DayTally } from '~/domain/statistics/tally'
import type { Db } from '~/platform/database/client.server'
import type { PeriodFigures } from './figures.server'
import {
  appointmentGroups,
  leadTimeHistogram,
  messageFigures,
  peopleHelped,
  workshopFigures,
  type Scope,
} from './queries.server'

// The daily tallies (decision 098): the worker counts again each local day a write
// touched, with the page's own reads narrowed to that day, and the whole instance's
// figures add the tallies up instead of reading every appointment.

const TALLY_ID = 'instance'
const LEASE_MS = 60_000
const CHANGES_PER_BATCH = 5_000
// Ids per DELETE: under SQLite's limit on bound parameters.
const IDS_PER_DELETE = 900

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

/** Counts one organisation's local day again from its rows, and keeps the tally. */
async function tallyDay(db: Db, organisationId: string, day: string, zone: string) {
  const range = instantRange({ first: day, last: day }, zone)
  const scope: Scope = { organisationId, siteId: null, advisorId: null }
  const [groups, hours, messages] = await Promise.all([
    appointmentGroups(db, scope, range),
    leadTimeHistogram(db, scope, range),
    messageFigures(db, scope, range),
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
 */
export async function tallyStatistics(db: Db, run: TallyRun) {
  const done = { days: 0, changes: 0 }
  if (!(await claim(db, run.owner, run.now))) return done
  try {
    for (;;) {
      const changes = await db.statisticsChange.findMany({
        orderBy: { id: 'asc' },
        take: CHANGES_PER_BATCH,
        select: { id: true, organisationId: true, at: true },
      })
      if (changes.length === 0) break
      const organisations = await db.organisation.findMany({
        where: { id: { in: [...new Set(changes.map((change) => change.organisationId))] } },
        select: { id: true, timeZone: true },
      })
      const zones = new Map(organisations.map((o) => [o.id, o.timeZone]))
      const days = new Map<string, { organisationId: string; day: string; zone: string }>()
      for (const change of changes) {
        const zone = zones.get(change.organisationId)
        // An organisation deleted since: its rows went with it, nothing to count.
        if (!zone) continue
        const day = DateTime.fromJSDate(change.at, { zone }).toISODate()!
        days.set(dayKey(change.organisationId, day), {
          organisationId: change.organisationId,
          day,
          zone,
        })
      }
      for (const { organisationId, day, zone } of days.values())
        await tallyDay(db, organisationId, day, zone)
      const ids = changes.map((change) => change.id)
      for (let start = 0; start < ids.length; start += IDS_PER_DELETE) {
        await db.statisticsChange.deleteMany({
          where: { id: { in: ids.slice(start, start + IDS_PER_DELETE) } },
        })
      }
      done.days += days.size
      done.changes += changes.length
      if (run.stopping?.()) break
      if (!(await claim(db, run.owner, new Date()))) break
    }
  } finally {
    await db.statisticsTally.updateMany({
      where: { id: TALLY_ID, leaseOwner: run.owner },
      data: { leaseOwner: null, leaseUntil: null },
    })
  }
  return done
}

/** Changes written and not tallied yet: how far behind the instance's figures are. */
export function untalliedChanges(db: Db) {
  return db.statisticsChange.count()
}

/**
 * The whole instance's figures for a period: the counts summed from each organisation's
 * tallies of those local days; people helped and workshops read live (distinct people
 * cannot be summed, and sessions are few), in `zone`.
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
    peopleHelped(db, scope, range),
    workshopFigures(db, scope, range, now),
  ])
  const counts = sumTallies(days.map((day) => JSON.parse(day.figures) as DayTally))
  return { ...counts, people, workshops }
}
