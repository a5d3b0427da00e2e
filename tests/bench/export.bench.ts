// Export benchmark: `npm run bench:export` (run `npm run build` first).
// On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set, the built app in production
// with 100,000 activity reports and 100,000 appointments of one organisation over a year.
// Each export (reports and appointments, CSV and XLSX) is downloaded over HTTP as an admin
// would; printed: rows (from the audit trail), bytes, seconds, and the server process's
// resident memory: its baseline before, and its peak during the download, sampled every
// 20 ms from /proc/<pid>/status (VmRSS; VmHWM at the end for the whole life of the
// process). Each export is taken for January (about 8,900 rows), then for the whole year.
// The server's JavaScript heap is capped (--max-old-space-size, HEAP_CAP_MIB): an export
// that held its rows would run out of memory there. Targets: every row of the year comes
// through, and the year's peak RSS is at most 150 MiB over January's.
// First: the app's modules read the configuration as they load (tests/support/config-setup.ts).
import '../support/config-setup'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { DEMO_ORGANISATION_SLUG, DEMO_PASSWORD } from '~/features/demo/seed.server'
import type { Db } from '~/platform/database/client.server'
import type { DatabaseProvider } from '~/platform/database/provider'
import { appDatabase } from '../support/journey'
import { startProductionApp, type RunningApp } from '../support/server'
import { onEachDatabase, printLoad, printMachine, runBenchmark } from './targets'

const ROWS = 100_000
const BATCH = 1_000
const MAX_GROWTH_MIB = 150
const HEAP_CAP_MIB = 160
const ADMIN = 'camille.martin@val-de-sorne.example'
const missed: string[] = []

const MIB = 1024 * 1024
const THEMES = ['["Email"]', '["AideAuxDemarchesAdministratives","ArgentImpots"]', '["Sante"]']

/** A /proc/<pid>/status figure, in bytes. */
function procStatus(pid: number, field: 'VmRSS' | 'VmHWM') {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((row) => row.startsWith(`${field}:`))
  return Number(line?.replace(/\D+/g, '') ?? 0) * 1024
}

/**
 * Rows written fast: on SQLite one multi-row INSERT per batch (Prisma's createMany writes
 * row by row there), on PostgreSQL createMany (one INSERT per batch already).
 */
async function insertMany(
  db: Db,
  provider: DatabaseProvider,
  table: 'Appointment' | 'ActivityReport',
  rows: Record<string, unknown>[],
) {
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const batch = rows.slice(offset, offset + BATCH)
    if (provider === 'postgresql') {
      // The rows are built below with each table's columns.
      const data = batch as never
      if (table === 'Appointment') await db.appointment.createMany({ data })
      else await db.activityReport.createMany({ data })
      continue
    }
    const columns = Object.keys(batch[0]!)
    const row = `(${columns.map(() => '?').join(',')})`
    await db.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(',')}) VALUES ${batch
        .map(() => row)
        .join(',')}`,
      ...batch.flatMap((values) => columns.map((column) => values[column])),
    )
  }
}

/** A year of appointments, every 5 minutes, each the subject of one filed report. */
async function seed(db: Db, provider: DatabaseProvider) {
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { slug: DEMO_ORGANISATION_SLUG },
  })
  const [advisors, topic, resident, site] = await Promise.all([
    db.advisor.findMany({ where: { organisationId: organisation.id, role: 'ADVISOR' } }),
    db.topic.findFirstOrThrow({ where: { organisationId: organisation.id } }),
    db.resident.findFirstOrThrow({ where: { organisationId: organisation.id } }),
    db.site.findFirstOrThrow({ where: { organisationId: organisation.id } }),
  ])
  const now = new Date()
  const appointments = Array.from({ length: ROWS }, (_, index) => {
    const startsAt = new Date(Date.UTC(2024, 0, 1, 7) + index * 5 * 60_000)
    return {
      id: randomUUID(),
      organisationId: organisation.id,
      advisorId: advisors[index % advisors.length]!.id,
      topicId: topic.id,
      residentId: resident.id,
      mode: 'IN_PERSON',
      siteId: site.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 5 * 60_000),
      // Excused: the no-overlap check looks at active appointments only, so seeding is
      // fast; the export reads every status alike.
      status: 'EXCUSED',
      createdVia: 'ONLINE',
      updatedAt: now,
    }
  })
  const begin = performance.now()
  await insertMany(db, provider, 'Appointment', appointments)
  await insertMany(
    db,
    provider,
    'ActivityReport',
    appointments.map((appointment, index) => ({
      id: randomUUID(),
      organisationId: organisation.id,
      advisorId: appointment.advisorId,
      appointmentId: appointment.id,
      kind: 'INDIVIDUAL',
      status: 'FILED',
      date: appointment.startsAt,
      durationMinutes: 30,
      placeType: 'LieuActivite',
      siteId: site.id,
      themes: THEMES[index % THEMES.length],
      equipment: '["Ordinateur"]',
      notes: index % 10 === 0 ? `=SOMME(A${index})` : `Accompagnement ${index}`,
      residentId: resident.id,
      gender: 'Feminin',
      ageBand: 'SoixanteDixPlus',
      socialStatus: 'Retraite',
      autonomy: 'PartiellementAutonome',
      participantCount: 1,
      updatedAt: now,
    })),
  )
  console.log(
    `seeded ${ROWS.toLocaleString('en')} appointments and as many reports in ` +
      `${((performance.now() - begin) / 1000).toFixed(1)} s`,
  )
  return organisation.id
}

/**
 * A request that tries once more on a closed socket: seeding holds this process's event
 * loop (SQLite is synchronous) past the server's keep-alive timeout, so the connection
 * kept from before may be gone.
 */
async function request(url: string, init: RequestInit) {
  try {
    return await fetch(url, init)
  } catch {
    return fetch(url, init)
  }
}

async function signIn(app: RunningApp) {
  const response = await request(`${app.url}/espace/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ email: ADMIN, password: DEMO_PASSWORD }),
    redirect: 'manual',
  })
  if (response.status !== 302) throw new Error(`Sign-in answered ${response.status}`)
  return response.headers.get('set-cookie')!.split(';')[0]!
}

