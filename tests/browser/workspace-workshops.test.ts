import type { Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'
import { tabTo } from '../support/journey-steps'

// Reception's work on a workshop in a browser (decision 082): register someone at the desk
// by keyboard, mark who came once the session has started, print the sign-in sheet.

const session = browserSession({ viewport: { width: 1280, height: 900 } })
const ZONE = 'Europe/Paris'

/** Signs in and waits for the page one lands on (its h1), as a person would. */
async function signIn(page: Page, email: string, landing: RegExp) {
  await page.goto(`${session.app.url}/espace`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByLabel('Mot de passe').press('Enter')
  await page.getByRole('heading', { level: 1, name: landing }).waitFor()
}

const TOPIC = 'Apprendre à se servir de son smartphone'

/** The demo organisation's collective topic, created by the first test that needs it. */
async function collectiveTopic(organisationId: string) {
  const known = await session.database.topic.findFirst({ where: { name: TOPIC } })
  return (
    known ??
    session.database.topic.create({
      data: {
        organisationId,
        name: TOPIC,
        format: 'COLLECTIVE',
        theme: 'DIGITAL_EQUIPMENT',
        durationMinutes: 120,
      },
    })
  )
}

/** A smartphone workshop with Karim at the town hall in three weeks, and Jeanne registered. */
async function workshop() {
  const db = session.database
  const karim = await db.advisor.findUniqueOrThrow({
    where: { email: 'karim.benali@val-de-sorne.example' },
  })
  const townHall = await db.site.findFirstOrThrow({
    where: { name: { contains: 'Mairie de Saint' } },
  })
  const topic = await collectiveTopic(karim.organisationId)
  const start = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 3, days: 1 })
  const startsAt = start.set({ hour: 14 }).toJSDate()
  const endsAt = start.set({ hour: 16 }).toJSDate()
  const created = await db.workshopSession.create({
    data: {
      organisationId: karim.organisationId,
      topicId: topic.id,
      siteId: townHall.id,
      startsAt,
      endsAt,
      seatCount: 6,
      whatToBring: 'Votre téléphone chargé',
      seats: { create: [1, 2, 3, 4, 5, 6].map((number) => ({ number })) },
      advisors: { create: [{ advisorId: karim.id, startsAt, endsAt }] },
    },
    include: { seats: { orderBy: { number: 'asc' } } },
  })
  const jeanne = await db.resident.findFirstOrThrow({ where: { lastName: 'Moreau' } })
  await db.workshopRegistration.create({
    data: {
      organisationId: karim.organisationId,
      sessionId: created.id,
      residentId: jeanne.id,
      seatId: created.seats[0]!.id,
      createdVia: 'ONLINE',
    },
  })
  return created
}

