import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'
import { startLoopbackSmtp } from '../support/smtp'

// Administration in a real Chromium: an admin invites an advisor, the invitee chooses a
// password through the emailed link and signs in; every new page passes axe.

let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>
beforeAll(async () => {
  smtp = await startLoopbackSmtp()
})
afterAll(() => smtp?.close())
const session = browserSession({
  viewport: { width: 1024, height: 768 },
  env: () => ({ SMTP_URL: smtp.url, WORKER: 'off' }),
})
const { newPage } = session

async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor()
  await expectAccessible(page)
}

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${session.app.url}/espace/connexion`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

describe('administration in a browser', () => {
  async function signedInAdmin() {
    const page = await newPage()
    await signIn(page, 'camille.martin@val-de-sorne.example')
    await page.getByRole('heading', { level: 1, name: 'Agenda de Camille Martin' }).waitFor()
    return page
  }

  // Seen here: after the first test of a file, the single-process Chromium sends no session
  // cookie on page.goto (clicks still do): the test that navigates by URL comes first.
  test('every administration page passes axe, with and without errors', async () => {
    const page = await signedInAdmin()
    await page.goto(`${session.app.url}/espace/admin/lieux`)
    await heading(page, 'Lieux')
    await page.getByRole('link', { name: 'Nouveau lieu' }).click()
    await heading(page, 'Nouveau lieu')
    await page.getByRole('button', { name: 'Créer' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)
    await page.goto(`${session.app.url}/espace/admin/lieux`)
    await page.getByRole('link', { name: 'Médiathèque de Montval' }).click()
    await heading(page, 'Lieu : Médiathèque de Montval')

    await page.goto(`${session.app.url}/espace/admin/motifs`)
    await heading(page, 'Motifs')
    await page.getByRole('link', { name: 'Nouveau motif' }).click()
    await heading(page, 'Nouveau motif')
    await page.getByLabel('Sur place').uncheck()
    await page.getByRole('button', { name: 'Créer' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)
    await page.goto(`${session.app.url}/espace/admin/motifs`)
    await page.getByRole('link', { name: 'Déclarer mes impôts en ligne' }).click()
    await heading(page, 'Motif : Déclarer mes impôts en ligne')

    await page.goto(`${session.app.url}/espace/admin/reglages`)
    await heading(page, 'Réglages de la structure')
    await page.getByLabel('Nom d’expéditeur des SMS').fill('Val-de-Sorne')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)
    await page.getByLabel('Nom d’expéditeur des SMS').fill('ValSorne')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.getByText('Modification enregistrée.').waitFor()
    await expectAccessible(page)

    const karim = await session.database.advisor.findUniqueOrThrow({
      where: { email: 'karim.benali@val-de-sorne.example' },
    })
    await page.goto(`${session.app.url}/espace/admin/conseillers/${karim.id}`)
    await heading(page, 'Karim Benali')
    await page.getByRole('button', { name: 'Désactiver' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)

    const townHall = await session.database.site.findFirstOrThrow({
      where: { name: 'Mairie de Saint-Julien-sur-Sorne' },
    })
    await page.goto(`${session.app.url}/espace/agenda?lieu=${townHall.id}`)
    await heading(page, /^Mairie de Saint-Julien-sur-Sorne · /)
    await page.goto(`${session.app.url}/espace/agenda/flux`)
    await heading(page, 'Mon agenda dans mon téléphone')
    await page.getByRole('button', { name: 'Créer une adresse d’abonnement' }).click()
    await page.getByLabel('Adresse d’abonnement').waitFor()
    await expectAccessible(page)
  }, 120_000)

  test('an admin invites an advisor, who sets a password through the link and signs in', async () => {
    const page = await newPage()
    await signIn(page, 'camille.martin@val-de-sorne.example')
    await page.getByRole('heading', { level: 1, name: 'Agenda de Camille Martin' }).waitFor()
    await page.getByRole('link', { name: 'Agenda à imprimer' }).click()
    await heading(page, /^Camille Martin · /)
    await page
      .getByRole('navigation', { name: 'Espace conseiller' })
      .getByRole('link', { name: 'Administration' })
      .click()
    await heading(page, 'Administration')
    await page.getByRole('link', { name: 'Équipe' }).click()
    await heading(page, 'Équipe')
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)
    await page.getByLabel('Prénom').fill('Noémie')
    await page.getByLabel('Nom', { exact: true }).fill('Lambert')
    await page.getByLabel('Adresse e-mail').fill('noemie.lambert@val-de-sorne.example')
    await page.getByLabel('Rôle').selectOption('ADVISOR')
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
    await page.getByText('Invitation envoyée à noemie.lambert@val-de-sorne.example.').waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Noémie Lambert' }).click()
    await heading(page, 'Noémie Lambert')

    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.getByText('Vous êtes déconnecté.').waitFor()

    // The invitee, on the same shared desk computer.
    const link = smtp.linkTo('noemie.lambert@val-de-sorne.example', '/espace/invitation/')
    const invitee = page
    await invitee.goto(`${session.app.url}${link}`)
    await heading(invitee, 'Choisir votre mot de passe')
    await invitee.getByLabel('Nouveau mot de passe').fill('court')
    await invitee.getByLabel('Le même mot de passe, encore une fois').fill('court')
    await invitee.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await invitee.getByRole('alert').first().waitFor()
    await expectAccessible(invitee)
    const password = 'les hérons de la Sorne'
    await invitee.getByLabel('Nouveau mot de passe').fill(password)
    await invitee.getByLabel('Le même mot de passe, encore une fois').fill(password)
    await invitee.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await heading(invitee, 'Mot de passe enregistré')
    await signIn(invitee, 'noemie.lambert@val-de-sorne.example', password)
    await invitee.getByRole('heading', { level: 1, name: 'Agenda de Noémie Lambert' }).waitFor()
    await invitee.getByRole('button', { name: 'Se déconnecter' }).click()
    await invitee.getByText('Vous êtes déconnecté.').waitFor()
    await invitee.goto(`${session.app.url}${link}`)
    await heading(invitee, 'Choisir votre mot de passe')
    await invitee.getByText('Ce lien a déjà servi').waitFor()
  }, 120_000)

  test('the forgotten password pages pass axe', async () => {
    const page = await newPage()
    await page.goto(`${session.app.url}/espace/connexion`)
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
    await heading(page, 'Mot de passe oublié')
    await page.getByRole('button', { name: 'Recevoir le lien' }).click()
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page)
    const lea = 'lea.fontaine@val-de-sorne.example'
    const before = smtp.countTo(lea)
    await page.getByLabel('Adresse e-mail').fill(lea)
    await page.getByRole('button', { name: 'Recevoir le lien' }).click()
    await page.getByText('Si un compte correspond à cette adresse').waitFor()
    await expectAccessible(page)
    const link = await smtp.nextLinkTo(lea, '/espace/mot-de-passe/', before)
    await page.goto(`${session.app.url}${link}`)
    await heading(page, 'Choisir un nouveau mot de passe')
  })
})
