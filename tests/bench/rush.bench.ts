// Booking rush benchmark: `npm run bench:rush` (run `npm run build` first).
// On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set, the built app in production:
//   A. 20 rounds of 50 residents confirming one slot at once through the real form flow
//      (contact step, review page, then every confirmation sent together);
//   B. 20 rounds of the same slot taken by 25 residents and 25 bookings on behalf by
//      reception at once.
// While each round runs, /healthz is requested one call after the other (other pages must
// keep answering). Printed per database: successes per round (target exactly 1), 5xx
// (target 0), the longest round (target <= 2 s), deadlocks counted by pg_stat_database
// during the run (target 0), and the p99 of /healthz. Exits 1 when a target is missed.
// First: the app's modules read the configuration as they load (tests/support/config-setup.ts).
import '../support/config-setup'
import { performance } from 'node:perf_hooks'
import type { DatabaseProvider } from '~/platform/database/provider'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { withPostgresAdmin } from '../support/database'
import { appDatabase, postForm, signIn } from '../support/journey'
import {
  confirmBooking,
  inBatches,
  liftRateLimits,
  nextRushSlot,
  people,
  reachReview,
  startOfPath,
} from '../support/rush'
import { startProductionApp, type RunningApp } from '../support/server'
import {
  overlappingAppointments,
  percentile,
  onEachDatabase,
  printLoad,
  printMachine,
  runBenchmark,
} from './targets'

const ROUNDS = 20
const CLIENTS = 50
const TARGET_ROUND_MS = 2_000
const RECEPTION = 'sophie.leroy@val-de-sorne.example'
const missed: string[] = []

type Round = { successes: number; serverErrors: number; ms: number; statuses: string }

/** /healthz one call after the other until `done` settles; returns each latency. */
async function probeHealth(app: RunningApp, done: Promise<unknown>) {
  const latencies: number[] = []
  let finished = false
  void done.finally(() => (finished = true))
  while (!finished) {
    const begin = performance.now()
    const response = await fetch(`${app.url}/healthz`)
    await response.arrayBuffer()
    latencies.push(response.ok ? performance.now() - begin : Infinity)
  }
  return latencies
}

/** The reception's booking form for a new resident at `start`, as the page gives it. */
async function deskFields(
  app: RunningApp,
  cookie: string,
  slot: { topicId: string; siteId: string; start: Date },
  person: { firstName: string; lastName: string; phone: string },
) {
  const query = new URLSearchParams({ usager: 'nouveau', motif: slot.topicId, lieu: slot.siteId })
  const html = await (
    await fetch(`${app.url}/espace/reserver?${query}`, { headers: { cookie } })
  ).text()
  const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1]
  if (!nonce) throw new Error('No nonce on the booking form')
  return {
    usager: 'nouveau',
    motif: slot.topicId,
    lieu: slot.siteId,
    nonce,
    start: slot.start.toISOString(),
    ...person,
    consent: 'on',
  }
}

/** One round: everyone prepared first, then every confirmation at once, /healthz alongside. */
async function round(app: RunningApp, number: number, receptionCookie: string | null) {
  const db = appDatabase(app)
  try {
    const { contactPath, topic, site } = await nextRushSlot(app, db)
    const start = startOfPath(contactPath)
    const publicCount = receptionCookie ? CLIENTS / 2 : CLIENTS
    const ready = await inBatches(people(publicCount, number), 10, (person) =>
      reachReview(app, contactPath, person),
    )
    const desk = receptionCookie
      ? await inBatches(people(CLIENTS - publicCount, number + ROUNDS), 10, (person) =>
          deskFields(app, receptionCookie, { topicId: topic.id, siteId: site.id, start }, person),
        )
      : []
    const begin = performance.now()
    const rush = Promise.all([
      ...ready.map((each) => confirmBooking(app, each)),
      ...desk.map((fields) => postForm(app, '/espace/reserver', fields, receptionCookie!)),
    ])
    const [responses, health] = await Promise.all([rush, probeHealth(app, rush)])
    const ms = performance.now() - begin
    const statuses: Record<number, number> = {}
    for (const response of responses)
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
    const booked = await db.appointment.count({
      where: { startsAt: start, siteId: site.id, status: 'BOOKED' },
    })
    return {
      round: {
        successes: booked,
        serverErrors: responses.filter((response) => response.status >= 500).length,
        ms,
        statuses: Object.entries(statuses)
          .map(([status, count]) => `${count}x${status}`)
          .join(' '),
      } satisfies Round,
      health,
    }
  } finally {
    await db.$disconnect()
  }
}

