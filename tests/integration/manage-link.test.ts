import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'
import { startLoopbackSmtp } from '../support/smtp'

// The resident's manage link over HTTP: cancelling asks first, the cancelled page tells
// only what is true, a link that does not work still gets a page with whom to call, and
// the slip gives the number the emails give.

let app: RunningApp
let db: Db
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>

beforeAll(async () => {
  smtp = await startLoopbackSmtp()
  app = await startApp({ SEED_DEMO: '1', SMTP_URL: smtp.url, NOTIFY_SMS: 'off' })
  db = appDatabase(app)
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
  await smtp?.close()
})

/** Books the first free time of a demo topic without JavaScript; returns the manage path. */
async function book(
  topicName: string,
  fields: Record<string, string>,
  place: 'site' | 'phone' = 'site',
) {
  const { contactPath } = await firstSlotPath(app, db, topicName, place)
  const contact = await postForm(app, contactPath, {
    firstName: 'Jeanne',
    consent: 'on',
    ...fields,
  })
  expect(contact.status).toBe(302)
  const confirmed = await postForm(app, contact.headers.get('location')!, {}, cookieOf(contact))
  expect(confirmed.status).toBe(303)
  return new URL(confirmed.headers.get('location')!, app.url).pathname
}

const page = async (path: string) => {
  const response = await fetch(`${app.url}${path}`, { redirect: 'manual' })
  return { status: response.status, html: await response.text(), response }
}
const statusOf = async (lastName: string) =>
  (await db.appointment.findFirstOrThrow({ where: { resident: { lastName } } })).status
/** The page's visible words, tags and the texts data block left out. */
const wordsOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/gu, '')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ')

describe(`cancelling from the manage link asks first (${testProvider})`, () => {
  test('nothing is cancelled before the confirmation; then once, with the reason', async () => {
    const manage = await book('Déclarer mes impôts en ligne', {
      lastName: 'Confirmation',
      phone: '06 12 34 56 71',
    })
    const shown = await page(manage)
    expect(shown.html).toContain(`href="${manage}/annuler"`)
    // The old one-tap form is gone: posting to the manage page itself changes nothing.
    const oneTap = await postForm(app, manage, { reason: 'Plus besoin' })
    expect(oneTap.status).toBe(405)
    expect(await statusOf('Confirmation')).toBe('BOOKED')

    const asked = await page(`${manage}/annuler`)
    expect(asked.status).toBe(200)
    expect(wordsOf(asked.html)).toContain('Annuler ce rendez-vous ?')
    expect(wordsOf(asked.html)).toContain('Oui, annuler le rendez-vous')
    expect(asked.html).toContain(`href="${manage}"`)
    expect(await statusOf('Confirmation')).toBe('BOOKED')

    const tooLong = await postForm(app, `${manage}/annuler`, { reason: 'r'.repeat(301) })
    expect(tooLong.status).toBe(400)
    expect(wordsOf(await tooLong.text())).toContain(
      'Ce texte est trop long (300 caractères au plus).',
    )
    expect(await statusOf('Confirmation')).toBe('BOOKED')

    const cancelled = await postForm(app, `${manage}/annuler`, { reason: 'Plus besoin' })
    expect(cancelled.status).toBe(303)
    expect(cancelled.headers.get('location')).toBe(`${manage}?annule=1`)
    const row = await db.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Confirmation' } },
    })
    expect(row).toMatchObject({ status: 'EXCUSED', cancellationReason: 'Plus besoin' })

    // Asked again (an old tab): back to the manage page, nothing more happens.
    expect((await page(`${manage}/annuler`)).status).toBe(302)
    expect((await postForm(app, `${manage}/annuler`, {})).status).toBe(303)
    expect(
      await db.auditEvent.count({ where: { entityId: row.id, action: { contains: 'CANCELLED' } } }),
    ).toBe(1)
  })

  test('the cancelled page says it once, drops what is no longer true, and offers to book again', async () => {
    const manage = await book(
      'Reconnaître les arnaques sur internet',
      { lastName: 'Appel', phone: '06 12 34 56 72' },
      'phone',
    )
    const topic = await db.topic.findFirstOrThrow({
      where: { name: 'Reconnaître les arnaques sur internet' },
    })
    const before = wordsOf((await page(manage)).html)
    expect(before).toContain('Le conseiller appellera au 06 12 34 56 72')
    expect(before).toContain('L’appel viendra de ce numéro : 01 99 00 12 34')
    expect(before).toContain('Pour l’appel, ayez sous la main')
    expect(before).not.toMatch(/apportez/iu)

    expect((await postForm(app, `${manage}/annuler`, {})).status).toBe(303)
    const after = await page(`${manage}?annule=1`)
    const words = wordsOf(after.html)
    expect(words.match(/annulé/gu)).toHaveLength(1)
    expect(words).toContain('Votre rendez-vous est annulé.')
    expect(words).not.toContain('Ce rendez-vous est annulé.')
    expect(words).not.toContain('appellera')
    expect(words).not.toContain('ayez sous la main')
    expect(words).not.toContain('À prévoir')
    expect(words).not.toContain('Annuler le rendez-vous')
    const bookAgain = /<a [^>]*href="([^"]+)"[^>]*>Reprendre rendez-vous<\/a>/u.exec(after.html)
    expect(bookAgain?.[1]).toBe(`/france-services-val-de-sorne/rendez-vous/${topic.id}`)
    // Later, the same page without the banner: the state, once.
    const later = wordsOf((await page(manage)).html)
    expect(later.match(/annulé/gu)).toHaveLength(1)
    expect(later).toContain('Ce rendez-vous est annulé.')
  })
})

