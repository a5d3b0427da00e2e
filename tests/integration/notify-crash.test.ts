import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import { createTwilioChannel } from '~/features/notifications/providers/twilio.server'
import { Dispatcher } from '~/features/notifications/dispatcher.server'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
} from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { CRASH_TWILIO, killAll, startWorkerProcess, until } from '../support/worker-process'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { book } from '~/domain/booking/book'

// The crash test: two worker processes send a batch and are killed with SIGKILL at a
// random moment (while requests are in flight); a fresh worker then recovers. Every
// message must reach the fake Twilio exactly once, and every row end SENT.

// 8 trials in `npm test` (two killed workers each); CRASH_TRIALS=50 for a longer hunt.
const TRIALS = Number(process.env.CRASH_TRIALS ?? 8)
const ROWS = 30
const PUBLIC_URL = 'https://rdv.example.fr'

let database: TestDatabase
let fake: FakeTwilio
beforeAll(async () => {
  database = await createTestDatabase()
  fake = await startFakeTwilio()
})
afterAll(async () => {
  await fake.close()
  await database.drop()
})

const startWorker = () =>
  startWorkerProcess(database, fake, { secret: SECRET, publicUrl: PUBLIC_URL })

describe(`SIGKILL crash test on ${testProvider}`, () => {
  test(`${TRIALS} trials, two worker processes killed mid-batch: nothing lost, nothing sent twice`, async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { dailySmsCap: 100_000 },
    })
    const request = bookingRequest(fixture)
    const { appointmentId } = await book(
      request,
      NOW,
      await bookingPorts(database.db, request, NOW, SECRET),
    )
    await database.db.notification.updateMany({
      where: { appointmentId },
      data: { status: 'CANCELLED' },
    })
    // Slow answers, so kills land while requests are in flight.
    fake.setResponder(() => ({ delayMs: 5 + Math.floor(Math.random() * 25) }))
    let killedInFlight = 0
    for (let trial = 0; trial < TRIALS; trial += 1) {
      fake.records.length = 0
      const kind = `REMINDER:CRASH_${trial}_`
      await database.db.notification.createMany({
        data: Array.from({ length: ROWS }, (_, index) => ({
          organisationId: fixture.organisation.id,
          appointmentId,
          kind: `${kind}${index}`,
          channel: 'SMS' as const,
          // One number per row: a recovering worker knows its own message by number and text.
          recipient: `+336123456${String(index).padStart(2, '0')}`,
          dueAt: new Date(Date.now() - 1_000),
        })),
      })
      const workers = [startWorker(), startWorker()]
      const killAt = 1 + Math.floor(Math.random() * (ROWS - 2))
      await until(() => fake.records.length >= killAt, 60_000)
      await killAll(workers)
      // Requests the killed workers had in flight may still be accepted: let them land.
      await new Promise((resolve) => setTimeout(resolve, 100))
      const marked = await database.db.notification.count({
        where: { kind: { startsWith: kind }, status: 'SENT' },
      })
      if (marked < fake.records.length) killedInFlight += 1

      // Recovery after the leases expire.
      const recovery = new Dispatcher({
        db: database.db,
        provider: testProvider,
        twilio: createTwilioChannel({ ...CRASH_TWILIO, baseUrl: fake.baseUrl }),
        mailer: null,
        render: { publicUrl: PUBLIC_URL, secret: SECRET },
        statusCallbackUrl: (id) => `${PUBLIC_URL}/webhooks/twilio/status?n=${id}`,
        perNumberDailySms: 100_000,
        clock: () => new Date(Date.now() + 10 * 60_000),
      })
      await recovery.drain()
      const rows = await database.db.notification.findMany({
        where: { kind: { startsWith: kind } },
        select: { status: true, providerMessageId: true, lastError: true, attempts: true },
      })
      expect(rows.filter((row) => row.status !== 'SENT')).toEqual([])
      expect(fake.records).toHaveLength(ROWS)
      const ids = new Set(fake.records.map((r) => new URL(r.statusCallback!).searchParams.get('n')))
      expect(ids.size).toBe(ROWS)
      expect(new Set(rows.map((row) => row.providerMessageId)).size).toBe(ROWS)
    }
    // The test means something only if some kills fell between acceptance and marking.
    expect(killedInFlight).toBeGreaterThan(0)
  }, 600_000)
})
