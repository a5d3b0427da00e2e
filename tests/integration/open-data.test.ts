import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { FIELD_NAMES, placeOfCsvRow, placeProblems, type Place } from '~/domain/open-data/standard'
import { testProvider } from '../support/database'
import { SERVED_URL, startApp, type RunningApp } from '../support/server'
import { demoSessions, SETTINGS } from '../support/workspace'

// The open-data feeds of digital mediation places (decision 088), over HTTP on a real
// database: an organisation's and the instance's JSON and CSV, valid against LaMednum's
// standard; what is left out (no pivot, not listed, another organisation's); the pivot
// typed on the settings page and the site page.

const CAMILLE = 'camille.martin@val-de-sorne.example'
const ORGANISATION_FEED = `/${DEMO_ORGANISATION_SLUG}/donnees/lieux`
let app: RunningApp
let database: Db
const as = demoSessions(() => app)
let townHallId: string
let libraryId: string
let associationSiteId: string

beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1', WORKER: 'off', PUBLIC_URL: SERVED_URL })
  database = createDb(resolveDatabaseConfig(app.databaseUrl))
  const sites = await database.site.findMany({ orderBy: { name: 'asc' } })
  libraryId = sites.find((site) => site.name.startsWith('Médiathèque'))!.id
  townHallId = sites.find((site) => site.name.startsWith('Mairie'))!.id
  associationSiteId = await otherOrganisation('asso-numerique', 'W751234567')
  await otherOrganisation('sans-pivot', null)
})
afterAll(async () => {
  await database?.$disconnect()
  await app?.stop()
})

/** An association with one site open on Tuesday mornings, and its topic; returns the site. */
async function otherOrganisation(slug: string, pivot: string | null) {
  const organisation = await database.organisation.create({
    data: {
      slug,
      name: `Association ${slug}`,
      kind: 'ASSOCIATION',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
      pivot,
      email: `contact@${slug}.example`,
    },
  })
  const site = await database.site.create({
    data: {
      organisationId: organisation.id,
      name: `Local de ${slug}`,
      address: '3 rue Haute',
      postalCode: '41000',
      city: 'Blois',
    },
  })
  const advisor = await database.advisor.create({
    data: {
      organisationId: organisation.id,
      firstName: 'Alex',
      lastName: 'Durand',
      role: 'ADVISOR',
      email: `alex@${slug}.example`,
    },
  })
  await database.topic.create({
    data: {
      organisationId: organisation.id,
      name: 'Créer une adresse e-mail',
      theme: 'DIGITAL_EMAIL',
      durationMinutes: 30,
    },
  })
  await database.openingRule.create({
    data: {
      advisorId: advisor.id,
      siteId: site.id,
      weekdays: '2',
      startTime: '09:00',
      endTime: '12:00',
      validFrom: '2026-01-05',
    },
  })
  return site.id
}

async function post(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(key, one)
  }
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    body,
    headers: { cookie: await as(CAMILLE) },
    redirect: 'manual',
  })
}

