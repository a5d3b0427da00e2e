import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { instantRange, type LocalPeriod } from '~/domain/statistics/period'
import { leadDaysOf } from '~/domain/statistics/tally'
import { periodFigures, type PeriodFigures } from '~/features/statistics/figures.server'
import {
  instanceFigures,
  tallyStatistics,
  untalliedChanges,
} from '~/features/statistics/tally.server'
import { mergeResidents } from '~/features/residents/directory.server'
import { eraseAppointment } from '~/features/retention/anonymise.server'
import type { Db } from '~/platform/database/client.server'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createStatisticsFixture } from '../support/statistics-fixture'

// The whole instance's figures come from daily tallies the worker keeps (decision 098):
// whatever is written (booked, cancelled, moved, deleted, a message delivered), once the
// worker has tallied, they equal the live count of every appointment, and they need no
// page of the organisation read.

const ZONE = 'Europe/Paris'
const OCTOBER: LocalPeriod = { first: '2026-10-01', last: '2026-10-31' }
const SEPTEMBER: LocalPeriod = { first: '2026-08-31', last: '2026-09-30' }
const NOW = new Date('2026-11-15T12:00:00Z')
const AUTUMN: LocalPeriod = { first: '2026-08-31', last: '2026-10-31' }
const INSTANCE = { organisationId: null, siteId: null, advisorId: null }

let database: TestDatabase
let db: Db
let fixture: Awaited<ReturnType<typeof createStatisticsFixture>>

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  fixture = await createStatisticsFixture(db)
})
afterAll(async () => {
  await database?.drop()
})

/** The live figures of the instance, with lead times counted again by whole day. */
async function live(period: LocalPeriod): Promise<PeriodFigures> {
  const figures = await periodFigures(db, INSTANCE, instantRange(period, ZONE), NOW)
  const days = leadDaysOf(figures.lead.bins)
  return {
    ...figures,
    lead: {
      binHours: 24,
      bins: Object.entries(days).map(([day, count]) => ({ value: Number(day) * 24, count })),
    },
  }
}

/** Figures compared whatever the order the rows came in. */
function comparable(figures: PeriodFigures) {
  return {
    ...figures,
    lead: { ...figures.lead, bins: figures.lead.bins.toSorted((a, b) => a.value - b.value) },
    messages: {
      ...figures.messages,
      reminders: figures.messages.reminders.toSorted((a, b) =>
        `${a.channel}${a.status}`.localeCompare(`${b.channel}${b.status}`),
      ),
    },
  }
}

async function expectTalliedAsLive(period: LocalPeriod) {
  expect(comparable(await instanceFigures(db, period, ZONE, NOW))).toEqual(
    comparable(await live(period)),
  )
}

