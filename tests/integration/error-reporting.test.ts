import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase } from '../support/journey'
import { startProductionApp, until, type RunningApp } from '../support/server'

// Unexpected errors reach Sentry only with SENTRY_DSN, and without what a person typed or
// carries (decision 099). The real SDK sends to a fake ingest on this machine.

type Envelope = { header: Record<string, unknown>; items: { type: string; payload: string }[] }

/** Sentry's ingest as the SDK sees it: envelopes posted to /api/<project>/envelope/. */
async function startFakeIngest() {
  const envelopes: { path: string; raw: string; envelope: Envelope }[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const raw = (
        request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body
      ).toString('utf8')
      const [header, ...rest] = raw.split('\n')
      const items: Envelope['items'] = []
      for (let index = 0; index + 1 < rest.length; index += 2) {
        const item = JSON.parse(rest[index]!) as { type: string }
        items.push({ type: item.type, payload: rest[index + 1]! })
      }
      envelopes.push({
        path: request.url ?? '',
        raw,
        envelope: { header: JSON.parse(header!), items },
      })
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    envelopes,
    events: () =>
      envelopes.flatMap(({ envelope }) =>
        envelope.items
          .filter((item) => item.type === 'event')
          .map((item) => JSON.parse(item.payload) as SentEvent),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type SentEvent = {
  environment: string
  transaction?: string
  tags: Record<string, string>
  request?: { method?: string; url?: string; cookies?: unknown; headers?: unknown; data?: unknown }
  user?: unknown
  exception: {
    values: { type: string; value: string; stacktrace?: { frames: { vars?: unknown }[] } }[]
  }
}

const BROKEN_ZONE = 'Mars/Olympus_Mons'
const EMAIL = 'jeanne.dupont@example.fr'
const TOKEN = 'jeton-personnel-0123456789abcdef'
const COOKIE = '__session=cookie-secret-0123456789'

/**
 * A week page that fails as no page should: its site's time zone unknown (the stored
 * value quoted in the error's message). Asked with a query string and a cookie that must
 * not leave either. Returns the request id the answer names.
 */
async function failingRequest(app: RunningApp, db: Db, topicName: string) {
  const site = await db.site.findFirstOrThrow({
    where: { name: 'Mairie de Saint-Julien-sur-Sorne' },
  })
  await db.site.update({ where: { id: site.id }, data: { timeZone: BROKEN_ZONE } })
  try {
    const topic = await db.topic.findFirstOrThrow({ where: { name: topicName } })
    const failed = await fetch(
      `${app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous/${topic.id}/creneaux/${site.id}?courriel=${EMAIL}&jeton=${TOKEN}`,
      { headers: { cookie: COOKIE } },
    )
    expect(failed.status).toBe(500)
    await failed.text()
    const requestId = failed.headers.get('x-request-id')!
    // The log line is written once the answer is finished.
    await until(() => app.output().includes(requestId))
    return {
      requestId,
      path: `/${DEMO_ORGANISATION_SLUG}/rendez-vous/${topic.id}/creneaux/${site.id}`,
    }
  } finally {
    await db.site.update({ where: { id: site.id }, data: { timeZone: site.timeZone } })
  }
}

type Ingest = Awaited<ReturnType<typeof startFakeIngest>>

/**
 * A fake ingest, and the app in production with SENTRY_DSN set to what `dsn` says; no
 * worker unless `env` asks for one.
 */
function appBesideIngest(dsn: (ingest: Ingest) => string, env: Record<string, string> = {}) {
  const running = {} as { ingest: Ingest; app: RunningApp; db: Db }
  beforeAll(async () => {
    running.ingest = await startFakeIngest()
    running.app = await startProductionApp({
      SENTRY_DSN: dsn(running.ingest),
      WORKER: 'off',
      LOG_LEVEL: 'error',
      ...env,
    })
    running.db = appDatabase(running.app)
  })
  afterAll(async () => {
    await running.db?.$disconnect()
    await running.app?.stop()
    await running.ingest?.close()
  })
  return running
}

describe(`error reporting with SENTRY_DSN (${testProvider})`, () => {
  const running = appBesideIngest((ingest) => ingest.dsn)

  test('an error in a page reaches Sentry with its kind, frames and route, nothing personal', async () => {
    const { app, db, ingest } = running
    const { requestId, path } = await failingRequest(
      app,
      db,
      'Reconnaître les arnaques sur internet',
    )
    await until(() => ingest.events().some((event) => event.tags.request_id === requestId))
    const event = ingest.events().find((one) => one.tags.request_id === requestId)!
    const [exception] = event.exception.values
    expect(exception).toMatchObject({ type: 'SchedulingError' })
    expect(exception!.stacktrace!.frames.length).toBeGreaterThan(0)
    expect(event).toMatchObject({
      environment: 'production',
      tags: { role: 'web', method: 'GET' },
      request: { method: 'GET', url: path },
    })
    expect(event.request).not.toHaveProperty('cookies')
    expect(event.request).not.toHaveProperty('headers')
    expect(event.request).not.toHaveProperty('data')
    expect(event.user).toBeUndefined()
    expect(exception!.stacktrace!.frames.some((frame) => frame.vars !== undefined)).toBe(false)

    const sent = ingest.envelopes.map(({ raw }) => raw).join('\n')
    for (const personal of [
      BROKEN_ZONE,
      EMAIL,
      'jeanne.dupont',
      TOKEN,
      'cookie-secret',
      'courriel',
    ])
      expect(sent, personal).not.toContain(personal)
    expect(
      ingest.envelopes.every(({ path: sentTo }) => sentTo.startsWith('/api/1/envelope/')),
    ).toBe(true)
  })
})

describe(`error reporting of the background tasks with SENTRY_DSN (${testProvider})`, () => {
  const running = appBesideIngest((ingest) => ingest.dsn, {
    WORKER: 'on',
    TASKS_EVERY_SECONDS: '1',
  })

  test('a task that fails reaches Sentry with its name and frames, nothing of its data', async () => {
    const { db, ingest } = running
    // An organisation whose zone is unknown: the tallies cannot say which day a change
    // touched, and the task fails on each tick until the zone is mended.
    const organisation = await db.organisation.create({
      data: {
        slug: 'fuseau-inconnu',
        name: 'Mairie au fuseau inconnu',
        kind: 'COMMUNE',
        timeZone: BROKEN_ZONE,
        holidayRegion: 'FR-METRO',
      },
    })
    try {
      await db.statisticsChange.create({
        data: { organisationId: organisation.id, at: new Date() },
      })
      const fromTask = () =>
        ingest.events().find((event) => event.tags.task === 'statistics tallies')
      await until(() => fromTask() !== undefined)
      const event = fromTask()!
      expect(event).toMatchObject({ environment: 'production', tags: { role: 'web' } })
      expect(event.request).toBeUndefined()
      expect(event.exception.values[0]!.stacktrace!.frames.length).toBeGreaterThan(0)
      const sent = ingest.envelopes.map(({ raw }) => raw).join('\n')
      for (const data of [BROKEN_ZONE, organisation.id, 'fuseau-inconnu'])
        expect(sent, data).not.toContain(data)
    } finally {
      await db.statisticsChange.deleteMany({ where: { organisationId: organisation.id } })
      await db.organisation.delete({ where: { id: organisation.id } })
    }
  })
})

describe(`no error reporting without SENTRY_DSN (${testProvider})`, () => {
  // Empty, as an environment file may leave it: unset for the app, whatever the test's own
  // environment holds.
  const running = appBesideIngest(() => '')

  test('the same error is logged and sent nowhere', async () => {
    const { app, db, ingest } = running
    const { requestId } = await failingRequest(app, db, 'Reconnaître les arnaques sur internet')
    const line = app
      .output()
      .split('\n')
      .find((one) => one.includes(requestId))!
    expect(JSON.parse(line)).toMatchObject({ level: 50, err: { type: 'SchedulingError' } })
    // What the SDK would have sent leaves within milliseconds; a second is ample.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(ingest.envelopes).toEqual([])
  })
})
