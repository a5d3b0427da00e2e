// Page and booking benchmark: `npm run bench:pages` (run `npm run build` first).
// 1. Every public step of the journey: HTML gzip bytes on the wire and the gzip bytes of
//    the JavaScript the page loads (script src, modulepreload, inline scripts). Target:
//    at most 100 KB (100,000 bytes) of JavaScript, gzip, per page.
// 2. /healthz (the ceiling), the slot week page with every cache off (READ_CACHE=off: its
//    real cost) and with its one cache on (a second server on the same database), each
//    under 20 then 50 concurrent keep-alive connections (2 s warm-up, 8 s measured).
//    Target: the uncached week page's throughput at least half of /healthz's, at 20.
// 3. Booking commits per second at the domain level: 50 concurrent book() calls on 50
//    distinct free slots, a few rounds, on a scratch database; then no overlap at all.
// The database is SQLite, or PostgreSQL with TEST_DB_PROVIDER=postgresql and
// TEST_DATABASE_URL=postgresql://…; exits 1 when a target is missed.
// First: the app's modules read the configuration as they load (tests/support/config-setup.ts).
import '../support/config-setup'
import http from 'node:http'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { gunzipSync, gzipSync } from 'node:zlib'
import { availability } from '~/features/schedule/availability.server'
import type { Db } from '~/platform/database/client.server'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { book } from '~/domain/booking/book'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
} from '../support/booking-fixtures'
import { createTestDatabase, testProvider } from '../support/database'
import { appDatabase, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { startProductionApp, type RunningApp } from '../support/server'
import {
  clientsUntilClosed,
  loadWindow,
  overlappingAppointments,
  runBenchmark,
  type LoadResult,
} from './targets'

const JS_BUDGET_BYTES = 100_000
const CONNECTIONS = [20, 50]
const WARM_UP_MS = 2_000
const MEASURE_MS = 8_000
const MIN_THROUGHPUT_RATIO = 0.5
const BOOKING_CLIENTS = 50
const BOOKING_ROUNDS = 4
const TOPIC = 'Déclarer mes impôts en ligne'
const REQUEST_TIMEOUT_MS = 15_000

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`
const missed: string[] = []

// --- HTTP, through node:http so the compressed bytes on the wire can be counted ---------

type WireResponse = {
  status: number
  headers: http.IncomingHttpHeaders
  /** Bytes received for the body, as sent (compressed when content-encoding says so). */
  wireBytes: number
  body: Buffer
}

function request(
  url: string,
  options: { headers?: Record<string, string>; agent?: http.Agent; keepBody?: boolean } = {},
): Promise<WireResponse> {
  const target = new URL(url)
  if (target.hostname !== '127.0.0.1') throw new Error(`Refusing to request ${url}`)
  return new Promise((resolve, reject) => {
    const outgoing = http.get(
      target,
      { headers: { 'accept-encoding': 'gzip', ...options.headers }, agent: options.agent },
      (response) => {
        const chunks: Buffer[] = []
        let wireBytes = 0
        response.on('data', (chunk: Buffer) => {
          wireBytes += chunk.length
          if (options.keepBody !== false) chunks.push(chunk)
        })
        response.on('error', reject)
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            wireBytes,
            body: Buffer.concat(chunks),
          }),
        )
      },
    )
    outgoing.setTimeout(REQUEST_TIMEOUT_MS, () =>
      outgoing.destroy(new Error(`Timeout after ${REQUEST_TIMEOUT_MS} ms: ${url}`)),
    )
    outgoing.on('error', reject)
  })
}

/** The decoded body of a response, and its gzip size (on the wire, or gzipped here if sent plain). */
function decoded(response: WireResponse) {
  const gzipped = response.headers['content-encoding'] === 'gzip'
  const text = (gzipped ? gunzipSync(response.body) : response.body).toString('utf8')
  return {
    text,
    gzipBytes: gzipped ? response.wireBytes : gzipSync(response.body).length,
    onWire: gzipped,
  }
}

// --- 1. Page weight ----------------------------------------------------------------------

type PageWeight = {
  step: string
  path: string
  status: number
  htmlGzip: number
  htmlOnWire: boolean
  jsGzip: number
  scripts: number
  inlineGzip: number
  external: string[]
}

const assetCache = new Map<string, number>()

async function assetGzipBytes(url: string): Promise<number> {
  const cached = assetCache.get(url)
  if (cached !== undefined) return cached
  const response = await request(url)
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  const size = decoded(response).gzipBytes
  assetCache.set(url, size)
  return size
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ??
  new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`, 'i').exec(tag)?.[1] ??
  null

