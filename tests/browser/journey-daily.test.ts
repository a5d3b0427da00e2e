import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import {
  browserSession,
  expectAccessible,
  expectAccessibleWithoutScripts,
  waitForScripts,
} from '../support/browser'
import { chooseFirstSlot, confirm, fillContact, focused, tabTo } from '../support/journey-steps'

// The public journey and the manage link as a new user meets them every day, with axe and
// the keyboard: cancelling asks first and offers to book again, a helper books without
// JavaScript, focus follows each step, long details stay inside their card.

const session = browserSession({ viewport: { width: 375, height: 800 } })
const { newPage } = session
const ORGANISATION = 'france-services-val-de-sorne'

/** The main content as it reads (one space for any line break or spacing). */
const words = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/gu, ' ')

/** Nothing wider than the window: no sideways scrolling on a phone. */
async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, page.url()).toBeLessThanOrEqual(0)
}

describe('cancelling from the manage link', () => {
  test('asks first, says it once, then books again: by keyboard, with axe', async () => {
    const page = await newPage()
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    await fillContact(page, 'Reprise', '06 12 34 56 61')
    const manage = (await confirm(page)).split('?')[0]!
    const row = () =>
      session.database.appointment.findFirstOrThrow({
        where: { resident: { firstName: 'Reprise' } },
        orderBy: { createdAt: 'asc' },
      })

    await tabTo(page, 'Annuler le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Annuler ce rendez-vous ?' }).waitFor()
    expect(await focused(page)).toEqual({ tag: 'h1', text: 'Annuler ce rendez-vous ?' })
    await expectAccessible(page)
    expect((await row()).status).toBe('BOOKED')

    // "No" keeps it.
    await tabTo(page, 'Non, garder le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Votre rendez-vous' }).waitFor()
    expect((await row()).status).toBe('BOOKED')

    await tabTo(page, 'Annuler le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Annuler ce rendez-vous ?' }).waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-reason')
    await page.keyboard.type('Un empêchement')
    await tabTo(page, 'Oui, annuler le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByText('Votre rendez-vous est annulé.').waitFor()
    expect(page.url()).toBe(`${manage}?annule=1`)
    await expectAccessible(page)
    expect(await row()).toMatchObject({ status: 'EXCUSED', cancellationReason: 'Un empêchement' })
    const cancelled = await words(page)
    expect(cancelled.match(/annulé/gu)).toHaveLength(1)
    expect(await page.locator('.notice').count()).toBe(1)
    expect(cancelled).not.toContain('appellera')
    expect(cancelled).not.toContain('À prévoir')
    expect(cancelled).not.toContain('Accès')

    await tabTo(page, 'Reprendre rendez-vous')
    await page.keyboard.press('Enter')
    // The same topic: its first step, where it offers a choice of mode.
    await page.getByRole('heading', { level: 1, name: 'Comment voulez-vous être aidé ?' }).waitFor()
    expect(await page.locator('main .meta').textContent()).toBe('Déclarer mes impôts en ligne')
    await page.getByRole('link', { name: 'Sur place' }).click()
    await page.getByRole('link', { name: /Choisir ce lieu : Mairie/ }).click()
    await page.locator('a.slot').first().click()
    await fillContact(page, 'Reprise', '06 12 34 56 61')
    await confirm(page)
    const statuses = await session.database.appointment.findMany({
      where: { resident: { firstName: 'Reprise' } },
      select: { status: true },
      orderBy: { createdAt: 'asc' },
    })
    expect(statuses.map((appointment) => appointment.status)).toEqual(['EXCUSED', 'BOOKED'])
  })
})

describe('the contact form as a helper, without JavaScript', () => {
  test('the block opens by keyboard, a forgotten name is asked for, the helped person is named', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    const helperName = page.getByLabel('Votre prénom et votre nom')
    expect(await helperName.isVisible()).toBe(false)
    await expectAccessibleWithoutScripts(page)

    // Radio buttons sit beside their labels, on one line each.
    await page.locator('details.helper summary').focus()
    await page.keyboard.press('Enter')
    expect(await helperName.isVisible()).toBe(true)
    for (const value of ['resident', 'helper']) {
      const radio = await page.locator(`#contact-messagesTo-${value}`).boundingBox()
      const label = await page.locator(`label[for="contact-messagesTo-${value}"]`).boundingBox()
      expect(radio!.x + radio!.width).toBeLessThanOrEqual(label!.x)
      expect(radio!.y).toBeLessThan(label!.y + label!.height)
      expect(label!.y).toBeLessThan(radio!.y + radio!.height)
    }
    await expectAccessibleWithoutScripts(page)

    await page.getByLabel('Prénom', { exact: true }).focus()
    await page.keyboard.type('Odette')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Aidée')
    await page.keyboard.press('Tab')
    await page.keyboard.type('03 65 71 00 62')
    // The helper's phone, but not their name: asked for, nothing lost.
    await page.getByLabel(/^Votre numéro de téléphone/u).focus()
    await page.keyboard.type('06 12 34 56 62')
    // Into the radio group, then the arrow chooses, as with any radio buttons.
    await page.getByLabel('La personne qui a rendez-vous').focus()
    await page.keyboard.press('ArrowDown')
    await tabTo(page, 'Continuer')
    await page.keyboard.press('Enter')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toContain(
      'Indiquez votre nom, à vous qui prenez le rendez-vous.',
    )
    expect(await helperName.isVisible()).toBe(true)
    expect(await page.getByLabel(/^Votre numéro de téléphone/u).inputValue()).toBe('06 12 34 56 62')
    expect(await page.locator('#contact-messagesTo-helper').isChecked()).toBe(true)
    await expectAccessibleWithoutScripts(page)

    await page.getByRole('alert').getByRole('link').first().focus()
    await page.keyboard.press('Enter')
    await page.keyboard.type('Paul Aidant')
    await tabTo(page, 'Continuer')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Vérifiez et confirmez' }).waitFor()
    const review = await words(page)
    expect(review).toContain('Pris par Paul Aidant')
    expect(review).toContain('Messages envoyés à Paul Aidant')
    await expectAccessibleWithoutScripts(page)
    await tabTo(page, 'Confirmer le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByText('Le rendez-vous de Odette Aidée est confirmé.').waitFor()
    expect(await words(page)).toContain('Pour Odette Aidée')
    await expectAccessibleWithoutScripts(page)
    expect(
      await session.database.appointment.findFirstOrThrow({
        where: { resident: { firstName: 'Odette' } },
      }),
    ).toMatchObject({ helperName: 'Paul Aidant', messagesTo: 'HELPER', createdVia: 'HELPER' })
  })
})

