import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/db/client.server'
import { DEMO_PASSWORD } from '~/db/seed.server'
import { nameSearchKey } from '~/domain/residents/identity'
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
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  contexts.push(context)
  return context.newPage()
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page), page.url()).toEqual([])
  expect(await page.locator('h1').count(), page.url()).toBe(1)
}

describe('residents in a browser', () => {
  test('reception merges two records of the same person; every new page passes axe', async () => {
    const organisation = await db.organisation.findFirstOrThrow()
    const seed = (lastName: string, phone: string | null, email: string | null) =>
      db.resident.create({
        data: {
          organisationId: organisation.id,
          firstName: 'Marcel',
          lastName,
          searchKey: nameSearchKey('Marcel', lastName),
          phoneE164: phone,
          phoneType: phone ? 'MOBILE' : null,
          email,
          createdVia: 'ONLINE',
        },
      })
    const kept = await seed('Fournier', '+33612347777', null)
    const duplicate = await seed('Fourier', null, 'marcel@exemple.fr')
    const jeanneAppointment = await db.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Moreau' } },
    })
    await db.appointment.update({
      where: { id: jeanneAppointment.id },
      data: { residentId: duplicate.id },
    })

    const page = await newPage()
    await page.goto(`${app.url}/espace/connexion`)
    await page.getByLabel('Adresse e-mail').fill('sophie.leroy@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('link', { name: 'Usagers', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Usagers' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Nom ou téléphone de l’usager').fill('fournier')
    await page.getByRole('button', { name: 'Rechercher' }).click()
    await page.getByRole('link', { name: 'FOURNIER Marcel' }).click()
    await page.getByRole('heading', { level: 1, name: 'Marcel Fournier' }).waitFor()
    await expectAccessible(page)

    // A wrong phone is refused next to the field, accessibly.
    await page.getByLabel('Téléphone').fill('12 34')
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click()
    await page.getByText('Exemple de numéro correct').first().waitFor()
    await expectAccessible(page)
    await page.getByLabel('Téléphone').fill('06 12 34 77 77')
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click()
    await page.getByText('Coordonnées enregistrées.').waitFor()

    await page.getByRole('link', { name: 'Fusionner avec Marcel Fourier' }).click()
    await page.getByRole('heading', { level: 1, name: 'Fusionner deux fiches' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel(/^Marcel Fournier/).check()
    await page.getByRole('button', { name: 'Fusionner les deux fiches' }).click()
    await page.getByText('Les deux fiches ont été fusionnées.').waitFor()
    await expectAccessible(page)
    await page.getByText(`merged Marcel Fourier (${duplicate.id}) into this record`).waitFor()
    expect(await db.resident.findUnique({ where: { id: duplicate.id } })).toBeNull()
    const merged = await db.resident.findUniqueOrThrow({ where: { id: kept.id } })
    expect(merged.email).toBe('marcel@exemple.fr')
    expect(
      (await db.appointment.findUniqueOrThrow({ where: { id: jeanneAppointment.id } })).residentId,
    ).toBe(kept.id)

    // The moved appointment opens its move page, which passes axe too.
    await page.goto(`${app.url}/espace/rendez-vous/${jeanneAppointment.id}/deplacer`)
    await page.getByRole('heading', { level: 1, name: /^Déplacer le rendez-vous de / }).waitFor()
    await expectAccessible(page)
    // And the booking page with the walk-in choice.
    const taxes = await db.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    await page.goto(`${app.url}/espace/reserver?usager=${kept.id}&motif=${taxes.id}&lieu=telephone`)
    await page.getByLabel('Rendez-vous hors horaires d’ouverture, je confirme').waitFor()
    await expectAccessible(page)
  })
})