/** Every script a page loads: external (script src, modulepreload) and inline. */
async function javascriptOf(html: string, base: string) {
  const external = new Set<string>()
  let inlineGzip = 0
  let inlineCount = 0
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = attribute(` ${match[1]}`, 'src')
    const type = attribute(` ${match[1]}`, 'type')
    if (src) external.add(new URL(src, base).href)
    else if (match[2]!.trim() && (!type || /javascript|module/i.test(type))) {
      inlineGzip += gzipSync(Buffer.from(match[2]!, 'utf8')).length
      inlineCount += 1
    }
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(match[0], 'rel')
    const href = attribute(match[0], 'href')
    if (href && rel && rel.split(/\s+/).includes('modulepreload'))
      external.add(new URL(href, base).href)
  }
  let externalGzip = 0
  for (const url of external) externalGzip += await assetGzipBytes(url)
  return {
    bytes: externalGzip + inlineGzip,
    scripts: external.size + inlineCount,
    inlineGzip,
    external: [...external],
  }
}

async function weighPage(
  app: RunningApp,
  step: string,
  path: string,
  cookie = '',
): Promise<PageWeight & { html: string }> {
  const response = await request(`${app.url}${path}`, { headers: cookie ? { cookie } : {} })
  if (response.status !== 200) throw new Error(`${step} (${path}) answered ${response.status}`)
  const { text, gzipBytes, onWire } = decoded(response)
  const js = await javascriptOf(text, app.url)
  return {
    step,
    path,
    status: response.status,
    htmlGzip: gzipBytes,
    htmlOnWire: onWire,
    jsGzip: js.bytes,
    scripts: js.scripts,
    inlineGzip: js.inlineGzip,
    external: js.external,
    html: text,
  }
}

/** Walks the public journey as a browser without JavaScript would, weighing every page. */
async function weighJourney(app: RunningApp, db: Db) {
  const slug = DEMO_ORGANISATION_SLUG
  const { contactPath, topic, site } = await firstSlotPath(app, db, TOPIC)
  const topicPath = `/${slug}/rendez-vous/${topic.id}`
  const firstWeek = await request(`${app.url}${topicPath}/creneaux/${site.id}`, {
    keepBody: false,
  })
  const weekPath = firstWeek.headers.location
  if (firstWeek.status !== 302 || !weekPath?.includes('?semaine='))
    throw new Error(`The slot page did not redirect to a week (${firstWeek.status})`)

  const pages: PageWeight[] = []
  const weigh = async (step: string, path: string, cookie = '') => {
    const page = await weighPage(app, step, path, cookie)
    pages.push(page)
    return page
  }
  await weigh('home', '/')
  await weigh('organisation page', `/${slug}`)
  await weigh('topics', `/${slug}/rendez-vous`)
  await weigh('mode', topicPath)
  await weigh('sites', `${topicPath}/lieu`)
  await weigh('slot week', weekPath)
  await weigh('contact form', contactPath)

  const contact = await postForm(app, contactPath, {
    firstName: 'Jeanne',
    lastName: 'Banc',
    phone: '06 12 34 56 78',
    consent: 'on',
  })
  const reviewPath = contact.headers.get('location')
  if (contact.status !== 302 || !reviewPath)
    throw new Error(`The contact form answered ${contact.status}`)
  const cookie = cookieOf(contact)
  await weigh('review', reviewPath, cookie)

  const confirmed = await postForm(app, reviewPath, {}, cookie)
  const managePath = confirmed.headers.get('location')
  if (confirmed.status !== 303 || !managePath?.startsWith('/r/'))
    throw new Error(`The review POST answered ${confirmed.status}: ${await confirmed.text()}`)
  await weigh('manage page', managePath)
  return { pages, weekPath }
}

