// Workshops in a real Chromium, with axe on every page and the keyboard: registering with
// JavaScript off, joining a waiting list and taking the seat freed for you from its link,
// giving a seat back.
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { giveBackSeat, registerForSession } from '~/features/workshops/index.server'
import {
  browserSession,
  expectAccessible,
  expectAccessibleWithoutScripts,
} from '../support/browser'
import { tabTo } from '../support/journey-steps'
import { TEST_SESSION_SECRET } from '../support/server'
import { createWorkshopSession, daysAhead, registrationRequest } from '../support/workshops'

const session = browserSession({ viewport: { width: 390, height: 844 } })
const { newPage } = session
const db = () => session.database

let place: { organisation: { id: string }; topic: { id: string }; site: { id: string } }
beforeAll(async () => {
  place = {
    organisation: await db().organisation.findUniqueOrThrow({
      where: { slug: DEMO_ORGANISATION_SLUG },
    }),
    topic: await db().topic.findFirstOrThrow({ where: { name: 'Reconnaître les arnaques' } }),
    site: await db().site.findFirstOrThrow({ where: { name: 'Mairie de Saint-Julien-sur-Sorne' } }),
  }
})

let days = 30
const newSession = (seats: number) =>
  createWorkshopSession(db(), place, { seats, startsAt: daysAhead((days += 1)) })

/** A seat taken by someone else, as another registration would. */
async function someoneRegistered(sessionId: string) {
  const outcome = await registerForSession(
    db(),
    registrationRequest(place.organisation.id, sessionId),
    new Date(),
    TEST_SESSION_SECRET,
  )
  if (!outcome.ok) throw new Error(`registration refused: ${outcome.reason}`)
  return outcome.registrationId
}

/** Types into a field reached by its label, as a keyboard user fills it. */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label, { exact: typeof label === 'string' }).focus()
  await page.keyboard.type(text)
}

async function fillPerson(page: Page, firstName: string, phone: string) {
  await typeInto(page, 'Prénom', firstName)
  await page.keyboard.press('Tab')
  await page.keyboard.type('Atelier')
  await typeInto(page, /^Numéro de téléphone/, phone)
}

const workshopsUrl = () => `${session.app.url}/${DEMO_ORGANISATION_SLUG}/ateliers`

