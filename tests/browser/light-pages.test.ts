import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { browserSession, expectAccessible, waitForScripts } from '../support/browser'
import { chooseFirstSlot, fillContact, focused, tabTo } from '../support/journey-steps'

// The residents' pages come without React (decision 096): no script file at all, one inline
// script of a few lines, and what it does (focus after a step, one press per form, the
// print button) works. The workspace keeps its React pages.

const session = browserSession({ viewport: { width: 375, height: 800 } })
const { newPage } = session
const ORGANISATION = 'france-services-val-de-sorne'
const ENHANCEMENT_MAX_BYTES = 4_000

/** Every script file the page asks for from now on. */
function scriptRequests(page: Page) {
  const urls: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(request.url())
  })
  return urls
}

/** The page's script elements and module preloads, as the document has them. */
const scriptsOf = (page: Page) =>
  page.evaluate(() => ({
    inline: [...document.querySelectorAll('script:not([src])')]
      .filter((script) => !script.getAttribute('type')?.includes('json'))
      .map((script) => script.textContent?.length ?? 0),
    external: document.querySelectorAll('script[src], link[rel="modulepreload"]').length,
    texts: document.querySelectorAll('script[type="application/json"]').length,
  }))

async function expectNoBundle(page: Page, files: string[]) {
  const scripts = await scriptsOf(page)
  expect(files, page.url()).toEqual([])
  expect(scripts.external, page.url()).toBe(0)
  expect(scripts.texts, page.url()).toBe(0)
  expect(scripts.inline.length, page.url()).toBe(1)
  expect(scripts.inline[0], page.url()).toBeLessThan(ENHANCEMENT_MAX_BYTES)
}

describe('the residents’ pages without React', () => {
  test('no step of the journey loads a script file; focus still follows each step', async () => {
    const page = await newPage()
    const files = scriptRequests(page)
    await page.goto(`${session.app.url}/${ORGANISATION}`)
    await waitForScripts(page)
    await expectNoBundle(page, files)
    // A first visit starts at the top of the page, as any page load.
    expect((await focused(page)).tag).toBe('body')
    await expectAccessible(page)

    await tabTo(page, 'Prendre rendez-vous')
    await page.keyboard.press('Enter')
    await page
      .getByRole('heading', { level: 1, name: 'De quelle aide avez-vous besoin ?' })
      .waitFor()
    await waitForScripts(page)
    expect(await focused(page)).toEqual({ tag: 'h1', text: 'De quelle aide avez-vous besoin ?' })
    await expectNoBundle(page, files)

    await page.goto(`${session.app.url}/${ORGANISATION}/ateliers`)
    await waitForScripts(page)
    await expectNoBundle(page, files)
    await page.goto(`${session.app.url}/${ORGANISATION}/lien-perdu`)
    await waitForScripts(page)
    await expectNoBundle(page, files)
  })

  test('the confirm button takes one press: disabled while the answer comes, one appointment', async () => {
    const page = await newPage()
    const files = scriptRequests(page)
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    await fillContact(page, 'Patiente', '06 12 34 56 64')
    await waitForScripts(page)
    await expectNoBundle(page, files)
    // A slow connection: the answer to the confirmation waits until the test lets it go.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/confirmer', async (route) => {
      if (route.request().method() === 'POST') await held
      await route.continue()
    })
    const button = page.getByRole('button', { name: 'Confirmer le rendez-vous' })
    // Pressed twice while the answer has not come, as a person on a slow connection does;
    // Playwright is asked nothing else meanwhile (it would wait for the navigation).
    const disabledAfterFirst = await button.evaluate(async (element: HTMLButtonElement) => {
      element.click()
      await new Promise((resolve) => setTimeout(resolve, 100))
      const disabled = element.disabled
      element.click()
      return disabled
    })
    release()
    expect(disabledAfterFirst).toBe(true)
    await page.getByRole('heading', { level: 1, name: 'Votre rendez-vous' }).waitFor()
    await waitForScripts(page)
    expect(await focused(page)).toEqual({ tag: 'h1', text: 'Votre rendez-vous' })
    await expectNoBundle(page, files)
    await expectAccessible(page)
    const booked = await session.database.appointment.count({
      where: { resident: { firstName: 'Patiente' } },
    })
    expect(booked).toBe(1)

    // The slip's print button: shown by the script, it opens the browser's printing.
    await tabTo(page, 'Imprimer le rendez-vous')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: /^Rendez-vous/u }).waitFor()
    await waitForScripts(page)
    await page.evaluate(() => {
      window.print = () => void (document.documentElement.dataset.printed = 'true')
    })
    expect(await page.getByText('utilisez la commande « Imprimer »').count()).toBe(0)
    await page.getByRole('button', { name: 'Imprimer', exact: true }).click()
    expect(await page.getAttribute('html', 'data-printed')).toBe('true')
    await expectNoBundle(page, files)
    await expectAccessible(page)
  })

  test('the workspace keeps React', async () => {
    const page = await newPage()
    const files = scriptRequests(page)
    await page.goto(`${session.app.url}/espace/connexion`)
    await waitForScripts(page)
    expect(files.length).toBeGreaterThan(0)
    expect((await scriptsOf(page)).texts).toBe(1)
  })
})