/** One download, read to its end while the server's memory is sampled. */
async function download(app: RunningApp, cookie: string, query: Record<string, string>) {
  const baseline = procStatus(app.pid, 'VmRSS')
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, procStatus(app.pid, 'VmRSS'))
  }, 20)
  const begin = performance.now()
  const url = `${app.url}/espace/exports/fichier?${new URLSearchParams(query).toString()}`
  const response = await request(url, { headers: { cookie, 'accept-encoding': 'identity' } })
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  let bytes = 0
  const reader = response.body!.getReader()
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.byteLength
  }
  const seconds = (performance.now() - begin) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, procStatus(app.pid, 'VmRSS'))
  return { seconds, bytes, baseline, peak }
}

const exportEvents = (db: Db, organisationId: string, action: string) =>
  db.auditEvent.count({ where: { organisationId, action } })

/** The row count of the audit event written after `before` such events (it follows the file). */
async function auditedRows(db: Db, organisationId: string, action: string, before: number) {
  for (let tries = 0; tries < 50; tries += 1) {
    if ((await exportEvents(db, organisationId, action)) > before) {
      const event = await db.auditEvent.findFirstOrThrow({
        where: { organisationId, action },
        orderBy: { createdAt: 'desc' },
      })
      return Number(event.summary.match(/rows=(\d+) complete/)?.[1] ?? NaN)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return NaN
}

async function bench(provider: DatabaseProvider) {
  const app = await startProductionApp(
    { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}` },
    provider,
  )
  const db = appDatabase(app)
  try {
    const organisationId = await seed(db, provider)
    const cookie = await signIn(app)
    console.log(`\n${provider}: January, then the whole year, streamed over HTTP`)
    console.log('  export                       rows      MiB   seconds  RSS before → peak (MiB)')
    for (const kind of ['reports', 'appointments']) {
      for (const format of ['csv', 'xlsx']) {
        const action = kind === 'reports' ? 'EXPORT_REPORTS' : 'EXPORT_APPOINTMENTS'
        const peaks: number[] = []
        for (const [period, to] of [
          ['January', '2024-01-31'],
          ['year', '2024-12-31'],
        ] as const) {
          const before = await exportEvents(db, organisationId, action)
          const result = await download(app, cookie, { kind, format, from: '2024-01-01', to })
          const rows = await auditedRows(db, organisationId, action, before)
          peaks.push(result.peak)
          console.log(
            `  ${`${kind} ${format}, ${period}`.padEnd(27)}${rows.toLocaleString('en').padStart(8)}` +
              `${(result.bytes / MIB).toFixed(1).padStart(8)}${result.seconds.toFixed(1).padStart(10)}` +
              `  ${(result.baseline / MIB).toFixed(0)} → ${(result.peak / MIB).toFixed(0)}`,
          )
          if (period === 'year' && rows < ROWS) {
            missed.push(`${provider} ${kind} ${format}: ${rows} rows`)
          }
        }
        // Eleven times January's rows must not take eleven times the memory.
        const growth = (peaks[1]! - peaks[0]!) / MIB
        if (growth > MAX_GROWTH_MIB) {
          missed.push(
            `${provider} ${kind} ${format}: the year's peak is ${growth.toFixed(0)} MiB over January's`,
          )
        }
      }
    }
    console.log(
      `  server's peak RSS over its life (VmHWM): ${(procStatus(app.pid, 'VmHWM') / MIB).toFixed(0)} MiB`,
    )
  } finally {
    await db.$disconnect()
    await app.stop()
  }
}

runBenchmark(async () => {
  printMachine(
    `export benchmark: ${ROWS.toLocaleString('en')} activity reports and appointments, ` +
      `CSV and XLSX over HTTP, built app in production, server heap capped at ${HEAP_CAP_MIB} MiB`,
  )
  await onEachDatabase(bench)
  printLoad('at the end')
  return missed
})
