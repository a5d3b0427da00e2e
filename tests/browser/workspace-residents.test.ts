import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { nameSearchKey } from '~/domain/residents/identity'
import { browserSession, expectAccessible } from '../support/browser'

const session = browserSession({ viewport: { width: 1024, height: 768 } })
const { newPage } = session

describe('residents in a browser', () => {
  test('reception merges two records of the same person; every new page passes axe', async () => {
    const organisation = await session.database.organisation.findFirstOrThrow()
    const seed = (lastName: string, phone: string | null, email: string | null) =>
      session.database.resident.create({
        data: {
          organisationId: organisation.id,
          firstName: 'Marcel',
          lastName,
          searchKey: nameSearchKey('Marcel', lastName),
          phoneE164: phone,
          phoneType: phone ? 'MOBILE' : null,
          email,
          createdVia: 'ONLINE',
        },
      })
    const kept = await seed('Fournier', '+33612347777', null)
    const duplicate = await seed('Fourier', null, 'marcel@exemple.fr')
    const jeanneAppointment = await session.database.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Moreau' } },
    })
    await session.database.appointment.update({
      where: { id: jeanneAppointment.id },
      data: { residentId: duplicate.id },
    })

    const page = await newPage()
    await page.goto(`${session.app.url}/espace/connexion`)
    await page.getByLabel('Adresse e-mail').fill('sophie.leroy@val-de-sorne.example')
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('link', { name: 'Usagers', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Usagers' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Nom ou téléphone de l’usager').fill('fournier')
    await page.getByRole('button', { name: 'Rechercher' }).click()
    await page.getByRole('link', { name: 'FOURNIER Marcel' }).click()
    await page.getByRole('heading', { level: 1, name: 'Marcel Fournier' }).waitFor()
    await expectAccessible(page)

    // A wrong phone is refused next to the field, accessibly.
    await page.getByLabel('Téléphone').fill('12 34')
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click()
    await page.getByText('Exemple de numéro correct').first().waitFor()
    await expectAccessible(page)
    await page.getByLabel('Téléphone').fill('06 12 34 77 77')
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click()
    await page.getByText('Coordonnées enregistrées.').waitFor()

    await page.getByRole('link', { name: 'Fusionner avec Marcel Fourier' }).click()
    await page.getByRole('heading', { level: 1, name: 'Fusionner deux fiches' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel(/^Marcel Fournier/).check()
    await page.getByRole('button', { name: 'Fusionner les deux fiches' }).click()
    await page.getByText('Les deux fiches ont été fusionnées.').waitFor()
    await expectAccessible(page)
    await page.getByText(`merged Marcel Fourier (${duplicate.id}) into this record`).waitFor()
    expect(await session.database.resident.findUnique({ where: { id: duplicate.id } })).toBeNull()
    const merged = await session.database.resident.findUniqueOrThrow({ where: { id: kept.id } })
    expect(merged.email).toBe('marcel@exemple.fr')
    expect(
      (
        await session.database.appointment.findUniqueOrThrow({
          where: { id: jeanneAppointment.id },
        })
      ).residentId,
    ).toBe(kept.id)

    // The moved appointment opens its move page, which passes axe too.
    await page.goto(`${session.app.url}/espace/rendez-vous/${jeanneAppointment.id}/deplacer`)
    await page.getByRole('heading', { level: 1, name: /^Déplacer le rendez-vous de / }).waitFor()
    await expectAccessible(page)
    // And the booking page with the walk-in choice.
    const taxes = await session.database.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    await page.goto(
      `${session.app.url}/espace/reserver?usager=${kept.id}&motif=${taxes.id}&lieu=telephone`,
    )
    await page.getByLabel('Rendez-vous hors horaires d’ouverture, je confirme').waitFor()
    await expectAccessible(page)
  })
})
