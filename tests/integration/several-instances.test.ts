// Several instances on one PostgreSQL database, as the README's "Several instances" runs
// them: three web instances of the built app behind a round-robin proxy, two workers
// apart sending through the real Twilio SDK to the fake Twilio. Residents rush for the same
// times through the proxy while reminders fall due; mid-way one instance and one worker are
// killed with SIGKILL and started again (decision 095).
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashManageToken } from '~/domain/booking/manage-token.server'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import {
  PROXY_LOST,
  startRoundRobinProxy,
  type RoundRobinProxy,
} from '../support/round-robin-proxy'
import {
  confirmBooking,
  freeSlotPaths,
  inBatches,
  liftRateLimits,
  nextRushSlot,
  people,
  reachReview,
  startOfPath,
  statusCounts,
  type Person,
  SLOT_TAKEN,
  type ReadyConfirmation,
} from '../support/rush'
import { freePort, startApp, TEST_SESSION_SECRET, type RunningApp } from '../support/server'
import { killAll, startWorkerProcess, until, workerOwner } from '../support/worker-process'

const WAVES = 3
const SLOTS_PER_WAVE = 8
const RESIDENTS_PER_SLOT = 2
const ALTERNATIVES = 'Horaires proches encore libres'

type Attempt = { slot: string; person: Person; review: ReadyConfirmation }
type Outcome = { attempt: Attempt; status: number; location: string | null; body: string }

if (testProvider !== 'postgresql')
  console.warn(
    'SQLite: several instances need PostgreSQL (SQLite has one writer); this test runs in the PostgreSQL pass',
  )

