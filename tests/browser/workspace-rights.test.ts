import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'

// Residents' right of access and the audit log in a real browser (decision 091): reception
// opens a resident's printable export from their page, downloads the JSON and reads the
// log without personal data; an admin filters the log down to that resident and action.

const session = browserSession({ viewport: { width: 1024, height: 768 } })

// Each person in a browser of their own: one single-process Chromium shares its cookies.
async function signIn(email: string) {
  const page = await session.personPage({ acceptDownloads: true })
  await page.goto(`${session.app.url}/espace`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('navigation', { name: 'Espace conseiller' }).waitFor()
  return page
}

describe('residents’ rights and the audit log in a browser', () => {
  test('reception prints a resident’s data and downloads it as JSON', async () => {
    const rene = await session.database.resident.findFirstOrThrow({ where: { lastName: 'Girard' } })
    const page = await signIn('sophie.leroy@val-de-sorne.example')
    await page.goto(`${session.app.url}/espace/usagers/${rene.id}`)
    await page.getByRole('heading', { level: 2, name: 'Droits de la personne' }).waitFor()
    await page.getByRole('link', { name: 'Page imprimable de ses données' }).click()
    await page.getByRole('heading', { level: 1, name: /Données conservées sur René/ }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Rendez-vous' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor()
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Retour à la fiche de la personne' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger ses données (JSON)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`usager-${rene.id}.json`)
    expect(await download.failure()).toBeNull()

    // Reception reads the log without residents' names or details.
    await page.getByRole('link', { name: 'Voir son historique dans le journal' }).click()
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor()
    await page.getByRole('cell', { name: 'masqué' }).first().waitFor()
    expect(await page.getByRole('cell', { name: 'René Girard' }).count()).toBe(0)
    expect(await page.getByRole('cell', { name: rene.id }).count()).toBeGreaterThan(0)
    await expectAccessible(page)
  })

  test('an admin filters the audit log by resident and action, then by a wrong period', async () => {
    const rene = await session.database.resident.findFirstOrThrow({ where: { lastName: 'Girard' } })
    const page = await signIn('camille.martin@val-de-sorne.example')
    await page.goto(`${session.app.url}/espace/usagers/${rene.id}/donnees`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.getByRole('link', { name: 'Journal', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor()
    await expectAccessible(page)

    await page.getByLabel('Identifiant de la personne').fill(rene.id)
    await page.getByLabel('Action', { exact: true }).selectOption('RESIDENT_EXPORTED')
    await page.getByRole('button', { name: 'Filtrer' }).click()
    await page.getByRole('cell', { name: 'exported as a printable page' }).first().waitFor()
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1)
    expect(await page.getByRole('cell', { name: 'René Girard' }).count()).toBeGreaterThan(0)
    await expectAccessible(page)

    await page.getByLabel('Du', { exact: true }).fill('2026-11-30')
    await page.getByLabel('Au', { exact: true }).fill('2026-11-01')
    await page.getByRole('button', { name: 'Filtrer' }).click()
    await page
      .getByText('La date de fin doit être le même jour que la date de début ou après.')
      .first()
      .waitFor()
    expect(await page.getByLabel('Identifiant de la personne').inputValue()).toBe(rene.id)
    await expectAccessible(page)
  })
})
