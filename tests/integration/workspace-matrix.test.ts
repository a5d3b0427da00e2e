import { describe, expect, test } from 'vitest'
import {
  authorisationMatrix,
  EMAILS,
  karimsOwn,
  nobodyFinds,
  othersOnly,
  SIGN_IN,
  type Row,
} from '../support/authorisation-matrix'
import { testProvider } from '../support/database'
import { newBookingNonce } from '~/domain/booking/manage-token.server'

// Calendars, appointments, booking on behalf and sessions: every route and action, for
// every role and for an advisor of another organisation (see the harness for the rules).

const matrix = authorisationMatrix()
const { request, cookieOf, targets } = matrix
const database = () => matrix.database()
const other = () => matrix.other()

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
        path: `/espace/rendez-vous/${other().appointmentId}`,
        expected: othersOnly,
      },
      {
        path: `/espace/rendez-vous/${other().appointmentId}/fiche`,
        expected: othersOnly,
      },
      {
        path: `/espace/lieux/${other().siteId}`,
        expected: othersOnly,
      },
      {
        path: `/espace/reserver?usager=${other().residentId}`,
        expected: othersOnly,
      },
      {
        path: `/espace/reserver?usager=${rene.id}&motif=${other().topicId}&lieu=${other().siteId}`,
        expected: nobodyFinds,
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
        expected: nobodyFinds,
      },
    ]
    await matrix.expectGets(cases)
  })

  test('POST actions: refused ones change no row', async () => {
    const { appointment, rene, taxes } = await targets()
    const snapshot = async () => ({
      appointments: await database().appointment.findMany({
        select: { id: true, version: true, status: true, note: true },
        orderBy: { id: 'asc' },
      }),
      audit: await database().auditEvent.count(),
      residents: await database().resident.count(),
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
            (await database().appointment.findUniqueOrThrow({ where: { id: appointment.id } }))
              .version,
          ),
          note: 'Note du test',
        }),
        expected: attendance,
      },
      {
        path: async () => `/espace/rendez-vous/${other().appointmentId}`,
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
          `/espace/reserver?usager=${other().residentId}&motif=${taxes.id}&lieu=telephone`,
        fields: async () => ({
          usager: other().residentId,
          motif: taxes.id,
          lieu: 'telephone',
          nonce: newBookingNonce(),
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
          nonce: newBookingNonce(),
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
    await matrix.expectActions(actions, snapshot)
  })

  test('sign out and session actions only ever touch the signed-in advisor', async () => {
    const victim = await database().advisor.findUniqueOrThrow({ where: { email: EMAILS.OWNER } })
    await cookieOf('OWNER')
    const sessions = await database().advisorSession.findMany({
      where: { advisorId: victim.id, revokedAt: null },
    })
    for (const who of ['ADMIN', 'RECEPTION', 'OTHER_ORG', 'ANONYMOUS'] as const) {
      const ended = await request(who, '/espace/connexions', { sessionId: sessions[0]!.id })
      expect(ended.status, who).toBe(who === 'ANONYMOUS' ? SIGN_IN : 404)
    }
    expect(
      await database().advisorSession.count({ where: { advisorId: victim.id, revokedAt: null } }),
    ).toBe(sessions.length)
  })

  test('exports: advisors their own rows, admins everyone’s, reception none', async () => {
    const { karim } = await targets()
    const period = 'kind=reports&format=csv&from=2024-01-01&to=2024-01-31'
    const exporters: Row = {
      ADMIN: 200,
      OWNER: 200,
      COLLEAGUE: 200,
      RECEPTION: 403,
      OTHER_ORG: 200,
      ANONYMOUS: SIGN_IN,
    }
    // The form first: it writes nothing; a refused advisor or site is a field's error.
    await matrix.expectActions(
      [
        {
          path: async () => '/espace/exports',
          fields: async () => ({
            kind: 'appointments',
            format: 'xlsx',
            from: '2024-01-01',
            to: '2024-01-31',
            advisorId: karim.id,
          }),
          expected: { ...exporters, ADMIN: 302, OWNER: 302 },
        },
      ],
      async () => database().auditEvent.count(),
    )
    await matrix.expectGets([
      { path: '/espace/exports', expected: exporters },
      { path: `/espace/exports/fichier?${period}`, expected: exporters },
      {
        path: `/espace/exports/fichier?${period}&advisorId=${karim.id}`,
        expected: { ...karimsOwn, RECEPTION: 403 },
      },
      {
        path: `/espace/exports/fichier?${period}&siteId=${other().siteId}`,
        expected: { ...othersOnly, RECEPTION: 403 },
      },
      {
        path: '/espace/exports/fichier?kind=reports',
        expected: { ...exporters, ADMIN: 400, OWNER: 400, COLLEAGUE: 400, OTHER_ORG: 400 },
      },
    ])
  })
})
