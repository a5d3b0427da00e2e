import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'
import { tabTo } from '../support/journey-steps'

// An activity report filed in a browser (decision 085): from the workspace navigation to
// the list of reports to write, then one screen, pre-filled, completed and sent with the
// keyboard alone in well under 30 seconds.

const session = browserSession({ viewport: { width: 1280, height: 900 } })

/** Tabs to the form field whose label reads `label` (inputs have no text of their own). */
async function tabToField(page: Page, label: string) {
  for (let index = 0; index < 200; index += 1) {
    await page.keyboard.press('Tab')
    const found = await page.evaluate(
      () =>
        (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '',
    )
    if (found === label) return
  }
  throw new Error(`No field labelled ${label}`)
}

describe('an activity report in a browser', () => {
  test('an advisor files a pre-filled report in one screen, with the keyboard only', async () => {
    const page = await session.newPage()
    await page.goto(`${session.app.url}/espace`)
    await page.getByLabel('Adresse e-mail').fill('karim.benali@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByLabel('Mot de passe').press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Agenda de Karim Benali' }).waitFor()

    await tabTo(page, 'Comptes rendus (2 à faire)')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Comptes rendus à faire' }).waitFor()
    await page.getByRole('cell', { name: 'Marcel Bonnet' }).waitFor()
    await expectAccessible(page)

    const started = Date.now()
    await tabTo(page, /^Rédiger le compte rendu : Déclarer mes impôts en ligne/u)
    await page.keyboard.press('Enter')
    await page
      .getByRole('heading', { level: 1, name: 'Compte rendu : Déclarer mes impôts en ligne' })
      .waitFor()
    // What the app knows is there already.
    expect(await page.getByLabel('Argent, impôts').isChecked()).toBe(true)
    expect(await page.getByLabel('Marcel Bonnet').isChecked()).toBe(true)
    expect(await page.getByLabel('Déjà accompagné auparavant').isChecked()).toBe(true)
    await expectAccessible(page)

    // The advisor adds the equipment and a detail, and sends it with Enter.
    await tabToField(page, 'Ordinateur')
    await page.keyboard.press('Space')
    await tabToField(page, 'Précisions sur la démarche (facultatif)')
    await page.keyboard.type('Correction de la déclaration')
    await page.keyboard.press('Enter')
    await page.getByText('Compte rendu enregistré.').waitFor()
    expect(Date.now() - started).toBeLessThan(30_000)
    await page.getByRole('heading', { level: 1, name: 'Comptes rendus à faire' }).waitFor()
    expect(await page.getByRole('cell', { name: 'Marcel Bonnet' }).count()).toBe(0)
    await page.getByRole('cell', { name: 'Sylvie Roux' }).waitFor()

    const report = await session.database.activityReport.findFirstOrThrow({
      where: { procedureDetails: 'Correction de la déclaration' },
    })
    expect(report).toMatchObject({
      status: 'FILED',
      kind: 'INDIVIDUAL',
      equipment: '["Ordinateur"]',
      themes: '["AideAuxDemarchesAdministratives","ArgentImpots"]',
      alreadyAccompanied: true,
    })
  })

  test('a refused report shows its errors at the top, each linked to its field', async () => {
    const page = await session.newPage()
    // Signed out, the list's address leads through the sign-in page and back.
    await page.goto(`${session.app.url}/espace/comptes-rendus`)
    await page.getByLabel('Adresse e-mail').fill('lea.fontaine@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByLabel('Mot de passe').press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Comptes rendus à faire' }).waitFor()
    await page
      .getByRole('link', { name: /^Rédiger le compte rendu : Apprendre à se servir/u })
      .click()
    await page.getByRole('heading', { level: 1, name: /^Compte rendu : Apprendre/u }).waitFor()
    await page.getByLabel('Nombre de participants anonymes').fill('1')
    await page.getByLabel('Féminin').fill('2')
    await page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click()
    await page.getByRole('heading', { name: /Le formulaire contient 1 erreur/u }).waitFor()
    await expectAccessible(page)
  })
})
