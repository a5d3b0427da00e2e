// Workshop seats benchmark: `npm run bench:seats` (run `npm run build` first).
// On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set, the built app in production,
// 50 HTTP clients at once posting the public registration form of one session:
//   A. throughput: 3 rounds, each a session of 200 seats; every client registers one new
//      person after the other until it is told the session is full. Printed:
//      registrations per second (first request to the last seat), and response times;
//   B. the last seats: 20 rounds, each a session of 8 seats of which 5 are taken, and 50
//      registrations sent at once (target exactly 3 registered per round).
// Both: 5xx (target 0) and, from the database at the end, sessions holding more
// registrations than seats (target 0). Exits 1 when a target is missed.
// First: the app's modules read the configuration as they load (tests/support/config-setup.ts).
import '../support/config-setup'
import { performance } from 'node:perf_hooks'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import type { Db } from '~/platform/database/client.server'
import type { DatabaseProvider } from '~/platform/database/provider'
import { appDatabase, postForm } from '../support/journey'
import { liftRateLimits, people, serverErrors, statusCounts } from '../support/rush'
import { startProductionApp, type RunningApp } from '../support/server'
import { createWorkshopSession, daysAhead } from '../support/workshops'
import { oversoldSessions, percentile, printLoad, printMachine, runBenchmark } from './targets'

const CLIENTS = 50
const THROUGHPUT_ROUNDS = 3
const THROUGHPUT_SEATS = 200
const LAST_SEATS_ROUNDS = 20
const missed: string[] = []

type Place = { organisation: { id: string }; topic: { id: string }; site: { id: string } }

/** The demo's collective topic and library: where the benchmark's sessions go. */
async function demoPlace(db: Db): Promise<Place> {
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { slug: DEMO_ORGANISATION_SLUG },
  })
  return {
    organisation,
    topic: await db.topic.findFirstOrThrow({
      where: { organisationId: organisation.id, format: 'COLLECTIVE' },
    }),
    site: await db.site.findFirstOrThrow({
      where: { organisationId: organisation.id, name: 'Médiathèque de Montval' },
    }),
  }
}

let days = 40
const newSession = (db: Db, place: Place, seats: number) =>
  createWorkshopSession(db, place, { seats, startsAt: daysAhead((days += 1)) })

const register = (app: RunningApp, sessionId: string, person: Record<string, string>) =>
  postForm(app, `/${DEMO_ORGANISATION_SLUG}/ateliers/${sessionId}`, {
    intent: 'register',
    ...person,
  })

const holders = (db: Db, sessionId: string) =>
  db.workshopRegistration.count({ where: { sessionId, seatId: { not: null } } })

/** One round of A: every client registers new people one after the other until full. */
async function throughputRound(app: RunningApp, db: Db, place: Place) {
  const session = await newSession(db, place, THROUGHPUT_SEATS)
  const responses: Response[] = []
  const latencies: number[] = []
  let lastSeatAt = 0
  const begin = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      // Distinct people within the session: each client its own round of names and numbers.
      for (const person of people(99, client)) {
        const sent = performance.now()
        const response = await register(app, session.id, person)
        await response.arrayBuffer()
        latencies.push(performance.now() - sent)
        responses.push(response)
        if (response.status === 303) lastSeatAt = performance.now()
        else break
      }
    }),
  )
  const registered = await holders(db, session.id)
  return {
    registered,
    seconds: (lastSeatAt - begin) / 1000,
    serverErrors: serverErrors(responses),
    statuses: statusCounts(responses),
    latencies,
  }
}

/** One round of B: 50 registrations sent at once for the last 3 seats of 8. */
async function lastSeatsRound(app: RunningApp, db: Db, place: Place, round: number) {
  const session = await newSession(db, place, 8)
  for (const person of people(5, 60 + (round % 30)))
    if ((await register(app, session.id, person)).status !== 303)
      throw new Error('Taking the first 5 seats failed')
  const begin = performance.now()
  const responses = await Promise.all(
    people(CLIENTS, round % 50).map((person) => register(app, session.id, person)),
  )
  const ms = performance.now() - begin
  return {
    registered: (await holders(db, session.id)) - 5,
    serverErrors: serverErrors(responses),
    ms,
  }
}

