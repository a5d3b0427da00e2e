import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { localDateOf } from '~/domain/time/format'
import { testProvider } from '../support/database'
import { startProductionApp, type RunningApp } from '../support/server'
import { printed } from '../support/times'

let app: RunningApp
let database: Db
beforeAll(async () => {
  app = await startProductionApp()
  database = createDb(resolveDatabaseConfig(app.databaseUrl))
})
afterAll(async () => {
  await database?.$disconnect()
  await app?.stop()
})

const CAMILLE = 'camille.martin@val-de-sorne.example'
const KARIM = 'karim.benali@val-de-sorne.example'
const SOPHIE = 'sophie.leroy@val-de-sorne.example'

const get = (path: string, cookie?: string) =>
  fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' })

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  })

const attemptSignIn = (email: string, password: string, redirectTo = '/espace') =>
  post('/espace/connexion', { email, password, redirectTo })

async function signIn(email: string, password = DEMO_PASSWORD) {
  const response = await attemptSignIn(email, password)
  expect(response.status).toBe(302)
  return response.headers.get('set-cookie')!.split(';')[0]!
}

// Sign-ins count against the per-account limit: calendar tests share one session each.
const cached = new Map<string, string>()
async function session(email: string) {
  const known = cached.get(email)
  if (known && (await get('/espace', known)).status === 200) return known
  const cookie = await signIn(email)
  cached.set(email, cookie)
  return cookie
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** The secret token inside a session cookie ("advisor_session=<value>"), as Remix encodes it. */
function tokenOf(cookie: string): string {
  const value = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!)
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as string
}

