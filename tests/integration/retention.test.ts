import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { nameSearchKey } from '~/domain/residents/identity'
import type { InstantRange } from '~/domain/statistics/period'
import { appointmentRows, reportRows } from '~/features/exports/rows.server'
import type { ExportScope } from '~/features/exports/scope.server'
import { runRetention } from '~/features/retention/index.server'
import { periodFigures } from '~/features/statistics/figures.server'
import { createDb, type Db } from '~/platform/database/client.server'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createStatisticsFixture } from '../support/statistics-fixture'

// The retention run with the clock moved forward (decision 090), on the statistics
// fixture (October 2026): rows past their period lose their personal data, rows within
// keep it, and the statistics and exports of past periods stay what they were.

const NOW = new Date('2028-10-20T02:00:00Z')
const MINUTE = 60_000

let database: TestDatabase
let db: Db
let organisationId: string
const ids: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  await createStatisticsFixture(db)
  const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: 'stats' } })
  organisationId = organisation.id
  const advisors = await db.advisor.findMany({ where: { organisationId } })
  const karim = advisors.find((advisor) => advisor.firstName === 'Karim')!
  const residentA = await db.resident.findFirstOrThrow({
    where: { organisationId, firstName: 'A' },
  })
  ids.A = residentA.id
  const topic = await db.topic.findFirstOrThrow({ where: { organisationId, name: 'Allocations' } })
  const appointment = (startsAt: string, data: Record<string, unknown> = {}) =>
    db.appointment.create({
      data: {
        organisationId,
        advisorId: karim.id,
        topicId: topic.id,
        residentId: residentA.id,
        mode: 'PHONE',
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 30 * MINUTE),
        status: 'HONOURED',
        createdVia: 'HELPER',
        createdAt: new Date(new Date(startsAt).getTime() - 3 * 86_400_000),
        ...data,
      },
    })
  // A honoured on both sides of the cutoff (2026-10-20), and again in 2028.
  const early = await appointment('2026-10-12T08:00:00Z', {
    helperName: 'Paul Aidant',
    helperPhoneE164: '+33612345678',
    helperEmail: 'paul@example.fr',
    note: 'a appelé pour sa CAF',
    manageTokenHash: 'hash-early',
  })
  ids.early = early.id
  const late = await appointment('2026-10-26T08:00:00Z', {
    helperName: 'Paul Aidant',
    note: 'revenu',
    manageTokenHash: 'hash-late',
  })
  ids.late = late.id
  const recent = await appointment('2028-09-15T08:00:00Z', { note: 'récent' })
  ids.recent = recent.id
  // Messages: one sent in 2026 (past 6 months), one sent last month.
  const message = (appointmentId: string, dueAt: string, recipient: string) =>
    db.notification.create({
      data: {
        organisationId,
        appointmentId,
        kind: 'CONFIRMATION',
        channel: 'SMS',
        recipient,
        status: 'DELIVERED',
        dueAt: new Date(dueAt),
        sentAt: new Date(dueAt),
        segments: 2,
      },
    })
  ids.oldMessage = (await message(early.id, '2026-10-09T08:00:00Z', '+33611111111')).id
  ids.newMessage = (await message(recent.id, '2028-09-12T08:00:00Z', '+33622222222')).id
  const audit = (createdAt: string, summary: string) =>
    db.auditEvent.create({
      data: {
        organisationId,
        advisorId: karim.id,
        actorKind: 'ADVISOR',
        action: 'APPOINTMENT_CANCELLED',
        entityType: 'Appointment',
        entityId: early.id,
        summary,
        createdAt: new Date(createdAt),
      },
    })
  ids.oldAudit = (await audit('2027-06-01T08:00:00Z', 'status BOOKED -> CANCELLED: malade')).id
  ids.newAudit = (await audit('2028-06-01T08:00:00Z', 'status BOOKED -> CANCELLED: parti')).id
  // A record never used since 2025, and one created last week without activity yet.
  ids.idle = (
    await db.resident.create({
      data: {
        organisationId,
        firstName: 'Irène',
        lastName: 'Inactive',
        searchKey: nameSearchKey('Irène', 'Inactive'),
        phoneE164: '+33633333333',
        email: 'irene@example.fr',
        createdVia: 'ONLINE',
        createdAt: new Date('2025-01-10T08:00:00Z'),
      },
    })
  ).id
  ids.fresh = (
    await db.resident.create({
      data: {
        organisationId,
        firstName: 'Nina',
        lastName: 'Nouvelle',
        searchKey: nameSearchKey('Nina', 'Nouvelle'),
        email: 'nina@example.fr',
        createdVia: 'ONLINE',
        createdAt: new Date('2028-10-13T08:00:00Z'),
      },
    })
  ).id
  // Sessions: one expired long ago, one still valid.
  const session = (expiresAt: string) =>
    db.advisorSession.create({
      data: { advisorId: karim.id, tokenHash: `t-${expiresAt}`, expiresAt: new Date(expiresAt) },
    })
  ids.expiredSession = (await session('2028-01-01T00:00:00Z')).id
  ids.liveSession = (await session('2028-10-30T00:00:00Z')).id
})
afterAll(async () => {
  await database?.drop()
})

