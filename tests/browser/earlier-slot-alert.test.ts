import { describe, expect, test } from 'vitest'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import { formatDay } from '~/domain/time/format'
import { scanEarlierSlots } from '~/features/alerts/index.server'
import { bookFor, inParis, openDayAhead, openOnDays, PARIS } from '../support/alert-fixtures'
import {
  browserSession,
  expectAccessible,
  expectAccessibleWithoutScripts,
  waitForScripts,
} from '../support/browser'
import { tabTo } from '../support/journey-steps'
import { TEST_SESSION_SECRET } from '../support/server'

const session = browserSession({ viewport: { width: 390, height: 844 } })

describe('an earlier-slot alert in a real Chromium', () => {
  test('asked from the manage page, alerted when a time frees, taken from the alert’s link', async () => {
    const db = session.database
    const early = openDayAhead(9)
    const late = openDayAhead(16)
    const fixture = await openOnDays(db, [early, late])
    const booking = { now: new Date(), secret: TEST_SESSION_SECRET }
    const manageOf = (id: string) =>
      `${session.app.url}/r/${manageTokenFor(id, TEST_SESSION_SECRET).token}`
    const someoneElse = await bookFor(db, fixture, inParis(`${early}T09:00`), booking)
    await bookFor(db, fixture, inParis(`${early}T09:30`), booking)
    const mine = await bookFor(db, fixture, inParis(`${late}T09:30`), booking)

    // The resident asks from their manage page, with the keyboard.
    const page = await session.newPage()
    await page.goto(manageOf(mine))
    await waitForScripts(page)
    await expectAccessible(page)
    await tabTo(page, 'Prévenez-moi si un créneau plus tôt se libère')
    await page.keyboard.press('Enter')
    await page.getByText('C’est noté : nous vous prévenons').waitFor()
    expect(await page.getByText('Messages envoyés : 0 sur 3.').isVisible()).toBe(true)
    await expectAccessible(page)

    // Someone else cancels the earlier time; the worker's scan writes the alert.
    const other = await session.newPage()
    await other.goto(`${manageOf(someoneElse)}/annuler`)
    await other.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click()
    await other.getByText('Votre rendez-vous est annulé.').waitFor()
    await scanEarlierSlots(db, new Date())
    const request = await db.earlierSlotRequest.findFirstOrThrow({
      where: { appointmentId: mine },
      include: { notifications: true },
    })
    expect(request.notifications.map((row) => row.kind)).toEqual(['EARLIER_SLOT:1'])

    // The alert's link, without JavaScript: the earlier time and one button to take it.
    const alert = await session.newPage({ javaScriptEnabled: false })
    await alert.goto(
      `${session.app.url}/alerte/${manageTokenFor(request.id, TEST_SESSION_SECRET).token}`,
    )
    await alert.getByText('Ce créneau plus tôt est libre :').waitFor()
    await expectAccessibleWithoutScripts(alert)
    await tabTo(alert, 'Prendre ce créneau')
    await alert.keyboard.press('Enter')
    await alert.getByText('Votre rendez-vous a été déplacé.').waitFor()
    const earlyDay = formatDay(inParis(`${early}T09:00`), PARIS, 'fr')
    expect((await alert.locator('.summary').textContent())!.replace(/\s/gu, ' ')).toContain(
      earlyDay.replace(/\s/gu, ' '),
    )
    expect(new URL(alert.url()).pathname).toBe(new URL(manageOf(mine)).pathname)
    await expectAccessibleWithoutScripts(alert)

    // The later time is free again.
    expect(
      await db.appointment.findUniqueOrThrow({ where: { id: mine }, select: { startsAt: true } }),
    ).toEqual({ startsAt: inParis(`${early}T09:00`) })
  })

  test('a stale alert lists the earlier times free now; a place without free time offers the alert', async () => {
    const db = session.database
    const early = openDayAhead(9)
    const middle = openDayAhead(12)
    const late = openDayAhead(16)
    const fixture = await openOnDays(db, [early, middle, late])
    const booking = { now: new Date(), secret: TEST_SESSION_SECRET }
    const first = await bookFor(db, fixture, inParis(`${early}T09:00`), booking)
    await bookFor(db, fixture, inParis(`${early}T09:30`), booking)
    const mine = await bookFor(db, fixture, inParis(`${late}T09:30`), booking)
    const page = await session.newPage()
    await page.goto(`${session.app.url}/r/${manageTokenFor(mine, TEST_SESSION_SECRET).token}`)
    await page
      .getByRole('button', { name: 'Prévenez-moi si un créneau plus tôt se libère' })
      .click()
    await page.getByText('C’est noté : nous vous prévenons').waitFor()
    await db.appointment.update({ where: { id: first }, data: { status: 'EXCUSED' } })
    await scanEarlierSlots(db, new Date())
    // Someone takes the offered time before the resident reads the alert.
    await bookFor(db, fixture, inParis(`${early}T09:00`), booking)
    const request = await db.earlierSlotRequest.findFirstOrThrow({ where: { appointmentId: mine } })
    await page.goto(
      `${session.app.url}/alerte/${manageTokenFor(request.id, TEST_SESSION_SECRET).token}`,
    )
    await page.getByText('a été pris entre-temps').waitFor()
    expect(await page.getByRole('button', { name: /^Prendre le / }).count()).toBe(3)
    await expectAccessible(page)

    // The week of a place with no free time at all, and the form to be told.
    const full = await openOnDays(db, [early])
    await bookFor(db, full, inParis(`${early}T09:00`), booking)
    await bookFor(db, full, inParis(`${early}T09:30`), booking)
    await page.goto(
      `${session.app.url}/${full.organisation.slug}/rendez-vous/${full.topic.id}/creneaux/${full.site.id}`,
    )
    await page.getByRole('link', { name: 'Être prévenu si un créneau se libère' }).click()
    await page
      .getByRole('heading', { level: 1, name: 'Être prévenu quand un créneau se libère' })
      .waitFor()
    await expectAccessible(page)
  })
})
