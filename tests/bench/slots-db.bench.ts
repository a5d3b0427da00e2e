// Slot benchmark (c), with the database: `npm run bench:slots-db`. The query of (a) (one
// site, 20 advisors, 8 weeks, 2,000 upcoming appointments, 100 absences) read from SQLite
// (and PostgreSQL when TEST_DATABASE_URL is set) while the past grows to 1,000, 10,000
// and 100,000 appointments. Target: less than 2x growth from 1k to 100k.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { availability } from '~/features/schedule/availability.server'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig, type DatabaseConfig } from '~/platform/database/config.server'
import { prepareDatabase } from '~/platform/database/startup.server'
import { oneSiteScenario } from './slot-fixtures'

const RUNS = 20
const HISTORY_SIZES = [1_000, 10_000, 100_000]
const scenario = oneSiteScenario()

async function scratch(
  provider: 'sqlite' | 'postgresql',
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const folder = mkdtempSync(`${tmpdir()}/permanence-bench-`)
    return {
      config: resolveDatabaseConfig(`file:${folder}/bench.db`),
      drop: async () => rmSync(folder, { recursive: true }),
    }
  }
  const server = process.env.TEST_DATABASE_URL!
  const name = `permanence_bench_${process.pid}`
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

/** The scenario's organisation, site, advisors, rules, absences and upcoming appointments. */
async function insertScenario(db: Db) {
  const organisation = await db.organisation.create({
    data: {
      slug: 'bench',
      name: 'Bench',
      kind: 'COMMUNE',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
    },
  })
  await db.site.create({
    data: {
      id: 'site-1',
      organisationId: organisation.id,
      name: 'S',
      address: 'A',
      postalCode: '39000',
      city: 'C',
    },
  })
  const advisorIds = [...new Set(scenario.data.rules.map((rule) => rule.advisorId))]
  await db.advisor.createMany({
    data: advisorIds.map((id) => ({
      id,
      organisationId: organisation.id,
      firstName: id,
      lastName: 'B',
      email: `${id}@bench.test`,
    })),
  })
  const topic = scenario.query.topic!
  await db.topic.create({
    data: {
      ...topic,
      organisationId: organisation.id,
      name: 'T',
      theme: 'MONEY_TAXES',
      allowsPhone: false,
    },
  })
  for (const rule of scenario.data.rules) {
    await db.openingRule.create({
      data: {
        advisorId: rule.advisorId,
        siteId: rule.siteId,
        weekdays: rule.weekdays.join(''),
        startTime: rule.startTime,
        endTime: rule.endTime,
        everyNWeeks: rule.everyNWeeks,
        validFrom: rule.validFrom,
      },
    })
  }
  await db.absence.createMany({
    data: scenario.data.absences.map((absence) => ({
      advisorId: absence.advisorId,
      startsAt: absence.start,
      endsAt: absence.end,
    })),
  })
  const resident = await db.resident.create({
    data: {
      organisationId: organisation.id,
      firstName: 'R',
      lastName: 'S',
      searchKey: 'r s',
      createdVia: 'ONLINE',
    },
  })
  const base = {
    organisationId: organisation.id,
    topicId: topic.id,
    residentId: resident.id,
    siteId: 'site-1',
    mode: 'IN_PERSON' as const,
    createdVia: 'ONLINE' as const,
  }
  await db.appointment.createMany({
    data: scenario.data.appointments.map((appointment) => ({
      ...base,
      advisorId: appointment.advisorId,
      startsAt: appointment.start,
      endsAt: appointment.end,
    })),
  })
  return { organisationId: organisation.id, advisorIds, base }
}

/** Past appointments, 30 minutes each, back to back per advisor, ending before the window. */
async function addHistory(
  db: Db,
  context: Awaited<ReturnType<typeof insertScenario>>,
  from: number,
  to: number,
) {
  const end = scenario.query.now.getTime() - 86_400_000
  const rows = []
  for (let index = from; index < to; index += 1) {
    const advisorId = context.advisorIds[index % context.advisorIds.length]!
    const startsAt = new Date(
      end - (Math.floor(index / context.advisorIds.length) + 1) * 30 * 60_000,
    )
    rows.push({
      ...context.base,
      advisorId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      status: 'HONOURED' as const,
    })
  }
  for (let offset = 0; offset < rows.length; offset += 5_000) {
    await db.appointment.createMany({ data: rows.slice(offset, offset + 5_000) })
  }
}

async function measure(db: Db, organisationId: string) {
  const finder = await availability(db, {
    organisationId,
    topicId: scenario.query.topic!.id,
    mode: 'IN_PERSON',
    siteId: 'site-1',
    now: scenario.query.now,
  })
  let slots = 0
  for (let i = 0; i < 3; i++) slots = (await finder.slots(scenario.range)).length
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    await finder.slots(scenario.range)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(RUNS / 2)]!, min: times[0]!, max: times[RUNS - 1]!, slots }
}

async function bench(provider: 'sqlite' | 'postgresql') {
  const { config, drop } = await scratch(provider)
  try {
    await prepareDatabase(config)
    const db = createDb(config)
    const context = await insertScenario(db)
    const medians: number[] = []
    let inserted = 0
    for (const size of HISTORY_SIZES) {
      await addHistory(db, context, inserted, size)
      inserted = size
      const result = await measure(db, context.organisationId)
      medians.push(result.median)
      console.log(
        `(c) ${provider}, ${size.toLocaleString('en')} past appointments: median ${result.median.toFixed(2)} ms ` +
          `(min ${result.min.toFixed(2)}, max ${result.max.toFixed(2)}, ${RUNS} runs), ${result.slots} slots, ` +
          `${Math.round(result.slots / (result.median / 1000)).toLocaleString('en')} slots/s`,
      )
    }
    const growth = medians[medians.length - 1]! / medians[0]!
    console.log(
      `(c) ${provider}: growth 1k -> 100k ${growth.toFixed(2)}x; target < 2x: ${growth < 2 ? 'ok' : 'MISSED'}`,
    )
    await db.$disconnect()
    return growth < 2
  } finally {
    await drop()
  }
}

const results = [await bench('sqlite')]
if (process.env.TEST_DATABASE_URL) results.push(await bench('postgresql'))
else console.log('(c) PostgreSQL not measured: set TEST_DATABASE_URL=postgresql://… to include it.')
console.log(`peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(1)} MiB`)
process.exit(results.every(Boolean) ? 0 : 1)
