import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEV_TWILIO } from '~/features/notifications/providers/twilio.server'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '~/features/demo/seed.server'
import { formatAppointmentDate } from '~/domain/time/format'
import { loadConfig } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import { loader as outboxLoader } from '~/routes/dev.outbox'
import { testProvider } from '../support/database'
import { appDatabase, bookFirstFreeSlot, postForm } from '../support/journey'
import { PRODUCTION_ENV, startApp, until, type RunningApp } from '../support/server'

// The demo as a newcomer runs it after `npm install && npm start`: no SESSION_SECRET, no
// HOST, no provider settings. The web part and its worker must sign with one secret, so
// the SMS the fake Twilio receives carries a manage link that opens the appointment.

let app: RunningApp
let db: Db
beforeAll(async () => {
  app = await startApp({ SESSION_SECRET: '', HOST: '', LOG_LEVEL: 'info' })
  db = appDatabase(app)
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
})

const PHONE = '+33612300042'
const TOPIC = 'Déclarer mes impôts en ligne'

/** Books the first free slot as a browser without JavaScript; returns the confirmation path. */
async function bookOnline() {
  const confirmed = await bookFirstFreeSlot(app, db, TOPIC, {
    firstName: 'Nina',
    lastName: 'Demo',
    phone: '06 12 30 00 42',
  })
  expect(confirmed.status).toBe(303)
  return confirmed.headers.get('location')!
}

/** The fake Twilio's own address, from the line the app prints when it starts it. */
function fakeTwilioUrl() {
  const match = /local fake Twilio at (http:\/\/127\.0\.0\.1:\d+)/u.exec(app.output())
  if (!match) throw new Error(`The app did not start a fake Twilio:\n${app.output()}`)
  return match[1]!
}

/** The SMS bodies the fake Twilio received for a number, read from its REST API. */
async function smsReceivedBy(to: string, atLeast = 1): Promise<string[]> {
  const url = `${fakeTwilioUrl()}/2010-04-01/Accounts/${DEV_TWILIO.accountSid}/Messages.json?To=${encodeURIComponent(to)}`
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const { messages } = (await (await fetch(url)).json()) as { messages: { body: string }[] }
    if (messages.length >= atLeast) return messages.map((message) => message.body)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`The fake Twilio received no SMS for ${to} within 30 s`)
}

/** A page's HTML without the comments React puts between adjacent texts. */
const htmlOf = async (response: Response) => (await response.text()).replace(/<!-- -->/gu, '')

const outboxPage = async () => {
  const response = await fetch(`${app.url}/dev/outbox`)
  expect(response.status).toBe(200)
  return htmlOf(response)
}

/** The text of each <pre> of a page, as the reader sees it. */
const preformatted = (html: string) =>
  [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/gu)].map(([, text]) => unescapeHtml(text!))

function unescapeHtml(text: string) {
  return text
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#x27;/gu, "'")
    .replace(/&amp;/gu, '&')
}