describe.skipIf(testProvider !== 'postgresql')(
  'three web instances and two workers on one PostgreSQL database',
  () => {
    let database: TestDatabase
    let fake: FakeTwilio
    let proxy: RoundRobinProxy
    const ports: number[] = []
    const instances: RunningApp[] = []
    const workers: ChildProcess[] = []
    const owners: string[] = []
    const db = () => database.db

    const databaseUrl = () => {
      if (database.config.provider !== 'postgresql') throw new Error('PostgreSQL only')
      return database.config.url
    }
    // Small pools: three instances, two workers and this file's client stay far below
    // PostgreSQL's hundred connections with another test file running beside this one. Not
    // a capacity test: on a loaded machine a request waits for a connection (30 s rather
    // than 5) instead of answering 503.
    // Starts in flight when a hook times out end after afterAll began: it waits for them.
    const starting: Promise<unknown>[] = []
    const startInstance = async (index: number, seed = false) => {
      const start = startApp(
        {
          SEED_DEMO: seed ? '1' : '0',
          WORKER: 'off',
          DATABASE_POOL_SIZE: '4',
          DATABASE_ACQUIRE_TIMEOUT_MS: '30000',
          TRUST_PROXY: 'loopback',
          PUBLIC_URL: proxy.url,
        },
        { kept: { url: databaseUrl(), fresh: false }, port: ports[index], startWithinMs: 180_000 },
      )
      starting.push(start)
      instances[index] = await start
    }
    const startWorker = async (index: number) => {
      const worker = startWorkerProcess(
        database,
        fake,
        { secret: TEST_SESSION_SECRET, publicUrl: proxy.url },
        {
          env: {
            DATABASE_POOL_SIZE: '3',
            DATABASE_ACQUIRE_TIMEOUT_MS: '30000',
            NOTIFY_EMAIL: 'off',
            NOTIFY_VOICE: 'off',
          },
          logged: true,
        },
      )
      workers[index] = worker
      const owner = workerOwner(worker)
      starting.push(owner)
      owners[index] = await owner
    }

    beforeAll(async () => {
      database = await createTestDatabase()
      fake = await startFakeTwilio()
      // Slow answers, so that a worker killed while sending has requests in flight.
      fake.setResponder(() => ({ delayMs: 10 + Math.floor(Math.random() * 20) }))
      while (ports.length < 3) {
        const port = await freePort()
        if (!ports.includes(port)) ports.push(port)
      }
      proxy = await startRoundRobinProxy(ports.map((port) => `http://127.0.0.1:${port}`))
      // The first instance seeds the demo organisation; the others find it there.
      await startInstance(0, true)
      await liftRateLimits(db())
      await db().organisation.updateMany({ data: { dailySmsCap: 100_000 } })
      // Two at a time on two cores. Seven starts in all, two of them during the rush: on a
      // loaded machine each may take well over a minute, hence the longer limits.
      await Promise.all([startInstance(1), startWorker(0)])
      await Promise.all([startInstance(2), startWorker(1)])
    }, 480_000)

    afterAll(async () => {
      await Promise.allSettled(starting)
      await killAll(workers.filter(Boolean))
      await Promise.all(instances.map((instance) => instance.stop()))
      await proxy?.close()
      await fake?.close()
      await database?.drop()
    }, 300_000)

    test('a rush through the proxy with one instance and one worker killed mid-way: every booking told is kept, no overlap, every message sent once', async () => {
      const startedAt = new Date()
      const ofThisTest = { appointment: { createdAt: { gte: startedAt } } }

      // A time chosen on one instance, taken through a second, confirmed through a third.
      const { contactPath } = await nextRushSlot(instances[0]!, db())
      const [late, early] = people(2, 6) as [Person, Person]
      const lateReview = await reachReview(instances[0]!, contactPath, late)
      const earlyReview = await reachReview(instances[1]!, contactPath, early)
      expect((await confirmBooking(instances[1]!, earlyReview)).status).toBe(303)
      const refused = await confirmBooking(instances[2]!, lateReview)
      expect(refused.status).toBe(409)
      const refusal = await refused.text()
      expect(refusal).toMatch(SLOT_TAKEN)
      expect(refusal).toContain(ALTERNATIVES)
      const offered = [...refusal.matchAll(/href="[^"]*\/creneaux\/[^/]+\/([^/]+)\/confirmer"/gu)]
      expect(offered.length).toBeGreaterThan(0)
      expect(offered.map((match) => match[1])).not.toContain(contactPath.split('/').at(-2))

      // Every resident reaches the review page through the proxy; two per time.
      const taken = startOfPath(contactPath).getTime()
      const slots = (await freeSlotPaths(proxy, db(), WAVES * SLOTS_PER_WAVE + 1))
        .filter((slot) => startOfPath(slot).getTime() !== taken)
        .slice(0, WAVES * SLOTS_PER_WAVE)
      const residents = people(slots.length * RESIDENTS_PER_SLOT, 7)
      const planned = slots.flatMap((slot, index) =>
        residents
          .slice(index * RESIDENTS_PER_SLOT, (index + 1) * RESIDENTS_PER_SLOT)
          .map((person) => ({ slot, person })),
      )
      const attempts: Attempt[] = await inBatches(planned, 8, async (each) => ({
        ...each,
        review: await reachReview(proxy, each.slot, each.person),
      }))
      const waves = Array.from({ length: WAVES }, (_, wave) =>
        attempts.slice(
          wave * SLOTS_PER_WAVE * RESIDENTS_PER_SLOT,
          (wave + 1) * SLOTS_PER_WAVE * RESIDENTS_PER_SLOT,
        ),
      )
      const confirm = async (attempt: Attempt): Promise<Outcome> => {
        const response = await confirmBooking(proxy, attempt.review)
        const body = await response.text().catch(() => '')
        return {
          attempt,
          status: response.status,
          location: response.headers.get('location'),
          body,
        }
      }
      // Reminders fall due (the clock reaching them): the workers send them beside the rest.
      const remindersFallDue = () =>
        db().notification.updateMany({
          where: { ...ofThisTest, kind: { startsWith: 'REMINDER:' }, status: 'PENDING' },
          data: { dueAt: new Date() },
        })

      const first = await Promise.all(waves[0]!.map(confirm))
      await remindersFallDue()

      // The second wave in flight: the instance behind a third of it and the worker holding
      // leases are killed, then started again.
      const secondWave = Promise.all(waves[1]!.map(confirm))
      let holder = -1
      await until(async () => {
        const leased = await db().notification.findFirst({
          where: { status: 'SENDING', leaseOwner: { in: owners } },
          select: { leaseOwner: true },
        })
        holder = leased ? owners.indexOf(leased.leaseOwner!) : -1
        return holder >= 0
      }, 30_000)
      const deadOwner = owners[holder]!
      const killed = instances[1]!
      process.kill(killed.pid, 'SIGKILL')
      await Promise.all([killAll([workers[holder]!]), killed.exited])
      const heldByTheDead = await db().notification.count({
        where: { status: 'SENDING', leaseOwner: deadOwner },
      })
      await Promise.all([startInstance(1), startWorker(holder)])
      const second = await secondWave
      // Its leases would run out in 60 s; the clock is moved for those rows only, so the
      // other workers take them over now (decision 095).
      await db().notification.updateMany({
        where: { status: 'SENDING', leaseOwner: deadOwner },
        data: { leaseUntil: new Date() },
      })

      const restartedUrl = `http://127.0.0.1:${ports[1]}`
      const servedBefore = proxy.served.get(restartedUrl)!
      const third = await Promise.all(waves[2]!.map(confirm))
      expect(proxy.served.get(restartedUrl)).toBeGreaterThan(servedBefore)
      await remindersFallDue()
      const unsent = () =>
        db().notification.count({
          where: { ...ofThisTest, status: { in: ['PENDING', 'SENDING'] } },
        })
      await until(async () => (await unsent()) === 0, 60_000)

      // Every answer is a booking, a refusal with other times, or a request lost with the
      // killed instance; away from the kill, one booking and one refusal per time.
      const outcomes = [...first, ...second, ...third]
      const unexpected = outcomes.filter((each) => ![303, 409, 502].includes(each.status))
      expect(unexpected.map(({ status, body }) => ({ status, body: body.slice(0, 300) }))).toEqual(
        [],
      )
      for (const outcome of outcomes.filter((each) => each.status === 409)) {
        expect(outcome.body).toMatch(SLOT_TAKEN)
        expect(outcome.body).toContain(ALTERNATIVES)
      }
      for (const outcome of outcomes.filter((each) => each.status === 502))
        expect(outcome.body).toBe(PROXY_LOST)
      expect(statusCounts(first)).toEqual({ 303: SLOTS_PER_WAVE, 409: SLOTS_PER_WAVE })
      expect(statusCounts(third)).toEqual({ 303: SLOTS_PER_WAVE, 409: SLOTS_PER_WAVE })

      // Every booking a resident was told of is in the database, for that resident and time.
      const told = outcomes.filter((outcome) => outcome.status === 303)
      for (const { attempt, location } of told) {
        const token = location!.split('?')[0]!.slice('/r/'.length)
        const appointment = await db().appointment.findUnique({
          where: { manageTokenHash: hashManageToken(token) },
          include: { resident: true },
        })
        expect(appointment).toMatchObject({
          status: 'BOOKED',
          startsAt: startOfPath(attempt.slot),
          resident: { firstName: attempt.person.firstName, lastName: attempt.person.lastName },
        })
      }
      const booked = await db().appointment.findMany({
        where: { createdAt: { gte: startedAt }, status: 'BOOKED' },
        select: { id: true, startsAt: true },
      })
      const lost = outcomes.filter((outcome) => outcome.status === 502).length
      expect(booked.length).toBeGreaterThanOrEqual(told.length + 1)
      expect(booked.length).toBeLessThanOrEqual(told.length + 1 + lost)

      // No advisor holds two appointments at once, across the whole organisation.
      const all = await db().appointment.findMany({
        where: { status: 'BOOKED' },
        orderBy: [{ advisorId: 'asc' }, { startsAt: 'asc' }],
        select: { advisorId: true, startsAt: true, endsAt: true },
      })
      const overlaps = all.filter(
        (each, index) =>
          index > 0 &&
          all[index - 1]!.advisorId === each.advisorId &&
          all[index - 1]!.endsAt > each.startsAt,
      )
      expect(overlaps).toEqual([])

      // Every SMS sent is received exactly once, each booking's confirmation among them.
      const rows = await db().notification.findMany({
        where: { ...ofThisTest, channel: 'SMS' },
        select: {
          id: true,
          appointmentId: true,
          kind: true,
          status: true,
          recipient: true,
          providerMessageId: true,
        },
      })
      expect(rows.filter((row) => row.status === 'FAILED')).toEqual([])
      const received = new Map<string, (typeof fake.records)[number][]>()
      for (const record of fake.records) {
        const id = new URL(record.statusCallback!).searchParams.get('n')!
        received.set(id, [...(received.get(id) ?? []), record])
      }
      expect([...received.values()].filter((records) => records.length > 1)).toEqual([])
      const sent = rows.filter((row) => row.status === 'SENT')
      for (const row of sent) {
        expect(received.get(row.id)).toMatchObject([
          { sid: row.providerMessageId, to: row.recipient },
        ])
      }
      for (const { id } of booked) {
        expect(
          sent.filter((row) => row.appointmentId === id && row.kind === 'CONFIRMATION'),
        ).toHaveLength(1)
      }
      const reminders = sent.filter((row) => row.kind.startsWith('REMINDER:')).length
      expect(reminders).toBeGreaterThan(0)

      const served = [...proxy.served.values()].join('/')
      console.log(
        `several instances: ${outcomes.length} confirmations sent (${told.length} booked, ` +
          `${outcomes.filter((each) => each.status === 409).length} refused, ${lost} lost ` +
          `with the killed instance); ${booked.length} appointments; ${sent.length} SMS each ` +
          `received once (${reminders} reminders); ${heldByTheDead} rows held by the killed ` +
          `worker taken over; requests per instance ${served}`,
      )
    }, 300_000)
  },
)
