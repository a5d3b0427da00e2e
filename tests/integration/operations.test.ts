import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { get, request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import { createTwilioChannel } from '~/features/notifications/providers/twilio.server'
import { Dispatcher } from '~/features/notifications/dispatcher.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { book } from '~/domain/booking/book'
import { runRetention } from '~/features/retention/index.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
} from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createStatisticsFixture } from '../support/statistics-fixture'
import { appDatabase } from '../support/journey'
import { confirmBooking, freeSlotPaths, liftRateLimits, people, reachReview } from '../support/rush'
import { builtEntry, startApp, startProductionApp } from '../support/server'
import { CRASH_TWILIO, startWorkerProcess, until } from '../support/worker-process'

// Operations (decision 094): an online backup restored while the app writes, and a stop by
// SIGTERM that lets the requests in flight finish and hands the worker's leases back.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PUBLIC_URL = 'https://rdv.example.fr'

/** `npm run db:backup [file]` against a database; its exit code and output. */
async function runBackup(databaseUrl: string, file?: string) {
  const child = spawn(process.execPath, [builtEntry('backup'), ...(file ? [file] : [])], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'pipe',
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, output }
}

if (testProvider !== 'sqlite')
  console.warn('PostgreSQL: db:backup copies SQLite files only; its drill runs in the SQLite pass')
describe.skipIf(testProvider !== 'sqlite')('backup and restore drill on sqlite', () => {
  test('a backup taken while bookings are written restores to a consistent app', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'permanence-backup-'))
    const app = await startProductionApp()
    const db = appDatabase(app)
    try {
      await liftRateLimits(db)
      const paths = await freeSlotPaths(app, db, 16)
      const ready = await Promise.all(
        people(16).map((person, index) => reachReview(app, paths[index]!, person)),
      )
      // Bookings keep arriving, two at a time, before, during and after the backup.
      let confirmed = 0
      const writing = (async () => {
        for (let index = 0; index < ready.length; index += 2) {
          const answers = await Promise.all(
            ready.slice(index, index + 2).map((r) => confirmBooking(app, r)),
          )
          for (const answer of answers) expect(answer.status).toBe(303)
          confirmed += answers.length
        }
      })()
      await until(() => confirmed >= 4, 60_000)
      const before = await db.appointment.count()
      const file = path.join(folder, 'drill.db')
      const backup = await runBackup(app.databaseUrl, file)
      const after = await db.appointment.count()
      await writing
      expect(backup.code).toBe(0)
      expect(backup.output).toContain(`Backed up to ${file} (`)

      const copy = new Database(file, { readonly: true })
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      const copied = (
        copy.prepare('SELECT count(*) AS n FROM "Appointment"').get() as { n: number }
      ).n
      copy.close()
      expect(copied).toBeGreaterThanOrEqual(before)
      expect(copied).toBeLessThanOrEqual(after)
      expect(confirmed).toBe(16)

      const restored = await startApp(
        {
          NODE_ENV: 'production',
          PUBLIC_URL,
          NOTIFY_SMS: 'off',
          NOTIFY_VOICE: 'off',
          NOTIFY_EMAIL: 'off',
        },
        { kept: { url: `file:${file}`, fresh: false } },
      )
      try {
        const page = await fetch(`${restored.url}/${DEMO_ORGANISATION_SLUG}`)
        expect(page.status).toBe(200)
        const restoredDb = appDatabase(restored)
        expect(await restoredDb.appointment.count()).toBe(copied)
        await restoredDb.$disconnect()
      } finally {
        await restored.stop()
      }
    } finally {
      await db.$disconnect()
      await app.stop()
      rmSync(folder, { recursive: true, force: true })
    }
  }, 180_000)

  test('db:backup says in one line what is wrong', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'permanence-backup-'))
    try {
      const missing = await runBackup(`file:${folder}/none.db`)
      expect(missing.code).toBe(1)
      expect(missing.output.trim()).toBe(
        `Cannot back up: No database at ${folder}/none.db: nothing to back up (check DATABASE_URL).`,
      )
      const source = new Database(`${folder}/app.db`)
      source.exec('CREATE TABLE t (x)')
      source.close()
      const unwritable = await runBackup(`file:${folder}/app.db`, `${folder}/app.db/x/copy.db`)
      expect(unwritable.code).toBe(1)
      expect(unwritable.output.trim()).toBe(
        `Cannot back up: Cannot write backups to ${folder}/app.db/x (ENOTDIR).`,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 60_000)
})

if (testProvider !== 'postgresql')
  console.warn('SQLite: the pg_dump message of db:backup is checked in the PostgreSQL pass')
describe.skipIf(testProvider !== 'postgresql')('backup on postgresql', () => {
  test('db:backup points to pg_dump and fails rather than fake a backup', async () => {
    const database = await createTestDatabase()
    try {
      const url = database.config.provider === 'postgresql' ? database.config.url : ''
      const { code, output } = await runBackup(url)
      expect(code).toBe(1)
      expect(output).toContain(
        'is backed up with pg_dump, not by this command: pg_dump --format=custom',
      )
      expect(resolveDatabaseConfig(url).provider).toBe('postgresql')
    } finally {
      await database.drop()
    }
  }, 60_000)
})

/** A request on a connection of its own: its status, or the connection's error code. */
const newConnection = (url: string) =>
  new Promise<number | string>((resolve) =>
    get(`${url}/healthz`, { agent: false }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message)),
  )

