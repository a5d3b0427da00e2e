import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/db/client.server'
import { DEMO_PASSWORD } from '~/db/seed.server'
import { axeViolations, launchChromium } from '../support/browser'
import { appDatabase } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'

let app: RunningApp
let browser: Browser
let db: Db
beforeAll(async () => {
  ;[app, browser] = await Promise.all([startApp({ SEED_DEMO: '1' }), launchChromium()])
  db = appDatabase(app)
})
afterAll(async () => {
  await db?.$disconnect()
  await browser?.close()
  await app?.stop()
})

const contexts: BrowserContext[] = []
// The single-process Chromium dies with its last context: contexts are emptied, not closed.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.clearCookies()))
})
async function newPage(options: { javaScriptEnabled?: boolean } = {}) {
  // A tablet held in landscape, the reception desk's usual screen.
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...options })
  contexts.push(context)
  return context.newPage()
}

async function expectAccessible(page: Page, javaScriptEnabled = true) {
  // axe runs as a script in the page: only where scripts run.
  if (javaScriptEnabled) expect(await axeViolations(page), page.url()).toEqual([])
  expect(await page.locator('h1').count(), page.url()).toBe(1)
}

async function signIn(page: Page, email: string, javaScriptEnabled = true) {
  await page.goto(`${app.url}/espace`)
  await page.getByRole('heading', { level: 1, name: 'Connexion à l’espace conseiller' }).waitFor()
  await expectAccessible(page, javaScriptEnabled)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

describe('advisor workspace in a browser', () => {
  test('every other workspace page passes axe', async () => {
    const page = await newPage()
    await signIn(page, 'camille.martin@val-de-sorne.example')
    await page.getByRole('heading', { level: 1, name: 'Agenda de Camille Martin' }).waitFor()
    await page.getByRole('link', { name: 'Semaine', exact: true }).click()
    await page.getByRole('link', { name: 'Semaine suivante' }).waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Mairie de Saint-Julien-sur-Sorne' }).click()
    await page
      .getByRole('heading', { level: 1, name: /Mairie de Saint-Julien-sur-Sorne/ })
      .waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Mes connexions' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mes connexions' }).waitFor()
    await expectAccessible(page)
    // A wrong edit shows its errors accessibly too.
    const appointment = await db.appointment.findFirstOrThrow({ where: { status: 'BOOKED' } })
    await page.goto(`${app.url}/espace/rendez-vous/${appointment.id}`)
    await page.getByRole('heading', { level: 1, name: /^Rendez-vous de / }).waitFor()
    await page.getByLabel('Annulé', { exact: true }).check()
    await page.getByRole('button', { name: 'Enregistrer le statut' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.getByText('Vous êtes déconnecté.').waitFor()
    await expectAccessible(page)
  })

  for (const javaScriptEnabled of [true, false]) {
    test(`reception books by phone, prints the slip, marks attendance (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await newPage({ javaScriptEnabled })
      await signIn(page, 'sophie.leroy@val-de-sorne.example', javaScriptEnabled)
      await page.getByRole('heading', { level: 1, name: 'Agenda de Sophie Leroy' }).waitFor()
      await expectAccessible(page, javaScriptEnabled)

      await page.getByRole('link', { name: 'Prendre un rendez-vous' }).click()
      await page.getByRole('heading', { level: 1, name: /Prendre un rendez-vous pour/ }).waitFor()
      await expectAccessible(page, javaScriptEnabled)
      await page.getByLabel('Nom ou téléphone de l’usager').fill('MOREAU')
      await page.getByRole('button', { name: 'Rechercher' }).click()
      await page.getByRole('link', { name: 'Choisir Jeanne Moreau' }).click()
      await page.getByText('Usager : Jeanne Moreau').waitFor()
      await page
        .getByLabel('Motif', { exact: true })
        .selectOption({ label: 'Déclarer mes impôts en ligne' })
      await page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Par téléphone' })
      await page.getByRole('button', { name: 'Voir les créneaux' }).click()
      const first = page.getByLabel(/Prochain créneau libre/)
      await first.waitFor()
      expect(await first.isChecked()).toBe(true)
      await expectAccessible(page, javaScriptEnabled)
      await page.getByRole('button', { name: 'Réserver ce rendez-vous' }).click()

      await page.getByRole('heading', { level: 1, name: /Votre rendez-vous/ }).waitFor()
      await page.getByText('Nous vous appellerons au 06 12 34 56 01.').waitFor()
      await expectAccessible(page, javaScriptEnabled)
      // Printed, the slip keeps only itself: no header, no workspace navigation.
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.site-header').isVisible()).toBe(false)
      expect(await page.getByText('Nous vous appellerons au').isVisible()).toBe(true)
      await page.emulateMedia({ media: 'screen' })

      await page.getByRole('link', { name: 'Voir le rendez-vous' }).click()
      await page.getByRole('heading', { level: 1, name: 'Rendez-vous de Jeanne Moreau' }).waitFor()
      await expectAccessible(page, javaScriptEnabled)
      await page.getByLabel('Honoré', { exact: true }).check()
      await page.getByRole('button', { name: 'Enregistrer le statut' }).click()
      await page.getByText('Modification enregistrée.').waitFor()
      await page.getByText('Marqué honoré').waitFor()
      await expectAccessible(page, javaScriptEnabled)
    })
  }
})
