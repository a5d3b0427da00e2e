import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG, seedDemo } from '~/features/demo/seed.server'
import { createTestDatabase, type TestDatabase } from '../support/database'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.drop())

async function counts() {
  const { db } = database
  return {
    organisations: await db.organisation.count(),
    sites: await db.site.count(),
    advisors: await db.advisor.count(),
    topics: await db.topic.count(),
    rules: await db.openingRule.count(),
    residents: await db.resident.count(),
    appointments: await db.appointment.count(),
    sessions: await db.workshopSession.count(),
    registrations: await db.workshopRegistration.count(),
    waiting: await db.waitlistEntry.count(),
  }
}

test('the demo seed builds a believable France Services, and seeding twice changes nothing', async () => {
  const now = new Date('2026-11-25T10:00:00Z')
  expect(await seedDemo(database.db, now)).toEqual({ seeded: true })
  const first = await counts()

  expect(first.organisations).toBe(1)
  expect(first.sites).toBe(2)
  expect(first.topics).toBeGreaterThanOrEqual(6)
  expect(first.appointments).toBeGreaterThanOrEqual(3)
  const organisation = await database.db.organisation.findUniqueOrThrow({
    where: { slug: DEMO_ORGANISATION_SLUG },
    include: { advisors: true, topics: true, sites: true },
  })
  expect(organisation.kind).toBe('FRANCE_SERVICES')
  expect(organisation.advisors.filter((advisor) => advisor.role !== 'RECEPTION')).toHaveLength(3)
  const themes = new Set(organisation.topics.map((topic) => topic.theme))
  expect([...themes].some((theme) => theme.startsWith('DIGITAL_'))).toBe(true)
  expect([...themes].some((theme) => !theme.startsWith('DIGITAL_'))).toBe(true)

  // One advisor works at both sites; someone offers phone help.
  const rules = await database.db.openingRule.findMany()
  const sitesByAdvisor = new Map<string, Set<string>>()
  for (const rule of rules) {
    if (!rule.siteId) continue
    sitesByAdvisor.set(
      rule.advisorId,
      (sitesByAdvisor.get(rule.advisorId) ?? new Set()).add(rule.siteId),
    )
  }
  expect([...sitesByAdvisor.values()].some((sites) => sites.size === 2)).toBe(true)
  expect(rules.some((rule) => rule.siteId === null)).toBe(true)

  // Workshops in the coming weeks at both sites: one with a single seat left, one full
  // with two people waiting.
  const collective = organisation.topics.filter((topic) => topic.format === 'COLLECTIVE')
  expect(collective.map((topic) => topic.name).sort()).toEqual([
    'Apprendre à se servir de son smartphone',
    'Reconnaître les arnaques',
  ])
  const sessions = await database.db.workshopSession.findMany({
    include: {
      _count: { select: { seats: true, waitlist: true } },
      seats: { select: { registration: { select: { id: true } } } },
    },
  })
  expect(new Set(sessions.map((session) => session.siteId)).size).toBe(2)
  // One session of last week, held: its report is to write (decision 085).
  const [past, ...others] = [...sessions].sort((a, b) => +a.startsAt - +b.startsAt)
  expect(
    past!.startsAt < now && past!._count.seats > past!.seats.filter((s) => s.registration).length,
  ).toBe(true)
  expect(others.every((session) => session.startsAt > now)).toBe(true)
  expect(await database.db.activityReport.count({ where: { status: 'FILED' } })).toBe(2)
  expect(
    await database.db.appointment.count({
      where: { status: 'HONOURED', activityReport: { is: null } },
    }),
  ).toBe(2)
  const left = (session: (typeof sessions)[number]) =>
    session.seats.filter((seat) => !seat.registration).length
  expect(sessions.some((session) => left(session) === 1)).toBe(true)
  const full = sessions.filter((session) => left(session) === 0)
  expect(full).toHaveLength(1)
  expect(full[0]!._count.waitlist).toBe(2)
  expect(sessions.every((session) => session._count.seats === session.seatCount)).toBe(true)

  expect(await seedDemo(database.db, new Date('2026-12-02T10:00:00Z'))).toEqual({ seeded: false })
  expect(await counts()).toEqual(first)
})
