// Notification benchmark: `npm run bench:notify`. 10,000 due reminders sent through the
// fake Twilio (real SDK over loopback) with one worker, then with two, on SQLite (and
// PostgreSQL when TEST_DATABASE_URL is set). Reports throughput, duplicates (must be 0)
// and 429s from the fake's rate limit, which the workers' pacing must respect; then 1,000
// with two workers under a 50/s provider limit, which they must keep to.
// Target: ≥ 300 messages/s per worker.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig, type DatabaseConfig } from '~/platform/database/config.server'
import { prepareDatabase } from '~/platform/database/startup.server'
import { startFakeTwilio } from '~/features/notifications/providers/fake-twilio.server'
import { createMailer } from '~/features/notifications/providers/mailer.server'
import { createTwilioChannel } from '~/features/notifications/providers/twilio.server'
import { Dispatcher } from '~/features/notifications/dispatcher.server'
import { createOrganisationFixture } from '../support/fixtures'

const COUNT = Number(process.env.BENCH_COUNT ?? 10_000)
/** The provider's limit (fake Twilio answers 429 beyond it) and each worker's share. */
const PROVIDER_RATE = Number(process.env.BENCH_PROVIDER_RATE ?? 2_000)
/** A tight provider limit the workers must keep to (fewer rows: at 50/s, 1,000 take 20 s). */
const TIGHT = { rate: 50, count: 1_000 }

async function scratch(provider: 'sqlite' | 'postgresql') {
  if (provider === 'sqlite') {
    const folder = mkdtempSync(`${tmpdir()}/permanence-bench-notify-`)
    return {
      config: resolveDatabaseConfig(`file:${folder}/bench.db`),
      drop: async () => rmSync(folder, { recursive: true }),
    }
  }
  const server = process.env.TEST_DATABASE_URL!
  const name = `permanence_bench_notify_${process.pid}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    config: resolveDatabaseConfig(url.toString()),
    drop: async () => {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

async function seedRows(db: Db, now: Date, count: number) {
  const fixture = await createOrganisationFixture(db)
  await db.organisation.update({
    where: { id: fixture.organisation.id },
    data: { dailySmsCap: 1_000_000 },
  })
  const resident = await db.resident.create({
    data: {
      organisationId: fixture.organisation.id,
      firstName: 'Bench',
      lastName: 'Mark',
      searchKey: 'bench mark',
      phoneE164: '+33612345678',
      phoneType: 'MOBILE',
      notificationConsent: true,
      createdVia: 'ONLINE',
    },
  })
  const appointment = await db.appointment.create({
    data: {
      organisationId: fixture.organisation.id,
      advisorId: fixture.advisor.id,
      topicId: fixture.topic.id,
      residentId: resident.id,
      mode: 'IN_PERSON',
      siteId: fixture.site.id,
      startsAt: new Date(now.getTime() + 86_400_000),
      endsAt: new Date(now.getTime() + 86_400_000 + 1_800_000),
      createdVia: 'ONLINE',
    },
  })
  await db.notification.deleteMany({})
  for (let offset = 0; offset < count; offset += 1_000) {
    await db.notification.createMany({
      data: Array.from({ length: Math.min(1_000, count - offset) }, (_, index) => ({
        organisationId: fixture.organisation.id,
        appointmentId: appointment.id,
        kind: `REMINDER:BENCH_${offset + index}`,
        channel: 'SMS' as const,
        recipient: '+33612345678',
        dueAt: new Date(now.getTime() - 1_000),
      })),
    })
  }
}

async function run(config: DatabaseConfig, workers: number, count: number, providerRate: number) {
  const db = createDb(config)
  const now = new Date()
  await seedRows(db, now, count)
  const fake = await startFakeTwilio({ ratePerSecond: providerRate })
  const twilio = createTwilioChannel({
    accountSid: 'AC00000000000000000000000000000000',
    authToken: 'bench',
    from: '+33700000000',
    baseUrl: fake.baseUrl,
  })
  const dispatchers = Array.from(
    { length: workers },
    (_, index) =>
      new Dispatcher({
        db,
        provider: config.provider,
        twilio,
        mailer: createMailer(null),
        render: { publicUrl: 'https://rdv.example.fr', secret: 'bench-secret' },
        statusCallbackUrl: (id) => `https://rdv.example.fr/webhooks/twilio/status?n=${id}`,
        owner: `bench-${index}`,
        perNumberDailySms: 1_000_000,
        batchSize: 100,
        concurrency: 16,
        // Each worker paces itself under its share of the provider's limit.
        ratePerSecond: (providerRate * 0.95) / workers,
      }),
  )
  const started = performance.now()
  const outcomes = (await Promise.all(dispatchers.map((d) => d.drain()))).map((o) => o.length)
  const seconds = (performance.now() - started) / 1000
  const ids = fake.records.map((r) => new URL(r.statusCallback!).searchParams.get('n'))
  const duplicates = ids.length - new Set(ids).size
  const sent = await db.notification.count({ where: { status: 'SENT' } })
  await fake.close()
  await db.$disconnect()
  return {
    workers,
    perWorker: outcomes,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(count / seconds),
    perSecondPerWorker: Math.round(count / seconds / workers),
    received: fake.records.length,
    sent,
    duplicates,
    rateLimited429: fake.rateLimited(),
  }
}

async function main() {
  const providers: ('sqlite' | 'postgresql')[] = ['sqlite']
  if (process.env.TEST_DATABASE_URL) providers.push('postgresql')
  else console.log('PostgreSQL skipped: set TEST_DATABASE_URL to include it.')
  const runs = [
    { workers: 1, count: COUNT, providerRate: PROVIDER_RATE },
    { workers: 2, count: COUNT, providerRate: PROVIDER_RATE },
    { workers: 2, count: TIGHT.count, providerRate: TIGHT.rate },
  ]
  for (const provider of providers) {
    for (const { workers, count, providerRate } of runs) {
      const { config, drop } = await scratch(provider)
      await prepareDatabase(config)
      const result = await run(config, workers, count, providerRate)
      console.log(JSON.stringify({ provider, count, providerRate, ...result }))
      await drop()
      const overLimit = result.perSecond > providerRate || result.rateLimited429 > 0
      if (result.duplicates !== 0 || result.received !== count || overLimit) process.exitCode = 1
    }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
