import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { browserSession, expectAccessible } from '../support/browser'

// A resident's erasure from the workspace (decision 090): the confirmation lists what is
// cancelled, refuses an unticked box accessibly, then the record is anonymised.

const session = browserSession({ viewport: { width: 1024, height: 768 } })
const { newPage } = session

describe('erasing a resident in a browser', () => {
  test('reception confirms, the record is anonymised; every page passes axe', async () => {
    const appointment = await session.database.appointment.findFirstOrThrow({
      where: { status: 'BOOKED', startsAt: { gt: new Date() }, resident: { lastName: 'Moreau' } },
      include: { resident: true },
    })
    const resident = appointment.resident
    const page = await newPage()
    await page.goto(`${session.app.url}/espace/connexion`)
    await page.getByLabel('Adresse e-mail').fill('sophie.leroy@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('link', { name: 'Usagers', exact: true }).waitFor()
    await page.goto(`${session.app.url}/espace/usagers/${resident.id}`)
    await page.getByRole('link', { name: 'Effacer les données de cet usager' }).click()
    const title = `Effacer les données de ${resident.firstName} ${resident.lastName}`
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByText('l’usager prévenu').waitFor()
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Effacer définitivement' }).click()
    await page.getByText('Cochez la case pour confirmer l’effacement.').first().waitFor()
    await expectAccessible(page)

    await page.getByLabel('Je confirme l’effacement').check()
    await page.getByRole('button', { name: 'Effacer définitivement' }).click()
    await page.getByText('Les données de cet usager ont été effacées.').waitFor()
    await expectAccessible(page)

    const after = await session.database.resident.findUniqueOrThrow({ where: { id: resident.id } })
    expect(after).toMatchObject({ firstName: 'Anonyme', phoneE164: null, email: null })
    const cancelled = await session.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(cancelled.status).toBe('CANCELLED')
  })
})
