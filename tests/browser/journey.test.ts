import { describe, expect, test } from 'vitest'
import { browserSession, expectAccessible } from '../support/browser'
import { chooseFirstSlot, confirm, fillContact, tabTo } from '../support/journey-steps'

const session = browserSession({ viewport: { width: 390, height: 844 } })
const { newPage } = session

describe('the resident journey in a real Chromium', () => {
  test('book in person, with axe on every step', async () => {
    const page = await newPage()
    const label = await chooseFirstSlot(
      page,
      session.app.url,
      'Déclarer mes impôts en ligne',
      'Sur place',
      true,
    )
    await expectAccessible(page)
    await fillContact(page, 'Élodie', '06 12 34 56 78')
    await expectAccessible(page)
    const url = await confirm(page)
    await expectAccessible(page)
    expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{24}\?nouveau=1$/)
    const when = label.replace('Choisir le ', '')
    expect(await page.locator('.summary').textContent()).toContain(
      'Mairie de Saint-Julien-sur-Sorne',
    )
    expect((await page.locator('.summary').textContent())!.replace(/\s/g, ' ')).toContain(
      when.split(' à ')[0],
    )
    expect(await page.getByText('Votre numéro fiscal et votre dernier avis').isVisible()).toBe(true)
    const ics = await page.request.get(`${url.split('?')[0]}/calendrier.ics`)
    expect(await ics.text()).toContain('BEGIN:VEVENT')
    expect(
      await session.database.appointment.count({ where: { resident: { firstName: 'Élodie' } } }),
    ).toBe(1)
  })

  test('book by phone: the confirmation says the advisor will call', async () => {
    const page = await newPage()
    await chooseFirstSlot(
      page,
      session.app.url,
      'Reconnaître les arnaques sur internet',
      'Par téléphone',
    )
    await fillContact(page, 'Marcel', '03 65 71 00 99')
    await confirm(page)
    expect(await page.getByText('Le conseiller appellera au').textContent()).toContain(
      '03 65 71 00 99',
    )
    // By the number typed: the demo has a Marcel of its own, met in person last month.
    const row = await session.database.appointment.findFirstOrThrow({
      where: { resident: { phoneE164: '+33365710099' } },
    })
    expect(row).toMatchObject({ mode: 'PHONE', siteId: null })
  })

  test('the whole booking with JavaScript disabled', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await chooseFirstSlot(
      page,
      session.app.url,
      'Demander une carte d’identité ou un passeport',
      null,
    )
    await page.getByRole('button', { name: 'Continuer' }).click()
    expect(await page.getByRole('alert').textContent()).toContain('Le formulaire contient')
    await fillContact(page, 'Sansjs', '06 12 34 56 01')
    await confirm(page)
    expect(
      await session.database.appointment.count({ where: { resident: { firstName: 'Sansjs' } } }),
    ).toBe(1)
  })

  test('two browsers take the same slot at once: one wins, the other keeps its details and sees alternatives', async () => {
    // Each person in a browser process of their own: in the session's single-process
    // browser a context even reports no cookies of its own once others have come and gone.
    const first = await session.personPage()
    const second = await session.personPage({ viewport: { width: 390, height: 844 } })
    await chooseFirstSlot(first, session.app.url, 'Créer et utiliser une adresse e-mail', null)
    await chooseFirstSlot(second, session.app.url, 'Créer et utiliser une adresse e-mail', null)
    expect(second.url()).toBe(first.url())
    await fillContact(first, 'Premiere', '06 12 34 56 11')
    await fillContact(second, 'Seconde', '06 12 34 56 22')
    // Each person's details live in their own browser's cookie, and each review shows
    // only their own.
    const draftOf = async (page: typeof first) =>
      (await page.context().cookies()).find((cookie) => cookie.name === 'booking_draft')?.value
    const drafts = await Promise.all([draftOf(first), draftOf(second)])
    expect(drafts.every(Boolean)).toBe(true)
    expect(drafts[0]).not.toBe(drafts[1])
    expect(await first.locator('main').textContent()).not.toContain('Seconde')
    expect(await second.locator('main').textContent()).not.toContain('Premiere')
    await Promise.all([
      first.getByRole('button', { name: 'Confirmer le rendez-vous' }).click(),
      second.getByRole('button', { name: 'Confirmer le rendez-vous' }).click(),
    ])
    const outcomes = await Promise.all(
      [first, second].map((page) =>
        Promise.race([
          page
            .getByText('Votre rendez-vous est confirmé.')
            .waitFor()
            .then(() => 'won'),
          page
            .getByText('Horaires proches encore libres')
            .waitFor()
            .then(() => 'lost'),
        ]),
      ),
    )
    expect([...outcomes].sort()).toEqual(['lost', 'won'])
    const loser = outcomes[0] === 'lost' ? first : second
    const loserName = loser === first ? 'Premiere' : 'Seconde'
    expect(await loser.locator('main').textContent()).toContain(loserName)
    const alternative = loser.locator('.error-summary a.slot').first()
    const alternativePath = (await alternative.getAttribute('href'))!
    await alternative.click()
    // The refused review page offers no Confirm button for the lost time: the one to
    // click is the new page's.
    await loser.waitForURL((url) => url.pathname === alternativePath)
    await loser.locator('.error-summary').waitFor({ state: 'detached' })
    await loser.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
    await loser.getByText('Votre rendez-vous est confirmé.').waitFor()
  })

  test('move, then cancel, from the manage link', async () => {
    const page = await newPage()
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    await fillContact(page, 'Bouge', '06 12 34 56 33')
    const manage = (await confirm(page)).split('?')[0]!
    const before = await session.database.appointment.findFirstOrThrow({
      where: { resident: { firstName: 'Bouge' } },
    })
    await page.getByRole('link', { name: 'Choisir un autre horaire' }).click()
    await page.getByRole('link', { name: 'Semaine suivante →' }).click()
    await page.locator('a.slot').first().click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Déplacer le rendez-vous' }).click()
    await page.getByText('Votre rendez-vous a été déplacé.').waitFor()
    const moved = await session.database.appointment.findUniqueOrThrow({ where: { id: before.id } })
    expect(moved.startsAt.getTime()).toBeGreaterThan(before.startsAt.getTime())

    await page.goto(manage)
    await page.getByRole('link', { name: 'Annuler le rendez-vous' }).click()
    await page.getByLabel('Pourquoi annulez-vous ? (facultatif)').fill('Plus besoin')
    await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click()
    await page.getByText('Votre rendez-vous est annulé.').waitFor()
    await expectAccessible(page)
    expect(
      await session.database.appointment.findUniqueOrThrow({ where: { id: before.id } }),
    ).toMatchObject({
      status: 'EXCUSED',
      cancellationReason: 'Plus besoin',
    })
  })

  test('booked, then ANNULER replied from the dev outbox: the appointment is cancelled', async () => {
    const page = await newPage()
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    await fillContact(page, 'Annule', '06 12 34 56 55')
    const manage = (await confirm(page)).split('?')[0]!

    // The page lists what the fake Twilio received: the worker has to send it first.
    const confirmation = page
      .getByRole('listitem')
      .filter({ hasText: 'SMS · +33612345655' })
      .filter({ hasText: 'CONFIRMATION' })
    for (let tries = 0; tries < 50 && (await confirmation.count()) === 0; tries += 1) {
      await page.goto(`${session.app.url}/dev/outbox`)
      if ((await confirmation.count()) === 0) await page.waitForTimeout(200)
    }
    expect(await confirmation.locator('pre').textContent()).toContain('Répondez ANNULER')
    await expectAccessible(page)
    await confirmation.getByLabel('Réponse du destinataire').fill('annuler')
    await confirmation.getByRole('button', { name: 'Simuler la réponse' }).click()
    // No answer to the number that wrote: the resident hears it by their own channel.
    expect(await page.getByRole('status').textContent()).toContain('(aucune)')
    const told = page
      .getByRole('listitem')
      .filter({ hasText: 'SMS · +33612345655' })
      .filter({ hasText: 'CANCELLED_BY_RESIDENT' })
    for (let tries = 0; tries < 50 && (await told.count()) === 0; tries += 1) {
      await page.goto(`${session.app.url}/dev/outbox`)
      if ((await told.count()) === 0) await page.waitForTimeout(200)
    }
    expect(await told.locator('pre').textContent()).toMatch(/annulé/u)

    const row = await session.database.appointment.findFirstOrThrow({
      where: { resident: { firstName: 'Annule' } },
    })
    expect(row.status).toBe('EXCUSED')
    // No reminder will go out, and the advisor is told.
    const rows = await session.database.notification.findMany({ where: { appointmentId: row.id } })
    const reminders = rows.filter((notification) => notification.kind.startsWith('REMINDER:'))
    // Skipped ones were already past or too close when it was booked; every other one is
    // now cancelled. Which of the two each is depends on the time of day the test runs.
    expect(reminders.length).toBeGreaterThan(0)
    for (const reminder of reminders) {
      expect(['SKIPPED', 'CANCELLED'], reminder.kind).toContain(reminder.status)
      if (reminder.dueAt < row.createdAt) expect(reminder.status, reminder.kind).toBe('SKIPPED')
    }
    expect(rows.map((notification) => notification.kind)).toContain('ADVISOR_NOTICE')
    await page.goto(manage)
    await page.getByText('Ce rendez-vous est annulé.').waitFor()
  })

  test('switching to English mid-journey translates the steps and the dates', async () => {
    const page = await newPage()
    await chooseFirstSlot(page, session.app.url, 'Déclarer mes impôts en ligne', 'Sur place')
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Your contact details' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.locator('.summary').textContent()).toMatch(
      /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday) \d+ \w+ \d{4} at \d/,
    )
    // The topic too, as the admin wrote it in English.
    expect(await page.locator('.summary').textContent()).toContain('File my tax return online')
    await expectAccessible(page)
  })

  test('at 200% zoom (320 CSS pixels wide) no step scrolls sideways', async () => {
    const context = await session.newContext({ viewport: { width: 320, height: 640 } })
    const page = await context.newPage()
    const visited: string[] = []
    const expectNoSideways = async () => {
      visited.push(page.url())
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, page.url()).toBeLessThanOrEqual(0)
    }
    await page.goto(`${session.app.url}/france-services-val-de-sorne`)
    await expectNoSideways()
    await page.getByRole('link', { name: 'Prendre rendez-vous' }).click()
    await page.getByRole('link', { name: 'Déclarer mes impôts en ligne' }).click()
    await expectNoSideways()
    await page.getByRole('link', { name: 'Sur place' }).click()
    await page.getByRole('heading', { level: 1, name: 'Où voulez-vous venir ?' }).waitFor()
    await expectNoSideways()
    await page.getByRole('link', { name: /Choisir ce lieu : Mairie/ }).click()
    await page.locator('a.slot').first().waitFor()
    await expectNoSideways()
    await page.locator('a.slot').first().click()
    await page.getByRole('heading', { level: 1, name: 'Vos coordonnées' }).waitFor()
    await expectNoSideways()
    expect(visited).toHaveLength(5)
  })

  test('the whole journey with the keyboard only', async () => {
    const page = await newPage()
    await page.goto(`${session.app.url}/france-services-val-de-sorne/rendez-vous`)
    const press = async (key: string) => page.keyboard.press(key)
    const focusLink = (name: string | RegExp) => tabTo(page, name)
    await focusLink('Demander une carte d’identité ou un passeport')
    await press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Où voulez-vous venir ?' }).waitFor()
    await focusLink(/Choisir ce lieu : Mairie/)
    await press('Enter')
    await page.locator('a.slot').first().waitFor()
    await focusLink(/^Choisir le /)
    await press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Vos coordonnées' }).waitFor()
    await focusLink('Continuer')
    await press('Enter')
    await page.getByRole('alert').waitFor()
    // The error summary links to the first field in error: follow it, then fill in order.
    await page.getByRole('alert').getByRole('link').first().focus()
    await press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await page.getByLabel('Prénom', { exact: true }).getAttribute('id'),
    )
    await page.keyboard.type('Clavier')
    await press('Tab')
    await page.keyboard.type('Seul')
    await press('Tab')
    await page.keyboard.type('06 12 34 56 44')
    await press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Vérifiez et confirmez' }).waitFor()
    await focusLink('Confirmer le rendez-vous')
    await press('Enter')
    await page.getByText('Votre rendez-vous est confirmé.').waitFor()
    expect(
      await session.database.appointment.count({ where: { resident: { firstName: 'Clavier' } } }),
    ).toBe(1)
  })
})