describe('a workshop at the desk, in a browser', () => {
  test('reception registers someone, marks attendance once started and prints the sheet', async () => {
    const created = await workshop()
    const page = await session.newPage()
    await signIn(page, 'sophie.leroy@val-de-sorne.example', /^Aujourd’hui · /u)

    // The list of workshops, from the workspace navigation.
    await page
      .getByRole('navigation', { name: 'Espace conseiller' })
      .getByRole('link', { name: 'Ateliers' })
      .click()
    await page.getByRole('heading', { level: 1, name: 'Ateliers collectifs à venir' }).waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: /^mardi .*14 h – 16 h$/u }).click()
    await page
      .getByRole('heading', { level: 1, name: 'Atelier : Apprendre à se servir de son smartphone' })
      .waitFor()
    await page.getByText('1 / 6', { exact: true }).waitFor()
    await expectAccessible(page)

    // At the desk, by keyboard: a new person, with a companion on a second seat.
    await tabTo(page, 'Inscrire quelqu’un')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: /^Inscrire quelqu’un à/u }).waitFor()
    await page.getByLabel('Nom ou téléphone de l’usager').fill('Lambert')
    await page.getByLabel('Nom ou téléphone de l’usager').press('Enter')
    await page.getByText('Aucun usager trouvé', { exact: false }).waitFor()
    await tabTo(page, 'Nouvel usager')
    await page.keyboard.press('Enter')
    await page.getByLabel('Prénom').waitFor()
    await page.getByLabel('Prénom').fill('Odette')
    await page.getByLabel('Nom', { exact: true }).fill('Lambert')
    await page.getByLabel('Téléphone', { exact: true }).fill('06 11 22 33 44')
    await page.getByLabel(/^Nom de la personne qui l’accompagne/u).fill('Marcel Lambert')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Inscrire' }).press('Enter')
    await page.getByText('Inscription enregistrée.').waitFor()
    await page.getByText('3 / 6', { exact: true }).waitFor()
    const table = page.getByRole('table')
    await table.getByRole('cell', { name: 'Odette Lambert', exact: true }).waitFor()
    await table.getByRole('cell', { name: 'accompagne Odette Lambert' }).waitFor()
    await page.getByText('La présence se note à partir du début de l’atelier.').waitFor()
    expect(await page.getByRole('button', { name: /^Présent/u }).count()).toBe(0)

    // The session began ten minutes ago: attendance is open.
    const startsAt = new Date(Date.now() - 10 * 60_000)
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000)
    await session.database.workshopSession.update({
      where: { id: created.id },
      data: { startsAt, endsAt },
    })
    await session.database.workshopSessionAdvisor.updateMany({
      where: { sessionId: created.id },
      data: { startsAt, endsAt },
    })
    await page.reload()
    const present = page.getByRole('button', { name: 'Présent (Odette Lambert)' })
    await present.waitFor()
    await expectAccessible(page)
    await tabTo(page, /^Présent\s*\(Odette Lambert\)$/u)
    await page.keyboard.press('Enter')
    await page.getByText('Présence enregistrée.').waitFor()
    const odette = table.getByRole('row', { name: /^Odette Lambert/u })
    await odette.getByRole('cell', { name: 'Présent', exact: true }).waitFor()
    await page.getByRole('button', { name: 'Excusé (Jeanne Moreau)' }).press('Enter')
    const jeanne = table.getByRole('row', { name: /^Jeanne Moreau/u })
    await jeanne.getByRole('cell', { name: 'Excusé', exact: true }).waitFor()
    const rows = await session.database.workshopRegistration.findMany({
      where: { sessionId: created.id },
      include: { resident: true },
    })
    const statusOf = (name: string) =>
      rows.find(
        (row) =>
          `${row.resident.firstName} ${row.resident.lastName}` === name && !row.companionOfId,
      )?.status
    expect(statusOf('Odette Lambert')).toBe('ATTENDED')
    expect(statusOf('Jeanne Moreau')).toBe('EXCUSED')

    // The sign-in sheet: who, when, where, a line to sign for everyone, printable.
    await tabTo(page, 'Feuille d’émargement')
    await page.keyboard.press('Enter')
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Feuille d’émargement · France Services du Val de Sorne',
      })
      .waitFor()
    const sheet = page.getByRole('table')
    expect(await sheet.getByRole('columnheader').allTextContents()).toEqual([
      'N°',
      'Nom et prénom',
      'Signature',
    ])
    const names = await sheet.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(names.slice(0, 3)).toEqual([
      'Jeanne Moreau',
      'Marcel Lambert (accompagne Odette Lambert)',
      'Odette Lambert',
    ])
    // Six seats: three lines left free for whoever comes without registering.
    expect(names).toHaveLength(6)
    await page.getByText('Apprendre à se servir de son smartphone').first().waitFor()
    await page.getByText('Mairie de Saint-Julien-sur-Sorne').waitFor()
    await page.getByText('Karim Benali').waitFor()
    await page.getByRole('button', { name: 'Imprimer' }).waitFor()
    await expectAccessible(page)
    await page.emulateMedia({ media: 'print' })
    expect(await sheet.isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false)
    expect(await page.getByRole('navigation', { name: 'Espace conseiller' }).isVisible()).toBe(
      false,
    )
    await page.emulateMedia({ media: 'screen' })
  })

  test('an advisor creates a weekly series and finds it in their week', async () => {
    const karim = await session.database.advisor.findUniqueOrThrow({
      where: { email: 'karim.benali@val-de-sorne.example' },
    })
    await collectiveTopic(karim.organisationId)
    // A browser of its own: the npm Chromium's contexts share one cookie jar (support/browser).
    const page = await session.personPage()
    await signIn(page, 'karim.benali@val-de-sorne.example', /^Agenda de Karim Benali$/u)
    await page.goto(`${session.app.url}/espace/ateliers/nouveau`)
    await page.getByRole('heading', { level: 1, name: 'Nouvel atelier' }).waitFor()
    // Sent empty of advisors and times: every problem is said next to its field.
    await page.getByRole('button', { name: 'Créer l’atelier' }).press('Enter')
    await page.getByText('Cochez au moins un conseiller.').first().waitFor()
    await expectAccessible(page)
    const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 5 })
    await page.getByRole('checkbox', { name: 'Karim Benali' }).check()
    await page.getByLabel('Date (de la première séance)').fill(monday.toISODate()!)
    await page.getByLabel('Heure de début').fill('14 h')
    await page.getByLabel('Heure de fin').fill('16 h')
    await page.getByRole('radio', { name: 'Chaque semaine, le même jour' }).check()
    await page.getByLabel('Nombre de semaines').fill('3')
    await page.getByLabel('Nombre de places').fill('8')
    await page.getByRole('button', { name: 'Créer l’atelier' }).press('Enter')
    await page.getByText('3 séances créées.').waitFor()
    await page.getByText('Série de 3 séances (inscription séance par séance)').waitFor()
    await expectAccessible(page)

    await page.goto(`${session.app.url}/espace?vue=semaine&date=${monday.toISODate()}`)
    const grid = page.getByRole('table')
    const block = grid.getByRole('link', {
      name: 'Atelier : Apprendre à se servir de son smartphone',
    })
    await block.waitFor()
    await grid.getByText('0 / 8 places prises').waitFor()
    await expectAccessible(page)
    await block.click()
    await page
      .getByRole('heading', { level: 1, name: 'Atelier : Apprendre à se servir de son smartphone' })
      .waitFor()
    await page.getByRole('link', { name: 'Modifier l’atelier' }).waitFor()
  })
})