async function bench(provider: DatabaseProvider) {
  const app = await startProductionApp({}, provider)
  const db = appDatabase(app)
  try {
    await liftRateLimits(db)
    const place = await demoPlace(db)

    const rounds = []
    for (let index = 0; index < THROUGHPUT_ROUNDS; index += 1)
      rounds.push(await throughputRound(app, db, place))
    const rates = rounds.map((round) => round.registered / round.seconds)
    const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b)
    const throughputErrors = rounds.reduce((sum, round) => sum + round.serverErrors, 0)
    const allSeated = rounds.every((round) => round.registered === THROUGHPUT_SEATS)
    console.log(
      `\n${provider}, A: ${CLIENTS} clients filling a session of ${THROUGHPUT_SEATS} seats`,
    )
    console.log(
      `  registrations per second: ${rates.map((rate) => rate.toFixed(1)).join(', ')} ` +
        `(median ${percentile(
          [...rates].sort((a, b) => a - b),
          50,
        ).toFixed(1)})`,
    )
    console.log(
      `  seconds to fill: ${rounds.map((round) => round.seconds.toFixed(2)).join(', ')}; ` +
        `responses: ${rounds.map((round) => JSON.stringify(round.statuses)).join(' ')}`,
    )
    console.log(
      `  response time: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
    )
    console.log(`  5xx: ${throughputErrors}; every seat taken: ${allSeated ? 'yes' : 'NO'}`)
    if (throughputErrors > 0) missed.push(`${provider} A: ${throughputErrors} 5xx`)
    if (!allSeated) missed.push(`${provider} A: a session was not filled`)

    const last = []
    for (let index = 0; index < LAST_SEATS_ROUNDS; index += 1)
      last.push(await lastSeatsRound(app, db, place, index))
    const lastErrors = last.reduce((sum, round) => sum + round.serverErrors, 0)
    const exact = last.every((round) => round.registered === 3)
    const durations = last.map((round) => round.ms).sort((a, b) => a - b)
    console.log(`\n${provider}, B: ${CLIENTS} at once for the last 3 seats of 8`)
    console.log(`  registered per round: ${last.map((round) => round.registered).join(' ')}`)
    console.log(
      `  round durations: median ${percentile(durations, 50).toFixed(0)} ms, ` +
        `longest ${durations.at(-1)!.toFixed(0)} ms; 5xx: ${lastErrors}`,
    )
    if (lastErrors > 0) missed.push(`${provider} B: ${lastErrors} 5xx`)
    if (!exact) missed.push(`${provider} B: not exactly 3 registered in every round`)

    const oversold = await oversoldSessions(db)
    console.log(`\n${provider}: sessions with more registrations than seats (SQL): ${oversold}`)
    if (oversold !== 0) missed.push(`${provider}: ${oversold} oversold sessions`)
  } finally {
    await db.$disconnect()
    await app.stop()
  }
}

async function main() {
  printMachine(
    `${CLIENTS} HTTP clients; the built app in production, default pool and timeouts; ` +
      `A: ${THROUGHPUT_ROUNDS} sessions of ${THROUGHPUT_SEATS} seats filled, ` +
      `B: ${LAST_SEATS_ROUNDS} rounds for the last 3 seats`,
  )
  const providers: DatabaseProvider[] = ['sqlite']
  if (process.env.TEST_DATABASE_URL) providers.push('postgresql')
  else console.log('TEST_DATABASE_URL is not set: PostgreSQL is not measured.')
  for (const provider of providers) await bench(provider)
  printLoad('at the end')
  return missed
}

runBenchmark(main)
