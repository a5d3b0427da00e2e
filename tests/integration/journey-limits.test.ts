import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { appDatabase, bookFirstFreeSlot, firstSlotPath, postForm } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'

let app: RunningApp
let db: Db
beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1' })
  db = appDatabase(app)
})
afterAll(async () => {
  await db.$disconnect()
  await app.stop()
})

const bookFirstSlot = (topicName: string, fields: Record<string, string>) =>
  bookFirstFreeSlot(app, db, topicName, fields)

const organisation = () =>
  db.organisation.findUniqueOrThrow({ where: { slug: DEMO_ORGANISATION_SLUG } })

describe(`abuse limits (${testProvider})`, () => {
  test('at most N upcoming appointments per phone, with a clear message', async () => {
    await db.organisation.update({
      where: { slug: DEMO_ORGANISATION_SLUG },
      data: { maxUpcomingPerContact: 1 },
    })
    const first = await bookFirstSlot('Déclarer mes impôts en ligne', { phone: '06 11 11 11 11' })
    expect(first.status).toBe(303)
    const before = await db.appointment.count()
    const second = await bookFirstSlot('Créer et utiliser une adresse e-mail', {
      phone: '06.11.11.11.11',
    })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain('Vous avez déjà 1 rendez-vous à venir.')
    expect(await db.appointment.count()).toBe(before)
    await db.organisation.update({
      where: { slug: DEMO_ORGANISATION_SLUG },
      data: { maxUpcomingPerContact: 3 },
    })
  })

  test('per-phone and per-address rate limits refuse with a message and write nothing', async () => {
    const { id } = await organisation()
    await db.organisation.update({ where: { id }, data: { bookingsPerPhonePerDay: 1 } })
    expect(
      (await bookFirstSlot('Déclarer mes impôts en ligne', { phone: '06 22 22 22 22' })).status,
    ).toBe(303)
    const before = await db.appointment.count()
    const refused = await bookFirstSlot('Reconnaître les arnaques sur internet', {
      phone: '06 22 22 22 22',
    })
    expect(refused.status).toBe(429)
    expect(await refused.text()).toContain('Trop de demandes en peu de temps.')
    expect(await db.appointment.count()).toBe(before)

    await db.organisation.update({
      where: { id },
      data: { bookingsPerPhonePerDay: 50, bookingsPerIpPerHour: 3 },
    })
    const outcomes = []
    for (const phone of ['06 33 33 33 01', '06 33 33 33 02', '06 33 33 33 03']) {
      outcomes.push((await bookFirstSlot('Déclarer mes impôts en ligne', { phone })).status)
    }
    // This address already booked earlier in the file: the hourly budget runs out.
    expect(outcomes).toContain(429)
    const counters = await db.rateLimiterFlexible.count()
    expect(counters).toBeGreaterThan(0)
  })

  test('foreign numbers are refused unless the organisation allows their region', async () => {
    const { contactPath } = await firstSlotPath(app, db, 'Déclarer mes impôts en ligne')
    const fields = { firstName: 'Ann', lastName: 'Smith', phone: '+44 7400 123456', consent: 'on' }
    expect((await postForm(app, contactPath, fields)).status).toBe(400)
    await db.organisation.update({
      where: { slug: DEMO_ORGANISATION_SLUG },
      data: { allowedPhoneRegions: 'FR,GP,MQ,GF,RE,YT,GB' },
    })
    expect((await postForm(app, contactPath, fields)).status).toBe(302)
  })
  test('the limit counts by address too: another phone with the same email is refused', async () => {
    await db.organisation.update({
      where: { slug: DEMO_ORGANISATION_SLUG },
      data: { maxUpcomingPerContact: 1, bookingsPerIpPerHour: 50 },
    })
    const first = await bookFirstSlot('Déclarer mes impôts en ligne', {
      phone: '06 55 55 55 01',
      email: 'jeanne.limite@example.fr',
    })
    expect(first.status).toBe(303)
    const before = await db.appointment.count()
    const second = await bookFirstSlot('Créer et utiliser une adresse e-mail', {
      phone: '06 55 55 55 02',
      email: 'jeanne.limite@example.fr',
    })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain('Vous avez déjà 1 rendez-vous à venir.')
    expect(await db.appointment.count()).toBe(before)
    const otherPerson = await bookFirstSlot('Créer et utiliser une adresse e-mail', {
      phone: '06 55 55 55 03',
      email: 'paul.autre@example.fr',
    })
    expect(otherPerson.status).toBe(303)
    await db.organisation.update({
      where: { slug: DEMO_ORGANISATION_SLUG },
      data: { maxUpcomingPerContact: 3 },
    })
  })
})
