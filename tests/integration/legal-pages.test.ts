import { describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { firstSlotPath, hiddenFields } from '../support/journey'
import { demoWorkspace } from '../support/workspace'

// The legal pages of an organisation (privacy notice, legal notice, accessibility
// statement), the admin's form that completes them, the footer that links them on every
// page, and the hints that keep health details out of notes (decision 092).

const CAMILLE = 'camille.martin@val-de-sorne.example'
const workspace = demoWorkspace(CAMILLE)
const ORG = `/${DEMO_ORGANISATION_SLUG}`

const publicPage = async (path: string) => {
  const response = await fetch(`${workspace.app.url}${path}`)
  return { status: response.status, html: await response.text() }
}
/** The page's visible words, tags and the texts data block left out. */
const wordsOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/gu, '')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&#x27;/gu, "'")
    .replace(/\s+/gu, ' ')
const organisation = () =>
  workspace.database.organisation.findUniqueOrThrow({ where: { slug: DEMO_ORGANISATION_SLUG } })
const footerLinks = [`${ORG}/vie-privee`, `${ORG}/mentions-legales`, `${ORG}/accessibilite`]

describe(`legal pages (${testProvider})`, () => {
  test('the defaults: the organisation’s name, the retention periods, not audited', async () => {
    const privacy = await publicPage(`${ORG}/vie-privee`)
    expect(privacy.status).toBe(200)
    const words = wordsOf(privacy.html)
    expect(words).toContain('Responsable du traitement : France Services du Val de Sorne.')
    expect(words).toContain('mission d’intérêt public')
    expect(words).toContain('Rendez-vous : 24 mois après la date du rendez-vous.')
    expect(words).toContain('Contenu des messages envoyés : 6 mois')
    expect(words).toContain('Historique des actions (données personnelles) : 12 mois.')
    expect(words).toContain('anonymisés après 24 mois')
    expect(words).toContain('non renseigné par la structure')
    expect(privacy.html).toContain('https://www.cnil.fr/fr/plaintes')
    expect(privacy.html).toContain(`href="${ORG}/lien-perdu"`)
    // The periods in force: the organisation's own settings, once an admin changes them.
    const { id } = await organisation()
    await workspace.database.organisation.update({
      where: { id },
      data: { retentionAppointmentMonths: 36, retentionMessageMonths: 3 },
    })
    const changed = wordsOf((await publicPage(`${ORG}/vie-privee`)).html)
    expect(changed).toContain('Rendez-vous : 36 mois après la date du rendez-vous.')
    expect(changed).toContain('Contenu des messages envoyés : 3 mois')
    await workspace.database.organisation.update({
      where: { id },
      data: { retentionAppointmentMonths: 24, retentionMessageMonths: 6 },
    })

    const notice = wordsOf((await publicPage(`${ORG}/mentions-legales`)).html)
    expect(notice).toContain('édité par France Services du Val de Sorne')
    expect(notice).toContain('Hébergeur : non renseigné par la structure')

    const accessibility = wordsOf((await publicPage(`${ORG}/accessibilite`)).html)
    expect(accessibility).toContain('Ce service est non conforme')
    expect(accessibility).toContain('axe-core')
    expect(accessibility).toContain('Défenseur des droits')
    expect(accessibility).toContain('Libre réponse 71120')

    for (const path of ['vie-privee', 'mentions-legales', 'accessibilite'])
      expect((await publicPage(`/inconnue/${path}`)).status).toBe(404)
  })

  test('the admin completes them; bad input changes nothing and keeps what was typed', async () => {
    const page = await workspace.get('/espace/admin/mentions')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Mentions légales et accessibilité')
    const { updatedAt } = hiddenFields(html)
    const before = await organisation()

    const bad = await workspace.post('/espace/admin/mentions', {
      updatedAt: updatedAt!,
      legalName: 'Commune de Val-de-Sorne',
      accessibilityStatus: 'PARFAIT',
      accessibilityCheckedOn: '2026-13-45',
    })
    expect(bad.status).toBe(400)
    const refused = await bad.text()
    expect(refused).toContain('Indiquez une date valide.')
    expect(refused).toContain('Choisissez une des propositions.')
    expect(refused).toContain('value="Commune de Val-de-Sorne"')
    expect(await organisation()).toEqual(before)

    const saved = await workspace.post('/espace/admin/mentions', {
      updatedAt: updatedAt!,
      legalName: 'Commune de Val-de-Sorne',
      legalAddress: '1 place de la Mairie, 41000 Saint-Julien-sur-Sorne',
      dpoContact: 'dpo@val-de-sorne.example',
      publicationDirector: 'Marie Dupont, maire',
      hostName: 'Hébergeur Exemple SAS',
      hostAddress: '2 rue des Serveurs, 59000 Lille',
      accessibilityStatus: 'PARTIELLEMENT_CONFORME',
      accessibilityCheckedOn: '2026-11-30',
      accessibilityContact: 'accessibilite@val-de-sorne.example',
      accessibilityKnownIssues: 'Les fiches imprimables ne sont pas balisées.',
    })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('location')).toBe('/espace/admin/mentions?enregistre=1')
    const audit = await workspace.database.auditEvent.findFirst({
      where: { action: 'ORGANISATION_SETTINGS_UPDATED', summary: { contains: 'hostName' } },
    })
    expect(audit).not.toBeNull()

    // A second form still holding the first one's time is refused as stale.
    const stale = await workspace.post('/espace/admin/mentions', {
      updatedAt: updatedAt!,
      legalName: 'Autre nom',
      accessibilityStatus: 'NON_CONFORME',
    })
    expect(stale.status).toBe(409)
    expect((await organisation()).legalName).toBe('Commune de Val-de-Sorne')

    const privacy = wordsOf((await publicPage(`${ORG}/vie-privee`)).html)
    expect(privacy).toContain('Responsable du traitement : Commune de Val-de-Sorne.')
    expect(privacy).toContain('Délégué à la protection des données : dpo@val-de-sorne.example')
    expect(privacy).toContain('Hébergeur Exemple SAS')
    const notice = wordsOf((await publicPage(`${ORG}/mentions-legales`)).html)
    expect(notice).toContain('Marie Dupont, maire')
    expect(notice).toContain('2 rue des Serveurs, 59000 Lille')
    const accessibility = wordsOf((await publicPage(`${ORG}/accessibilite`)).html)
    expect(accessibility).toContain('Ce service est partiellement conforme')
    expect(accessibility).toContain('Dernières vérifications : lundi 30 novembre 2026.')
    expect(accessibility).toContain('Les fiches imprimables ne sont pas balisées.')
    expect(accessibility).toContain('accessibilite@val-de-sorne.example')
  })

  test('the footer links the organisation’s pages on public and workspace pages', async () => {
    for (const path of [ORG, `${ORG}/rendez-vous`, `${ORG}/lien-perdu`, `${ORG}/accessibilite`]) {
      const { html } = await publicPage(path)
      for (const link of footerLinks) expect(html, path).toContain(`href="${link}"`)
    }
    for (const path of ['/espace/aujourdhui', '/espace/admin', '/espace/usagers']) {
      const html = await (await workspace.get(path)).text()
      for (const link of footerLinks) expect(html, path).toContain(`href="${link}"`)
    }
    // The instance's own pages have no organisation: they say where to find them.
    const home = wordsOf((await publicPage('/')).html)
    expect(home).toContain('Chaque structure publie ses mentions légales')
    const signIn = wordsOf((await publicPage('/espace/connexion')).html)
    expect(signIn).toContain('Chaque structure publie ses mentions légales')
  })

  test('the contact step links the privacy page; note fields warn against health details', async () => {
    const { contactPath } = await firstSlotPath(
      workspace.app,
      workspace.database,
      'Déclarer mes impôts en ligne',
    )
    const contact = await publicPage(contactPath)
    expect(contact.html).toContain(`href="${ORG}/vie-privee"`)
    expect(wordsOf(contact.html)).toContain('N’écrivez rien sur votre santé')
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { status: 'BOOKED' },
    })
    const page = await (await workspace.get(`/espace/rendez-vous/${appointment.id}`)).text()
    expect(wordsOf(page)).toContain('N’écrivez aucune information de santé')
  })
})