/** A form posted in two halves: the request stays in flight until `finish` is called. */
function slowPost(url: string, fields: Record<string, string>, cookie: string) {
  const body = new URLSearchParams(fields).toString()
  const half = Math.floor(body.length / 2)
  const request = httpRequest(url, {
    method: 'POST',
    agent: false,
    headers: {
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
    },
  })
  const answer = new Promise<{ status: number; location: string | undefined }>(
    (resolve, reject) => {
      request.on('response', (response) => {
        response.resume()
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location }),
        )
      })
      request.on('error', reject)
    },
  )
  request.write(body.slice(0, half))
  return { answer, finish: () => request.end(body.slice(half)) }
}

describe(`graceful stop of the web process on ${testProvider}`, () => {
  test('a request in flight when SIGTERM comes gets its full answer; new ones are refused', async () => {
    const app = await startProductionApp()
    const db = appDatabase(app)
    try {
      await liftRateLimits(db)
      const [slot] = await freeSlotPaths(app, db, 1)
      const person = people(1, 42)[0]!
      const ready = await reachReview(app, slot!, person)
      const post = slowPost(`${app.url}${ready.path}`, ready.fields, ready.cookie)
      await new Promise((resolve) => setTimeout(resolve, 300))
      process.kill(app.pid, 'SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await newConnection(app.url)).toBe('ECONNREFUSED')
      post.finish()
      expect((await post.answer).status).toBe(303)
      expect(await app.exited).toBe(0)
      expect(
        await db.appointment.count({ where: { resident: { lastName: person.lastName } } }),
      ).toBe(1)
    } finally {
      await db.$disconnect()
      await app.stop()
    }
  }, 120_000)
})

describe(`graceful stop of a worker on ${testProvider}`, () => {
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

  test('a worker stopped by SIGTERM mid-batch hands its leased rows back at once', async () => {
    const ROWS = 30
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
    await database.db.notification.createMany({
      data: Array.from({ length: ROWS }, (_, index) => ({
        organisationId: fixture.organisation.id,
        appointmentId,
        kind: `REMINDER:STOP_${index}`,
        channel: 'SMS' as const,
        recipient: `+336123457${String(index).padStart(2, '0')}`,
        dueAt: new Date(Date.now() - 1_000),
      })),
    })
    fake.setResponder(() => ({ delayMs: 300 }))
    const worker = startWorkerProcess(database, fake, { secret: SECRET, publicUrl: PUBLIC_URL })
    const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve))
    await until(() => fake.records.length >= 1, 60_000)
    worker.kill('SIGTERM')
    expect(await exited).toBe(0)

    const rows = await database.db.notification.findMany({
      where: { kind: { startsWith: 'REMINDER:STOP_' } },
      select: { status: true, leaseOwner: true, leaseUntil: true, attempts: true },
    })
    expect(rows.filter((row) => row.leaseOwner !== null || row.status === 'SENDING')).toEqual([])
    const handedBack = rows.filter((row) => row.status === 'PENDING')
    expect(handedBack.length).toBeGreaterThan(0)
    expect(handedBack.every((row) => row.leaseUntil === null && row.attempts === 0)).toBe(true)
    expect(rows.filter((row) => row.status === 'SENT')).toHaveLength(fake.records.length)

    // Another worker takes them now, on the real clock: no lease to wait out.
    fake.setResponder(null)
    const next = new Dispatcher({
      db: database.db,
      provider: testProvider,
      twilio: createTwilioChannel({ ...CRASH_TWILIO, baseUrl: fake.baseUrl }),
      mailer: null,
      render: { publicUrl: PUBLIC_URL, secret: SECRET },
      perNumberDailySms: 100_000,
    })
    await next.drain()
    expect(
      await database.db.notification.count({
        where: { kind: { startsWith: 'REMINDER:STOP_' }, status: 'SENT' },
      }),
    ).toBe(ROWS)
    expect(fake.records).toHaveLength(ROWS)
  }, 120_000)
})

describe(`graceful stop of the retention run on ${testProvider}`, () => {
  test('a run stopped between batches hands its lease back; another worker resumes at once', async () => {
    const database = await createTestDatabase()
    try {
      const db = database.db
      await createStatisticsFixture(db)
      const now = new Date('2028-10-20T02:00:00Z')
      const due = await runRetention(db, { now, owner: 'dry', dryRun: true })
      let batches = 0
      const stopped = await runRetention(db, {
        now,
        owner: 'stopping',
        batchSize: 2,
        afterBatch: () => (batches += 1),
        stopping: () => batches >= 1,
      })
      expect(stopped).toEqual({ ran: false, reason: 'STOPPED' })
      const run = await db.retentionRun.findUniqueOrThrow({ where: { day: '2028-10-20' } })
      expect(run).toMatchObject({ leaseOwner: null, leaseUntil: null, finishedAt: null })
      expect(JSON.parse(run.counts)).not.toEqual({})
      // Same instant, no lease to wait out.
      const resumed = await runRetention(db, { now, owner: 'next', batchSize: 2 })
      expect(resumed.ran).toBe(true)
      expect(resumed.ran && resumed.counts).toEqual(due.ran && due.counts)
    } finally {
      await database.drop()
    }
  }, 120_000)
})