const page = async (path: string) =>
  (await fetch(`${app.url}${path}`, { headers: { cookie: await as(CAMILLE) } })).text()

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`, 'u').exec(html)?.[1] ?? ''

/** A feed read anonymously, checked against the standard place by place. */
async function jsonFeed(path: string): Promise<Place[]> {
  const response = await fetch(`${app.url}${path}.json`)
  expect(response.status).toBe(200)
  expect(response.headers.get('access-control-allow-origin')).toBe('*')
  expect(response.headers.get('cache-control')).toBe('public, max-age=300')
  const places = (await response.json()) as Place[]
  for (const place of places) expect(placeProblems(place), String(place.id)).toEqual([])
  expect(new Set(places.map((place) => place.id)).size).toBe(places.length)
  return places
}

async function csvFeed(path: string): Promise<Place[]> {
  const response = await fetch(`${app.url}${path}.csv`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  const [header, ...rows] = parse(await response.text()) as string[][]
  expect(header).toEqual(FIELD_NAMES)
  const places = rows.map((row) => placeOfCsvRow(header!, row))
  for (const place of places) expect(placeProblems(place), String(place.id)).toEqual([])
  return places
}

describe(`open data on ${testProvider}`, () => {
  test('an organisation without a pivot publishes nothing, and its site page says why', async () => {
    expect(await jsonFeed(ORGANISATION_FEED)).toEqual([])
    expect(await csvFeed(ORGANISATION_FEED)).toEqual([])
    const html = await page(`/espace/admin/lieux/${townHallId}`)
    expect(html).toContain('Ce lieu ne peut pas être publié : le standard exige un SIRET ou un RNA')
    expect(html).toContain(`href="${ORGANISATION_FEED}.json"`)
  })

  test('the settings page refuses a wrong SIRET, keeps it, and saves a right one', async () => {
    const settings = await page('/espace/admin/reglages')
    const updatedAt = hidden(settings, 'updatedAt')
    const wrong = await post('/espace/admin/reglages', {
      ...SETTINGS,
      updatedAt,
      pivot: '434 933 123 00028',
    })
    expect(wrong.status).toBe(400)
    const wrongHtml = await wrong.text()
    expect(wrongHtml).toContain('Ce SIRET n’existe pas')
    expect(wrongHtml).toContain('value="434 933 123 00028"')
    const garbled = await post('/espace/admin/reglages', { ...SETTINGS, updatedAt, pivot: 'X12' })
    expect(await garbled.text()).toContain('Indiquez un SIRET (14 chiffres) ou un RNA')
    const saved = await post('/espace/admin/reglages', {
      ...SETTINGS,
      updatedAt,
      pivot: '434 933 123 00029',
    })
    expect(saved.status).toBe(302)
    const organisation = await database.organisation.findUniqueOrThrow({
      where: { slug: DEMO_ORGANISATION_SLUG },
    })
    expect(organisation.pivot).toBe('43493312300029')
  })

  test("the organisation's sites in JSON and CSV, valid against the standard", async () => {
    const places = await jsonFeed(ORGANISATION_FEED)
    expect(places.map((place) => place.id).sort()).toEqual(
      [`permanence-${libraryId}`, `permanence-${townHallId}`].sort(),
    )
    const townHall = places.find((place) => place.id === `permanence-${townHallId}`)!
    expect(townHall).toMatchObject({
      pivot: '43493312300029',
      nom: 'Mairie de Saint-Julien-sur-Sorne',
      commune: 'Saint-Julien-sur-Sorne',
      code_postal: '39570',
      code_insee: '39999',
      adresse: '2 place de la Mairie',
      latitude: 46.6341,
      longitude: 5.5532,
      telephone: '+33365710101',
      courriels: 'france-services@val-de-sorne.example',
      // Karim's two ranges on Monday and Wednesday, Camille's Tuesday morning.
      horaires: 'Mo,We 09:00-12:30,13:30-17:00; Tu 09:00-12:00; PH off',
      // Camille also holds hours at the library.
      itinerance: 'Itinérant',
      dispositif_programmes_nationaux: 'Conseillers numériques|France Services',
      modalites_acces: 'Prendre un RDV en ligne|Téléphoner',
      prise_rdv: `${app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous`,
    })
    expect(String(townHall.services).split('|')).toEqual(
      expect.arrayContaining([
        'Aide aux démarches administratives',
        'Utilisation sécurisée du numérique',
      ]),
    )
    expect(townHall.date_maj).toMatch(/^\d{4}-\d{2}-\d{2}$/u)
    const library = places.find((place) => place.id === `permanence-${libraryId}`)!
    expect(library.horaires).toMatch(
      /^Tu 09:00-12:00; Th 09:00-12:00,14:00-17:30, week \d\d-53\/2 Sa 09:30-12:00; PH off$/u,
    )
    expect(await csvFeed(ORGANISATION_FEED)).toEqual(places)
  })

  test('a site not listed, or of another organisation, is not in the feed', async () => {
    const html = await page(`/espace/admin/lieux/${libraryId}`)
    expect(html).toContain('Ce lieu est publié dans les données ouvertes.')
    const site = await database.site.findUniqueOrThrow({ where: { id: libraryId } })
    const refused = await post(`/espace/admin/lieux/${libraryId}`, {
      name: site.name,
      address: site.address,
      postalCode: site.postalCode,
      city: site.city,
      pivot: '1234',
      openData: 'on',
      updatedAt: hidden(html, 'updatedAt'),
    })
    expect(refused.status).toBe(400)
    const refusedHtml = await refused.text()
    expect(refusedHtml).toContain('Indiquez un SIRET (14 chiffres) ou un RNA')
    expect(refusedHtml).toContain('value="1234"')
    // Unticked, the site leaves the feed; its own pivot (an RNA) is kept for later.
    const saved = await post(`/espace/admin/lieux/${libraryId}`, {
      name: site.name,
      address: site.address,
      postalCode: site.postalCode,
      city: site.city,
      pivot: 'w391234567',
      updatedAt: hidden(html, 'updatedAt'),
    })
    expect(saved.status).toBe(302)
    expect(await database.site.findUniqueOrThrow({ where: { id: libraryId } })).toMatchObject({
      openData: false,
      pivot: 'W391234567',
    })
    expect(await page(`/espace/admin/lieux/${libraryId}`)).toContain(
      'la case « Publier dans la cartographie nationale » n’est pas cochée',
    )
    const places = await jsonFeed(ORGANISATION_FEED)
    expect(places.map((place) => place.id)).toEqual([`permanence-${townHallId}`])
    expect(await csvFeed(ORGANISATION_FEED)).toEqual(places)
    expect((await jsonFeed('/asso-numerique/donnees/lieux')).map((place) => place.id)).toEqual([
      `permanence-${associationSiteId}`,
    ])
  })

  test('the instance feed: every published site, none without a pivot', async () => {
    const places = await jsonFeed('/donnees/lieux')
    expect(places.map((place) => place.id).sort()).toEqual(
      [`permanence-${associationSiteId}`, `permanence-${townHallId}`].sort(),
    )
    const association = places.find((place) => place.id === `permanence-${associationSiteId}`)!
    expect(association).toMatchObject({
      pivot: 'W751234567',
      horaires: 'Tu 09:00-12:00; PH off',
      services: 'Maîtrise des outils numériques du quotidien',
      itinerance: 'Fixe',
      dispositif_programmes_nationaux: 'Conseillers numériques',
      modalites_acces: 'Prendre un RDV en ligne',
      courriels: 'contact@asso-numerique.example',
    })
    expect(await csvFeed('/donnees/lieux')).toEqual(places)
    expect(await jsonFeed('/sans-pivot/donnees/lieux')).toEqual([])
    expect((await fetch(`${app.url}/inconnue/donnees/lieux.json`)).status).toBe(404)
  })
})