describe('focus after a client-side step', () => {
  test('goes to the new page’s heading at every step, by keyboard, and to nothing else', async () => {
    const page = await newPage()
    await page.goto(`${session.app.url}/${ORGANISATION}`)
    await waitForScripts(page)
    const step = async (link: string | RegExp, heading: string) => {
      await tabTo(page, link)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      expect(await focused(page), heading).toEqual({ tag: 'h1', text: heading })
      await expectAccessible(page)
    }
    await step('Prendre rendez-vous', 'De quelle aide avez-vous besoin ?')
    await step('Déclarer mes impôts en ligne', 'Comment voulez-vous être aidé ?')
    await step('Par téléphone', 'Choisissez quand le conseiller vous appelle')
    // Another week is the same page: focus stays on the link, to press it again.
    await tabTo(page, 'Semaine suivante →')
    // The first week's address already says which week: wait for the next one's.
    const firstWeek = page.url()
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.href !== firstWeek && /semaine=/u.test(url.search))
    expect((await focused(page)).text).toBe('Semaine suivante →')
    await step(/^Choisir le /u, 'Vos coordonnées')
    // A refused form comes back as a new load of its page, which announces no alert by
    // itself: focus goes to the error summary, read once (decision 096).
    await tabTo(page, 'Continuer')
    await page.keyboard.press('Enter')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').count()).toBe(1)
    expect(await page.locator('[aria-live], [role="status"]').count()).toBe(0)
    expect((await focused(page)).text).toMatch(/^Le formulaire contient/u)
    await page.getByLabel('Prénom', { exact: true }).fill('Focus')
    await page.getByLabel('Nom', { exact: true }).fill('Suivi')
    await page.getByLabel(/^Numéro de téléphone/u).fill('06 12 34 56 63')
    await tabTo(page, 'Continuer')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Vérifiez et confirmez' }).waitFor()
    expect(await focused(page)).toEqual({ tag: 'h1', text: 'Vérifiez et confirmez' })
    // By phone: the number called, and nothing to "bring".
    const review = await words(page)
    expect(review).toContain('Le conseiller appellera au 06 12 34 56 63')
    expect(review).not.toMatch(/apportez/iu)
    await tabTo(page, 'Confirmer le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Votre rendez-vous' }).waitFor()
    expect(await focused(page)).toEqual({ tag: 'h1', text: 'Votre rendez-vous' })
    expect(await words(page)).toContain('L’appel viendra de ce numéro : 01 99 00 12 34')
    await expectAccessible(page)
  })
})

describe('long details on a phone', () => {
  test('long names, email and note stay inside the review card and the slip, which prints', async () => {
    const page = await newPage()
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    const longName = 'Marie-Christine-Alexandrine-Bérengère-Philomène-Augustine'
    await page.getByLabel('Prénom', { exact: true }).fill(longName)
    await page.getByLabel('Nom', { exact: true }).fill('De La Rochefoucauld-Montmorency-Laval')
    await page.getByLabel(/^Adresse e-mail/u).fill(`jeanne@${'tres-long-domaine'.repeat(3)}.fr`)
    await page.getByLabel(/^En quelques mots/u).fill('Aide'.repeat(120))
    await page.getByRole('button', { name: 'Continuer' }).click()
    await page.getByRole('heading', { level: 1, name: 'Vérifiez et confirmez' }).waitFor()
    await expectNoSideways(page)
    const card = await page.locator('.summary').last().boundingBox()
    expect(card!.x + card!.width).toBeLessThanOrEqual(375)
    await expectAccessible(page)
    const manage = (await confirm(page)).split('?')[0]!
    await expectNoSideways(page)

    await page.goto(`${manage}/imprimer`)
    await page.getByRole('button', { name: 'Imprimer' }).waitFor()
    await expectNoSideways(page)
    await expectAccessible(page)
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false)
    expect(await page.locator('.site-header').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })
  })
})

describe('a manage link that does not work', () => {
  test('has the site header, a title and help, and axe finds nothing', async () => {
    const page = await newPage()
    const response = await page.goto(`${session.app.url}/r/AAAAAAAAAAAAAAAAAAAAAAAA`)
    expect(response?.status()).toBe(404)
    expect(await page.title()).toBe('Ce lien ne fonctionne pas · Permanence')
    expect(await page.locator('header.site-header').isVisible()).toBe(true)
    await expectAccessible(page)
    await tabTo(page, 'Prendre un rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: /conseiller numérique/u }).waitFor()
  })
})
