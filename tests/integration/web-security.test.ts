import { describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { localDateOf } from '~/domain/time/format'
import { encodeSlotStart } from '~/domain/time/slot-start'
import { testProvider } from '../support/database'
import { bookFirstFreeSlot, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { longestContactForm } from '../support/long-forms'
import { until } from '../support/server'
import { demoWorkspace, KARIM, SETTINGS, SOPHIE } from '../support/workspace'

// Findings of the security review (issue 10), over HTTP, on the database under test: forged
// cross-site requests, redirects to other sites, 5xx from bad input, private pages kept in
// caches, and what the log says of a 5xx.

const CAMILLE = 'camille.martin@val-de-sorne.example'
const EVIL = 'https://evil.example'
const workspace = demoWorkspace(CAMILLE)
const url = (path: string) => `${workspace.app.url}${path}`

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''

async function signedInPost(path: string, fields: Record<string, string | string[]>, headers = {}) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    for (const one of [value].flat()) body.append(name, one)
  }
  return fetch(url(path), {
    method: 'POST',
    body,
    headers: { cookie: await workspace.as(CAMILLE), ...headers },
    redirect: 'manual',
  })
}

const TOPIC = 'Déclarer mes impôts en ligne'
const firstContactPath = async () =>
  (await firstSlotPath(workspace.app, workspace.database, TOPIC)).contactPath

const dailySmsCap = async () =>
  (
    await workspace.database.organisation.findUniqueOrThrow({
      where: { slug: DEMO_ORGANISATION_SLUG },
    })
  ).dailySmsCap