const scope = { organisationId: null as string | null, siteId: null, advisorId: null }
const PERIODS: Record<string, InstantRange> = {
  september2026: { from: new Date('2026-08-31T22:00:00Z'), to: new Date('2026-09-30T22:00:00Z') },
  october2026: { from: new Date('2026-09-30T22:00:00Z'), to: new Date('2026-10-31T23:00:00Z') },
  // Straddles the cutoff: A's rows on both sides count one person.
  straddling: { from: new Date('2026-10-15T00:00:00Z'), to: new Date('2026-10-30T00:00:00Z') },
  wide: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2028-10-01T00:00:00Z') },
  september2028: { from: new Date('2028-09-01T00:00:00Z'), to: new Date('2028-10-01T00:00:00Z') },
}

async function allFigures() {
  const figures: Record<string, unknown> = {}
  for (const [name, range] of Object.entries(PERIODS)) {
    figures[name] = await periodFigures(db, { ...scope, organisationId }, range, NOW)
  }
  return figures
}

async function exports() {
  const exportScope: ExportScope = {
    organisationId,
    zone: 'Europe/Paris',
    start: new Date('2026-01-01T00:00:00Z'),
    end: new Date('2028-12-31T00:00:00Z'),
    siteId: null,
    advisorId: null,
  }
  const collect = async (rows: AsyncGenerator<unknown[]>) => {
    const all: unknown[][] = []
    for await (const row of rows) all.push(row)
    return all
  }
  return {
    appointments: await collect(appointmentRows(db, exportScope)),
    reports: await collect(reportRows(db, exportScope)),
  }
}

/** Everything a run may touch, to prove a dry run touches none of it. */
const snapshot = async () =>
  JSON.stringify(
    await Promise.all([
      db.appointment.findMany({ orderBy: { id: 'asc' } }),
      db.resident.findMany({ orderBy: { id: 'asc' } }),
      db.notification.findMany({ orderBy: { id: 'asc' } }),
      db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
      db.workshopRegistration.findMany({ orderBy: { id: 'asc' } }),
      db.advisorSession.findMany({ orderBy: { id: 'asc' } }),
      db.retentionRun.findMany(),
    ]),
  )

