import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { browserSession, expectAccessibleWithoutScripts } from '../support/browser'
import {
  createStatisticsFixture,
  OCTOBER,
  STATS_EMAILS,
  STATS_PASSWORD,
} from '../support/statistics-fixture'

// The statistics page in a real Chromium with JavaScript off (decision 087): the charts are
// SVG images drawn on the server, each named and followed by its table; axe finds nothing.

const session = browserSession({ viewport: { width: 1280, height: 900 } })
beforeAll(async () => {
  await createStatisticsFixture(session.database)
})

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${session.app.url}/espace/connexion`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('navigation').first().waitFor()
}

describe('statistics without JavaScript', () => {
  test('charts and their tables, filters by form, every page passes axe', async () => {
    const page = await session.newPage({ javaScriptEnabled: false })
    await signIn(page, STATS_EMAILS.admin, STATS_PASSWORD)
    await page.getByRole('link', { name: 'Statistiques' }).click()
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor()

    await page.getByLabel('Période', { exact: true }).selectOption('custom')
    await page.getByLabel('Du', { exact: true }).fill('2026-10-01')
    await page.getByLabel('Au', { exact: true }).fill('2026-10-31')
    await page.getByRole('button', { name: 'Afficher' }).click()
    await page.getByText('Du 1 octobre 2026 au 31 octobre 2026').waitFor()
    expect(new URL(page.url()).search).toBe(`${OCTOBER}&lieu=&conseiller=`)

    const charts = page.getByRole('img')
    expect(await charts.count()).toBe(6)
    await expect
      .poll(() => page.getByRole('img', { name: /^Rendez-vous par statut, diagramme/ }).count())
      .toBe(1)
    const statuses = page.getByRole('table', { name: 'Rendez-vous par statut' })
    await expect.poll(() => statuses.getByRole('row', { name: /Honorés 3 1 \+2/ }).count()).toBe(1)
    expect(await page.getByRole('table').count()).toBe(7)
    expect(await page.getByRole('link', { name: /Télécharger ce tableau \(CSV\)/ }).count()).toBe(7)
    await expectAccessibleWithoutScripts(page)

    await page.getByLabel('Conseiller', { exact: true }).selectOption({ label: 'Karim Test' })
    await page.getByRole('button', { name: 'Afficher' }).click()
    await page.getByText('Du 1 octobre 2026 au 31 octobre 2026').waitFor()
    const indicators = page.getByRole('table', { name: 'Indicateurs clés' })
    await expect
      .poll(() => indicators.getByRole('row', { name: /^Rendez-vous 4 2 \+2$/ }).count())
      .toBe(1)

    await page.getByLabel('Du', { exact: true }).fill('2026-10-31')
    await page.getByLabel('Au', { exact: true }).fill('2026-10-01')
    await page.getByRole('button', { name: 'Afficher' }).click()
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toBe(
      'La date de fin doit suivre la date de début.',
    )
    await expectAccessibleWithoutScripts(page)
  })

  test('an advisor’s own figures, in English', async () => {
    const page = await session.newPage({ javaScriptEnabled: false })
    await signIn(page, STATS_EMAILS.karim, STATS_PASSWORD)
    await page.goto(`${session.app.url}/espace/statistiques${OCTOBER}&lng=en`)
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor()
    await page.getByText('Your own appointments and workshops.').waitFor()
    expect(await page.getByLabel('Advisor', { exact: true }).count()).toBe(0)
    expect(await page.getByRole('img', { name: /^Appointments by mode, bar chart/ }).count()).toBe(
      1,
    )
    await expectAccessibleWithoutScripts(page)
  })
})
