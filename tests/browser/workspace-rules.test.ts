import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG, DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'

// An advisor opens new hours in a real browser, and residents see them as free times.

const session = browserSession({ viewport: { width: 1024, height: 768 } })
const { newPage } = session

const nextWeek = () =>
  DateTime.now().setZone('Europe/Paris').startOf('week').plus({ weeks: 1 }).toISODate()!

describe('opening hours in a browser', () => {
  test('an advisor opens Saturday afternoons, the public page offers them; an admin changes hours and adds an absence', async () => {
    const page = await newPage()
    await page.goto(`${session.app.url}/espace`)
    await page.getByLabel('Adresse e-mail').fill('karim.benali@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { level: 1, name: 'Agenda de Karim Benali' }).waitFor()
    // The calendar shows the hours behind the appointments.
    await page.goto(`${session.app.url}/espace?date=${nextWeek()}`)
    await page.getByText('Permanence 9 h – 12 h 30 · Mairie de Saint-Julien-sur-Sorne').waitFor()
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Horaires et absences' }).click()
    await page.getByRole('heading', { level: 1, name: 'Horaires de Karim Benali' }).waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Ajouter une plage d’ouverture' }).click()
    await page.getByRole('heading', { level: 1, name: /^Nouvelle plage d’ouverture/ }).waitFor()
    await expectAccessible(page)

    // Nothing ticked, nothing typed: the errors are shown and accessible.
    await page.getByRole('button', { name: 'Enregistrer la plage' }).click()
    await page.getByText('Cochez au moins un jour.').first().waitFor()
    await expectAccessible(page)

    await page.getByLabel('samedi').check()
    await page.getByLabel('Heure de début', { exact: true }).fill('14:00')
    await page.getByLabel('Heure de fin', { exact: true }).fill('16 h')
    await page.getByRole('button', { name: 'Prévisualiser' }).click()
    await page.getByRole('heading', { name: /^Aperçu des créneaux/ }).waitFor()
    expect(await page.getByText(/samedi/).count()).toBeGreaterThan(0)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Enregistrer la plage' }).click()
    await page.getByText('Plage enregistrée.').waitFor()
    await page.getByText('samedi, de 14 h à 16 h').waitFor()

    const identity = await session.database.topic.findFirstOrThrow({
      where: { name: { startsWith: 'Demander une carte' } },
    })
    const townHall = await session.database.site.findFirstOrThrow({
      where: { name: { contains: 'Mairie de Saint' } },
    })
    await page.goto(
      `${session.app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous/${identity.id}/creneaux/${townHall.id}?semaine=${nextWeek()}`,
    )
    await page
      .getByRole('link', { name: /samedi .* 14 h 30/ })
      .first()
      .waitFor()

    // One browser context for the whole story: the admin signs in after Karim signs out.
    await page.goto(`${session.app.url}/espace/horaires`)
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.getByText('Vous êtes déconnecté.').waitFor()
    await page.goto(`${session.app.url}/espace/horaires`)
    await page.getByLabel('Adresse e-mail').fill('camille.martin@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { level: 1, name: 'Horaires de Camille Martin' }).waitFor()
    await page.getByRole('link', { name: /^mardi, de 9 h à 12 h/ }).click()
    await page.getByRole('heading', { level: 1, name: /^Plage d’ouverture de/ }).waitFor()
    await expectAccessible(page)

    const karim = await session.database.advisor.findUniqueOrThrow({
      where: { email: 'karim.benali@val-de-sorne.example' },
    })
    await page.goto(`${session.app.url}/espace/absences?conseiller=${karim.id}`)
    await page.getByRole('heading', { level: 1, name: 'Absences de Karim Benali' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Premier jour').fill(nextWeek())
    await page.getByLabel('Dernier jour').fill(nextWeek())
    await page.getByLabel('Raison (facultatif)').fill('Formation')
    await page.getByRole('button', { name: 'Enregistrer l’absence' }).click()
    await page.getByRole('heading', { name: 'Rendez-vous concernés' }).waitFor()
    await page
      .getByText(/Jeanne Moreau/)
      .first()
      .waitFor()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Confirmer' }).click()
    await page.getByText('Choisissez pour chaque rendez-vous').first().waitFor()
    await expectAccessible(page)
    await page.getByLabel('Garder (à déplacer ensuite)').first().check()
    await page.getByRole('button', { name: 'Confirmer' }).click()
    await page.getByText('Absence enregistrée.').waitFor()
    await expectAccessible(page)
  }, 150_000)
})
