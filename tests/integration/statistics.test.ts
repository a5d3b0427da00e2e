import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'
import {
  createStatisticsFixture,
  OCTOBER,
  STATS_EMAILS,
  STATS_PASSWORD,
} from '../support/statistics-fixture'

// The statistics page and its CSV tables over HTTP (decision 087), against figures counted
// by hand in tests/support/statistics-fixture.ts: October 2026 against the 31 days before.

let app: RunningApp
let db: Db
let fixture: Awaited<ReturnType<typeof createStatisticsFixture>>
const cookies = new Map<string, string>()

beforeAll(async () => {
  app = await startApp()
  db = appDatabase(app)
  fixture = await createStatisticsFixture(db)
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
})

async function cookieOf(email: string) {
  const known = cookies.get(email)
  if (known) return known
  const response = await fetch(`${app.url}/espace/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: STATS_PASSWORD }),
    redirect: 'manual',
  })
  expect(response.status, email).toBe(302)
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!
  cookies.set(email, cookie)
  return cookie
}

const get = async (path: string, email = STATS_EMAILS.admin) =>
  fetch(`${app.url}${path}`, { headers: { cookie: await cookieOf(email) }, redirect: 'manual' })

/** A CSV table as rows of cells (semicolons, after the byte-order mark). */
async function csv(table: string, query = OCTOBER, email = STATS_EMAILS.admin) {
  const response = await get(`/espace/statistiques/${table}.csv${query}`, email)
  expect(response.status, table).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
  const bytes = Buffer.from(await response.arrayBuffer())
  // The byte-order mark (fetch's text() would drop it): spreadsheets then read UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return bytes
    .subarray(3)
    .toString('utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(';'))
}

describe(`statistics on ${testProvider}`, () => {
  test('the organisation’s figures, against the previous period, in the page and its CSV', async () => {
    const page = await get(`/espace/statistiques${OCTOBER}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Du 1 octobre 2026 au 31 octobre 2026')
    expect(html).toContain('Comparé au 31 août 2026 – 30 septembre 2026')
    // Each chart an image with a name, followed by its table with a caption.
    expect(html.match(/<svg[^>]*role="img"/g)?.length).toBe(6)
    expect(html).toContain('>Rendez-vous par statut</caption>')
    expect(html).toContain('Taux d’absence (absents / honorés et absents)')
    expect(html).toContain('25,0')
    expect(html).toContain('-25 pts')

    expect(await csv('indicateurs')).toEqual([
      ['Indicateur', 'Période', 'Période précédente', 'Écart'],
      ['Rendez-vous', '6', '2', '4'],
      ['Rendez-vous honorés', '3', '1', '2'],
      ['Taux d’absence (absents / honorés et absents)', '25.0', '50.0', '-25.0'],
      ['Délai médian entre réservation et rendez-vous', '3.5', '2.0', '1.5'],
      ['Délai moyen entre réservation et rendez-vous', '3.5', '2.0', '1.5'],
      ['Personnes accompagnées', '4', '1', '3'],
      ['dont nouvelles', '3', '1', '2'],
      ['dont déjà accompagnées', '1', '0', '1'],
      ['Séances d’atelier tenues', '1', '0', '1'],
      ['Taux de remplissage des ateliers (places prises / places)', '75.0', '', ''],
      ['Inscriptions en liste d’attente', '2', '0', '2'],
      ['Listes d’attente devenues inscriptions', '1', '0', '1'],
      ['Segments SMS utilisés', '3', '0', '3'],
    ])
    expect((await csv('statuts')).slice(1)).toEqual([
      ['Honorés', '3', '1', '2'],
      ['Absents', '1', '1', '0'],
      ['Excusés (annulés par l’usager)', '1', '0', '1'],
      ['Annulés par le service', '1', '0', '1'],
      ['À venir ou non renseignés', '0', '0', '0'],
    ])
    expect((await csv('canaux')).slice(1)).toEqual([
      ['En ligne', '3', '1', '2'],
      ['Accueil', '1', '1', '0'],
      ['Aidant', '1', '0', '1'],
      ['Conseiller', '1', '0', '1'],
    ])
    expect((await csv('modalites')).slice(1)).toEqual([
      ['Sur place', '4', '2', '2'],
      ['Par téléphone', '2', '0', '2'],
    ])
    expect((await csv('themes')).slice(1)).toEqual([
      ['E-mail', '3', '1', '2'],
      ['Papiers, élections, citoyenneté', '3', '1', '2'],
    ])
    expect((await csv('rappels')).slice(1, 5)).toEqual([
      ['SMS : envoyés', '1', '0', '1'],
      ['SMS : remis', '1', '0', '1'],
      ['SMS : en échec', '1', '0', '1'],
      ['Appel vocal : envoyés', '0', '0', '0'],
    ])
    expect((await csv('rappels')).at(-3)).toEqual(['E-mail : envoyés', '1', '0', '1'])
    expect((await csv('france-services')).slice(1)).toEqual([['CAF', '2', '1', '1']])
  })

  test('filters: one advisor, one site; English; a wrong period is explained', async () => {
    const karim = `${OCTOBER}&conseiller=${fixture.karim.id}`
    expect((await csv('indicateurs', karim)).slice(1, 3)).toEqual([
      ['Rendez-vous', '4', '2', '2'],
      ['Rendez-vous honorés', '2', '1', '1'],
    ])
    const site = `${OCTOBER}&lieu=${fixture.site.id}`
    expect((await csv('modalites', site)).slice(1)).toEqual([
      ['Sur place', '4', '2', '2'],
      ['Par téléphone', '0', '0', '0'],
    ])
    // Messages follow their appointment's advisor and site: Karim's three reminders; at
    // the site, the in-person ones and Léa's two-segment confirmation.
    expect((await csv('rappels', karim)).slice(1, 4)).toEqual([
      ['SMS : envoyés', '1', '0', '1'],
      ['SMS : remis', '1', '0', '1'],
      ['SMS : en échec', '1', '0', '1'],
    ])
    expect((await csv('indicateurs', karim)).find((row) => row[0]!.startsWith('Segments'))).toEqual(
      ['Segments SMS utilisés', '1', '0', '1'],
    )
    expect((await csv('rappels', site)).slice(1, 4)).toEqual([
      ['SMS : envoyés', '1', '0', '1'],
      ['SMS : remis', '1', '0', '1'],
      ['SMS : en échec', '0', '0', '0'],
    ])
    expect((await csv('rappels', site)).at(-3)).toEqual(['E-mail : envoyés', '1', '0', '1'])
    expect((await csv('indicateurs', site)).find((row) => row[0]!.startsWith('Segments'))).toEqual([
      'Segments SMS utilisés',
      '3',
      '0',
      '3',
    ])
    const english = await get(`/espace/statistiques${OCTOBER}&lng=en`)
    expect(await english.text()).toContain('Appointments by booking channel')
    const reversed = await get('/espace/statistiques?periode=custom&du=2026-10-31&au=2026-10-01')
    expect(reversed.status).toBe(200)
    const text = await reversed.text()
    expect(text).toContain('La date de fin doit suivre la date de début.')
    expect(text).toContain('value="2026-10-31"')
    const noTable = await get('/espace/statistiques/inconnu.csv')
    expect(noTable.status).toBe(404)
  })

  test('an advisor sees their own figures only; reception is refused', async () => {
    const own = await get(`/espace/statistiques${OCTOBER}`, STATS_EMAILS.karim)
    expect(own.status).toBe(200)
    const html = await own.text()
    expect(html).toContain('Vos propres rendez-vous et ateliers.')
    expect(html).not.toContain('id="statistics-advisor"')
    expect((await csv('indicateurs', OCTOBER, STATS_EMAILS.karim)).slice(1, 2)).toEqual([
      ['Rendez-vous', '4', '2', '2'],
    ])
    const colleague = `${OCTOBER}&conseiller=${fixture.lea.id}`
    expect((await get(`/espace/statistiques${colleague}`, STATS_EMAILS.karim)).status).toBe(403)
    expect(
      (await get(`/espace/statistiques/statuts.csv${colleague}`, STATS_EMAILS.karim)).status,
    ).toBe(403)
    expect((await get('/espace/statistiques', STATS_EMAILS.reception)).status).toBe(403)
    expect((await get('/espace/statistiques/statuts.csv', STATS_EMAILS.reception)).status).toBe(403)
  })
})
