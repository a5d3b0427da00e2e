// Weak connection and old phone benchmark: `npm run bench:slow` (run `npm run build` first).
// A real Chromium with the network emulated at 400 kbit/s both ways and 400 ms of round
// trip, and the CPU slowed down 4 times, opens every public step of the journey with a cold
// cache (a context of its own each) against the built app in production, seeded with the
// demo. Per step: the bytes transferred (headers included) split HTML / CSS / JS / other,
// first contentful paint (the page is usable then: its links and forms are plain HTML),
// DOMContentLoaded and `load`. Targets: at most 30 KB transferred and `load` within 1.5 s
// on every step. The database is SQLite, or PostgreSQL with TEST_DB_PROVIDER=postgresql and
// TEST_DATABASE_URL=postgresql://…; exits 1 when a target is missed.
// First: the app's modules read the configuration as they load (tests/support/config-setup.ts).
import '../support/config-setup'
import type { Browser } from 'playwright-core'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { launchChromium } from '../support/browser'
import { appDatabase, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { startProductionApp, type RunningApp } from '../support/server'
import { printLoad, printMachine, runBenchmark } from './targets'

const BUDGET_BYTES = 30_000
const LOAD_BUDGET_MS = 1_500
const KBIT = 1000 / 8
const NETWORK = {
  offline: false,
  latency: 400,
  downloadThroughput: 400 * KBIT,
  uploadThroughput: 400 * KBIT,
}
const CPU_SLOWDOWN = 4
const TOPIC = 'Déclarer mes impôts en ligne'

type Step = { step: string; path: string; cookie?: string }
type Kind = 'html' | 'css' | 'js' | 'other'
type Measure = Step & {
  bytes: Record<Kind, number>
  requests: number
  fcp: number
  domContentLoaded: number
  load: number
}

const kindOf = (type: string): Kind =>
  type === 'Document' ? 'html' : type === 'Stylesheet' ? 'css' : type === 'Script' ? 'js' : 'other'

/** The public steps, in the order a resident meets them, with what each needs to be shown. */
async function journeySteps(app: RunningApp): Promise<Step[]> {
  const slug = DEMO_ORGANISATION_SLUG
  const db = appDatabase(app)
  try {
    const { contactPath, topic, site } = await firstSlotPath(app, db, TOPIC)
    const topicPath = `/${slug}/rendez-vous/${topic.id}`
    const firstWeek = await fetch(`${app.url}${topicPath}/creneaux/${site.id}`, {
      redirect: 'manual',
    })
    const weekPath = firstWeek.headers.get('location')
    if (!weekPath?.includes('?semaine=')) throw new Error('The slot page did not give a week')
    const contact = await postForm(app, contactPath, {
      firstName: 'Jeanne',
      lastName: 'Lente',
      phone: '06 12 34 56 79',
      consent: 'on',
    })
    const reviewPath = contact.headers.get('location')
    if (contact.status !== 302 || !reviewPath)
      throw new Error(`The contact form answered ${contact.status}`)
    const draft = cookieOf(contact)
    // The review page is weighed before its POST books the time (the draft goes then).
    const review: Step = { step: 'review', path: reviewPath, cookie: draft }
    const confirmed = await postForm(app, reviewPath, {}, draft)
    const managePath = confirmed.headers.get('location')
    if (confirmed.status !== 303 || !managePath?.startsWith('/r/'))
      throw new Error(`The review POST answered ${confirmed.status}`)
    const workshop = await db.workshopSession.findFirstOrThrow({
      where: { startsAt: { gt: new Date() }, status: 'SCHEDULED' },
      orderBy: { startsAt: 'asc' },
    })
    return [
      { step: 'home', path: '/' },
      { step: 'organisation home', path: `/${slug}` },
      { step: 'topic choice', path: `/${slug}/rendez-vous` },
      { step: 'mode', path: topicPath },
      { step: 'place', path: `${topicPath}/lieu` },
      { step: 'week of times', path: weekPath },
      { step: 'contact form', path: contactPath },
      review,
      { step: 'confirmation (manage)', path: managePath },
      { step: 'workshops', path: `/${slug}/ateliers` },
      { step: 'workshop session', path: `/${slug}/ateliers/${workshop.id}` },
      { step: 'lost link', path: `/${slug}/lien-perdu` },
      { step: 'legal notice', path: `/${slug}/mentions-legales` },
      { step: 'privacy', path: `/${slug}/vie-privee` },
      { step: 'accessibility', path: `/${slug}/accessibilite` },
    ]
  } finally {
    await db.$disconnect()
  }
}

/** One step in a fresh context (an empty cache, no cookie but the step's own), throttled. */
async function measure(browser: Browser, app: RunningApp, step: Step): Promise<Measure> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 800 },
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  const types = new Map<string, Kind>()
  const bytes: Record<Kind, number> = { html: 0, css: 0, js: 0, other: 0 }
  let requests = 0
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, kindOf(event.type)))
  cdp.on('Network.loadingFinished', (event) => {
    requests += 1
    bytes[types.get(event.requestId) ?? 'other'] += event.encodedDataLength
  })
  await cdp.send('Network.enable')
  // The single-process Chromium shares one cache and one cookie jar between its contexts.
  await cdp.send('Network.clearBrowserCache')
  await cdp.send('Network.clearBrowserCookies')
  if (step.cookie) {
    await context.addCookies(
      step.cookie.split('; ').map((pair) => {
        const [name, ...value] = pair.split('=')
        return { name: name!, value: value.join('='), url: app.url }
      }),
    )
  }
  await cdp.send('Network.emulateNetworkConditions', NETWORK)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  const response = await page.goto(`${app.url}${step.path}`, { waitUntil: 'load' })
  if (response?.status() !== 200) throw new Error(`${step.step} answered ${response?.status()}`)
  // Requests still finishing after `load` (none is expected) are counted too.
  await page.waitForLoadState('networkidle')
  const timings = await page.evaluate(async () => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    // The paint entry can come a frame after `load`: waited for, a second at most.
    const fcp = await new Promise<number>((resolve) => {
      new PerformanceObserver((list) => {
        const paint = list.getEntriesByName('first-contentful-paint')[0]
        if (paint) resolve(paint.startTime)
      }).observe({ type: 'paint', buffered: true })
      setTimeout(() => resolve(NaN), 1_000)
    })
    return {
      fcp,
      domContentLoaded: navigation.domContentLoadedEventEnd,
      load: navigation.loadEventEnd,
    }
  })
  // Closed pages, not contexts: the single-process Chromium ends when a context closes.
  await page.close()
  return { ...step, bytes, requests, ...timings }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)}`.padStart(5)
const ms = (value: number) => `${(value / 1000).toFixed(2)} s`.padStart(7)

async function main() {
  printMachine(
    `run: ${NETWORK.downloadThroughput / KBIT} kbit/s down and up, ${NETWORK.latency} ms ` +
      `round trip, CPU ${CPU_SLOWDOWN}x slower, cold cache; targets <= ${BUDGET_BYTES / 1000} KB ` +
      `and load <= ${LOAD_BUDGET_MS / 1000} s per step`,
  )
  const missed: string[] = []
  const [app, browser] = await Promise.all([startProductionApp(), launchChromium()])
  try {
    const steps = await journeySteps(app)
    const width = Math.max(...steps.map((step) => step.step.length))
    console.log(
      `\n${'step'.padEnd(width)}  ${'KB in all'.padStart(9)}  HTML   CSS    JS other  req` +
        `      FCP      DCL     load`,
    )
    for (const step of steps) {
      const result = await measure(browser, app, step)
      const total = Object.values(result.bytes).reduce((sum, value) => sum + value, 0)
      const heavy = total > BUDGET_BYTES
      const slow = !(result.load <= LOAD_BUDGET_MS)
      if (heavy) missed.push(`${step.step}: ${(total / 1000).toFixed(1)} KB`)
      if (slow) missed.push(`${step.step}: load at ${(result.load / 1000).toFixed(2)} s`)
      console.log(
        `${step.step.padEnd(width)}  ${kb(total).padStart(9)} ${kb(result.bytes.html)} ` +
          `${kb(result.bytes.css)} ${kb(result.bytes.js)} ${kb(result.bytes.other)} ` +
          `${String(result.requests).padStart(4)}  ${ms(result.fcp)}  ${ms(result.domContentLoaded)}  ` +
          `${ms(result.load)}  ${heavy || slow ? 'MISSED' : 'ok'}`,
      )
    }
    console.log('KB: kB of 1000 bytes as transferred (compressed, headers included)')
  } finally {
    await browser.close()
    await app.stop()
  }
  printLoad('at the end')
  return missed
}

runBenchmark(main)
