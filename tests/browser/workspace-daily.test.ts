import type { Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'

const session = browserSession({ viewport: { width: 1280, height: 900 } })
const { newPage } = session
const ZONE = 'Europe/Paris'

async function signIn(page: Page, email: string) {
  await page.goto(`${session.app.url}/espace`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByLabel('Mot de passe').press('Enter')
}

/** Presses Tab until the element has the focus, as a keyboard user would reach it. */
async function tabTo(page: Page, locator: ReturnType<Page['locator']>, limit = 400) {
  for (let step = 0; step < limit; step++) {
    if (await locator.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('not reachable with Tab')
}

describe('reception’s daily work in a browser', () => {
  test('reception lands on everyone’s day and books from a free cell, by keyboard', async () => {
    const karim = await session.database.advisor.findUniqueOrThrow({
      where: { email: 'karim.benali@val-de-sorne.example' },
    })
    const jeannes = await session.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
    })
    const date = DateTime.fromJSDate(jeannes.startsAt, { zone: ZONE }).toISODate()!
    // René excused himself from Camille's appointment: shown apart, never as a live one.
    const renes = await session.database.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Girard' }, mode: 'IN_PERSON' },
    })
    await session.database.appointment.update({
      where: { id: renes.id },
      data: { status: 'EXCUSED', cancellationReason: 'Malade' },
    })

    const page = await newPage()
    await signIn(page, 'sophie.leroy@val-de-sorne.example')
    await page.getByRole('heading', { level: 1, name: /^Aujourd’hui · / }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/espace/aujourdhui')
    await expectAccessible(page)

    await page.goto(`${session.app.url}/espace/aujourdhui?date=${date}`)
    const grid = page.getByRole('table')
    await grid.getByRole('columnheader', { name: 'Karim Benali' }).waitFor()
    // Reception and an admin without hours are no column; Camille (admin with hours) is.
    const headers = await grid.getByRole('columnheader').allTextContents()
    expect(headers).not.toContain('Sophie Leroy')
    expect(headers).toContain('Camille Martin')
    await grid.getByRole('link', { name: 'Jeanne Moreau' }).waitFor()
    await expectAccessible(page)

    // The free half hour at 10 h in Karim's column, reached and followed from the keyboard.
    const free = grid.getByRole('link', { name: 'Réserver 10 h (Karim Benali)' })
    await tabTo(page, free)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: /Prendre un rendez-vous pour/ }).waitFor()
    await page.getByLabel('Nom ou téléphone de l’usager').fill('moreau')
    await page.getByLabel('Nom ou téléphone de l’usager').press('Enter')
    await page.getByRole('link', { name: 'Choisir Jeanne Moreau' }).click()
    await page.getByText('Avec Karim Benali').waitFor()
    expect(await page.getByLabel('Lieu', { exact: true }).inputValue()).toBe(jeannes.siteId)
    await page
      .getByLabel('Motif', { exact: true })
      .selectOption({ label: 'Créer et utiliser une adresse e-mail' })
    await page.getByRole('button', { name: 'Voir les créneaux' }).press('Enter')
    const chosen = page.locator('input[name="start"]:checked')
    await chosen.waitFor()
    const start = new Date(await chosen.inputValue())
    // The topic's first slot from the cell's time (9 h 45, 10 h 30 for 45 minutes).
    const wall = DateTime.fromJSDate(start, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')
    expect(wall >= `${date} 10:00` && wall < `${date} 11:00`).toBe(true)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Réserver ce rendez-vous' }).press('Enter')
    await page.getByRole('heading', { level: 1, name: /Votre rendez-vous/ }).waitFor()
    const booked = await session.database.appointment.findFirstOrThrow({
      where: { startsAt: start, status: 'BOOKED' },
    })
    expect(booked.advisorId).toBe(karim.id)

    // Back on the day: the new appointment is a block of its own.
    await page.goto(`${session.app.url}/espace/aujourdhui?date=${date}`)
    await grid.getByRole('columnheader', { name: 'Karim Benali' }).waitFor()
    expect(await grid.getByRole('link', { name: 'Jeanne Moreau' }).count()).toBe(2)
    // René's excused appointment is struck through with its status, its time free again.
    const renesDate = DateTime.fromJSDate(renes.startsAt, { zone: ZONE }).toISODate()!
    await page.goto(`${session.app.url}/espace/aujourdhui?date=${renesDate}`)
    await grid.getByText('Excusé').first().waitFor()
    expect(await grid.locator('.time-grid-gone s').allTextContents()).toContain('René Girard')
    await expectAccessible(page)
    // On a phone, the same day reads as one list per advisor.
    await page.setViewportSize({ width: 375, height: 800 })
    expect(await grid.isVisible()).toBe(false)
    await page.getByRole('heading', { level: 2, name: 'Camille Martin' }).waitFor()
    await page.setViewportSize({ width: 1280, height: 900 })

    // The town hall's week: a column per day, printable, a day list on a phone.
    await page.goto(`${session.app.url}/espace/lieux/${renes.siteId}?vue=semaine&date=${date}`)
    await grid.getByRole('columnheader', { name: /^lun\. / }).waitFor()
    expect(await grid.locator('.time-grid-gone').count()).toBe(1)
    await expectAccessible(page)
    await page.emulateMedia({ media: 'print' })
    expect(await grid.isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 375, height: 800 })
    expect(await grid.isVisible()).toBe(false)
    await page.getByRole('heading', { level: 2, name: /^mardi / }).waitFor()
  })

  test('the phone search finds Thursday afternoons and books one, by keyboard', async () => {
    const page = await newPage()
    await signIn(page, 'sophie.leroy@val-de-sorne.example')
    await page.getByRole('heading', { level: 1, name: /^Aujourd’hui · / }).waitFor()
    await page.waitForLoadState('networkidle')
    await page
      .getByRole('navigation', { name: 'Espace conseiller' })
      .getByRole('link', { name: 'Créneaux libres' })
      .click()
    await page.getByRole('heading', { level: 1, name: 'Trouver un créneau libre' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Motif').focus()
    await page.getByLabel('Motif').selectOption({ label: 'Créer et utiliser une adresse e-mail' })
    await page.keyboard.press('Tab')
    await page.getByLabel('Jour', { exact: true }).selectOption('jeudi')
    await page.keyboard.press('Tab')
    await page.getByLabel('Moment').selectOption('apres-midi')
    await page.getByRole('button', { name: 'Chercher' }).press('Enter')
    await page.waitForURL(/jour=jeudi/)
    const days = await page.locator('.search-day').allTextContents()
    expect(days.length).toBeGreaterThan(1)
    for (const day of days) expect(day).toMatch(/^jeudi /)
    const times = await page.locator('.search-slots strong').allTextContents()
    expect(times.length).toBe(20)
    for (const time of times) expect(Number(time.split(/\s/)[0])).toBeGreaterThanOrEqual(12)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Créneaux suivants' }).click()
    await page.getByRole('link', { name: 'Revenir aux premiers créneaux' }).waitFor()
    const later = await page.locator('.search-day').allTextContents()
    expect(later[0]! >= days.at(-1)! || later[0] !== days[0]).toBe(true)
    await page.goBack()

    const first = page.locator('.search-slots a').first()
    const label = await first.textContent()
    await tabTo(page, first)
    await page.keyboard.press('Enter')
    await page.getByLabel('Nom ou téléphone de l’usager').fill('diallo')
    await page.getByLabel('Nom ou téléphone de l’usager').press('Enter')
    await page.getByRole('link', { name: 'Choisir Amina Diallo' }).click()
    await page.getByRole('button', { name: 'Voir les créneaux' }).press('Enter')
    const chosen = page.locator('input[name="start"]:checked')
    await chosen.waitFor()
    const start = DateTime.fromISO(await chosen.inputValue(), { zone: ZONE })
    expect(start.weekday).toBe(4)
    expect(label).toContain(start.hour === 14 ? '14' : String(start.hour))
    await page.getByRole('button', { name: 'Réserver ce rendez-vous' }).click()
    await page.getByRole('heading', { level: 1, name: /Votre rendez-vous/ }).waitFor()
    await expectAccessible(page)
  })
})
