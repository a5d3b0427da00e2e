import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/db/client.server'
import { resolveDatabaseConfig } from '~/db/config.server'
import { DEMO_PASSWORD } from '~/db/seed.server'
import { nameSearchKey } from '~/domain/residents/identity'
import { hashPassword } from '~/server/passwords.server'
import { testProvider } from '../support/database'
import { startApp, type RunningApp } from '../support/server'

// Every workspace route and action, for every role and for an advisor of another
// organisation: refused where it must be (403 in the organisation, 404 outside it), with
// no resident data in the body and no row changed.

let app: RunningApp
let database: Db
beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1' })
  database = createDb(resolveDatabaseConfig(app.databaseUrl))
  await createOtherOrganisation()
})
afterAll(async () => {
  await database?.$disconnect()
  await app?.stop()
})

type Who = 'ADMIN' | 'OWNER' | 'COLLEAGUE' | 'RECEPTION' | 'OTHER_ORG' | 'ANONYMOUS'
const EMAILS: Record<Exclude<Who, 'ANONYMOUS'>, string> = {
  ADMIN: 'camille.martin@val-de-sorne.example',
  OWNER: 'karim.benali@val-de-sorne.example',
  COLLEAGUE: 'lea.fontaine@val-de-sorne.example',
  RECEPTION: 'sophie.leroy@val-de-sorne.example',
  OTHER_ORG: 'admin@autre-structure.example',
}
const WHO: Who[] = ['ADMIN', 'OWNER', 'COLLEAGUE', 'RECEPTION', 'OTHER_ORG', 'ANONYMOUS']
const cookies = new Map<Who, string>()

