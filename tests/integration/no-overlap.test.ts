import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { mapOverlap } from '~/platform/database/errors.server'
import { SlotTakenError } from '~/domain/booking/errors'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createOrganisationFixture, type OrganisationFixture } from '../support/fixtures'

const MINUTE = 60_000
let database: TestDatabase
let fixture: OrganisationFixture
// Several connections, as several app instances (or a pool) would have.
let clients: Db[]

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await createOrganisationFixture(database.db)
  // Four connections each: with another test file running beside this one, five pools of
  // pg's default ten could pass PostgreSQL's hundred connections.
  const config =
    database.config.provider === 'postgresql'
      ? { ...database.config, poolSize: 4 }
      : database.config
  clients = Array.from({ length: 5 }, () => createDb(config))
})

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()))
  await database.drop()
})

function book(client: Db, startsAt: Date, minutes = 60) {
  return mapOverlap(() =>
    client.appointment.create({
      data: {
        organisationId: fixture.organisation.id,
        advisorId: fixture.advisor.id,
        topicId: fixture.topic.id,
        residentId: fixture.resident.id,
        siteId: fixture.site.id,
        mode: 'IN_PERSON',
        startsAt,
        endsAt: new Date(startsAt.getTime() + minutes * MINUTE),
        createdVia: 'ONLINE',
      },
    }),
  )
}

describe(`no overlap, enforced by ${testProvider}`, () => {
  test('60 concurrent overlapping bookings for one advisor: exactly one survives', async () => {
    const base = new Date('2031-03-04T09:00:00Z').getTime()
    const attempts = Array.from({ length: 60 }, (_, index) =>
      book(clients[index % clients.length], new Date(base + (index % 10) * 5 * MINUTE)),
    )
    const outcomes = await Promise.allSettled(attempts)

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(refused).toHaveLength(59)
    for (const outcome of refused)
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(SlotTakenError)
    const rows = await database.db.appointment.count({
      where: {
        advisorId: fixture.advisor.id,
        startsAt: { gte: new Date(base), lt: new Date(base + 2 * 60 * MINUTE) },
      },
    })
    expect(rows).toBe(1)
  })

  test('back-to-back appointments are allowed; a one-minute overlap is not', async () => {
    const first = await book(database.db, new Date('2031-04-01T09:00:00Z'), 30)
    const next = await book(database.db, new Date('2031-04-01T09:30:00Z'), 30)
    expect(next.id).not.toBe(first.id)
    await expect(book(database.db, new Date('2031-04-01T09:59:00Z'), 30)).rejects.toBeInstanceOf(
      SlotTakenError,
    )
  })

  test('a cancelled or excused appointment frees its time, and cannot come back over another', async () => {
    const startsAt = new Date('2031-05-06T13:00:00Z')
    const original = await book(database.db, startsAt)
    await database.db.appointment.update({
      where: { id: original.id },
      data: { status: 'CANCELLED' },
    })
    const replacement = await book(database.db, startsAt)
    expect(replacement.status).toBe('BOOKED')

    await database.db.appointment.update({
      where: { id: replacement.id },
      data: { status: 'EXCUSED' },
    })
    const third = await book(database.db, startsAt)
    await expect(
      mapOverlap(() =>
        database.db.appointment.update({ where: { id: original.id }, data: { status: 'BOOKED' } }),
      ),
    ).rejects.toBeInstanceOf(SlotTakenError)
    const active = await database.db.appointment.findMany({
      where: { advisorId: fixture.advisor.id, startsAt, status: 'BOOKED' },
    })
    expect(active.map((row) => row.id)).toEqual([third.id])
  })

  test('moving an appointment onto another one is refused and leaves it where it was', async () => {
    const morning = await book(database.db, new Date('2031-06-03T08:00:00Z'), 30)
    await book(database.db, new Date('2031-06-03T10:00:00Z'), 30)
    await expect(
      mapOverlap(() =>
        database.db.appointment.update({
          where: { id: morning.id },
          data: {
            startsAt: new Date('2031-06-03T10:15:00Z'),
            endsAt: new Date('2031-06-03T10:45:00Z'),
          },
        }),
      ),
    ).rejects.toBeInstanceOf(SlotTakenError)
    const unchanged = await database.db.appointment.findUniqueOrThrow({ where: { id: morning.id } })
    expect(unchanged.startsAt.toISOString()).toBe('2031-06-03T08:00:00.000Z')
  })

  test('another advisor may be booked at the same time', async () => {
    const other = await database.db.advisor.create({
      data: {
        organisationId: fixture.organisation.id,
        firstName: 'Bo',
        lastName: 'Other',
        email: `bo-${Date.now()}@example.test`,
      },
    })
    const startsAt = new Date('2031-07-01T09:00:00Z')
    await book(database.db, startsAt)
    const parallel = await database.db.appointment.create({
      data: {
        organisationId: fixture.organisation.id,
        advisorId: other.id,
        topicId: fixture.topic.id,
        residentId: fixture.resident.id,
        mode: 'PHONE',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * MINUTE),
        createdVia: 'RECEPTION',
      },
    })
    expect(parallel.advisorId).toBe(other.id)
  })

  test('an appointment that ends before it starts is refused by the database', async () => {
    const startsAt = new Date('2031-08-01T09:00:00Z')
    await expect(
      database.db.appointment.create({
        data: {
          organisationId: fixture.organisation.id,
          advisorId: fixture.advisor.id,
          topicId: fixture.topic.id,
          residentId: fixture.resident.id,
          mode: 'PHONE',
          startsAt,
          endsAt: startsAt,
          createdVia: 'ONLINE',
        },
      }),
    ).rejects.toThrow()
  })
})

