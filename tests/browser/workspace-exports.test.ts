import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'

// The exports page in a real browser (decision 086): reached from the navigation, its
// errors in French with what was typed, then the file downloaded while the page stays.

const session = browserSession({ viewport: { width: 1024, height: 768 } })

describe('exports in a browser', () => {
  test('an admin corrects the period and downloads the appointments as XLSX', async () => {
    const page = await session.newPage({ acceptDownloads: true })
    await page.goto(`${session.app.url}/espace`)
    await page.getByLabel('Adresse e-mail').fill('camille.martin@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('link', { name: 'Exports' }).click()
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor()
    await expectAccessible(page)

    await page.getByLabel('Rendez-vous et participants aux ateliers').check()
    await page.getByLabel('Classeur Excel (XLSX)').check()
    await page.getByLabel('Du', { exact: true }).fill('2026-11-30')
    await page.getByLabel('Au', { exact: true }).fill('2026-11-01')
    await page.getByRole('button', { name: 'Télécharger' }).click()
    await page.getByText('La date de fin doit être le jour de début ou après.').first().waitFor()
    // What was typed is kept.
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-11-30')
    expect(await page.getByLabel('Classeur Excel (XLSX)').isChecked()).toBe(true)
    await expectAccessible(page)

    await page.getByLabel('Au', { exact: true }).fill('2026-12-31')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('rendez-vous-2026-11-30-2026-12-31.xlsx')
    expect(await download.failure()).toBeNull()
  })
})