describe(`advisor sign-in on ${testProvider}`, () => {
  test('the workspace sends a signed-out visitor to the sign-in page, which comes back', async () => {
    const response = await get('/espace?date=2026-03-03')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(
      `/espace/connexion?redirectTo=${encodeURIComponent('/espace?date=2026-03-03')}`,
    )
    const page = await get(response.headers.get('location')!)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('Connexion à l’espace conseiller')
    expect(html).toContain('name="redirectTo" value="/espace?date=2026-03-03"')
  })

  test('a wrong password and an unknown email get the same answer, and no session', async () => {
    const sessionsBefore = await database.advisorSession.count()
    const wrong = await attemptSignIn(KARIM, 'not the right password')
    const unknown = await attemptSignIn('nobody@val-de-sorne.example', 'not the right password')
    const mains: string[] = []
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(400)
      expect(response.headers.get('set-cookie')).toBeNull()
      const html = await response.text()
      expect(html).toContain('Adresse e-mail ou mot de passe incorrect.')
      // What the page shows is the same, apart from the email typed back in its field.
      const main = /<main[\s\S]*<\/main>/.exec(html)![0]
      mains.push(main.replace(/name="email"[^>]*value="[^"]*"/, 'name="email"'))
    }
    expect(mains[0]).toBe(mains[1])
    expect(await database.advisorSession.count()).toBe(sessionsBefore)
  })

  test('empty fields are refused next to each field, keeping the email typed', async () => {
    const response = await attemptSignIn('', '')
    const html = await response.text()
    expect(response.status).toBe(400)
    expect(html).toContain('Indiquez votre adresse e-mail.')
    expect(html).toContain('Indiquez votre mot de passe.')
    expect(html).toContain('href="#field-email"')
    const typed = await attemptSignIn('karim.benali@val-de-sorne.example', '')
    expect(await typed.text()).toContain('value="karim.benali@val-de-sorne.example"')
  })

  test('a good password opens a session: httpOnly, SameSite=Lax, Secure, only its hash stored', async () => {
    const response = await attemptSignIn('  Camille.Martin@val-de-sorne.example ', DEMO_PASSWORD)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/espace')
    const setCookie = response.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^advisor_session=/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Secure')
    const token = tokenOf(setCookie)
    const stored = await database.advisorSession.findUnique({ where: { tokenHash: sha256(token) } })
    expect(stored).not.toBeNull()
    expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now())
    const advisor = await database.advisor.findUniqueOrThrow({ where: { email: CAMILLE } })
    expect(advisor.passwordHash).toMatch(/^\$argon2id\$/)
    const rows = await database.advisorSession.findMany()
    expect(rows.some((row) => row.tokenHash === token)).toBe(false)
  })

  test('the sign-in page sends a signed-in advisor on, and never to another site', async () => {
    const cookie = await signIn(CAMILLE)
    const page = await get('/espace/connexion', cookie)
    expect(page.headers.get('location')).toBe('/espace')
    const evil = await attemptSignIn(CAMILLE, DEMO_PASSWORD, '//evil.example/')
    expect(evil.headers.get('location')).toBe('/espace')
  })

  test('an inactive advisor cannot sign in, and their open sessions stop working', async () => {
    const lea = 'lea.fontaine@val-de-sorne.example'
    const cookie = await signIn(lea)
    expect((await get('/espace', cookie)).status).toBe(200)
    await database.advisor.update({ where: { email: lea }, data: { active: false } })
    try {
      expect((await get('/espace', cookie)).status).toBe(302)
      const refused = await attemptSignIn(lea, DEMO_PASSWORD)
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain('Adresse e-mail ou mot de passe incorrect.')
    } finally {
      await database.advisor.update({ where: { email: lea }, data: { active: true } })
    }
  })

  test('an expired session is refused', async () => {
    const cookie = await signIn(KARIM)
    const token = tokenOf(cookie)
    await database.advisorSession.update({
      where: { tokenHash: sha256(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expect((await get('/espace', cookie)).status).toBe(302)
  })

  test('sessions are listed, and "end all other sessions" signs the other devices out', async () => {
    const first = await signIn(SOPHIE)
    const second = await signIn(SOPHIE)
    const list = await get('/espace/connexions', second)
    const html = await list.text()
    expect(list.status).toBe(200)
    expect(html).toContain('Mes connexions')
    expect(html).toContain('Cet appareil')
    expect(html).toContain('Terminer toutes les autres connexions')
    const ended = await post('/espace/connexions', { intent: 'end-others' }, second)
    expect(ended.status).toBe(302)
    // Sophie is at reception: her own pages, not the advisors' agenda (which sends her on).
    const signedOut = await get('/espace/connexions', first)
    expect(signedOut.status).toBe(302)
    expect(signedOut.headers.get('location')).toMatch(/^\/espace\/connexion(\?|$)/u)
    expect((await get('/espace/connexions', second)).status).toBe(200)
    const notice = await (await get(ended.headers.get('location')!, second)).text()
    expect(notice).toMatch(/\d+ connexions? terminées?\./)
  })

  test('one session can be ended, but never one of another advisor', async () => {
    const mine = await signIn(KARIM)
    const other = await signIn(KARIM)
    const otherRow = await database.advisorSession.findUniqueOrThrow({
      where: { tokenHash: sha256(tokenOf(other)) },
    })
    const stranger = await signIn(SOPHIE)
    const refused = await post('/espace/connexions', { sessionId: otherRow.id }, stranger)
    expect(refused.status).toBe(404)
    expect((await get('/espace', other)).status).toBe(200)
    const done = await post('/espace/connexions', { sessionId: otherRow.id }, mine)
    expect(done.status).toBe(302)
    expect((await get('/espace', other)).status).toBe(302)
  })

  test('signing out revokes the session in the database and clears the cookie', async () => {
    const cookie = await signIn(KARIM)
    const token = tokenOf(cookie)
    const out = await post('/espace/deconnexion', {}, cookie)
    expect(out.status).toBe(302)
    expect(out.headers.get('location')).toBe('/espace/connexion?deconnecte=1')
    expect(out.headers.get('set-cookie')).toMatch(/advisor_session=;.*Max-Age=0/)
    const row = await database.advisorSession.findUniqueOrThrow({
      where: { tokenHash: sha256(token) },
    })
    expect(row.revokedAt).not.toBeNull()
    expect((await get('/espace', cookie)).status).toBe(302)
  })
})

describe(`advisor calendars on ${testProvider}`, () => {
  test('/espace is the signed-in advisor’s day, with one h1 and navigation by date', async () => {
    const cookie = await session(KARIM)
    const response = await get('/espace?date=2026-03-03', cookie)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('Agenda de Karim Benali')
    expect(html).toContain('mardi 3 mars 2026')
    expect(html).toContain('href="/espace?date=2026-03-02"')
    expect(html).toContain('href="/espace?date=2026-03-04"')
    expect(html).toContain('Aujourd’hui')
    // An advisor chooses no other advisor and sees no site view.
    expect(html).not.toContain('name="conseiller"')
    expect(html).not.toContain('/espace/lieux/')
  })

  test('the week shows each appointment: time, resident, topic, mode, and the number to call', async () => {
    const karim = await database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const phoneCall = await database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'PHONE' },
      include: { resident: true },
    })
    const date = localDateOf(phoneCall.startsAt, 'Europe/Paris')
    const cookie = await session(KARIM)
    const html = await (await get(`/espace?vue=semaine&date=${date}`, cookie)).text()
    expect(html).toContain('Semaine suivante')
    expect(html).toContain('René Girard')
    expect(html).toContain('Mon dossier de retraite, de CAF ou de santé')
    expect(html).toContain('Par téléphone')
    expect(html).toContain(`Appeler le ${formatPhoneForDisplay(phoneCall.resident.phoneE164!)}`)
    expect(html).toContain(printed('10 h – 11 h'))
    // The in-person appointment of the Monday of that week.
    expect(html).toContain('Jeanne Moreau')
    expect(html).toContain('Sur place : Mairie de Saint-Julien-sur-Sorne')
  })

  test('absences are shown on the day', async () => {
    const karim = await database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    await database.absence.create({
      data: {
        advisorId: karim.id,
        startsAt: new Date('2026-03-05T13:00:00Z'),
        endsAt: new Date('2026-03-05T15:30:00Z'),
        reason: 'Formation',
      },
    })
    const cookie = await session(KARIM)
    const html = await (await get('/espace?date=2026-03-05', cookie)).text()
    expect(html).toContain(printed('Absent de 14 h à 16 h 30 : Formation'))
  })

  test('a malformed date shows today rather than failing', async () => {
    const cookie = await session(KARIM)
    const response = await get('/espace?date=2026-02-31', cookie)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain(
      `href="/espace?date=${localDateOf(new Date(), 'Europe/Paris')}"`,
    )
  })

  test('reception picks any advisor and sees a site with its advisors side by side', async () => {
    const karim = await database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const jeanne = await database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
      include: { site: true },
    })
    const date = localDateOf(jeanne.startsAt, 'Europe/Paris')
    const cookie = await session(SOPHIE)
    const calendar = await (await get(`/espace?conseiller=${karim.id}&date=${date}`, cookie)).text()
    expect(calendar).toContain('Agenda de Karim Benali')
    expect(calendar).toContain('name="conseiller"')
    expect(calendar).toContain('Jeanne Moreau')
    const site = await get(`/espace/lieux/${jeanne.siteId}?date=${date}`, cookie)
    const html = await site.text()
    expect(site.status).toBe(200)
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('Mairie de Saint-Julien-sur-Sorne')
    expect(html).toContain('Karim Benali')
    expect(html).toContain('Camille Martin')
    expect(html).toContain('Jeanne Moreau')
  })
})