// A workshop session holds its advisors' time in WorkshopSessionAdvisor rows; the database
// compares them with appointments both ways (decision 080).
function holdForSession(client: Db, startsAt: Date, minutes = 120) {
  const endsAt = new Date(startsAt.getTime() + minutes * MINUTE)
  return mapOverlap(() =>
    client.workshopSession.create({
      data: {
        organisationId: fixture.organisation.id,
        topicId: fixture.topic.id,
        siteId: fixture.site.id,
        startsAt,
        endsAt,
        seatCount: 6,
        advisors: { create: { advisorId: fixture.advisor.id, startsAt, endsAt } },
      },
    }),
  )
}

describe(`workshop sessions and appointments never overlap, enforced by ${testProvider}`, () => {
  test('an appointment over a session is refused, and a session over an appointment too', async () => {
    await holdForSession(database.db, new Date('2031-09-02T08:00:00Z'))
    await expect(book(database.db, new Date('2031-09-02T09:30:00Z'))).rejects.toBeInstanceOf(
      SlotTakenError,
    )
    await book(database.db, new Date('2031-09-03T09:00:00Z'))
    await expect(
      holdForSession(database.db, new Date('2031-09-03T08:00:00Z')),
    ).rejects.toBeInstanceOf(SlotTakenError)
    await expect(
      holdForSession(database.db, new Date('2031-09-02T09:00:00Z')),
    ).rejects.toBeInstanceOf(SlotTakenError)
    expect(
      await database.db.workshopSession.count({
        where: { startsAt: { gte: new Date('2031-09-02'), lt: new Date('2031-09-04') } },
      }),
    ).toBe(1)
  })

  test('40 concurrent sessions and appointments over one morning: exactly one holds it', async () => {
    const base = new Date('2031-10-07T08:00:00Z').getTime()
    // SQLite serves one process through one connection (its adapter queues transactions);
    // PostgreSQL gets several connections, as several instances would have.
    const attempts = Array.from({ length: 40 }, (_, index) => {
      const client = testProvider === 'sqlite' ? database.db : clients[index % clients.length]
      // Within 35 minutes: every hour-long appointment overlaps every other one (10-minute
      // steps let 08:10–09:10 and 09:10–10:10 both hold, rightly, back to back).
      const startsAt = new Date(base + (index % 8) * 5 * MINUTE)
      return index % 2 === 0 ? holdForSession(client, startsAt) : book(client, startsAt)
    })
    const outcomes = await Promise.allSettled(attempts)
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected'))
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(SlotTakenError)
    const window = { gte: new Date(base - 3 * 60 * MINUTE), lt: new Date(base + 4 * 60 * MINUTE) }
    const sessions = await database.db.workshopSessionAdvisor.count({
      where: { advisorId: fixture.advisor.id, active: true, startsAt: window },
    })
    const appointments = await database.db.appointment.count({
      where: { advisorId: fixture.advisor.id, startsAt: window },
    })
    expect(sessions + appointments).toBe(1)
  })

  test('a cancelled session frees the time for an appointment', async () => {
    const startsAt = new Date('2031-11-04T13:00:00Z')
    const session = await holdForSession(database.db, startsAt)
    await database.db.workshopSessionAdvisor.updateMany({
      where: { sessionId: session.id },
      data: { active: false },
    })
    const appointment = await book(database.db, new Date('2031-11-04T14:00:00Z'))
    expect(appointment.status).toBe('BOOKED')
    await expect(
      mapOverlap(() =>
        database.db.workshopSessionAdvisor.updateMany({
          where: { sessionId: session.id },
          data: { active: true },
        }),
      ),
    ).rejects.toBeInstanceOf(SlotTakenError)
  })
})
