import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import {
  browserSession,
  expectAccessible,
  expectAccessibleWithoutScripts,
} from '../support/browser'

// The lost-link page without JavaScript, the three legal pages of an organisation, the
// footer that links them on public and workspace pages, and the admin's form that
// completes them, in a real Chromium with axe (decision 092).

const session = browserSession({
  viewport: { width: 1024, height: 768 },
  env: () => ({ WORKER: 'off' }),
})
const { newPage } = session
const ORG = `/${DEMO_ORGANISATION_SLUG}`

describe('legal pages and the lost-link page in a browser', () => {
  // Seen here: after the first test of a file, the single-process Chromium may send no
  // session cookie on a full page load: the signed-in test comes first.
  test('the workspace footer and the admin’s form for the legal pages', async () => {
    const page = await newPage()
    await page.goto(`${session.app.url}/espace/connexion`)
    await page.getByLabel('Adresse e-mail').fill('camille.martin@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { level: 1, name: 'Agenda de Camille Martin' }).waitFor()
    const footer = page.getByRole('navigation', { name: 'Informations légales' })
    expect(await footer.getByRole('link', { name: 'Mentions légales' }).getAttribute('href')).toBe(
      `${ORG}/mentions-legales`,
    )
    await page.getByRole('navigation').getByRole('link', { name: 'Administration' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor()
    await page.getByRole('link', { name: 'Mentions légales et accessibilité' }).click()
    await page
      .getByRole('heading', { level: 1, name: 'Mentions légales et accessibilité' })
      .waitFor()
    await expectAccessible(page)

    await page.getByLabel('Nom de l’hébergeur').fill('Hébergeur Exemple SAS')
    await page.getByLabel('Date des dernières vérifications').fill('2026-11-30')
    await page.getByLabel('État de conformité au RGAA').selectOption('PARTIELLEMENT_CONFORME')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.getByRole('status').waitFor()
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Accessibilité' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Accessibilité' }).waitFor()
    expect(await page.getByText('Ce service est partiellement conforme').isVisible()).toBe(true)
  })

  test('the lost-link page works without JavaScript: a refusal, then the same answer for all', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(`${session.app.url}${ORG}`)
    await page.getByRole('link', { name: 'J’ai perdu mon lien' }).click()
    await page.getByRole('heading', { level: 1, name: 'J’ai perdu mon lien' }).waitFor()
    await expectAccessibleWithoutScripts(page)

    const field = page.getByLabel('Téléphone portable ou adresse e-mail')
    await field.fill('pas un numéro')
    await page.getByRole('button', { name: 'Recevoir mes liens' }).click()
    await page.getByRole('alert').first().waitFor()
    expect(await field.inputValue()).toBe('pas un numéro')
    await expectAccessibleWithoutScripts(page)

    await field.fill('06 12 34 56 78')
    await page.getByRole('button', { name: 'Recevoir mes liens' }).click()
    await page
      .getByRole('status')
      .getByText('un message avec le lien vient d’y être envoyé')
      .waitFor()
    await expectAccessibleWithoutScripts(page)
  })

  test('the footer leads to the three legal pages of the organisation', async () => {
    const page = await newPage()
    await page.goto(`${session.app.url}${ORG}`)
    const footer = page.getByRole('navigation', { name: 'Informations légales' })
    for (const [link, title] of [
      ['Données personnelles', 'Données personnelles'],
      ['Mentions légales', 'Mentions légales'],
      ['Accessibilité', 'Accessibilité'],
    ] as const) {
      await footer.getByRole('link', { name: link }).click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await expectAccessible(page)
    }
    // As the admin set it in the first test.
    expect(await page.getByText('Ce service est partiellement conforme').isVisible()).toBe(true)
    await page.goto(session.app.url)
    await page.getByText('Chaque structure publie ses mentions légales').waitFor()
  })
})
