import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import {
  acceptOffer,
  expireHolds,
  giveBackSeat,
  joinWaitlist,
  registerForSession,
  type RegistrationRequest,
} from '~/features/workshops/index.server'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createOrganisationFixture, type OrganisationFixture } from '../support/fixtures'
import {
  createWorkshopSession,
  daysAhead,
  registrationRequest,
  someone,
} from '../support/workshops'

const SECRET = 'test-secret-for-workshop-seats-0123456789'
let database: TestDatabase
let fixture: OrganisationFixture
// PostgreSQL gets several connections, as several instances would have; SQLite serves one
// process through one connection (its adapter queues the transactions).
let clients: Db[]

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await createOrganisationFixture(database.db)
  await database.db.topic.update({
    where: { id: fixture.topic.id },
    data: { format: 'COLLECTIVE' },
  })
  clients =
    testProvider === 'sqlite'
      ? [database.db]
      : Array.from({ length: 5 }, () => createDb(database.config))
})

afterAll(async () => {
  if (testProvider !== 'sqlite') await Promise.all(clients.map((client) => client.$disconnect()))
  await database.drop()
})

const request = (sessionId: string, overrides: Partial<RegistrationRequest> = {}) =>
  registrationRequest(fixture.organisation.id, sessionId, overrides)

const holders = (sessionId: string) =>
  database.db.workshopRegistration.count({ where: { sessionId, seatId: { not: null } } })

const rowsOf = (where: object) =>
  database.db.notification.findMany({
    where,
    orderBy: { createdAt: 'asc' },
    select: { kind: true },
  })