describe('public workshops in a real Chromium', () => {
  test('register for a workshop with JavaScript off, with the keyboard', async () => {
    const workshop = await newSession(3)
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(`${session.app.url}/${DEMO_ORGANISATION_SLUG}`)
    await page.getByRole('heading', { level: 2, name: 'Ateliers collectifs' }).waitFor()
    await expectAccessibleWithoutScripts(page)
    await page.getByRole('link', { name: 'Voir tous les ateliers' }).click()
    await page.getByRole('heading', { level: 1, name: 'Ateliers collectifs' }).waitFor()
    expect(await page.getByText('Complet — liste d’attente').count()).toBeGreaterThan(0)
    expect(await page.getByText('1 place restante').count()).toBeGreaterThan(0)
    await expectAccessibleWithoutScripts(page)

    // The filters are a plain form: no script needed.
    await page
      .getByLabel('Lieu', { exact: true })
      .selectOption({ label: 'Mairie de Saint-Julien-sur-Sorne' })
    await page.getByRole('button', { name: 'Afficher les ateliers' }).click()
    await page.waitForURL(/\?lieu=/u)
    expect(
      await page.locator('.workshop-card', { hasText: 'Médiathèque de Montval' }).count(),
    ).toBe(0)
    expect(await page.locator('.workshop-card').count()).toBeGreaterThan(0)

    await page.locator(`a[href$="/ateliers/${workshop.id}"]`).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Reconnaître les arnaques' }).waitFor()
    expect(await page.getByText('3 places restantes').isVisible()).toBe(true)
    await expectAccessibleWithoutScripts(page)

    // Sent empty: the messages next to the fields, nothing written.
    await page.getByRole('button', { name: 'M’inscrire à l’atelier' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('alert').first().waitFor()
    expect(await page.getByRole('alert').first().textContent()).toContain('Le formulaire contient')
    expect(await page.getByText('Indiquez le prénom.').count()).toBeGreaterThan(0)
    await expectAccessibleWithoutScripts(page)

    await fillPerson(page, 'Sansscript', '06 98 10 00 01')
    await page.locator('details.helper summary', { hasText: 'Je viens avec une personne' }).focus()
    await page.keyboard.press('Enter')
    await typeInto(page, 'Son prénom et son nom', 'Compagne Atelier')
    await page.getByLabel(/J’accepte de recevoir un rappel/u).check()
    await page.getByRole('button', { name: 'M’inscrire à l’atelier' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Votre inscription est confirmée.').waitFor()
    expect(page.url()).toMatch(/\/atelier\/[\w-]{24}\?nouveau=1$/u)
    expect(await page.locator('.summary').textContent()).toContain('Compagne Atelier')
    expect(await page.getByText('Adresse de cette page').isVisible()).toBe(true)
    await expectAccessibleWithoutScripts(page)
    const rows = await db().workshopRegistration.findMany({ where: { sessionId: workshop.id } })
    expect(rows).toHaveLength(2)
  })

  test('join the waiting list of a full workshop, then take the freed seat from the link', async () => {
    const workshop = await newSession(1)
    const other = await someoneRegistered(workshop.id)
    const page = await newPage()
    await page.goto(`${workshopsUrl()}/${workshop.id}`)
    await page.getByRole('heading', { level: 1, name: 'Reconnaître les arnaques' }).waitFor()
    expect(await page.getByText('Complet — liste d’attente').isVisible()).toBe(true)
    await page.getByRole('heading', { level: 2, name: 'Rejoindre la liste d’attente' }).waitFor()
    await expectAccessible(page)

    await fillPerson(page, 'Patiente', '06 98 10 00 02')
    await tabTo(page, 'M’inscrire sur la liste d’attente')
    await page.keyboard.press('Enter')
    await page.getByText('Votre place sur la liste d’attente est enregistrée.').waitFor()
    expect(await page.getByText('Votre rang sur la liste : 1.').isVisible()).toBe(true)
    await expectAccessible(page)
    const link = page.url().split('?')[0]!

    // The other person gives their seat back: it is held for the first person waiting.
    await giveBackSeat(
      db(),
      {
        organisationId: place.organisation.id,
        registrationId: other,
        by: 'RESIDENT',
        actorAdvisorId: null,
        reason: null,
      },
      new Date(),
    )
    const entry = await db().waitlistEntry.findFirstOrThrow({ where: { sessionId: workshop.id } })
    expect(entry.status).toBe('OFFERED')
    // The offer went out: the hold runs for twelve hours.
    await db().waitlistEntry.update({
      where: { id: entry.id },
      data: { holdUntil: new Date(Date.now() + 12 * 3_600_000) },
    })

    await page.goto(link)
    await page.getByText('Une place s’est libérée pour vous.').waitFor()
    expect(await page.getByText(/Elle vous est réservée jusqu’au/u).isVisible()).toBe(true)
    await expectAccessible(page)
    await tabTo(page, 'Je prends la place')
    await page.keyboard.press('Enter')
    await page.getByText('Votre inscription est confirmée.').waitFor()
    expect(page.url()).toMatch(/\/atelier\/[\w-]{24}\?nouveau=1$/u)
    await expectAccessible(page)
    expect(await db().waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      status: 'REGISTERED',
    })
  })

  test('give a seat back from the link, after saying so on its own page', async () => {
    const workshop = await newSession(2)
    const page = await newPage()
    await page.goto(`${workshopsUrl()}/${workshop.id}`)
    await page.getByRole('heading', { level: 1, name: 'Reconnaître les arnaques' }).waitFor()
    await fillPerson(page, 'Empechee', '06 98 10 00 03')
    await page.getByRole('button', { name: 'M’inscrire à l’atelier' }).click()
    await page.getByText('Votre inscription est confirmée.').waitFor()

    await tabTo(page, 'Je libère ma place')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Libérer votre place ?' }).waitFor()
    await expectAccessible(page)
    await tabTo(page, 'Oui, je libère ma place')
    await page.keyboard.press('Enter')
    await page.getByText('Votre place est libérée.').waitFor()
    await expectAccessible(page)
    expect(
      await db().workshopRegistration.count({
        where: { sessionId: workshop.id, status: 'CANCELLED' },
      }),
    ).toBe(1)
  })

  test('at 200% zoom (320 CSS pixels wide) no workshop page scrolls sideways', async () => {
    const workshop = await newSession(2)
    const context = await session.newContext({ viewport: { width: 320, height: 640 } })
    const page = await context.newPage()
    const expectNoSideways = async () => {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, page.url()).toBeLessThanOrEqual(0)
    }
    await page.goto(`${session.app.url}/${DEMO_ORGANISATION_SLUG}`)
    await expectNoSideways()
    await page.goto(workshopsUrl())
    await expectNoSideways()
    const full = await db().workshopSession.findFirstOrThrow({
      where: { waitlist: { some: {} }, organisationId: place.organisation.id },
    })
    await page.goto(`${workshopsUrl()}/${full.id}`)
    await page.getByRole('heading', { level: 2, name: 'Rejoindre la liste d’attente' }).waitFor()
    await expectNoSideways()
    await page.goto(`${workshopsUrl()}/${workshop.id}`)
    await fillPerson(page, 'Etroite', '06 98 10 00 04')
    await page.getByRole('button', { name: 'M’inscrire à l’atelier' }).click()
    await page.getByText('Votre inscription est confirmée.').waitFor()
    await expectNoSideways()
  })
})
