import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { ANSWER_AFTER_MS } from '~/features/manage/lost-link.server'
import { testProvider } from '../support/database'
import { appDatabase, bookFirstFreeSlot } from '../support/journey'
import { registerForSession } from '~/features/workshops/index.server'
import { startApp, TEST_SESSION_SECRET, type RunningApp } from '../support/server'
import { startLoopbackSmtp } from '../support/smtp'
import {
  createWorkshopSession,
  daysAhead,
  registrationRequest,
  someone,
} from '../support/workshops'

// "J'ai perdu mon lien" over HTTP, without JavaScript: a match queues the links to the
// contact typed, a miss queues nothing, and both answers are the same page, status and
// time; each client address and each contact has its budget (decision 092).

let app: RunningApp
let db: Db
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>
const PATH = `/${DEMO_ORGANISATION_SLUG}/lien-perdu`
const EMAIL = 'perdu.lien@example.fr'
const MOBILE = '06 12 34 56 81'

beforeAll(async () => {
  smtp = await startLoopbackSmtp()
  // The "proxy" on loopback says each request's client address (X-Forwarded-For).
  app = await startApp({
    SEED_DEMO: '1',
    SMTP_URL: smtp.url,
    NOTIFY_SMS: 'off',
    TRUST_PROXY: 'loopback',
  })
  db = appDatabase(app)
  const booked = await bookFirstFreeSlot(app, db, 'Déclarer mes impôts en ligne', {
    lastName: 'Perdu',
    phone: MOBILE,
    email: EMAIL,
  })
  expect(booked.status).toBe(303)
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
  await smtp?.close()
})

let addresses = 0
/** Posts the form as a browser without JavaScript, from a client address of its own. */
async function ask(contact: string, from = `10.0.0.${++addresses}`) {
  const started = Date.now()
  const response = await fetch(`${app.url}${PATH}`, {
    method: 'POST',
    body: new URLSearchParams({ contact }),
    headers: { 'x-forwarded-for': from },
    redirect: 'manual',
  })
  const html = await response.text()
  return { status: response.status, html, elapsed: Date.now() - started }
}
/** The page without what differs on every response (the scripts' nonce). */
const stable = (html: string) => html.replace(/nonce="[^"]*"/gu, '')
const linkRows = (recipient: string) =>
  db.notification.findMany({
    where: { recipient, kind: { in: ['LINK_AGAIN', 'WORKSHOP_LINK_AGAIN'] } },
  })