describe(`workshop seats on ${testProvider}`, () => {
  test('50 people at once for the last 3 seats: exactly 3 get one, the others are told it is full', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 8,
      startsAt: daysAhead(10),
    })
    for (let index = 0; index < 5; index += 1)
      expect(
        (await registerForSession(database.db, request(session.id), new Date(), SECRET)).ok,
      ).toBe(true)

    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        registerForSession(
          clients[index % clients.length]!,
          request(session.id),
          new Date(),
          SECRET,
        ),
      ),
    )
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(3)
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'FULL')).toHaveLength(47)
    expect(await holders(session.id)).toBe(8)
    const seats = await database.db.workshopSeat.findMany({
      where: { sessionId: session.id },
      select: { registration: { select: { id: true } } },
    })
    expect(seats.every((seat) => seat.registration)).toBe(true)
  })

  test('the database itself refuses a seat taken twice and a registration without a seat', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 1,
      startsAt: daysAhead(11),
    })
    const seat = await database.db.workshopSeat.findFirstOrThrow({
      where: { sessionId: session.id },
    })
    const row = (seatId: string | null) => ({
      organisationId: fixture.organisation.id,
      sessionId: session.id,
      residentId: fixture.resident.id,
      seatId,
      createdVia: 'ONLINE' as const,
    })
    await database.db.workshopRegistration.create({ data: row(seat.id) })
    await expect(database.db.workshopRegistration.create({ data: row(seat.id) })).rejects.toThrow()
    await expect(database.db.workshopRegistration.create({ data: row(null) })).rejects.toThrow()
    expect(await database.db.workshopRegistration.count({ where: { sessionId: session.id } })).toBe(
      1,
    )
  })

  test('a companion takes a second seat; one seat left is not enough for two', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 3,
      startsAt: daysAhead(12),
    })
    const pair = await registerForSession(
      database.db,
      request(session.id, { companionName: 'Paul Voisin' }),
      new Date(),
      SECRET,
    )
    expect(pair.ok).toBe(true)
    expect(await holders(session.id)).toBe(2)
    const second = await registerForSession(
      database.db,
      request(session.id, { companionName: 'Marie Voisine' }),
      new Date(),
      SECRET,
    )
    expect(second).toEqual({ ok: false, reason: 'FULL' })
    expect(await holders(session.id)).toBe(2)
  })

  test('the same person twice is told so; the same form sent again gets the same seat', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 4,
      startsAt: daysAhead(13),
    })
    const person = someone()
    const first = await registerForSession(
      database.db,
      request(session.id, { resident: person, idempotencyKeyHash: `replay-${session.id}` }),
      new Date(),
      SECRET,
    )
    const again = await registerForSession(
      database.db,
      request(session.id, { resident: person, idempotencyKeyHash: `replay-${session.id}` }),
      new Date(),
      SECRET,
    )
    expect(again).toEqual({ ...first, created: false })
    const other = await registerForSession(
      database.db,
      request(session.id, { resident: person }),
      new Date(),
      SECRET,
    )
    expect(other).toEqual({ ok: false, reason: 'ALREADY_REGISTERED' })
    expect(await holders(session.id)).toBe(1)
  })

  test('a series joined whole: every session to come, or none when one is full', async () => {
    const series = await database.db.workshopSeries.create({
      data: {
        organisationId: fixture.organisation.id,
        topicId: fixture.topic.id,
        enrolment: 'WHOLE',
      },
    })
    const sessions = []
    for (const days of [20, 27, 34])
      sessions.push(
        await createWorkshopSession(database.db, fixture, {
          seats: days === 34 ? 1 : 2,
          startsAt: daysAhead(days),
          seriesId: series.id,
        }),
      )
    const first = await registerForSession(
      database.db,
      request(sessions[1]!.id),
      new Date(),
      SECRET,
    )
    expect(first.ok).toBe(true)
    for (const session of sessions) expect(await holders(session.id)).toBe(1)
    const confirmations = await rowsOf({
      kind: 'WORKSHOP_CONFIRMATION',
      registration: { sessionId: { in: sessions.map((session) => session.id) } },
    })
    expect(confirmations).toHaveLength(1)

    const second = await registerForSession(
      database.db,
      request(sessions[0]!.id),
      new Date(),
      SECRET,
    )
    expect(second).toEqual({ ok: false, reason: 'FULL' })
    for (const session of sessions) expect(await holders(session.id)).toBe(1)
  })

  test('the promotion chain: a seat given back is held for the first waiting, passed on at expiry, taken by the next', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 2,
      startsAt: daysAhead(15),
    })
    const registered = []
    for (let index = 0; index < 2; index += 1)
      registered.push(
        await registerForSession(database.db, request(session.id), new Date(), SECRET),
      )
    const waiting = []
    for (let index = 0; index < 2; index += 1) {
      const joined = await joinWaitlist(
        database.db,
        { ...request(session.id), createdVia: 'ONLINE' },
        new Date(),
        SECRET,
      )
      expect(joined.ok).toBe(true)
      if (joined.ok) waiting.push(joined.entryId)
    }
    const [firstWaiting, secondWaiting] = waiting as [string, string]
    const leaving = registered[0]!
    if (!leaving.ok) throw new Error('registration failed')

    expect(
      await giveBackSeat(
        database.db,
        {
          organisationId: fixture.organisation.id,
          registrationId: leaving.registrationId,
          by: 'RESIDENT',
          actorAdvisorId: null,
          reason: null,
        },
        new Date(),
      ),
    ).toEqual({ ok: true })
    const offered = await database.db.waitlistEntry.findUniqueOrThrow({
      where: { id: firstWaiting },
    })
    expect(offered.status).toBe('OFFERED')
    expect(offered.heldSeatId).not.toBeNull()
    expect(await rowsOf({ waitlistEntryId: firstWaiting })).toEqual([{ kind: 'SEAT_OFFER:1' }])
    // The held seat is nobody else's meanwhile.
    expect(await registerForSession(database.db, request(session.id), new Date(), SECRET)).toEqual({
      ok: false,
      reason: 'FULL',
    })

    // The offer went out and its hold ran out: two workers expire it at once.
    await database.db.waitlistEntry.update({
      where: { id: firstWaiting },
      data: { holdUntil: new Date(Date.now() - 60_000) },
    })
    const [a, b] = await Promise.all([
      expireHolds(clients[0]!, new Date()),
      expireHolds(clients[clients.length - 1]!, new Date()),
    ])
    expect(a + b).toBe(1)
    expect(await rowsOf({ waitlistEntryId: firstWaiting })).toEqual([
      { kind: 'SEAT_OFFER:1' },
      { kind: 'SEAT_OFFER_EXPIRED:1' },
    ])
    expect(await rowsOf({ waitlistEntryId: secondWaiting })).toEqual([{ kind: 'SEAT_OFFER:1' }])
    expect(await acceptOffer(database.db, firstWaiting, new Date(), SECRET)).toEqual({
      ok: false,
      reason: 'EXPIRED',
    })

    const accepted = await acceptOffer(database.db, secondWaiting, new Date(), SECRET)
    expect(accepted.ok).toBe(true)
    // Accepted again (the link, then an SMS reply): the same registration.
    expect(await acceptOffer(database.db, secondWaiting, new Date(), SECRET)).toEqual(accepted)
    if (!accepted.ok) return
    expect(await holders(session.id)).toBe(2)
    expect(
      await rowsOf({ registrationId: accepted.registrationId, kind: 'WORKSHOP_CONFIRMATION' }),
    ).toHaveLength(1)
    const entry = await database.db.waitlistEntry.findUniqueOrThrow({
      where: { id: secondWaiting },
    })
    expect(entry).toMatchObject({
      status: 'REGISTERED',
      heldSeatId: null,
      registrationId: accepted.registrationId,
    })
  })

  test('joining the list of a session with seats left is refused: register instead', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 2,
      startsAt: daysAhead(16),
    })
    const joined = await joinWaitlist(database.db, request(session.id), new Date(), SECRET)
    expect(joined).toEqual({ ok: false, reason: 'SEATS_LEFT' })
  })
})