describe(`daily statistics tallies on ${testProvider}`, () => {
  test('before the worker has tallied, the instance counts nothing; after, what is there', async () => {
    expect(await untalliedChanges(db)).toBeGreaterThan(0)
    const untallied = await instanceFigures(db, OCTOBER, ZONE, NOW)
    expect(untallied.appointments.status).toEqual({})

    const done = await tallyStatistics(db, { owner: 'worker-a', now: NOW })
    expect(done.days).toBeGreaterThan(0)
    expect(await untalliedChanges(db)).toBe(0)
    await expectTalliedAsLive(OCTOBER)
    await expectTalliedAsLive(SEPTEMBER)
    const october = await instanceFigures(db, OCTOBER, ZONE, NOW)
    // The hand-counted fixture (tests/support/statistics-fixture.ts): October's statuses.
    expect(october.appointments.status.HONOURED).toBeGreaterThan(0)
    const range = instantRange(OCTOBER, ZONE)
    expect(Object.values(october.appointments.status).reduce((a, b) => a + b)).toBe(
      await db.appointment.count({ where: { startsAt: { gte: range.from, lt: range.to } } }),
    )
  })

  test('cancelled, moved to another month, deleted, booked, a reminder delivered: tallied again', async () => {
    const october = instantRange(OCTOBER, ZONE)
    const rows = await db.appointment.findMany({
      where: { startsAt: { gte: october.from, lt: october.to } },
      orderBy: { startsAt: 'asc' },
    })
    expect(rows.length).toBeGreaterThanOrEqual(3)
    const [cancelled, moved, deleted] = rows as [
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
    ]
    await db.appointment.update({ where: { id: cancelled.id }, data: { status: 'CANCELLED' } })
    const september = new Date('2026-09-14T08:00:00Z')
    await db.appointment.update({
      where: { id: moved.id },
      data: { startsAt: september, endsAt: new Date(september.getTime() + 30 * 60_000) },
    })
    await db.activityReport.deleteMany({ where: { appointmentId: deleted.id } })
    await db.notification.deleteMany({ where: { appointmentId: deleted.id } })
    await db.appointment.delete({ where: { id: deleted.id } })
    const late = new Date('2026-10-31T22:30:00Z') // 1 November in Paris: not October
    await db.appointment.create({
      data: {
        organisationId: fixture.organisationId,
        advisorId: fixture.karim.id,
        topicId: cancelled.topicId,
        residentId: cancelled.residentId,
        mode: 'PHONE',
        startsAt: late,
        endsAt: new Date(late.getTime() + 30 * 60_000),
        status: 'BOOKED',
        createdVia: 'HELPER',
        createdAt: new Date('2026-10-20T10:00:00Z'),
      },
    })
    const reminder = await db.notification.findFirst({
      where: { kind: { startsWith: 'REMINDER:' }, status: { not: 'DELIVERED' } },
    })
    if (reminder) {
      await db.notification.update({ where: { id: reminder.id }, data: { status: 'DELIVERED' } })
    }
    const before = await instanceFigures(db, OCTOBER, ZONE, NOW)

    await tallyStatistics(db, { owner: 'worker-a', now: NOW })
    await expectTalliedAsLive(OCTOBER)
    await expectTalliedAsLive(SEPTEMBER)
    await expectTalliedAsLive({ first: '2026-11-01', last: '2026-11-30' })
    const after = await instanceFigures(db, OCTOBER, ZONE, NOW)
    expect(after.appointments.status.CANCELLED ?? 0).toBe(
      (before.appointments.status.CANCELLED ?? 0) + (cancelled.status === 'CANCELLED' ? 0 : 1),
    )
  })

  test('two workers at once: one tallies under the lease, the other leaves it, nothing is lost', async () => {
    const october = instantRange(OCTOBER, ZONE)
    const booked = await db.appointment.findMany({
      where: { startsAt: { gte: october.from, lt: october.to }, status: { not: 'NO_SHOW' } },
    })
    for (const row of booked)
      await db.appointment.update({ where: { id: row.id }, data: { status: 'NO_SHOW' } })
    const [a, b] = await Promise.all([
      tallyStatistics(db, { owner: 'worker-a', now: NOW }),
      tallyStatistics(db, { owner: 'worker-b', now: NOW }),
    ])
    // Whichever lost the race found the lease taken, or nothing left to do.
    expect(a.changes + b.changes).toBe(booked.length)
    expect(await untalliedChanges(db)).toBe(0)
    await expectTalliedAsLive(OCTOBER)
    const lease = await db.statisticsTally.findUniqueOrThrow({ where: { id: 'instance' } })
    expect(lease.leaseOwner).toBeNull()
  })

  test('a worker that died holding the lease: another takes over once it lapses', async () => {
    await db.statisticsTally.update({
      where: { id: 'instance' },
      data: { leaseOwner: 'dead-worker', leaseUntil: new Date(NOW.getTime() + 30_000) },
    })
    const row = await db.appointment.findFirstOrThrow({ where: { status: 'NO_SHOW' } })
    await db.appointment.update({ where: { id: row.id }, data: { status: 'HONOURED' } })
    expect(await tallyStatistics(db, { owner: 'worker-a', now: NOW })).toEqual({
      days: 0,
      changes: 0,
    })
    expect(await untalliedChanges(db)).toBe(1)
    const later = new Date(NOW.getTime() + 61_000)
    expect((await tallyStatistics(db, { owner: 'worker-a', now: later })).changes).toBe(1)
    await expectTalliedAsLive(OCTOBER)
  })

  test('people helped: attendance, a session moved, a merge, a stand-in, a first visit undone', async () => {
    const tally = async () => {
      await tallyStatistics(db, { owner: 'worker-a', now: NOW })
      expect(await untalliedChanges(db)).toBe(0)
      for (const period of [OCTOBER, SEPTEMBER, AUTUMN]) await expectTalliedAsLive(period)
      return (await instanceFigures(db, OCTOBER, ZONE, NOW)).people
    }
    const resident = (firstName: string) =>
      db.resident.findFirstOrThrow({ where: { organisationId: fixture.organisationId, firstName } })
    const start = await tally()

    // G was marked absent from the October session; now present, and new.
    const g = await resident('G')
    await db.workshopRegistration.updateMany({
      where: { residentId: g.id, status: 'ABSENT' },
      data: { status: 'ATTENDED' },
    })
    expect(await tally()).toEqual({ total: start.total + 1, fresh: start.fresh + 1 })

    // B is honoured in October, then merged into E: one person less if E was helped in
    // October too; B's rows are E's from then on.
    const b = await resident('B')
    const e = await resident('E')
    const october = instantRange(OCTOBER, ZONE)
    await db.appointment.updateMany({
      where: { residentId: b.id, startsAt: { gte: october.from, lt: october.to } },
      data: { status: 'HONOURED' },
    })
    const withB = await tally()
    const eHelpedInOctober = await db.appointment.count({
      where: {
        residentId: e.id,
        status: 'HONOURED',
        startsAt: { gte: october.from, lt: october.to },
      },
    })
    const merged = await mergeResidents(
      db,
      { advisorId: fixture.admin.id, organisationId: fixture.organisationId },
      {
        keptId: e.id,
        duplicateId: b.id,
        keptUpdatedAt: e.updatedAt,
        duplicateUpdatedAt: b.updatedAt,
      },
    )
    expect(merged).toEqual({ ok: true })
    const afterMerge = await tally()
    expect(await db.statisticsPersonDay.count({ where: { personId: b.id } })).toBe(0)
    expect(await db.statisticsFirstHelp.findUnique({ where: { personId: b.id } })).toBeNull()
    expect(afterMerge.total).toBe(withB.total - (eHelpedInOctober > 0 ? 1 : 0))

    // E's appointments pass their retention period: moved to a stand-in, still one person.
    const rows = await db.appointment.findMany({ where: { residentId: e.id } })
    expect(rows.length).toBeGreaterThan(0)
    await db.$transaction(async (tx) => {
      for (const row of rows) await eraseAppointment(tx, row, NOW)
    })
    expect(await tally()).toEqual(afterMerge)
    expect(await db.statisticsPersonDay.count({ where: { personId: e.id } })).toBeGreaterThan(0)

    // The October session moves to September: its people are helped in September instead.
    const session = await db.workshopSession.findFirstOrThrow({
      where: { organisationId: fixture.organisationId, status: 'SCHEDULED' },
    })
    const september = new Date('2026-09-16T12:00:00Z')
    await db.workshopSession.update({
      where: { id: session.id },
      data: { startsAt: september, endsAt: new Date(september.getTime() + 2 * 3_600_000) },
    })
    const moved = await tally()
    expect(moved.total).toBeLessThan(afterMerge.total)

    // G's only help is undone: G is helped nowhere, and has no first day.
    await db.workshopRegistration.updateMany({
      where: { residentId: g.id, status: 'ATTENDED' },
      data: { status: 'ABSENT' },
    })
    await tally()
    expect(await db.statisticsFirstHelp.findUnique({ where: { personId: g.id } })).toBeNull()
  })

  test('an organisation whose time zone is unknown keeps its changes and holds no other back', async () => {
    const broken = await db.organisation.create({
      data: {
        slug: 'fuseau-inconnu',
        name: 'Mairie au fuseau inconnu',
        kind: 'COMMUNE',
        timeZone: 'Mars/Olympus_Mons',
        holidayRegion: 'FR-METRO',
      },
    })
    try {
      // Its change comes first, as the oldest would on every run.
      await db.statisticsChange.create({ data: { organisationId: broken.id, at: NOW } })
      const october = instantRange(OCTOBER, ZONE)
      const booked = await db.appointment.findFirstOrThrow({
        where: { startsAt: { gte: october.from, lt: october.to }, status: { not: 'CANCELLED' } },
      })
      await db.appointment.update({ where: { id: booked.id }, data: { status: 'CANCELLED' } })

      await expect(tallyStatistics(db, { owner: 'worker-a', now: NOW })).rejects.toThrow(
        'unknown time zone',
      )
      await expectTalliedAsLive(OCTOBER)
      expect(await db.statisticsChange.findMany({ select: { organisationId: true } })).toEqual([
        { organisationId: broken.id },
      ])
      // The lease is handed back: the next run, the zone mended, counts what was left.
      await db.organisation.update({ where: { id: broken.id }, data: { timeZone: ZONE } })
      await tallyStatistics(db, { owner: 'worker-b', now: NOW })
      expect(await untalliedChanges(db)).toBe(0)
    } finally {
      await db.statisticsChange.deleteMany({ where: { organisationId: broken.id } })
      await db.statisticsDay.deleteMany({ where: { organisationId: broken.id } })
      await db.organisation.delete({ where: { id: broken.id } })
    }
  })
})
