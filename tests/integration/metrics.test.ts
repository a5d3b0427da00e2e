import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { testProvider, withPostgresAdmin } from '../support/database'
import { bookFirstFreeSlot, postForm } from '../support/journey'
import { startProductionApp, until, type RunningApp } from '../support/server'

// The operator's view of the service (decision 093): /metrics behind its token, /readyz
// apart from /healthz.

const TOKEN = 'metrics-token-0123456789abcdef0123456789'
let app: RunningApp
let database: Db

beforeAll(async () => {
  app = await startProductionApp({ METRICS_TOKEN: TOKEN, WORKER: 'off' })
  database = createDb(resolveDatabaseConfig(app.databaseUrl))
})
afterAll(async () => {
  await database?.$disconnect()
  await app?.stop()
})

const metricsText = async () => {
  const response = await fetch(`${app.url}/metrics`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  })
  expect(response.status).toBe(200)
  return response.text()
}

/** The value of one sample, such as permanence_outbox_due_messages{channel="SMS"}. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  expect(line, `${series} in /metrics`).toBeDefined()
  return Number(line!.slice(series.length + 1))
}

describe(`/metrics on ${testProvider}`, () => {
  test('does not exist without the token, nor with another one', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer not-the-token' },
      { Authorization: TOKEN },
    ] as Record<string, string>[]) {
      const response = await fetch(`${app.url}/metrics`, { headers })
      expect(response.status).toBe(404)
      expect(await response.text()).not.toContain('permanence_')
    }
  })

  test('is Prometheus text with the default process metrics', async () => {
    const response = await fetch(`${app.url}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/u)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const text = await response.text()
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter')
    expect(text).toContain('# TYPE permanence_http_request_duration_seconds histogram')
  })

  test('the outbox backlog and its oldest age rise as messages fall due, and fall once sent', async () => {
    const before = await metricsText()
    const backlog = sample(before, 'permanence_outbox_due_messages{channel="SMS"}')
    const email = sample(before, 'permanence_outbox_due_messages{channel="EMAIL"}')
    const organisation = await database.organisation.findFirstOrThrow()
    const due = new Date(Date.now() - 10 * 60_000)
    const queued = await Promise.all(
      [due, new Date(Date.now() - 60_000)].map((dueAt) =>
        database.notification.create({
          data: {
            organisationId: organisation.id,
            kind: 'ADVISOR_NOTICE',
            channel: 'SMS',
            recipient: '+33600000000',
            dueAt,
          },
        }),
      ),
    )
    // Not due yet: not in the backlog.
    await database.notification.create({
      data: {
        organisationId: organisation.id,
        kind: 'ADVISOR_NOTICE',
        channel: 'SMS',
        recipient: '+33600000000',
        dueAt: new Date(Date.now() + 3_600_000),
      },
    })

    const queuedText = await metricsText()
    expect(sample(queuedText, 'permanence_outbox_due_messages{channel="SMS"}')).toBe(backlog + 2)
    expect(sample(queuedText, 'permanence_outbox_due_messages{channel="EMAIL"}')).toBe(email)
    expect(
      sample(queuedText, 'permanence_outbox_oldest_due_age_seconds{channel="SMS"}'),
    ).toBeGreaterThanOrEqual(600)

    await database.notification.updateMany({
      where: { id: { in: queued.map(({ id }) => id) } },
      data: { status: 'SENT', sentAt: new Date() },
    })
    const sentText = await metricsText()
    expect(sample(sentText, 'permanence_outbox_due_messages{channel="SMS"}')).toBe(backlog)
  })

  test('provider errors and retention runs are read from the database', async () => {
    const before = await metricsText()
    const failed = sample(before, 'permanence_notifications_failed{channel="EMAIL"}')
    const runs = sample(before, 'permanence_retention_runs_finished')
    const organisation = await database.organisation.findFirstOrThrow()
    await database.notification.create({
      data: {
        organisationId: organisation.id,
        kind: 'ADVISOR_NOTICE',
        channel: 'EMAIL',
        recipient: 'conseil@example.fr',
        dueAt: new Date(),
        status: 'FAILED',
      },
    })
    const finishedAt = new Date('2026-11-30T02:00:00Z')
    await database.retentionRun.create({
      data: { day: '2026-11-30', startedAt: finishedAt, finishedAt },
    })

    const after = await metricsText()
    expect(sample(after, 'permanence_notifications_failed{channel="EMAIL"}')).toBe(failed + 1)
    expect(sample(after, 'permanence_retention_runs_finished')).toBe(runs + 1)
    expect(
      sample(after, 'permanence_retention_last_finished_timestamp_seconds'),
    ).toBeGreaterThanOrEqual(finishedAt.getTime() / 1000)
  })

  test('bookings and cancellations count up as a resident books and cancels over HTTP', async () => {
    const bookings = 'permanence_bookings_total{via="online"}'
    const cancellations = 'permanence_cancellations_total{by="resident"}'
    const before = await metricsText()
    expect(before).toContain('# TYPE permanence_bookings_total counter')
    expect(before).toContain('# TYPE permanence_cancellations_total counter')
    expect(sample(before, 'permanence_cancellations_total{by="service"}')).toBe(0)
    // No full count of the appointments at each scrape any more.
    expect(before).not.toContain('permanence_appointments{')

    const confirmed = await bookFirstFreeSlot(app, database, 'Déclarer mes impôts en ligne', {
      lastName: 'Compteur',
      phone: '06 12 34 56 78',
    })
    expect(confirmed.status).toBe(303)
    const booked = await metricsText()
    expect(sample(booked, bookings)).toBe(sample(before, bookings) + 1)
    expect(sample(booked, cancellations)).toBe(sample(before, cancellations))

    const manage = new URL(confirmed.headers.get('location')!, app.url).pathname
    expect((await postForm(app, `${manage}/annuler`, {})).status).toBe(303)
    // Sent again (an old tab): nothing more is cancelled, nothing more counted.
    expect((await postForm(app, `${manage}/annuler`, {})).status).toBe(303)
    const cancelled = await metricsText()
    expect(sample(cancelled, cancellations)).toBe(sample(before, cancellations) + 1)
    expect(sample(cancelled, bookings)).toBe(sample(before, bookings) + 1)
  })

  test('requests are counted by route id and status, never by their URL', async () => {
    const token = 'jeton-secret-de-lien-0123456789'
    const page = await fetch(`${app.url}/r/${token}`)
    expect(page.status).toBe(404)
    await page.text()
    const series =
      'permanence_http_requests_total{method="GET",route="routes/r.$token",status="404"}'
    // Counted once the answer is finished, which the reader may see first.
    let text = ''
    await until(async () => (text = await metricsText()).includes(series))
    expect(sample(text, series)).toBeGreaterThanOrEqual(1)
    expect(text).toMatch(
      /^permanence_http_request_duration_seconds_count\{method="GET",route="routes\/r\.\$token"\} \d+$/mu,
    )
    expect(text).not.toContain(token)
    expect(text).not.toContain('route="/')
  })
})

describe(`/readyz on ${testProvider}`, () => {
  test('ready while the database answers and is migrated; /healthz unchanged', async () => {
    const response = await fetch(`${app.url}/readyz`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('ready\n')
    expect(await (await fetch(`${app.url}/healthz`)).json()).toMatchObject({ status: 'ok' })
  })

  test('503 with one line when a migration this build ships is missing', async () => {
    const [last] = await database.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
    )
    const name = last!.migration_name
    await database.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = finished_at WHERE migration_name = ${name}`
    const response = await fetch(`${app.url}/readyz`)
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('not ready: database not migrated: 1 pending\n')
    // Liveness says the process is up.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
    await database.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = ${name}`
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200)
  })

  if (testProvider !== 'postgresql')
    console.warn(
      'SQLite: an open database file cannot be taken from the app; "database gone" is checked on PostgreSQL',
    )
  test.runIf(testProvider === 'postgresql')('503 once the database is gone', async () => {
    await database.$disconnect()
    const name = new URL(app.databaseUrl).pathname.slice(1)
    await withPostgresAdmin((client) => client.query(`DROP DATABASE "${name}" WITH (FORCE)`))
    const response = await fetch(`${app.url}/readyz`)
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('not ready: database unreachable or not migrated\n')
    const metrics = await fetch(`${app.url}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })
    expect(metrics.status).toBe(503)
  })
})