describe(`retention run on ${testProvider}`, () => {
  let before: Awaited<ReturnType<typeof allFigures>>
  let exportedBefore: Awaited<ReturnType<typeof exports>>
  let residentIds: Set<string>

  test('a dry run counts what is due and changes nothing', async () => {
    before = await allFigures()
    exportedBefore = await exports()
    residentIds = new Set((await db.resident.findMany({ select: { id: true } })).map((r) => r.id))
    const state = await snapshot()
    const outcome = await runRetention(db, { now: NOW, owner: 'dry', dryRun: true })
    expect(outcome.ran && outcome.dryRun).toBe(true)
    if (!outcome.ran) return
    // September and 5-12 October 2026 of the fixture, and A's 12 October.
    expect(outcome.counts.appointments).toBe(8)
    expect(outcome.counts.registrations).toBe(4)
    const messageCutoff = new Date('2028-04-20T02:00:00Z')
    expect(outcome.counts.messages).toBe(
      await db.notification.count({ where: { dueAt: { lt: messageCutoff } } }),
    )
    expect(outcome.counts.messages).toBeGreaterThan(0)
    expect(outcome.counts.audit).toBe(1)
    expect(outcome.counts.sessions).toBe(1)
    expect(await snapshot()).toBe(state)
  })

  test('two workers at once: one runs it, the other finds it taken; a third finds it done', async () => {
    // Two clients on PostgreSQL, as two worker processes have. SQLite's driver is
    // synchronous: a second client in this process would block the first while it waits.
    const second = testProvider === 'postgresql' ? createDb(database.config) : db
    const outcomes = await Promise.all([
      runRetention(db, { now: NOW, owner: 'worker-1' }),
      runRetention(second, { now: NOW, owner: 'worker-2' }),
    ])
    if (second !== db) await second.$disconnect()
    expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1)
    const ran = outcomes.find((outcome) => outcome.ran)!
    expect(ran.ran && ran.counts.appointments).toBe(8)
    expect(await runRetention(db, { now: new Date(NOW.getTime() + MINUTE), owner: 'w3' })).toEqual({
      ran: false,
      reason: 'DONE_TODAY',
    })
    expect(await db.retentionRun.count()).toBe(1)
  })

  test('rows past their period hold no personal data; rows within are untouched', async () => {
    const early = await db.appointment.findUniqueOrThrow({
      where: { id: ids.early },
      include: { resident: true },
    })
    expect(early.residentId).not.toBe(ids.A)
    expect(early.resident).toMatchObject({
      isStandIn: true,
      firstName: 'Anonyme',
      lastName: '',
      phoneE164: null,
      email: null,
    })
    expect(early).toMatchObject({
      helperName: null,
      helperPhoneE164: null,
      helperEmail: null,
      note: null,
      manageTokenHash: null,
      status: 'HONOURED',
      mode: 'PHONE',
      createdVia: 'HELPER',
    })
    expect(early.personalErasedAt).not.toBeNull()
    // The same stand-in for every expired row of A; A keeps the link for the statistics.
    const a = await db.resident.findUniqueOrThrow({ where: { id: ids.A } })
    expect(a.standInId).toBe(early.residentId)
    expect(a.firstName).toBe('A')
    const october5 = await db.appointment.findFirstOrThrow({
      where: { startsAt: new Date('2026-10-05T07:00:00Z') },
    })
    expect(october5.residentId).toBe(a.standInId)
    const late = await db.appointment.findUniqueOrThrow({ where: { id: ids.late } })
    expect(late).toMatchObject({ residentId: ids.A, helperName: 'Paul Aidant', note: 'revenu' })
    expect(late.personalErasedAt).toBeNull()
    // Its link is purged a month after the appointment: nothing left to change through it.
    expect(late.manageTokenHash).toBeNull()

    const registrations = await db.workshopRegistration.findMany({ include: { resident: true } })
    expect(registrations.every((row) => row.resident.isStandIn)).toBe(true)

    const oldMessage = await db.notification.findUniqueOrThrow({ where: { id: ids.oldMessage } })
    expect(oldMessage).toMatchObject({ recipient: '', status: 'DELIVERED', segments: 2 })
    const newMessage = await db.notification.findUniqueOrThrow({ where: { id: ids.newMessage } })
    expect(newMessage.recipient).toBe('+33622222222')

    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: ids.oldAudit } })).summary).toBe(
      '',
    )
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: ids.newAudit } })).summary).toBe(
      'status BOOKED -> CANCELLED: parti',
    )

    const idle = await db.resident.findUniqueOrThrow({ where: { id: ids.idle } })
    expect(idle).toMatchObject({ firstName: 'Anonyme', phoneE164: null, email: null })
    expect(idle.anonymisedAt).not.toBeNull()
    const fresh = await db.resident.findUniqueOrThrow({ where: { id: ids.fresh } })
    expect(fresh).toMatchObject({ firstName: 'Nina', email: 'nina@example.fr' })

    expect(await db.advisorSession.findUnique({ where: { id: ids.expiredSession } })).toBeNull()
    expect(await db.advisorSession.findUnique({ where: { id: ids.liveSession } })).not.toBeNull()
  })

  test('statistics of every past period are identical, straddling ones included', async () => {
    expect(await allFigures()).toEqual(before)
  })

  test('exports differ only in the resident ids the period removed', async () => {
    const after = await exports()
    for (const kind of ['appointments', 'reports'] as const) {
      expect(after[kind]).toHaveLength(exportedBefore[kind].length)
      after[kind].forEach((row, index) => {
        const old = exportedBefore[kind][index]!
        row.forEach((cell, column) => {
          if (JSON.stringify(cell) !== JSON.stringify(old[column]))
            expect(
              residentIds.has(String(old[column])),
              `${String(old[column])} → ${String(cell)}`,
            ).toBe(true)
        })
      })
    }
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(exportedBefore))
  })

  test('a run stopped mid-batch is taken over once its lease lapses, and finishes', async () => {
    const day = new Date(NOW.getTime() + 86_400_000)
    const karim = await db.advisor.findFirstOrThrow({ where: { firstName: 'Karim' } })
    const topic = await db.topic.findFirstOrThrow({ where: { name: 'Allocations' } })
    const resident = await db.resident.create({
      data: {
        organisationId,
        firstName: 'Omar',
        lastName: 'Ancien',
        searchKey: nameSearchKey('Omar', 'Ancien'),
        createdVia: 'RECEPTION',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
    })
    for (let index = 0; index < 5; index += 1) {
      const startsAt = new Date(Date.UTC(2026, 1, 2 + index, 9))
      await db.appointment.create({
        data: {
          organisationId,
          advisorId: karim.id,
          topicId: topic.id,
          residentId: resident.id,
          mode: 'PHONE',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * MINUTE),
          status: 'HONOURED',
          createdVia: 'RECEPTION',
          note: `note ${index}`,
        },
      })
    }
    const figures = await allFigures()
    let batches = 0
    await expect(
      runRetention(db, {
        now: day,
        owner: 'crashing',
        batchSize: 2,
        afterBatch: () => {
          batches += 1
          throw new Error('worker killed')
        },
      }),
    ).rejects.toThrow('worker killed')
    expect(batches).toBe(1)
    expect(await db.appointment.count({ where: { residentId: resident.id } })).toBe(3)
    // Within the lease, another worker leaves it alone.
    expect(await runRetention(db, { now: day, owner: 'other', batchSize: 2 })).toEqual({
      ran: false,
      reason: 'TAKEN',
    })
    const later = new Date(day.getTime() + 6 * MINUTE)
    const outcome = await runRetention(db, { now: later, owner: 'other', batchSize: 2 })
    expect(outcome.ran && outcome.counts.appointments).toBe(5)
    expect(outcome.ran && outcome.counts.residents).toBe(1)
    expect(await db.appointment.count({ where: { residentId: resident.id } })).toBe(0)
    expect(await db.appointment.count({ where: { note: { startsWith: 'note ' } } })).toBe(0)
    const run = await db.retentionRun.findUniqueOrThrow({ where: { day: '2028-10-21' } })
    expect(run.finishedAt).not.toBeNull()
    expect(await allFigures()).toEqual(figures)
  })

  test('a deactivated advisor is warned 30 days before, then anonymised', async () => {
    const lea = await db.advisor.findFirstOrThrow({ where: { firstName: 'Léa' } })
    await db.advisor.update({ where: { id: lea.id }, data: { active: false } })
    const warned: string[] = []
    const warnAdvisor = async (advisor: { email: string }) => {
      warned.push(advisor.email)
    }
    // The first run sees her deactivated: the date the periods count from.
    const first = new Date('2028-11-01T02:00:00Z')
    await runRetention(db, { now: first, owner: 'w', warnAdvisor })
    expect(warned).toEqual([])
    // 23 months later: 30 days before the 24, the email.
    const warning = new Date('2030-10-05T02:00:00Z')
    const run = await runRetention(db, { now: warning, owner: 'w', warnAdvisor })
    expect(run.ran && run.counts.advisorsWarned).toBe(1)
    expect(warned).toEqual([lea.email])
    expect((await db.advisor.findUniqueOrThrow({ where: { id: lea.id } })).firstName).toBe('Léa')
    const due = new Date('2030-11-05T02:00:00Z')
    const last = await runRetention(db, { now: due, owner: 'w', warnAdvisor })
    expect(last.ran && last.counts.advisors).toBe(1)
    const after = await db.advisor.findUniqueOrThrow({ where: { id: lea.id } })
    expect(after).toMatchObject({
      firstName: 'Anonyme',
      lastName: '',
      phone: null,
      passwordHash: null,
    })
    expect(after.email).not.toContain('lea')
    expect(warned).toHaveLength(1)
  })
})
