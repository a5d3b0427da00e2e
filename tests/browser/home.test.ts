import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { axeViolations, launchChromium } from '../support/browser'
import { SERVED_URL, startProductionApp, type RunningApp } from '../support/server'

let app: RunningApp
let browser: Browser
beforeAll(async () => {
  // Opened at the address it serves: in production, forms post only from PUBLIC_URL.
  ;[app, browser] = await Promise.all([
    startProductionApp({ PUBLIC_URL: SERVED_URL }),
    launchChromium(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

test('a resident opens the home page, finds the organisation, switches to English; axe finds nothing', async () => {
  const page = await (await browser.newContext()).newPage()
  await page.goto(app.url)
  expect(await page.getAttribute('html', 'lang')).toBe('fr')
  expect(await axeViolations(page)).toEqual([])

  await page.getByRole('link', { name: 'France Services du Val de Sorne' }).click()
  await page.getByRole('heading', { level: 1, name: 'France Services du Val de Sorne' }).waitFor()
  expect(await page.getByRole('heading', { level: 2, name: 'Où nous trouver' }).isVisible()).toBe(
    true,
  )
  expect(await axeViolations(page)).toEqual([])

  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('heading', { level: 2, name: 'Where to find us' }).waitFor()
  expect(await page.getAttribute('html', 'lang')).toBe('en')
  expect(page.url()).toBe(`${app.url}/france-services-val-de-sorne`)
  expect(await axeViolations(page)).toEqual([])

  await page.getByRole('button', { name: 'Français' }).click()
  await page.getByRole('heading', { level: 2, name: 'Où nous trouver' }).waitFor()
  expect(await page.getAttribute('html', 'lang')).toBe('fr')
})
