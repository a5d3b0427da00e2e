import { afterAll, beforeAll, expect } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { nameSearchKey } from '~/domain/residents/identity'
import { hashPassword } from '~/features/access/passwords.server'
import { startApp, type RunningApp } from './server'

// The harness of the authorisation matrix (issue 5): the demo organisation, a second one
// whose admin must never see the first one's data, and requests as each role. Each area of
// the workspace has its own matrix file that lists its routes and actions.

export type Who = 'ADMIN' | 'OWNER' | 'COLLEAGUE' | 'RECEPTION' | 'OTHER_ORG' | 'ANONYMOUS'
export const EMAILS: Record<Exclude<Who, 'ANONYMOUS'>, string> = {
  ADMIN: 'camille.martin@val-de-sorne.example',
  OWNER: 'karim.benali@val-de-sorne.example',
  COLLEAGUE: 'lea.fontaine@val-de-sorne.example',
  RECEPTION: 'sophie.leroy@val-de-sorne.example',
  OTHER_ORG: 'admin@autre-structure.example',
}
export const WHO: Who[] = ['ADMIN', 'OWNER', 'COLLEAGUE', 'RECEPTION', 'OTHER_ORG', 'ANONYMOUS']

/** Expected status per person; -1 skips that person (for example, where they would succeed). */
export type Row = Record<Who, number>
export const SIGN_IN = 302
/** Readers of Karim's things: admin, Karim and reception; a colleague 403; outside 404. */
export const karimsOwn: Row = {
  ADMIN: 200,
  OWNER: 200,
  COLLEAGUE: 403,
  RECEPTION: 200,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}
/** Something of the other organisation, asked by this one's people: never found. */
export const othersOnly: Row = {
  ADMIN: 404,
  OWNER: 404,
  COLLEAGUE: 404,
  RECEPTION: 404,
  OTHER_ORG: 200,
  ANONYMOUS: SIGN_IN,
}
/** Something that does not exist: not found for anyone signed in. */
export const nobodyFinds: Row = {
  ADMIN: 404,
  OWNER: 404,
  COLLEAGUE: 404,
  RECEPTION: 404,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}
/** Administration of the demo organisation: its admin only. */
export const adminOnly: Row = {
  ADMIN: 200,
  OWNER: 403,
  COLLEAGUE: 403,
  RECEPTION: 403,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}

const PRIVATE = ['René Girard', '04 65 71 00 33', 'Zoé', 'Secrète', '06 99 88 77 66']

export function expectNoResidentData(html: string, context: string) {
  for (const text of PRIVATE) expect(html, `${context} leaks ${text}`).not.toContain(text)
}

export type OtherOrganisation = {
  organisationId: string
  advisorId: string
  siteId: string
  appointmentId: string
  residentId: string
  topicId: string
}

/** Starts the demo app for one matrix file; call at the top level of the file. */
export function authorisationMatrix() {
  let app: RunningApp
  let database: Db
  let other: OtherOrganisation
  const cookies = new Map<Who, string>()
  beforeAll(async () => {
    app = await startApp({ SEED_DEMO: '1' })
    database = createDb(resolveDatabaseConfig(app.databaseUrl))
    other = await createOtherOrganisation(database)
  })
  afterAll(async () => {
    await database?.$disconnect()
    await app?.stop()
  })

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

  /** Each path, as each person: the expected status, and no resident data when refused. */
  async function expectGets(cases: { path: string; expected: Row }[]) {
    for (const { path, expected } of cases) {
      for (const who of WHO) {
        if (expected[who] === -1) continue
        const response = await request(who, path)
        const context = `${who} GET ${path}`
        expect(response.status, context).toBe(expected[who])
        if (expected[who] === SIGN_IN) {
          expect(response.headers.get('location'), context).toMatch(/^\/espace\/connexion\?/)
        }
        if (expected[who] !== 200) expectNoResidentData(await response.text(), context)
      }
    }
  }

  /**
   * Each action, as each person: the expected status; when refused, no resident data in
   * the body and `snapshot` (the rows the action could change) unchanged.
   */
  async function expectActions(
    actions: {
      path: () => Promise<string>
      fields: () => Promise<Record<string, string>>
      expected: Row
    }[],
    snapshot: () => Promise<unknown>,
  ) {
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
  }

  /** Karim's appointment with René Girard, and the other demo resources routes take. */
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

  return {
    app: () => app,
    database: () => database,
    other: () => other,
    cookieOf,
    request,
    expectGets,
    expectActions,
    targets,
  }
}

async function createOtherOrganisation(database: Db): Promise<OtherOrganisation> {
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
  return {
    organisationId: organisation.id,
    advisorId: advisor.id,
    siteId: site.id,
    appointmentId: appointment.id,
    residentId: resident.id,
    topicId: topic.id,
  }
}