describe(`the lost-link page (${testProvider})`, () => {
  test('the page is a plain form with the organisation’s number', async () => {
    const response = await fetch(`${app.url}${PATH}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('J’ai perdu mon lien')
    expect(html).toMatch(/<form method="post"/u)
    expect(html).toContain('name="contact"')
    expect((await fetch(`${app.url}/inconnue/lien-perdu`)).status).toBe(404)
  })

  test('an email that matches gets its link, which works; a miss gets the same answer and nothing', async () => {
    const before = smtp.countTo(EMAIL)
    const match = await ask(' Perdu.Lien@Example.fr ')
    const miss = await ask('personne.inconnue@example.fr')
    expect(match.status).toBe(200)
    expect(miss.status).toBe(200)
    expect(stable(match.html)).toBe(stable(miss.html))
    expect(match.html).toContain('un message avec le lien vient d’y être envoyé')
    // Neither answers sooner than the floor: the time tells nothing either.
    expect(match.elapsed).toBeGreaterThanOrEqual(ANSWER_AFTER_MS - 5)
    expect(miss.elapsed).toBeGreaterThanOrEqual(ANSWER_AFTER_MS - 5)

    const rows = await linkRows(EMAIL)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'EMAIL', kind: 'LINK_AGAIN' })
    expect(await linkRows('personne.inconnue@example.fr')).toHaveLength(0)

    const link = await smtp.nextLinkTo(EMAIL, '/r/', before)
    const manage = await fetch(`${app.url}${link}`)
    expect(manage.status).toBe(200)
    expect(await manage.text()).toContain('Déclarer mes impôts en ligne')
  })

  test('a mobile number that matches queues an SMS to it; a miss queues none', async () => {
    const match = await ask('+33 6 12 34 56 81')
    const miss = await ask('06 98 76 54 32')
    expect(match.status).toBe(200)
    expect(stable(match.html)).toBe(stable(miss.html))
    const rows = await linkRows('+33612345681')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'SMS', kind: 'LINK_AGAIN' })
    expect(rows[0]!.appointmentId).not.toBeNull()
    expect(await linkRows('+33698765432')).toHaveLength(0)
  })

  test('a workshop registration’s link is sent again too, once per request', async () => {
    const email = 'atelier.perdu@example.fr'
    const place = {
      organisation: await db.organisation.findUniqueOrThrow({
        where: { slug: DEMO_ORGANISATION_SLUG },
      }),
      topic: await db.topic.findFirstOrThrow({
        where: { name: 'Apprendre à se servir de son smartphone' },
      }),
      site: await db.site.findFirstOrThrow({ where: { name: 'Médiathèque de Montval' } }),
    }
    const session = await createWorkshopSession(db, place, { seats: 4, startsAt: daysAhead(12) })
    const registered = await registerForSession(
      db,
      registrationRequest(place.organisation.id, session.id, { resident: someone({ email }) }),
      new Date(),
      TEST_SESSION_SECRET,
    )
    expect(registered.ok).toBe(true)
    const before = smtp.countTo(email)
    expect((await ask(email)).status).toBe(200)
    const rows = await linkRows(email)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'EMAIL', kind: 'WORKSHOP_LINK_AGAIN' })
    const link = await smtp.nextLinkTo(email, '/atelier/', before)
    expect((await fetch(`${app.url}${link}`)).status).toBe(200)
    // Asked again, the same row is planned again.
    expect((await ask(email)).status).toBe(200)
    expect(await linkRows(email)).toHaveLength(1)
    await smtp.nextLinkTo(email, '/atelier/', before + 1)
  })

  test('a landline gets nothing, and is told to call', async () => {
    const landline = await ask('01 23 45 67 89')
    expect(landline.status).toBe(200)
    expect(landline.html).toContain('Un téléphone fixe ne peut pas recevoir de lien')
    expect(await linkRows('+33123456789')).toHaveLength(0)
  })

  test('bad input: a French message, what was typed kept, nothing queued', async () => {
    const count = await db.notification.count()
    const refused = await ask('pas un numéro')
    expect(refused.status).toBe(400)
    expect(refused.html).toContain('Indiquez un numéro de téléphone ou une adresse e-mail')
    expect(refused.html).toContain('value="pas un numéro"')
    const empty = await ask('')
    expect(empty.status).toBe(400)
    expect(await db.notification.count()).toBe(count)
  })

  test('each contact has its budget, whatever address asks', async () => {
    const contact = 'budget.contact@example.fr'
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await ask(contact)).status).toBe(200)
    const refused = await ask(contact)
    expect(refused.status).toBe(429)
    expect(refused.html).toContain('Trop de demandes pour ce numéro ou cette adresse')
    expect(refused.html).toContain(`value="${contact}"`)
  })

  test('each client address has its budget, whatever contact it types', async () => {
    const from = '10.9.9.9'
    for (let attempt = 0; attempt < 10; attempt += 1)
      expect((await ask(`adresse${attempt}@example.fr`, from)).status).toBe(200)
    const refused = await ask('adresse-de-trop@example.fr', from)
    expect(refused.status).toBe(429)
    expect(refused.html).toContain('Trop de demandes depuis cette connexion')
    // Another address is still served.
    expect((await ask('adresse-de-trop@example.fr')).status).toBe(200)
  })

  test('the organisation’s home and a link that does not work lead to the page', async () => {
    const home = await (await fetch(`${app.url}/${DEMO_ORGANISATION_SLUG}`)).text()
    expect(home).toContain(`href="${PATH}"`)
    const appointment = await db.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Perdu' } },
    })
    // A link with a wrong end: the appointment is known, so is its organisation.
    const wrongEnd = await fetch(`${app.url}/r/${appointment.id}AAAAAAAAAAAA`)
    expect(wrongEnd.status).toBe(404)
  })
})