function printPages(pages: PageWeight[]) {
  console.log(`\n1. Page weight (gzip), JavaScript target <= ${kb(JS_BUDGET_BYTES)} per page`)
  const width = Math.max(...pages.map((page) => page.step.length))
  for (const page of pages) {
    const ok = page.jsGzip <= JS_BUDGET_BYTES
    if (!ok) missed.push(`JavaScript of ${page.step}: ${kb(page.jsGzip)}`)
    console.log(
      `  ${page.step.padEnd(width)}  HTML ${String(page.htmlGzip).padStart(6)} B` +
        `${page.htmlOnWire ? '' : ' (sent plain, gzip size computed)'}` +
        `  JS ${String(page.jsGzip).padStart(7)} B (${kb(page.jsGzip)}, ${page.scripts} scripts, ` +
        `inline ${page.inlineGzip} B)` +
        `  ${ok ? 'ok' : 'MISSED'}`,
    )
  }
  const assets = [...assetCache.values()].reduce((sum, size) => sum + size, 0)
  console.log(
    `  distinct external scripts over the journey: ${assetCache.size}, ${kb(assets)} gzip in all; largest:`,
  )
  const largest = [...assetCache.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
  for (const [url, size] of largest) {
    const users = pages.filter((page) => page.external.includes(url)).length
    console.log(
      `    ${kb(size).padStart(8)}  ${new URL(url).pathname}  (on ${users}/${pages.length} pages)`,
    )
  }
}

// --- 2. Latency and throughput -----------------------------------------------------------

/** `connections` keep-alive connections, each sending one request after the other until the deadline. */
async function loadTest(label: string, url: string, connections: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const window = loadWindow(WARM_UP_MS, MEASURE_MS)
  try {
    await clientsUntilClosed(connections, window, () =>
      window.time(
        label,
        () => request(url, { agent, keepBody: false }),
        (response) => response.status !== 200,
      ),
    )
  } finally {
    agent.destroy()
  }
  return window.result(label)
}

function printLoad(result: LoadResult) {
  console.log(
    `  ${result.label.padEnd(24)} p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ` +
      `max ${result.max.toFixed(1)} ms, ${result.perSecond.toFixed(1)} requests/s ` +
      `(${result.requests} ok, ${result.errors} errors in ${MEASURE_MS / 1000} s)`,
  )
}

async function loadBench(uncached: RunningApp, cached: RunningApp, weekPath: string) {
  console.log(
    `\n2. Server under load: ${CONNECTIONS.join(' then ')} keep-alive connections, ` +
      `${WARM_UP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured, accept-encoding gzip`,
  )
  console.log(`  slot week page: ${weekPath}`)
  for (const connections of CONNECTIONS) {
    console.log(`  ${connections} connections, load average ${loadAverage()} before`)
    const health = await loadTest('/healthz', `${uncached.url}/healthz`, connections)
    printLoad(health)
    const real = await loadTest('week, caches off', `${uncached.url}${weekPath}`, connections)
    printLoad(real)
    const kept = await loadTest('week, cache on', `${cached.url}${weekPath}`, connections)
    printLoad(kept)
    const ratio = real.perSecond / health.perSecond
    const errors = health.errors + real.errors + kept.errors
    const target = connections === CONNECTIONS[0]
    const ok = ratio >= MIN_THROUGHPUT_RATIO && errors === 0
    if (target && !ok) missed.push(`uncached week / healthz throughput ${ratio.toFixed(2)}`)
    console.log(
      `  ratio week (caches off) / healthz ${ratio.toFixed(2)}, ` +
        `week (cache on) / healthz ${(kept.perSecond / health.perSecond).toFixed(2)}` +
        (target
          ? `; target >= ${MIN_THROUGHPUT_RATIO} with caches off and no errors: ${ok ? 'ok' : 'MISSED'}`
          : ''),
    )
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')

// --- 3. Booking commits per second -------------------------------------------------------

async function bookingBench() {
  console.log(
    `\n3. Booking, domain level (book()), ${BOOKING_CLIENTS} concurrent clients on distinct free slots, ` +
      `${BOOKING_ROUNDS} rounds, scratch ${testProvider} database`,
  )
  const database = await createTestDatabase()
  try {
    const { db } = database
    const fixture = await createBookableOrganisation(db, BOOKING_CLIENTS)
    const scope = {
      organisationId: fixture.organisation.id,
      topicId: fixture.topic.id,
      mode: 'IN_PERSON' as const,
      siteId: fixture.site.id,
    }
    const finder = await availability(db, { ...scope, now: NOW })
    // The whole booking window (the topic's horizon).
    const free = await finder.slots({
      from: NOW,
      to: new Date(NOW.getTime() + fixture.topic.horizonDays * 86_400_000),
    })
    const times = [...new Set(free.map((slot) => slot.start.getTime()))].sort((a, b) => a - b)
    console.log(
      `  ${fixture.advisors.length} advisors, weekdays 09:00-12:00, 30-minute topic: ` +
        `${times.length} free start times x ${fixture.advisors.length} advisors`,
    )
    let people = 0
    const bookOne = async (start: Date) => {
      const person = ++people
      const request = bookingRequest(fixture, {
        start,
        firstName: `Client${person}`,
        lastName: 'Banc',
        phone: `+3361${String(person).padStart(7, '0')}`,
      })
      const ports = await bookingPorts(db, request, NOW, SECRET)
      return book(request, NOW, ports)
    }
    // One booking first, so the connection and the engine are warm.
    await bookOne(new Date(times[times.length - 1]!))

    let commits = 0
    let refused = 0
    let elapsed = 0
    for (let round = 0; round < BOOKING_ROUNDS; round++) {
      // Distinct start times within a round; a later round past the list reuses times,
      // where the assignment gives the next free advisor.
      const starts = Array.from(
        { length: BOOKING_CLIENTS },
        (_, index) => new Date(times[(round * BOOKING_CLIENTS + index) % (times.length - 1)]!),
      )
      const begin = performance.now()
      const outcomes = await Promise.allSettled(starts.map(bookOne))
      const took = performance.now() - begin
      elapsed += took
      const created = outcomes.filter(
        (outcome) => outcome.status === 'fulfilled' && outcome.value.created,
      ).length
      const failures = outcomes.filter((outcome) => outcome.status === 'rejected')
      commits += created
      refused += failures.length
      console.log(
        `  round ${round + 1}: ${created}/${BOOKING_CLIENTS} committed in ${took.toFixed(0)} ms ` +
          `(${((created / took) * 1000).toFixed(1)} commits/s)` +
          (failures.length > 0
            ? `, ${failures.length} failed: ${String((failures[0] as PromiseRejectedResult).reason)}`
            : ''),
      )
    }
    const overlaps = await overlappingAppointments(db)
    const active = await db.appointment.count({
      where: { organisationId: fixture.organisation.id, status: 'BOOKED' },
    })
    console.log(
      `  ${commits} commits in ${(elapsed / 1000).toFixed(2)} s: ` +
        `${((commits / elapsed) * 1000).toFixed(1)} commits/s; ${refused} failed; ` +
        `${active} active appointments`,
    )
    const ok = overlaps === 0 && refused === 0
    if (overlaps !== 0) missed.push(`${overlaps} overlapping appointments`)
    if (refused !== 0) missed.push(`${refused} bookings failed on free slots`)
    console.log(
      `  overlapping active appointments of one advisor (SQL self-join): ${overlaps}; ` +
        `target 0 and every booking committed: ${ok ? 'ok' : 'MISSED'}`,
    )
  } finally {
    await database.drop()
  }
}

// --- Run ----------------------------------------------------------------------------------

function printMachine() {
  const cpus = os.cpus()
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory; node ${process.version}; ` +
      `database ${testProvider}; load average ${loadAverage()} at start`,
  )
}

async function main() {
  printMachine()
  // Every cache off: what each view really costs.
  const app = await startProductionApp({ READ_CACHE: 'off' })
  try {
    const db = appDatabase(app)
    let weekPath: string
    try {
      const journey = await weighJourney(app, db)
      weekPath = journey.weekPath
      printPages(journey.pages)
    } finally {
      await db.$disconnect()
    }
    const cached = await startProductionApp({ READ_CACHE: 'on' }, testProvider, {
      url: app.databaseUrl,
      fresh: false,
    })
    try {
      await loadBench(app, cached, weekPath)
    } finally {
      await cached.stop()
    }
  } finally {
    await app.stop()
  }
  await bookingBench()
  console.log(`\npeak RSS of this process ${(process.memoryUsage().rss / 1048576).toFixed(1)} MiB`)
  return missed
}

runBenchmark(main)