async function deadlocksOf(app: RunningApp, provider: DatabaseProvider) {
  if (provider !== 'postgresql') return null
  const name = new URL(app.databaseUrl).pathname.slice(1)
  const { rows } = await withPostgresAdmin((client) =>
    client.query<{ deadlocks: string }>(
      'SELECT deadlocks FROM pg_stat_database WHERE datname = $1',
      [name],
    ),
  )
  return Number(rows[0]?.deadlocks ?? 0)
}

async function scenario(
  app: RunningApp,
  provider: DatabaseProvider,
  label: string,
  withReception: boolean,
  firstRound: number,
) {
  const cookie = withReception ? await signIn(app, RECEPTION, DEMO_PASSWORD) : null
  const deadlocksBefore = await deadlocksOf(app, provider)
  const rounds: Round[] = []
  const health: number[] = []
  for (let index = 0; index < ROUNDS; index++) {
    const result = await round(app, firstRound + index, cookie)
    rounds.push(result.round)
    health.push(...result.health)
  }
  // The statistics collector reports a little after the fact.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  const deadlocksAfter = await deadlocksOf(app, provider)
  const deadlocks =
    deadlocksBefore === null || deadlocksAfter === null ? null : deadlocksAfter - deadlocksBefore
  report(provider, label, rounds, health, deadlocks)
}

function report(
  provider: DatabaseProvider,
  label: string,
  rounds: Round[],
  health: number[],
  deadlocks: number | null,
) {
  const successes = rounds.map((each) => each.successes)
  const serverErrors = rounds.reduce((sum, each) => sum + each.serverErrors, 0)
  const longest = Math.max(...rounds.map((each) => each.ms))
  const failedHealth = health.filter((latency) => latency === Infinity).length
  const sorted = health.filter((latency) => latency !== Infinity).sort((a, b) => a - b)
  const checks = [
    [`successes per round exactly 1`, successes.every((count) => count === 1)],
    [`no 5xx`, serverErrors === 0],
    [`longest round <= ${TARGET_ROUND_MS / 1000} s`, longest <= TARGET_ROUND_MS],
    [`no deadlock`, deadlocks === null || deadlocks === 0],
    [`/healthz always answered`, failedHealth === 0],
  ] as const
  for (const [check, ok] of checks) if (!ok) missed.push(`${provider} ${label}: ${check}`)
  console.log(`\n${provider}, ${label}`)
  console.log(`  successes per round: ${successes.join(' ')}`)
  console.log(
    `  responses per round: ${rounds
      .slice(0, 3)
      .map((each) => each.statuses)
      .join(' | ')} ...`,
  )
  console.log(`  5xx: ${serverErrors}`)
  console.log(
    `  round durations: median ${percentile(
      rounds.map((each) => each.ms).sort((a, b) => a - b),
      50,
    ).toFixed(0)} ms, longest ${longest.toFixed(0)} ms`,
  )
  console.log(`  deadlocks (pg_stat_database): ${deadlocks ?? 'n/a (SQLite)'}`)
  console.log(
    `  /healthz during the rush: ${sorted.length} answered, ${failedHealth} failed; ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ` +
      `max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  )
  console.log(
    `  targets: ${checks.map(([check, ok]) => `${check} ${ok ? 'ok' : 'MISSED'}`).join('; ')}`,
  )
}

async function bench(provider: DatabaseProvider) {
  const app = await startProductionApp({}, provider)
  try {
    const db = appDatabase(app)
    await liftRateLimits(db)
    await db.$disconnect()
    await scenario(app, provider, `${CLIENTS} residents confirming one slot`, false, 0)
    await scenario(app, provider, 'residents and reception booking one slot', true, ROUNDS)
    const check = appDatabase(app)
    const overlaps = await overlappingAppointments(check)
    await check.$disconnect()
    if (overlaps !== 0) missed.push(`${provider}: ${overlaps} overlapping appointments`)
    console.log(`\n${provider}: overlapping active appointments of one advisor (SQL): ${overlaps}`)
  } finally {
    await app.stop()
  }
}

async function main() {
  printMachine(
    `${ROUNDS} rounds of ${CLIENTS} clients per scenario; the built app in production, ` +
      `default pool and timeouts`,
  )
  await onEachDatabase(bench)
  printLoad('at the end')
  return missed
}

runBenchmark(main)
