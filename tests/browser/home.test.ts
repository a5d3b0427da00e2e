import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { axeViolations, expectAccessible, launchChromium } from '../support/browser'
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

test('a form on another site that posts here gets the refusal page, and changes nothing', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  // The other site, as Chromium sees it: its own origin, posting to ours.
  await page.route('http://evil.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html lang="en"><title>Win a prize</title><form method="post" action="${app.url}/language"><input type="hidden" name="language" value="en"><input type="hidden" name="redirectTo" value="/"><button>Claim</button></form></html>`,
    }),
  )
  await page.goto('http://evil.example/prize')
  await page.getByRole('button', { name: 'Claim' }).click()
  await page.getByRole('heading', { level: 1, name: 'Demande refusée' }).waitFor()
  expect(page.url()).toBe(`${app.url}/language`)
  expect(await page.getAttribute('html', 'lang')).toBe('fr')
  await expectAccessible(page)
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('lng')
  await page.getByRole('link', { name: 'Revenir à l’accueil' }).click()
  await page.getByRole('link', { name: 'France Services du Val de Sorne' }).waitFor()
  expect(await page.getAttribute('html', 'lang')).toBe('fr')
})