async function cookieOf(who: Who) {
  if (who === 'ANONYMOUS') return ''
  const known = cookies.get(who)
  if (known) return known
  const response = await fetch(`${app.url}/espace/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ email: EMAILS[who], password: DEMO_PASSWORD }),
    redirect: 'manual',
  })
  expect(response.status, who).toBe(302)
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!
  cookies.set(who, cookie)
  return cookie
}

const request = async (who: Who, path: string, fields?: Record<string, string>) =>
  fetch(`${app.url}${path}`, {
    method: fields ? 'POST' : 'GET',
    body: fields ? new URLSearchParams(fields) : undefined,
    headers: { cookie: await cookieOf(who) },
    redirect: 'manual',
  })

let other: { siteId: string; appointmentId: string; residentId: string; topicId: string }

async function createOtherOrganisation() {
  const organisation = await database.organisation.create({
    data: {
      slug: 'autre-structure',
      name: 'Autre structure',
      kind: 'COMMUNE',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
    },
  })
  const advisor = await database.advisor.create({
    data: {
      organisationId: organisation.id,
      firstName: 'Oscar',
      lastName: 'Ailleurs',
      email: EMAILS.OTHER_ORG,
      role: 'ADMIN',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    },
  })
  const site = await database.site.create({
    data: {
      organisationId: organisation.id,
      name: 'Mairie d’ailleurs',
      address: '1 rue Loin',
      postalCode: '75001',
      city: 'Ailleurs',
    },
  })
  const topic = await database.topic.create({
    data: {
      organisationId: organisation.id,
      name: 'Motif d’ailleurs',
      theme: 'MONEY_TAXES',
      durationMinutes: 30,
    },
  })
  const resident = await database.resident.create({
    data: {
      organisationId: organisation.id,
      firstName: 'Zoé',
      lastName: 'Secrète',
      searchKey: nameSearchKey('Zoé', 'Secrète'),
      phoneE164: '+33699887766',
      phoneType: 'MOBILE',
      createdVia: 'ONLINE',
    },
  })
  const startsAt = new Date(Date.now() + 3 * 86_400_000)
  const appointment = await database.appointment.create({
    data: {
      organisationId: organisation.id,
      advisorId: advisor.id,
      topicId: topic.id,
      residentId: resident.id,
      mode: 'IN_PERSON',
      siteId: site.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      createdVia: 'ONLINE',
    },
  })
  other = {
    siteId: site.id,
    appointmentId: appointment.id,
    residentId: resident.id,
    topicId: topic.id,
  }
}

/** Karim's appointment with René Girard (org A), and the other resources the routes take. */
async function targets() {
  const karim = await database.advisor.findUniqueOrThrow({ where: { email: EMAILS.OWNER } })
  const appointment = await database.appointment.findFirstOrThrow({
    where: { advisorId: karim.id, mode: 'PHONE' },
  })
  const townHall = await database.site.findFirstOrThrow({
    where: { name: { contains: 'Mairie de Saint' } },
  })
  const rene = await database.resident.findFirstOrThrow({ where: { lastName: 'Girard' } })
  const taxes = await database.topic.findFirstOrThrow({
    where: { name: 'Déclarer mes impôts en ligne' },
  })
  return { karim, appointment, townHall, rene, taxes }
}

type Row = Record<Who, number>
const SIGN_IN = 302
/** Readers of Karim's things: admin, Karim and reception; a colleague 403; outside 404. */
const karimsOwn: Row = {
  ADMIN: 200,
  OWNER: 200,
  COLLEAGUE: 403,
  RECEPTION: 200,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}

const PRIVATE = ['René Girard', '04 65 71 00 33', 'Zoé', 'Secrète', '06 99 88 77 66']

function expectNoResidentData(html: string, context: string) {
  for (const text of PRIVATE) expect(html, `${context} leaks ${text}`).not.toContain(text)
}

describe(`authorisation matrix on ${testProvider}`, () => {
  test('GET routes: every role and another organisation', async () => {
    const { karim, appointment, townHall, rene } = await targets()
    const cases: { path: string; expected: Row }[] = [
      { path: `/espace?conseiller=${karim.id}`, expected: karimsOwn },
      { path: `/espace?vue=semaine&conseiller=${karim.id}`, expected: karimsOwn },
      {
        path: `/espace/lieux/${townHall.id}`,
        expected: { ...karimsOwn, OWNER: 403 },
      },
      { path: `/espace/rendez-vous/${appointment.id}`, expected: karimsOwn },
      { path: `/espace/rendez-vous/${appointment.id}/fiche`, expected: karimsOwn },
      {
        path: `/espace/reserver?usager=${rene.id}`,
        expected: { ...karimsOwn, COLLEAGUE: 200 },
      },
      {
        path: `/espace/reserver?q=girard`,
        expected: { ...karimsOwn, COLLEAGUE: 200, OTHER_ORG: 200 },
      },
      // The other organisation's resources, asked by this one's people: never found.
      {
        path: `/espace/rendez-vous/${other.appointmentId}`,
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: 200,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        path: `/espace/rendez-vous/${other.appointmentId}/fiche`,
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: 200,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        path: `/espace/lieux/${other.siteId}`,
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: 200,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        path: `/espace/reserver?usager=${other.residentId}`,
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: 200,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        path: `/espace/reserver?usager=${rene.id}&motif=${other.topicId}&lieu=${other.siteId}`,
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: 404,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        path: '/espace/connexions',
        expected: {
          ADMIN: 200,
          OWNER: 200,
          COLLEAGUE: 200,
          RECEPTION: 200,
          OTHER_ORG: 200,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        path: '/espace/rendez-vous/does-not-exist',
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: 404,
          ANONYMOUS: SIGN_IN,
        },
      },
    ]
    for (const { path, expected } of cases) {
      for (const who of WHO) {
        const response = await request(who, path)
        const context = `${who} GET ${path}`
        expect(response.status, context).toBe(expected[who])
        if (expected[who] === SIGN_IN) {
          expect(response.headers.get('location'), context).toMatch(/^\/espace\/connexion\?/)
        }
        if (expected[who] !== 200) expectNoResidentData(await response.text(), context)
      }
    }
  })

  test('POST actions: refused ones change no row', async () => {
    const { appointment, rene, taxes } = await targets()
    const snapshot = async () => ({
      appointments: await database.appointment.findMany({
        select: { id: true, version: true, status: true, note: true },
        orderBy: { id: 'asc' },
      }),
      audit: await database.auditEvent.count(),
      residents: await database.resident.count(),
    })
    const attendance: Row = { ...karimsOwn, ADMIN: 302, OWNER: 302, RECEPTION: 302 }
    const actions: {
      path: () => Promise<string>
      fields: () => Promise<Record<string, string>>
      expected: Row
    }[] = [
      {
        path: async () => `/espace/rendez-vous/${appointment.id}`,
        fields: async () => ({
          intent: 'note',
          version: String(
            (await database.appointment.findUniqueOrThrow({ where: { id: appointment.id } }))
              .version,
          ),
          note: 'Note du test',
        }),
        expected: attendance,
      },
      {
        path: async () => `/espace/rendez-vous/${other.appointmentId}`,
        fields: async () => ({ intent: 'status', version: '0', status: 'CANCELLED', reason: 'x' }),
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: -1,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        // Booking with a resident of another organisation.
        path: async () =>
          `/espace/reserver?usager=${other.residentId}&motif=${taxes.id}&lieu=telephone`,
        fields: async () => ({
          usager: other.residentId,
          motif: taxes.id,
          lieu: 'telephone',
          idempotencyKey: crypto.randomUUID(),
          start: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        }),
        expected: {
          ADMIN: 404,
          OWNER: 404,
          COLLEAGUE: 404,
          RECEPTION: 404,
          OTHER_ORG: -1,
          ANONYMOUS: SIGN_IN,
        },
      },
      {
        // Booking a topic of this organisation from another one.
        path: async () => `/espace/reserver?usager=${rene.id}&motif=${taxes.id}&lieu=telephone`,
        fields: async () => ({
          usager: rene.id,
          motif: taxes.id,
          lieu: 'telephone',
          idempotencyKey: crypto.randomUUID(),
          start: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        }),
        expected: {
          ADMIN: -1,
          OWNER: -1,
          COLLEAGUE: -1,
          RECEPTION: -1,
          OTHER_ORG: 404,
          ANONYMOUS: SIGN_IN,
        },
      },
    ]
    for (const action of actions) {
      for (const who of WHO) {
        const expected = action.expected[who]
        if (expected === -1) continue
        const path = await action.path()
        const before = await snapshot()
        const response = await request(who, path, await action.fields())
        const context = `${who} POST ${path}`
        expect(response.status, context).toBe(expected)
        if (expected === 302 && who !== 'ANONYMOUS') continue
        expectNoResidentData(await response.text(), context)
        expect(await snapshot(), context).toEqual(before)
      }
    }
  })

  test('sign out and session actions only ever touch the signed-in advisor', async () => {
    const victim = await database.advisor.findUniqueOrThrow({ where: { email: EMAILS.OWNER } })
    await cookieOf('OWNER')
    const sessions = await database.advisorSession.findMany({
      where: { advisorId: victim.id, revokedAt: null },
    })
    for (const who of ['ADMIN', 'RECEPTION', 'OTHER_ORG', 'ANONYMOUS'] as const) {
      const ended = await request(who, '/espace/connexions', { sessionId: sessions[0]!.id })
      expect(ended.status, who).toBe(who === 'ANONYMOUS' ? SIGN_IN : 404)
    }
    expect(
      await database.advisorSession.count({ where: { advisorId: victim.id, revokedAt: null } }),
    ).toBe(sessions.length)
  })
})
