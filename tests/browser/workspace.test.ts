import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'

const session = browserSession({ viewport: { width: 1024, height: 768 } })
const { newPage } = session

async function signIn(page: Page, email: string, javaScriptEnabled = true) {
  await page.goto(`${session.app.url}/espace`)
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
    const appointment = await session.database.appointment.findFirstOrThrow({
      where: { status: 'BOOKED' },
    })
    await page.goto(`${session.app.url}/espace/rendez-vous/${appointment.id}`)
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
    test(`reception books by phone, prints the slip, cannot mark attendance early, cancels after confirming (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await newPage({ javaScriptEnabled })
      await signIn(page, 'sophie.leroy@val-de-sorne.example', javaScriptEnabled)
      await page.getByRole('heading', { level: 1, name: /^Aujourd’hui · / }).waitFor()
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
      // Tomorrow's appointment cannot be marked honoured yet: it is refused, said why.
      await page.getByLabel('Honoré', { exact: true }).check()
      await page.getByRole('button', { name: 'Enregistrer le statut' }).click()
      await page.getByText('Ce rendez-vous n’a pas encore commencé.').first().waitFor()
      await expectAccessible(page, javaScriptEnabled)
      // Cancelling asks once more, then is done; from the keyboard only.
      await page.getByLabel('Annulé', { exact: true }).check()
      await page.getByLabel('Motif de l’annulation').fill('Usager hospitalisé')
      await page.getByLabel('Motif de l’annulation').press('Enter')
      await page.getByRole('heading', { name: 'Confirmer l’annulation' }).waitFor()
      await expectAccessible(page, javaScriptEnabled)
      await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).focus()
      await page.keyboard.press('Enter')
      await page.getByText('Modification enregistrée.').waitFor()
      await page.getByText('Annulé par le service').first().waitFor()
    })
  }
})
