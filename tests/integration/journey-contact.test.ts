import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'
import { demoSessions } from '../support/workspace'

// The contact and review steps over HTTP, as a browser without JavaScript: what a helper
// types is never dropped in silence, a time just taken is not offered again, and topics
// read in English where an admin wrote it.

let app: RunningApp
let db: Db
const as = demoSessions(() => app)

beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1', WORKER: 'off' })
  db = appDatabase(app)
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
})

const RESIDENT = { firstName: 'Jeanne', lastName: 'Aidée', phone: '03 65 71 00 98' }
const get = async (path: string, cookie = '', headers: Record<string, string> = {}) => {
  const response = await fetch(`${app.url}${path}`, { headers: { cookie, ...headers } })
  return { status: response.status, html: await response.text() }
}
const counts = async () => ({
  appointments: await db.appointment.count(),
  residents: await db.resident.count(),
})
/** The page's visible words, tags and the texts data block left out. */
const wordsOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/gu, '')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ')

describe(`the "someone else" block never drops a helper's details (${testProvider})`, () => {
  test('closed at first; filled without any checkbox, it books for someone else and names them', async () => {
    const { contactPath } = await firstSlotPath(app, db, 'Déclarer mes impôts en ligne')
    const empty = await get(contactPath)
    expect(empty.html).toMatch(/<details class="helper">/u)
    expect(empty.html).not.toContain('name="forSomeoneElse"')

    const contact = await postForm(app, contactPath, {
      ...RESIDENT,
      helperName: 'Paul Aidant',
      helperPhone: '06 12 34 56 97',
      messagesTo: 'helper',
    })
    expect(contact.status).toBe(302)
    const review = await get(contact.headers.get('location')!, cookieOf(contact))
    const words = wordsOf(review.html)
    expect(words).toContain('Pris par Paul Aidant 06 12 34 56 97')
    expect(words).toContain('Messages envoyés à Paul Aidant')
    // Back on the contact step, the block shows what was typed, open.
    const again = await get(contactPath, cookieOf(contact))
    expect(again.html).toMatch(/<details class="helper" open="">/u)
    expect(again.html).toContain('value="Paul Aidant"')

    const confirmed = await postForm(app, contact.headers.get('location')!, {}, cookieOf(contact))
    expect(confirmed.status).toBe(303)
    const row = await db.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Aidée' } },
    })
    expect(row).toMatchObject({
      createdVia: 'HELPER',
      helperName: 'Paul Aidant',
      helperPhoneE164: '+33612345697',
      messagesTo: 'HELPER',
    })
    const confirmation = wordsOf((await get(confirmed.headers.get('location')!)).html)
    expect(confirmation).toContain('Le rendez-vous de Jeanne Aidée est confirmé.')
    expect(confirmation).toContain('Pour Jeanne Aidée')
  })

  test.each([
    [
      'a helper phone without a name',
      { helperPhone: '06 12 34 56 96' },
      'helperName',
      'Indiquez votre nom, à vous qui prenez le rendez-vous.',
      /value="06 12 34 56 96"/u,
    ],
    [
      'a helper name without a way to reach them',
      { helperName: 'Paul Aidant' },
      'helperPhone',
      'Donnez votre numéro de téléphone ou votre adresse e-mail.',
      /value="Paul Aidant"/u,
    ],
    [
      'messages asked for the helper, and nothing else',
      { messagesTo: 'helper' },
      'helperName',
      'Indiquez votre nom, à vous qui prenez le rendez-vous.',
      /<input type="radio"[^>]*checked="" value="helper"/u,
    ],
  ])(
    '%s is asked about, kept, shown open, and nothing is written',
    async (_, helper, field, message, kept) => {
      const before = await counts()
      const { contactPath } = await firstSlotPath(app, db, 'Déclarer mes impôts en ligne')
      const response = await postForm(app, contactPath, {
        ...RESIDENT,
        lastName: 'Oubli',
        ...helper,
      })
      const html = await response.text()
      expect(response.status).toBe(400)
      expect(response.headers.getSetCookie()).toEqual([])
      expect(html).toMatch(/<details class="helper" open="">/u)
      expect(html).toContain(`href="#contact-${field}"`)
      expect(wordsOf(html)).toContain(message)
      expect(html).toMatch(kept)
      expect(await counts()).toEqual(before)
    },
  )
})

