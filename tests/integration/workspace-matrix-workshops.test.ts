import { DateTime } from 'luxon'
import { describe, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import {
  authorisationMatrix,
  nobodyFinds,
  othersOnly,
  SIGN_IN,
  type Row,
} from '../support/authorisation-matrix'
import { testProvider } from '../support/database'

// Workshop sessions in the workspace (decision 082): every route and action, for every
// role and for an admin of another organisation. Admins and advisors create, change and
// cancel; everyone of the organisation sees sessions, registers people and marks
// attendance; another organisation never finds them.

const matrix = authorisationMatrix()
const database = () => matrix.database()
const other = () => matrix.other()

/** Everyone of the organisation; another one's admin finds nothing. */
const organisationWide: Row = {
  ADMIN: 200,
  OWNER: 200,
  COLLEAGUE: 200,
  RECEPTION: 200,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}
/** Admins and advisors; reception is refused. */
const managers: Row = { ...organisationWide, RECEPTION: 403 }
/** Each one's own organisation's page: everyone signed in. */
const anyoneSignedIn: Row = { ...organisationWide, OTHER_ORG: 200 }

const later = (weeks: number) =>
  DateTime.now().setZone('Europe/Paris').startOf('week').plus({ weeks }).set({ hour: 14 })

/** A session of a collective topic with its seats and its advisor's time, as the workspace writes them. */
async function session(
  db: Db,
  data: { organisationId: string; siteId: string; advisorId: string; topicId: string },
  weeks: number,
) {
  const startsAt = later(weeks).toJSDate()
  const endsAt = later(weeks).plus({ hours: 2 }).toJSDate()
  return db.workshopSession.create({
    data: {
      organisationId: data.organisationId,
      topicId: data.topicId,
      siteId: data.siteId,
      startsAt,
      endsAt,
      seatCount: 4,
      seats: { create: [1, 2, 3, 4].map((number) => ({ number })) },
      advisors: { create: [{ advisorId: data.advisorId, startsAt, endsAt }] },
    },
    include: { seats: true },
  })
}

async function register(
  db: Db,
  organisationId: string,
  sessionId: string,
  seatId: string,
  residentId: string,
) {
  return db.workshopRegistration.create({
    data: { organisationId, sessionId, residentId, seatId, createdVia: 'RECEPTION' },
  })
}

async function targets() {
  const { karim, townHall } = await matrix.targets()
  const db = database()
  const topic = await db.topic.create({
    data: {
      organisationId: karim.organisationId,
      name: 'Atelier smartphone',
      format: 'COLLECTIVE',
      theme: 'DIGITAL_EQUIPMENT',
      durationMinutes: 120,
    },
  })
  const ours = await session(
    db,
    {
      organisationId: karim.organisationId,
      siteId: townHall.id,
      advisorId: karim.id,
      topicId: topic.id,
    },
    7,
  )
  const participant = await db.resident.create({
    data: {
      organisationId: karim.organisationId,
      firstName: 'Paul',
      lastName: 'Atelier',
      searchKey: 'paul atelier',
      phoneE164: '+33612349999',
      phoneType: 'MOBILE',
      createdVia: 'RECEPTION',
    },
  })
  const registration = await register(
    db,
    karim.organisationId,
    ours.id,
    ours.seats[0]!.id,
    participant.id,
  )
  await db.topic.update({ where: { id: other().topicId }, data: { format: 'COLLECTIVE' } })
  const theirs = await session(
    db,
    {
      organisationId: other().organisationId,
      siteId: other().siteId,
      advisorId: other().advisorId,
      topicId: other().topicId,
    },
    8,
  )
  // Zoé Secrète, of the other organisation, is on their list: never shown here.
  await register(db, other().organisationId, theirs.id, theirs.seats[0]!.id, other().residentId)
  return { karim, townHall, topic, ours, theirs, registration }
}

let found: Awaited<ReturnType<typeof targets>> | undefined
const ids = async () => (found ??= await targets())

describe(`authorisation matrix of workshops on ${testProvider}`, () => {
  test('GET routes: every role and another organisation', async () => {
    const { ours, theirs } = await ids()
    const base = `/espace/ateliers/${ours.id}`
    await matrix.expectGets([
      { path: '/espace/ateliers', expected: anyoneSignedIn },
      { path: '/espace/ateliers/nouveau', expected: { ...anyoneSignedIn, RECEPTION: 403 } },
      { path: base, expected: organisationWide },
      { path: `${base}/modifier`, expected: managers },
      { path: `${base}/annuler`, expected: managers },
      { path: `${base}/inscrire`, expected: organisationWide },
      { path: `${base}/inscrire?usager=nouveau`, expected: organisationWide },
      { path: `${base}/emargement`, expected: organisationWide },
      { path: `/espace/ateliers/${theirs.id}`, expected: othersOnly },
      { path: `/espace/ateliers/${theirs.id}/emargement`, expected: othersOnly },
      {
        path: `/espace/ateliers/${theirs.id}/inscrire?usager=${other().residentId}`,
        expected: othersOnly,
      },
      { path: `${base}/inscrire?usager=${other().residentId}`, expected: nobodyFinds },
      { path: '/espace/ateliers/nexistepas', expected: nobodyFinds },
      { path: '/espace/ateliers/nexistepas/emargement', expected: nobodyFinds },
    ])
  })

  test('POST actions: refused ones change nothing and show no resident', async () => {
    const { karim, townHall, topic, ours, theirs, registration } = await ids()
    const snapshot = async () => ({
      sessions: await database().workshopSession.findMany({
        select: { id: true, status: true, version: true, startsAt: true },
        orderBy: { id: 'asc' },
      }),
      seats: await database().workshopSeat.count(),
      holds: await database().workshopSessionAdvisor.findMany({ orderBy: { sessionId: 'asc' } }),
      registrations: await database().workshopRegistration.findMany({
        select: { id: true, status: true },
        orderBy: { id: 'asc' },
      }),
      residents: await database().resident.count(),
      audit: await database().auditEvent.count(),
    })
    const version = async (id: string) =>
      String((await database().workshopSession.findUniqueOrThrow({ where: { id } })).version)
    const date = later(9).toISODate()!
    const newSession = async () => ({
      topicId: topic.id,
      siteId: townHall.id,
      advisorIds: karim.id,
      date,
      startTime: '14:00',
      endTime: '16:00',
      seatCount: '6',
      level: 'BEGINNER',
      repeat: 'ONCE',
    })
    const change = async () => ({
      version: await version(ours.id),
      siteId: townHall.id,
      advisorIds: karim.id,
      date: later(7).toISODate()!,
      startTime: '14:00',
      endTime: '16:30',
      seatCount: '5',
      level: 'BEGINNER',
    })
    const cancel = async () => ({
      version: await version(ours.id),
      reason: 'Salle fermée',
      scope: 'SESSION',
      confirmed: 'on',
    })
    const newPerson = async () => ({
      usager: 'nouveau',
      firstName: 'Lucie',
      lastName: 'Nouvelle',
      phone: '06 12 34 98 76',
    })
    const base = `/espace/ateliers/${ours.id}`
    // Where allowed, these succeed (302) and are skipped here.
    const refusedToReception: Row = {
      ADMIN: -1,
      OWNER: -1,
      COLLEAGUE: -1,
      RECEPTION: 403,
      OTHER_ORG: -1,
      ANONYMOUS: SIGN_IN,
    }
    const outsiders: Row = {
      ADMIN: -1,
      OWNER: -1,
      COLLEAGUE: -1,
      RECEPTION: -1,
      OTHER_ORG: 404,
      ANONYMOUS: SIGN_IN,
    }
    await matrix.expectActions(
      [
        {
          // Another organisation's admin with this one's topic, site and advisor: refused choices.
          path: async () => '/espace/ateliers/nouveau',
          fields: newSession,
          expected: { ...refusedToReception, OTHER_ORG: 400 },
        },
        {
          path: async () => `${base}/modifier`,
          fields: change,
          expected: { ...refusedToReception, OTHER_ORG: 404 },
        },
        {
          path: async () => `${base}/annuler`,
          fields: cancel,
          expected: { ...refusedToReception, OTHER_ORG: 404 },
        },
        {
          path: async () => `${base}/inscrire?usager=nouveau`,
          fields: newPerson,
          expected: outsiders,
        },
        {
          // Attendance before the start: refused to everyone, by the rule or by the role.
          path: async () => base,
          fields: async () => ({ registrationId: registration.id, mark: 'ATTENDED' }),
          expected: { ...organisationWide, ADMIN: 400, OWNER: 400, COLLEAGUE: 400, RECEPTION: 400 },
        },
        {
          // Another organisation's session, changed or cancelled from here.
          path: async () => `/espace/ateliers/${theirs.id}/annuler`,
          fields: async () => ({
            version: await version(theirs.id),
            reason: 'Essai',
            scope: 'SESSION',
            confirmed: 'on',
          }),
          expected: { ...othersOnly, OTHER_ORG: -1 },
        },
        {
          // This organisation's registration, marked through another one's session.
          path: async () => `/espace/ateliers/${theirs.id}`,
          fields: async () => ({ registrationId: registration.id, mark: 'ABSENT' }),
          expected: { ...othersOnly, OTHER_ORG: 404 },
        },
      ],
      snapshot,
    )
  })
})