describe(`the demo without any setting (${testProvider})`, () => {
  test('the demo credentials are printed once, on the first seed', () => {
    expect(app.output()).toContain('camille.martin@val-de-sorne.example')
    expect(app.output()).toContain(DEMO_PASSWORD)
  })

  test('the confirmation SMS the fake Twilio received links to the booked appointment', async () => {
    const confirmation = await bookOnline()
    const [body] = await smsReceivedBy(PHONE)
    expect(body).toMatch(/^Rendez-vous confirmé le /u)
    const link = /https?:\/\/\S+\/r\/[A-Za-z0-9_-]+/u.exec(body!)?.[0]
    expect(link, `no manage link in the SMS as sent: ${body}`).toBeDefined()
    const path = new URL(link!).pathname
    expect(path).toBe(confirmation.split('?')[0])

    const page = await fetch(`${app.url}${path}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    const appointment = await db.appointment.findFirstOrThrow({
      where: { resident: { phoneE164: PHONE } },
      include: { topic: true, site: true, organisation: true },
    })
    expect(html).toContain('<h1>Votre rendez-vous</h1>')
    expect(html).toContain(appointment.topic.name)
    const zone = appointment.site?.timeZone ?? appointment.organisation.timeZone
    expect(html).toContain(formatAppointmentDate(appointment.startsAt, zone, 'fr'))
  })

  test('the manage page offers to reply ANNULER only to those whose SMS can take a reply', async () => {
    const byPhone = await bookFirstFreeSlot(app, db, TOPIC, {
      firstName: 'Sam',
      lastName: 'Mobile',
      phone: '06 12 30 00 43',
    })
    expect(byPhone.status).toBe(303)
    const bySms = await (
      await fetch(`${app.url}${byPhone.headers.get('location')!.split('?')[0]}`)
    ).text()
    expect(bySms).toContain(
      '<p>Utilisez les boutons ci-dessous, ou répondez ANNULER au SMS de rappel.</p>',
    )
    const byEmail = await bookFirstFreeSlot(app, db, TOPIC, {
      firstName: 'Eva',
      lastName: 'Courriel',
      email: 'eva.courriel@example.test',
    })
    expect(byEmail.status).toBe(303)
    const page = await (
      await fetch(`${app.url}${byEmail.headers.get('location')!.split('?')[0]}`)
    ).text()
    expect(page).toContain('<p>Utilisez les boutons ci-dessous.</p>')
    expect(page).not.toContain('<p>Utilisez les boutons ci-dessous, ou répondez ANNULER')
  })

  test('/dev/outbox shows, newest first, what the providers received: the SMS as sent, a password reset', async () => {
    const [sms] = await smsReceivedBy(PHONE)
    const reset = await postForm(app, '/espace/mot-de-passe', { email: DEMO_ACCOUNTS[0]!.email })
    expect(reset.status).toBe(302)

    // The reset mail leaves after the answer (decision 071): wait for it.
    let html = ''
    await until(async () => (html = await outboxPage()).includes('/espace/mot-de-passe/'))
    const texts = preformatted(html)
    expect(texts).toContain(sms)
    const resetMail = texts.findIndex((text) => text.includes('/espace/mot-de-passe/'))
    expect(resetMail).toBeGreaterThanOrEqual(0)
    expect(resetMail).toBeLessThan(texts.indexOf(sms!))
    expect(html).toContain(`E-mail · ${DEMO_ACCOUNTS[0]!.email}`)
    expect(html).toContain('Objet : Nouveau mot de passe pour Permanence')
    expect(html).toContain('hors file d’envoi (e-mail à un conseiller)')
    expect(html).toMatch(/CONFIRMATION · état : <strong>(SENT|DELIVERED)<\/strong>/u)
  })

  test('from /dev/outbox, a delivery failure and an ANNULER reply act on the real rows', async () => {
    const appointment = await db.appointment.findFirstOrThrow({
      where: { resident: { phoneE164: PHONE } },
    })
    const confirmation = await db.notification.findFirstOrThrow({
      where: { appointmentId: appointment.id, kind: 'CONFIRMATION', channel: 'SMS' },
    })
    expect(confirmation.providerMessageId).toMatch(/^SM/u)
    expect(
      (await postForm(app, '/dev/outbox', { intent: 'fail', id: confirmation.id })).status,
    ).toBe(200)
    expect(
      (await db.notification.findUniqueOrThrow({ where: { id: confirmation.id } })).status,
    ).toBe('FAILED')

    // The reply goes to the number the SMS left from, as the outbox page's form sends it.
    expect(confirmation.sender).toBe('+33700000000')
    const replied = await postForm(app, '/dev/outbox', {
      intent: 'reply',
      from: PHONE,
      to: confirmation.sender!,
      body: 'Annuler',
    })
    expect(replied.status).toBe(200)
    expect((await db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe(
      'EXCUSED',
    )
    // Not a reply to the number that wrote: the resident is told by their own channel.
    expect(await htmlOf(replied)).toMatch(/role="status">Réponse envoyée :[^<]*\(aucune\)/u)
    expect(
      await db.notification.count({
        where: { appointmentId: appointment.id, kind: 'CANCELLED_BY_RESIDENT', recipient: PHONE },
      }),
    ).toBe(1)
  })

  test('/dev/outbox does not answer a request that came through a proxy', async () => {
    for (const header of ['x-forwarded-for', 'forwarded']) {
      const response = await fetch(`${app.url}/dev/outbox`, {
        headers: { [header]: header === 'forwarded' ? 'for=127.0.0.1' : '127.0.0.1' },
      })
      expect(response.status, header).toBe(404)
    }
  })

  test('/dev/outbox does not exist for another machine, nor in production', async () => {
    const outboxFrom = (socketAddress: string) =>
      outboxLoader({
        request: new Request('http://localhost/dev/outbox'),
        params: {},
        context: { socketAddress },
      } as Parameters<typeof outboxLoader>[0])
    await expect(outboxFrom('192.0.2.7')).rejects.toMatchObject({ status: 404 })
    await expect(outboxFrom('::ffff:10.0.0.1')).rejects.toMatchObject({ status: 404 })
    loadConfig('task', { ...process.env, ...PRODUCTION_ENV })
    try {
      await expect(outboxFrom('127.0.0.1')).rejects.toMatchObject({ status: 404 })
    } finally {
      loadConfig('task')
    }
  })

  test('every page, public and workspace, says it is a demonstration', async () => {
    for (const path of ['/', '/espace/connexion', '/dev/outbox', '/no-such-page']) {
      const html = await (await fetch(`${app.url}${path}`)).text()
      expect(html, path).toContain(
        '<aside class="demo-banner" aria-label="Démonstration"><p><strong>Démonstration :</strong>',
      )
      expect(html, path).toContain('n’y saisissez aucune vraie information personnelle')
    }
    const english = await (await fetch(`${app.url}/?lng=en`)).text()
    expect(english).toContain('<strong>Demonstration:</strong>')
  })

  const outward = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address
  if (!outward) console.warn('No non-loopback IPv4 address here: the HOST default is not checked')
  test.skipIf(!outward)('without HOST it listens on 127.0.0.1 only', async () => {
    const port = new URL(app.url).port
    await expect(fetch(`http://${outward}:${port}/healthz`)).rejects.toThrow()
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
  })
})
