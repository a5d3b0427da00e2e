import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { startProductionApp, type RunningApp } from '../support/server'

let app: RunningApp
beforeAll(async () => {
  app = await startProductionApp()
})
afterAll(() => app?.stop())

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { headers, redirect: 'manual' })

describe(`the served app on ${testProvider}`, () => {
  test('/healthz checks the database and says which kind it uses', async () => {
    const response = await get('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', database: testProvider })
  })

  test('the home page lists the demo organisation, in French by default', async () => {
    const response = await get('/')
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain('<html lang="fr"')
    expect(html).toContain('France Services du Val de Sorne')
    expect(html).toContain(`href="/${DEMO_ORGANISATION_SLUG}"`)
  })

  test('production pages carry no demonstration banner, nor its texts', async () => {
    const html = await (await get('/')).text()
    expect(html).not.toContain('demo-banner')
    expect(html).not.toContain('Démonstration')
  })

  test('the organisation page shows its sites and its topics grouped by theme', async () => {
    const html = await (await get(`/${DEMO_ORGANISATION_SLUG}`)).text()
    expect(html).toContain('Mairie de Saint-Julien-sur-Sorne')
    expect(html).toContain('Médiathèque de Montval')
    expect(html).toContain('Démarches administratives')
    expect(html).toContain('Utiliser le numérique')
    expect(html).toContain('Déclarer mes impôts en ligne')
    expect(html).toContain('Durée : 45 minutes')
  })

  test('switching to English sets a cookie and every text follows', async () => {
    const form = new URLSearchParams({ language: 'en', redirectTo: `/${DEMO_ORGANISATION_SLUG}` })
    const switched = await fetch(`${app.url}/language`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    expect(switched.status).toBe(303)
    expect(switched.headers.get('location')).toBe(`/${DEMO_ORGANISATION_SLUG}`)
    const cookie = switched.headers.get('set-cookie')!.split(';')[0]!
    const html = await (await get(`/${DEMO_ORGANISATION_SLUG}`, { cookie })).text()
    expect(html).toContain('<html lang="en"')
    expect(html).toContain('Where to find us')
    expect(html).toContain('Length: 45 minutes')
    expect(html).not.toContain('Où nous trouver')
  })

  test('the language form never redirects to another site', async () => {
    const form = new URLSearchParams({ language: 'en', redirectTo: '//evil.example/' })
    const switched = await fetch(`${app.url}/language`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    expect(switched.headers.get('location')).toBe('/')
  })

  test.each([
    ['a tab that browsers drop', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a header injection', '/\r\nSet-Cookie: pwned=1'],
    ['a backslash', '/\\evil.example'],
  ])('the language form refuses a redirect with %s, without a 500', async (_, redirectTo) => {
    const switched = await fetch(`${app.url}/language`, {
      method: 'POST',
      body: new URLSearchParams({ language: 'en', redirectTo }),
      redirect: 'manual',
    })
    expect(switched.status).toBe(303)
    expect(switched.headers.get('location')).toBe('/')
    expect(switched.headers.getSetCookie().join()).not.toContain('pwned')
  })

  test('a redirect to a path with letters beyond ASCII goes there, percent-encoded', async () => {
    const switched = await fetch(`${app.url}/language`, {
      method: 'POST',
      body: new URLSearchParams({ language: 'en', redirectTo: '/espace?q=Bénédicte €' }),
      redirect: 'manual',
    })
    expect(switched.status).toBe(303)
    expect(switched.headers.get('location')).toBe('/espace?q=B%C3%A9n%C3%A9dicte%20%E2%82%AC')
  })

  test('the sign-in return refuses another site just the same', async () => {
    const page = await get('/espace/connexion?redirectTo=%2F%09%2Fevil.example')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('name="redirectTo" value="/espace"')
  })

  test('in production only the public address counts as this site', async () => {
    const post = (origin: string) =>
      fetch(`${app.url}/language`, {
        method: 'POST',
        body: new URLSearchParams({ language: 'en', redirectTo: '/' }),
        headers: { origin },
        redirect: 'manual',
      })
    expect((await post('https://rdv.example.fr')).status).toBe(303)
    expect((await post(app.url)).status).toBe(403)
    expect((await post('https://rdv.example.fr.evil.example')).status).toBe(403)
  })

  test('behind a proxy that rewrites Host, a form posted from the public address works', async () => {
    const signIn = (headers: Record<string, string>) =>
      fetch(`${app.url}/espace/connexion`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'personne@example.test', password: 'pas le bon mot' }),
        headers: { accept: 'text/html', ...headers },
        redirect: 'manual',
      })
    // The app is reached at 127.0.0.1 while the browser was at PUBLIC_URL: the form is
    // answered (wrong password), where Remix's own check used to make it a 500.
    const refused = await signIn({ origin: 'https://rdv.example.fr' })
    expect(refused.status).toBeLessThan(500)
    expect(await refused.text()).toContain('Adresse e-mail ou mot de passe incorrect.')
    const forged = await signIn({
      origin: 'https://rdv.example.fr',
      'x-forwarded-host': 'evil.example',
    })
    expect(forged.status).toBeLessThan(500)
  })

  test('an unknown page answers 404 with a plain message and no stack trace', async () => {
    const response = await get('/nobody-here')
    const html = await response.text()
    expect(response.status).toBe(404)
    expect(html).toContain('Page introuvable')
    expect(html).not.toMatch(/at [\w.]+ \(|node_modules|\.tsx?:\d+/)
  })

  test('responses carry security headers and are compressed', async () => {
    const response = await get('/', { 'accept-encoding': 'gzip' })
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'nonce-")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers.get('x-powered-by')).toBeNull()
    expect(response.headers.get('content-encoding')).toBe('gzip')
  })

  test('a kept week page is the same page, with each response’s own CSP nonce', async () => {
    const topics = await (await fetch(`${app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous`)).text()
    const topicPath = /href="(\/[^"]+\/rendez-vous\/[^"/]+)"/u.exec(topics)![1]!
    const sites = await (await fetch(`${app.url}${topicPath}/lieu`)).text()
    const weekPath = /href="([^"]+\/creneaux\/[^"]+)"/u.exec(sites)![1]!
    const nonces: string[] = []
    const bodies: string[] = []
    for (let read = 0; read < 2; read += 1) {
      const response = await fetch(`${app.url}${weekPath}`)
      expect(response.status).toBe(200)
      const nonce = /'nonce-([^']+)'/u.exec(response.headers.get('content-security-policy')!)![1]!
      const body = await response.text()
      expect(body).toContain(`nonce="${nonce}"`)
      nonces.push(nonce)
      bodies.push(body.split(nonce).join('NONCE'))
    }
    expect(nonces[0]).not.toBe(nonces[1])
    expect(bodies[1]).toBe(bodies[0])
  })

  test('the request log names paths but no query strings', async () => {
    await get('/?phone=0612345678')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(app.output()).not.toContain('0612345678')
  })
})