describe(`forged cross-site requests are refused (${testProvider})`, () => {
  test('a data request (?_data=) from another site changes no setting: 403', async () => {
    const page = await (await workspace.get('/espace/admin/reglages')).text()
    const form = { ...SETTINGS, dailySmsCap: '77', updatedAt: hidden(page, 'updatedAt') }
    const before = await dailySmsCap()
    const path = '/espace/admin/reglages?_data=routes%2Fespace.admin.reglages'
    const forged = await signedInPost(path, form, { origin: EVIL })
    expect(forged.status).toBe(403)
    expect(forged.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await forged.text()).toContain('Cette demande ne vient pas d’une page de ce site')
    expect(await dailySmsCap()).toBe(before)

    const own = await signedInPost(path, form, { origin: workspace.app.url })
    expect(own.status).toBeLessThan(400)
    expect(await dailySmsCap()).toBe(77)
  })

  test('a document POST from another site answers a 403 page in French, not a 500', async () => {
    const forged = await signedInPost(
      '/espace/admin/reglages',
      { ...SETTINGS, dailySmsCap: '78' },
      { origin: EVIL, accept: 'text/html' },
    )
    const html = await forged.text()
    expect(forged.status).toBe(403)
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('<h1>Demande refusée</h1>')
    expect(await dailySmsCap()).not.toBe(78)
  })

  test('resource routes are checked too: sign-out and the language switch', async () => {
    const signOut = await signedInPost(
      '/espace/deconnexion',
      {},
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(signOut.status).toBe(403)
    expect((await workspace.get('/espace')).status).toBe(200)

    const language = await fetch(url('/language'), {
      method: 'POST',
      body: new URLSearchParams({ language: 'en', redirectTo: '/' }),
      headers: { origin: 'null' },
      redirect: 'manual',
    })
    expect(language.status).toBe(403)
    expect(language.headers.getSetCookie()).toEqual([])
  })

  test('this site’s own pages pass, whether the browser says so by Origin or Sec-Fetch-Site', async () => {
    const ownPages: Record<string, string>[] = [
      { origin: workspace.app.url },
      { 'sec-fetch-site': 'same-origin' },
    ]
    for (const headers of ownPages) {
      const response = await fetch(url('/language'), {
        method: 'POST',
        body: new URLSearchParams({ language: 'en', redirectTo: '/' }),
        headers,
        redirect: 'manual',
      })
      expect(response.status).toBe(303)
    }
  })
  test('Twilio’s webhooks are left to their signature check, whatever the headers say', async () => {
    const response = await fetch(url('/webhooks/twilio/status'), {
      method: 'POST',
      body: new URLSearchParams({ MessageSid: 'SMx', MessageStatus: 'failed' }),
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    })
    expect(response.status).toBe(403)
    expect(await response.text()).not.toContain('Cette demande ne vient pas d’une page de ce site')
  })
})

describe(`bad input never ends in a 5xx (${testProvider})`, () => {
  test('a JSON or plain-text body gets a clear 415 and writes nothing', async () => {
    const contactPath = await firstContactPath()
    const before = await workspace.database.resident.count()
    for (const [type, body] of [
      ['application/json', '{"firstName":"Jeanne","lastName":"Essai","phone":"0612345678"}'],
      ['text/plain', 'firstName=Jeanne\nlastName=Essai'],
    ]) {
      const response = await fetch(url(contactPath), {
        method: 'POST',
        body,
        headers: { 'content-type': type!, accept: 'text/html' },
        redirect: 'manual',
      })
      expect(response.status, type).toBe(415)
      expect(await response.text()).toContain('Cette demande n’est pas un formulaire de ce site')
    }
    expect(await workspace.database.resident.count()).toBe(before)
  })

  test('a form too long to be one of ours gets a clear 413', async () => {
    const response = await fetch(url('/language'), {
      method: 'POST',
      body: new URLSearchParams({ language: 'en', redirectTo: `/${'a'.repeat(300 * 1024)}` }),
      headers: { accept: 'text/html' },
      redirect: 'manual',
    })
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('Formulaire trop long')
  })

  test('a NUL byte or a broken escape in a URL is refused with a 400', async () => {
    for (const path of [
      '/r/abc%00def',
      `/${DEMO_ORGANISATION_SLUG}%00`,
      '/espace?date=2026%00',
      '/%',
      '/r/%E0%A4%A',
      `/${DEMO_ORGANISATION_SLUG}/rendez-vous/%ZZ`,
    ]) {
      const response = await fetch(url(path), { headers: { accept: 'text/html' } })
      expect(response.status, path).toBe(400)
      expect(await response.text()).toContain('Adresse invalide')
    }
  })

  test('NUL bytes in a form are dropped: the booking is made with the rest of the text', async () => {
    const confirmed = await bookFirstFreeSlot(workspace.app, workspace.database, TOPIC, {
      lastName: 'Nul\u0000lement',
      email: 'jeanne.nul\u0000@example.fr',
      note: 'a\u0000b',
    })
    expect(confirmed.status).toBe(303)
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Nullement' } },
      include: { resident: true },
    })
    expect(appointment.resident.email).toBe('jeanne.nul@example.fr')
    expect(appointment.note).toBe('ab')

    const signIn = await fetch(url('/espace/connexion'), {
      method: 'POST',
      body: new URLSearchParams({ email: `camille\u0000@example.fr`, password: 'x' }),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(400)
  })

  test('an absurd date in the workspace shows today', async () => {
    const today = localDateOf(new Date(), 'Europe/Paris')
    for (const date of ['0001-01-01', '9999-12-31', '2026-02-30']) {
      const response = await workspace.get(`/espace?date=${date}`)
      expect(response.status, date).toBe(200)
      expect(await response.text()).toContain(`value="${today}"`)
    }
  })

  test('no page carries a NUL byte (React 18.3 left one where a 2 KB chunk split a letter)', async () => {
    const resident = await workspace.database.resident.findFirstOrThrow()
    const pages = ['/espace/creneaux', `/espace/usagers/${resident.id}`, '/espace', '/']
    for (const email of [CAMILLE, SOPHIE, KARIM]) {
      for (const path of pages) {
        const body = Buffer.from(await (await workspace.get(path, email)).arrayBuffer())
        expect(body.indexOf(0), `${path} as ${email}`).toBe(-1)
      }
    }
  })

  test('the first and last days of the plausible years open every calendar, never a 500', async () => {
    const site = await workspace.database.site.findFirstOrThrow()
    for (const date of ['2000-01-01', '2000-01-02', '2199-12-31']) {
      for (const path of [
        `/espace?date=${date}`,
        `/espace?vue=semaine&date=${date}`,
        `/espace/aujourdhui?date=${date}`,
        `/espace/agenda?date=${date}`,
        `/espace/lieux/${site.id}?date=${date}`,
        `/espace/lieux/${site.id}?vue=semaine&date=${date}`,
      ]) {
        const response = await workspace.get(path)
        expect(response.status, path).toBe(200)
        expect(await response.text(), path).toContain(`value="${date}"`)
      }
    }
  })

  test('a past time on the confirm step says it is no longer available, books nothing', async () => {
    const contactPath = await firstContactPath()
    const before = await workspace.database.appointment.count()
    const lastWeek = new Date(Date.now() - 8 * 86_400_000)
    lastWeek.setUTCHours(9, 0, 0, 0)
    for (const start of [encodeSlotStart(lastWeek), '20000103T0900Z']) {
      const path = contactPath.replace(/\/\d{8}T\d{4}Z\//u, `/${start}/`)
      const contact = await postForm(workspace.app, path, {
        firstName: 'Paul',
        lastName: 'Passé',
        phone: '06 12 34 56 70',
        consent: 'on',
      })
      expect(contact.status, start).toBe(302)
      const review = contact.headers.get('location')!
      const shown = await fetch(url(review), { headers: { cookie: cookieOf(contact) } })
      expect(shown.status, start).toBe(200)
      expect(await shown.text()).toContain('Ce créneau n’est plus disponible')
      const confirmed = await postForm(workspace.app, review, {}, cookieOf(contact))
      expect(confirmed.status, start).toBe(409)
      expect(await confirmed.text()).toContain('Ce créneau n’est plus disponible')
    }
    const farAway = contactPath.replace(/\/\d{8}T\d{4}Z\//u, '/99991231T0900Z/')
    expect((await fetch(url(farAway.replace('coordonnees', 'confirmer')))).status).toBe(404)
    expect(await workspace.database.appointment.count()).toBe(before)
  })

  test('the largest valid contact form in Thai is kept between steps and booked', async () => {
    const contactPath = await firstContactPath()
    const form = longestContactForm()
    const contact = await postForm(workspace.app, contactPath, form)
    expect(contact.status).toBe(302)
    const [setCookie] = contact.headers.getSetCookie()
    expect(setCookie!.length).toBeLessThanOrEqual(4096)
    const review = await fetch(url(contact.headers.get('location')!), {
      headers: { cookie: cookieOf(contact) },
    })
    expect(review.status).toBe(200)
    expect(await review.text()).toContain(form.note)
    const confirmed = await postForm(
      workspace.app,
      contact.headers.get('location')!,
      {},
      cookieOf(contact),
    )
    expect(confirmed.status).toBe(303)
    const booked = await workspace.database.appointment.findFirstOrThrow({
      where: { note: form.note },
      include: { resident: true },
    })
    expect(booked.resident.firstName).toBe(form.firstName)
  })
})

describe(`private pages and the log (${testProvider})`, () => {
  test('manage links and workspace pages are never cached, documents and data alike', async () => {
    const confirmed = await bookFirstFreeSlot(workspace.app, workspace.database, TOPIC, {
      lastName: 'Privée',
      phone: '06 12 34 56 71',
    })
    const manage = new URL(confirmed.headers.get('location')!, workspace.app.url).pathname
    const responses = [
      await fetch(url(manage)),
      await fetch(url(`${manage}.data`)),
      await workspace.get('/espace'),
      await workspace.get('/espace.data'),
      await workspace.get('/espace?_data=routes%2Fespace._index'),
      await fetch(url('/espace/connexion')),
    ]
    for (const response of responses) {
      expect(response.headers.get('cache-control'), response.url).toBe('private, no-store')
    }
    expect((await fetch(url('/'))).headers.get('cache-control')).not.toBe('private, no-store')
  })

  test('a 5xx is one JSON line at error level with the stack and the request id, not the message', async () => {
    const site = await workspace.database.site.findFirstOrThrow({
      where: { name: 'Mairie de Saint-Julien-sur-Sorne' },
    })
    await workspace.database.site.update({
      where: { id: site.id },
      data: { timeZone: 'Mars/Olympus_Mons' },
    })
    try {
      // A topic no other test opens: no cached week page.
      const topic = await workspace.database.topic.findFirstOrThrow({
        where: { name: 'Reconnaître les arnaques sur internet' },
      })
      const failed = await fetch(
        url(`/${DEMO_ORGANISATION_SLUG}/rendez-vous/${topic.id}/creneaux/${site.id}`),
      )
      expect(failed.status).toBe(500)
      const requestId = failed.headers.get('x-request-id')!
      expect(requestId).toMatch(/^[0-9a-f]{12}$/)
      const lineOf = () =>
        workspace.app
          .output()
          .split('\n')
          .find((one) => one.includes(requestId))
      await until(() => lineOf() !== undefined)
      const line = lineOf()!
      const logged = JSON.parse(line) as {
        level: number
        reqId: string
        err: { type: string; stack: string }
      }
      expect(logged).toMatchObject({
        level: 50,
        reqId: requestId,
        err: { type: 'SchedulingError' },
      })
      expect(logged.err.stack).toMatch(/^at /)
      expect(line).not.toContain('Mars/Olympus_Mons')
      expect(workspace.app.output()).not.toMatch(/^SchedulingError/mu)
    } finally {
      await workspace.database.site.update({
        where: { id: site.id },
        data: { timeZone: site.timeZone },
      })
    }
  })
})
