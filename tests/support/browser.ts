import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import {
  chromium as playwright,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, onTestFinished } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { appDatabase } from './journey'
import { startApp, type RunningApp } from './server'

/**
 * A real Chromium: the one npm installed (@sparticuz/chromium, unpacked into /tmp on first
 * launch), or CHROMIUM_PATH (for example Debian's /usr/bin/chromium). Never downloaded.
 */
export async function launchChromium(): Promise<Browser> {
  if (process.env.CHROMIUM_PATH) {
    return playwright.launch({
      executablePath: process.env.CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  }
  const { default: chromium } = await import('@sparticuz/chromium')
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  })
}

/** axe-core on the page as it is now, WCAG 2.1 A and AA rules. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(' ')),
  }))
}

/**
 * No axe violation (where scripts run: axe is one) and exactly one h1; the page is also
 * saved as screenshots at a phone's and a desktop's width, to be looked at.
 */
export async function expectAccessible(page: Page, javaScriptEnabled = true) {
  if (javaScriptEnabled) expect(await axeViolations(page), page.url()).toEqual([])
  expect(await page.locator('h1').count(), page.url()).toBe(1)
  await saveScreenshots(page)
}

const SCREENSHOTS = fileURLToPath(new URL('../output/screenshots', import.meta.url))
const SCREENSHOT_WIDTHS = [375, 1280]
let screenshotCount = 0

/**
 * Full-page screenshots at 375 px and 1280 px in tests/output/screenshots/<test file>/,
 * numbered in the order the test took them; the viewport is given back afterwards.
 */
export async function saveScreenshots(page: Page, name = new URL(page.url()).pathname) {
  const testFile = path.basename(expect.getState().testPath ?? 'browser', '.test.ts')
  const folder = path.join(SCREENSHOTS, testFile)
  mkdirSync(folder, { recursive: true })
  screenshotCount += 1
  const slug = name.replace(/[^a-z0-9]+/giu, '-').replace(/^-|-$/gu, '') || 'home'
  const original = page.viewportSize()
  for (const width of SCREENSHOT_WIDTHS) {
    await page.setViewportSize({ width, height: 800 })
    const file = `${String(screenshotCount).padStart(3, '0')}-${slug.slice(0, 60)}-${width}.png`
    await page.screenshot({ path: path.join(folder, file), fullPage: true })
  }
  if (original) await page.setViewportSize(original)
}

/**
 * The demo app and a Chromium for one test file, started before its tests and stopped
 * after. Each test is a new person: no cookie carries over. Contexts are emptied rather
 * than closed: the single-process Chromium dies with its last context.
 */
export function browserSession(options: {
  viewport: { width: number; height: number }
  /** More environment for the app, read when it starts (after earlier hooks ran). */
  env?: () => Record<string, string>
}) {
  let app: RunningApp
  let browser: Browser
  let db: Db
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    ;[app, browser] = await Promise.all([
      startApp({ SEED_DEMO: '1', ...options.env?.() }),
      launchChromium(),
    ])
    db = appDatabase(app)
  })
  afterAll(async () => {
    await db?.$disconnect()
    await browser?.close()
    await app?.stop()
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.clearCookies()))
  })
  return {
    get app() {
      return app
    },
    get browser() {
      return browser
    },
    get database() {
      return db
    },
    /** A page in a new context; `contexts` holds it until the test ends. */
    async newPage(contextOptions: Parameters<Browser['newContext']>[0] = {}) {
      const context = await browser.newContext({ viewport: options.viewport, ...contextOptions })
      contexts.push(context)
      return context.newPage()
    },
    /**
     * A page for one of several people in a test: in a browser process of its own, closed
     * when the test ends. The npm Chromium runs single-process, where the contexts of one
     * browser share one cookie jar: two people in one browser would pass for the wrong
     * reason.
     */
    async personPage(contextOptions: Parameters<Browser['newContext']>[0] = {}) {
      const other = await launchChromium()
      onTestFinished(() => other.close())
      const context = await other.newContext({ viewport: options.viewport, ...contextOptions })
      return context.newPage()
    },
    /** A context of its own (for example another screen size), emptied after the test. */
    async newContext(contextOptions: Parameters<Browser['newContext']>[0] = {}) {
      const context = await browser.newContext(contextOptions)
      contexts.push(context)
      return context
    },
  }
}

// One scripted context per browser for those copies, kept open: the single-process
// Chromium does not survive a context being closed.
const copyContexts = new WeakMap<Browser, BrowserContext>()

/**
 * expectAccessible for a page opened without JavaScript, where axe cannot run: axe checks
 * a copy of the very document (scripts left out) in a scripted page at the same address,
 * and the page itself is saved as screenshots.
 */
export async function expectAccessibleWithoutScripts(page: Page) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/giu, '')
  const url = page.url()
  const browser = page.context().browser()!
  const context = copyContexts.get(browser) ?? (await browser.newContext())
  copyContexts.set(browser, context)
  const copy = await context.newPage()
  try {
    await copy.setViewportSize(page.viewportSize()!)
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    )
    await copy.goto(url)
    expect(await axeViolations(copy), url).toEqual([])
  } finally {
    await copy.close()
  }
  await expectAccessible(page, false)
}

/** Waits until the page's scripts have taken over (root's `data-scripted` mark). */
export async function waitForScripts(page: Page) {
  await page.locator('html[data-scripted]').waitFor({ state: 'attached' })
}
