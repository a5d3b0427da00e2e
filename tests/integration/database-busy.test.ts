// When the database cannot serve a request in time (every pooled connection held, or
// SQLite's write lock held by another process), the reader gets a short 503 page with
// Retry-After, not a 500 error page; and once the database is free again, everything works.
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testProvider } from '../support/database'
import { appDatabase, postForm } from '../support/journey'
import {
  confirmBooking,
  liftRateLimits,
  nextRushSlot,
  people,
  reachReview,
  startOfPath,
} from '../support/rush'
import { startApp, type RunningApp } from '../support/server'

let app: RunningApp
beforeAll(async () => {
  app = await startApp({
    SEED_DEMO: '1',
    // Nothing else in the app takes the pool's one connection meanwhile.
    WORKER: 'off',
    DATABASE_POOL_SIZE: '1',
    DATABASE_ACQUIRE_TIMEOUT_MS: '300',
  })
  const db = appDatabase(app)
  await liftRateLimits(db)
  await db.$disconnect()
})
afterAll(() => app.stop())

type Holder = { release: () => Promise<void>; waitingOnIt: () => Promise<number> }

/** Another process keeps the database from this app until it releases it. */
async function holdTheDatabase(): Promise<Holder> {
  if (testProvider === 'sqlite') {
    const other = new Database(app.databaseUrl.slice('file:'.length))
    other.exec('BEGIN IMMEDIATE')
    return {
      release: async () => {
        other.exec('ROLLBACK')
        other.close()
      },
      waitingOnIt: async () => 0,
    }
  }
  const other = new pg.Client({ connectionString: app.databaseUrl })
  await other.connect()
  await other.query('BEGIN')
  await other.query('LOCK TABLE "Organisation" IN ACCESS EXCLUSIVE MODE')
  return {
    release: async () => {
      await other.query('ROLLBACK')
      await other.end()
    },
    waitingOnIt: async () => {
      // Inside a transaction, pg_stat_activity keeps its first snapshot unless cleared.
      await other.query('SELECT pg_stat_clear_snapshot()')
      const { rows } = await other.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
      return rows[0]!.waiting
    },
  }
}

/** Runs `work` while another process keeps the database from this app. */
async function whileHeld<T>(work: (holder: Holder) => Promise<T>): Promise<T> {
  const holder = await holdTheDatabase()
  try {
    return await work(holder)
  } finally {
    await holder.release()
  }
}

/**
 * PostgreSQL: a request that takes the pool's one connection and waits behind the lock, so
 * the next request finds none: an organisation's page no cache can answer (there is no
 * such organisation: 404 once the lock is gone). SQLite has no pool: its requests meet the
 * lock themselves.
 */
async function occupyThePool(holder: Holder): Promise<{ answer: Promise<Response> } | null> {
  if (testProvider === 'sqlite') return null
  const answer = fetch(`${app.url}/nulle-part`)
  while ((await holder.waitingOnIt()) === 0) await new Promise((resolve) => setTimeout(resolve, 20))
  // Wrapped: an async function returning the promise itself would wait for it.
  return { answer }
}

async function expectBusyPage(response: Response) {
  expect(response.status).toBe(503)
  expect(response.headers.get('retry-after')).toBe('5')
  const page = await response.text()
  expect(page).toContain('<html lang="fr">')
  expect(page).toContain('Service très demandé')
  expect(page).toContain('Patientez quelques secondes, puis réessayez.')
  expect(page).not.toMatch(/Error|\bat .*\.js/)
}

describe(`a database too busy to answer in time, on ${testProvider}`, () => {
  test('the confirmation answers 503 with Retry-After and a plain message; sent again later, it books once', async () => {
    const { contactPath } = await nextRushSlot(app, appDatabase(app))
    const ready = await reachReview(app, contactPath, people(1, 5)[0]!)
    const { busy, occupying } = await whileHeld(async (holder) => {
      const occupying = await occupyThePool(holder)
      return { busy: await confirmBooking(app, ready), occupying }
    })
    await expectBusyPage(busy)
    if (occupying) expect((await occupying.answer).status).toBe(404)
    expect(app.output()).toContain('database busy: answered 503')

    const again = await confirmBooking(app, ready)
    expect(again.status).toBe(303)
    const db = appDatabase(app)
    expect(await db.appointment.count({ where: { startsAt: startOfPath(contactPath) } })).toBe(1)
    await db.$disconnect()
  })

  test('the same confirmation sent by the browser’s scripts gets the same 503', async () => {
    const { contactPath } = await nextRushSlot(app, appDatabase(app))
    const ready = await reachReview(app, contactPath, people(1, 6)[0]!)
    const { busy, occupying } = await whileHeld(async (holder) => {
      const occupying = await occupyThePool(holder)
      const busy = await postForm(app, `${ready.path}.data`, {}, ready.cookie)
      return { busy, occupying }
    })
    await expectBusyPage(busy)
    if (occupying) expect((await occupying.answer).status).toBe(404)
  })
})