describe(`a time just taken is not offered again (${testProvider})`, () => {
  test('the review page of a taken time says so, with other times and no Confirm button', async () => {
    const { contactPath } = await firstSlotPath(app, db, 'Créer et utiliser une adresse e-mail')
    const first = await postForm(app, contactPath, { ...RESIDENT, lastName: 'Premiere' })
    const second = await postForm(app, contactPath, {
      ...RESIDENT,
      lastName: 'Seconde',
      phone: '03 65 71 00 97',
    })
    const reviewPath = first.headers.get('location')!
    const lostStart = reviewPath.split('/').at(-2)!
    // The second resident is on the review page, Confirm offered, when the first confirms.
    expect(wordsOf((await get(reviewPath, cookieOf(second))).html)).toContain(
      'Confirmer le rendez-vous',
    )
    const won = await postForm(app, reviewPath, {}, cookieOf(first))
    expect(won.status).toBe(303)

    const before = await counts()
    const lost = await postForm(app, reviewPath, {}, cookieOf(second))
    expect(lost.status).toBe(409)
    for (const html of [await lost.text(), (await get(reviewPath, cookieOf(second))).html]) {
      const words = wordsOf(html)
      expect(words).toMatch(
        /Désolé, ce créneau vient d’être pris|Ce créneau n’est plus disponible/u,
      )
      expect(words).not.toContain('Confirmer le rendez-vous')
      expect(words).toContain('Horaires proches encore libres')
      expect(words).toContain('Seconde')
      const offered = [...html.matchAll(/href="[^"]*\/creneaux\/[^/]+\/([^/]+)\/confirmer"/gu)]
      expect(offered.length).toBeGreaterThan(0)
      expect(offered.map((match) => match[1])).not.toContain(lostStart)
    }
    expect(await counts()).toEqual(before)
  })
})

describe(`topics in English (${testProvider})`, () => {
  test('an admin gives a topic an English name and instructions; English readers see them, or the French', async () => {
    const camille = await as('camille.martin@val-de-sorne.example')
    const form = await get('/espace/admin/motifs/nouveau', camille)
    expect(form.html).toContain('name="nameEn"')
    expect(form.html).toContain('name="instructionsEn"')
    const topic = {
      theme: 'HOUSING',
      durationMinutes: '30',
      allowsInPerson: 'on',
      minNoticeMinutes: '120',
      horizonDays: '30',
      bufferMinutes: '0',
      cancellationDeadlineMinutes: '60',
      isPublic: 'on',
    }
    const post = (fields: Record<string, string>) =>
      fetch(`${app.url}/espace/admin/motifs/nouveau`, {
        method: 'POST',
        body: new URLSearchParams({ ...topic, ...fields }),
        headers: { cookie: camille },
        redirect: 'manual',
      })
    expect(
      (
        await post({
          name: 'Faire ma demande de logement social',
          instructions: 'Votre avis d’imposition.',
          nameEn: 'Apply for social housing',
          instructionsEn: 'Your tax notice.',
        })
      ).status,
    ).toBe(302)
    expect((await post({ name: 'Trouver une aide au chauffage', nameEn: '' })).status).toBe(302)
    expect(
      await db.topic.findFirstOrThrow({ where: { name: 'Trouver une aide au chauffage' } }),
    ).toMatchObject({ nameEn: null, instructionsEn: null })

    const english = { 'accept-language': 'en' }
    const list = wordsOf((await get('/france-services-val-de-sorne/rendez-vous', '', english)).html)
    expect(list).toContain('Apply for social housing')
    expect(list).toContain('Have ready: Your tax notice.')
    expect(list).not.toContain('Faire ma demande de logement social')
    expect(list).toContain('Trouver une aide au chauffage')
    const french = wordsOf((await get('/france-services-val-de-sorne/rendez-vous')).html)
    expect(french).toContain('Faire ma demande de logement social')
    expect(french).not.toContain('Apply for social housing')
  })
})
