import type { Page } from 'playwright-core'
import { decodeSlotStart } from '~/domain/time/slot-start'
import { expectAccessible } from './browser'

// The public journey as a resident goes through it in a real Chromium, shared by the
// browser test files.

/** Steps 1 to 4, clicking as a resident would; returns the chosen time's label. */
export async function chooseFirstSlot(
  page: Page,
  appUrl: string,
  topic: string,
  mode: 'Sur place' | 'Par téléphone' | null,
  checkA11y = false,
) {
  await page.goto(`${appUrl}/france-services-val-de-sorne`)
  await page.getByRole('link', { name: 'Prendre rendez-vous' }).click()
  await page.getByRole('heading', { level: 1, name: 'De quelle aide avez-vous besoin ?' }).waitFor()
  if (checkA11y) await expectAccessible(page)
  await page.getByRole('link', { name: topic }).click()
  if (mode) {
    await page.getByRole('heading', { level: 1, name: 'Comment voulez-vous être aidé ?' }).waitFor()
    if (checkA11y) await expectAccessible(page)
    await page.getByRole('link', { name: mode }).click()
  }
  if (mode !== 'Par téléphone') {
    await page.getByRole('heading', { level: 1, name: 'Où voulez-vous venir ?' }).waitFor()
    if (checkA11y) await expectAccessible(page)
    await page.getByRole('link', { name: /Choisir ce lieu : Mairie/ }).click()
  }
  await page.locator('a.slot').first().waitFor()
  if (checkA11y) await expectAccessible(page)
  const slot = await slotClearOfNotice(page)
  const label = (await slot.getAttribute('aria-label'))!
  await slot.click()
  await page.getByRole('heading', { level: 1, name: 'Vos coordonnées' }).waitFor()
  return label
}

// The demo's topics can be booked until two hours before a time. A time offered just
// before that boundary and confirmed just after it is rightly refused, so the journey
// takes the first time that stays bookable for the rest of the test.
const NOTICE_WITH_MARGIN_MS = (120 + 30) * 60_000

async function slotClearOfNotice(page: Page) {
  const hrefs = await page
    .locator('a.slot')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
  const index = hrefs.findIndex((href) => {
    const start = /\/creneaux\/[^/]+\/([^/?]+)\/coordonnees/.exec(href)?.[1]
    if (!start) throw new Error(`A time's link without its start: ${href}`)
    const instant = decodeSlotStart(start)
    if (!instant) throw new Error(`A time's link with an unreadable start: ${href}`)
    return instant.getTime() > Date.now() + NOTICE_WITH_MARGIN_MS
  })
  if (index < 0) throw new Error('Every time offered this week is within the notice')
  return page.locator('a.slot').nth(index)
}

export async function fillContact(page: Page, firstName: string, phone: string) {
  await page.getByLabel('Prénom', { exact: true }).fill(firstName)
  await page.getByLabel('Nom', { exact: true }).fill('Lévêque')
  await page.getByLabel(/^Numéro de téléphone/).fill(phone)
  await page.getByLabel(/J’accepte de recevoir un rappel/).check()
  await page.getByRole('button', { name: 'Continuer' }).click()
  await page.getByRole('heading', { level: 1, name: 'Vérifiez et confirmez' }).waitFor()
}

export async function confirm(page: Page) {
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
  await page.getByText(/rendez-vous(?: de .+)? est confirmé\./u).waitFor()
  return page.url()
}

/**
 * Tabs from where focus is to the element with this text or accessible label (at most
 * 80 presses), as a keyboard user looks for it.
 */
export async function tabTo(page: Page, name: string | RegExp) {
  for (let index = 0; index < 80; index += 1) {
    await page.keyboard.press('Tab')
    const { text, label } = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim() ?? '',
      label: document.activeElement?.getAttribute('aria-label') ?? '',
    }))
    if (
      typeof name === 'string'
        ? text === name || label === name
        : name.test(text) || name.test(label)
    )
      return
  }
  throw new Error(`No focusable element named ${name}`)
}

/** What has focus: its tag, its text and whether it is the page's one h1. */
export function focused(page: Page) {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName.toLowerCase() ?? '',
    text: document.activeElement?.textContent?.trim() ?? '',
  }))
}