describe(`a manage link that does not work (${testProvider})`, () => {
  test('an unknown token gets the site header, a title and general help, as a 404', async () => {
    const { status, html } = await page('/r/AAAAAAAAAAAAAAAAAAAAAAAA')
    expect(status).toBe(404)
    expect(html).toContain('class="site-header"')
    expect(html).toContain('<title>Ce lien ne fonctionne pas · Permanence</title>')
    expect(html.match(/<title>/gu)).toHaveLength(1)
    expect(html).toContain('<h1>Ce lien ne fonctionne pas</h1>')
    expect(wordsOf(html)).toContain('son numéro est dans le SMS ou l’e-mail de confirmation')
    expect(html).toContain('name="robots" content="noindex"')
    for (const path of ['/r/court', '/r/AAAAAAAAAAAAAAAAAAAAAAAA/imprimer', '/r/x/annuler']) {
      const other = await page(path)
      expect(other.status, path).toBe(404)
      expect(other.html, path).toContain('<h1>Ce lien ne fonctionne pas</h1>')
    }
  })

  test('a known appointment with a wrong end of link gives the organisation’s number', async () => {
    const manage = await book('Déclarer mes impôts en ligne', {
      lastName: 'Lienabime',
      phone: '06 12 34 56 73',
    })
    const { status, html } = await page(`${manage}/deplacer/pas-une-heure`)
    expect(status).toBe(404)
    expect(html).toContain('class="site-header"')
    expect(wordsOf(html)).toContain('appelez France Services du Val de Sorne : 01 99 00 12 34')
  })

  test('any other unknown address gets the header and a title too', async () => {
    const { status, html } = await page('/nulle-part/rien/du/tout/ici')
    expect(status).toBe(404)
    expect(html).toContain('class="site-header"')
    expect(html).toContain('<title>Page introuvable · Permanence</title>')
  })
})

describe(`one number to call (${testProvider})`, () => {
  test('the slip and the confirmation email give the same number: the site’s', async () => {
    const manage = await book('Déclarer mes impôts en ligne', {
      lastName: 'Numero',
      email: 'jeanne.numero@example.test',
    })
    const slip = wordsOf((await page(`${manage}/imprimer`)).html)
    expect(slip).toContain('appelez le 03 65 71 01 01')
    expect(slip).toContain('utilisez la commande « Imprimer » de votre navigateur')

    // The worker sends it: wait for it to arrive.
    const toJeanne = () => smtp.received.find((m) => JSON.stringify(m.to).includes('jeanne.numero'))
    for (let tries = 0; !toJeanne() && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const text = toJeanne()?.text ?? ''
    expect(text).toMatch(/03\s65\s71\s01\s01/u)
    expect(text).not.toMatch(/01\s99\s00\s12\s34/u)
  })
})

describe(`the manage link's calendar file (${testProvider})`, () => {
  test('an appointment that took place stays confirmed; an excused one is cancelled', async () => {
    const manage = await book('Déclarer mes impôts en ligne', {
      lastName: 'Agenda',
      email: 'jeanne.agenda@example.test',
    })
    const ics = async () => (await page(`${manage}/calendrier.ics`)).html
    expect(await ics()).toContain('STATUS:CONFIRMED')

    const appointment = await db.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Agenda' } },
    })
    for (const [status, expected] of [
      ['HONOURED', 'STATUS:CONFIRMED'],
      ['NO_SHOW', 'STATUS:CONFIRMED'],
      ['EXCUSED', 'STATUS:CANCELLED'],
    ] as const) {
      await db.appointment.update({ where: { id: appointment.id }, data: { status } })
      expect(await ics(), status).toContain(expected)
    }
  })
})
