import { describe, expect, test } from 'vitest'
import {
  adminOnly,
  authorisationMatrix,
  expectNoResidentData,
  karimsOwn,
  othersOnly,
  SIGN_IN,
  type Row,
} from '../support/authorisation-matrix'
import { testProvider } from '../support/database'

// Administration, printable agenda and calendar feed: every route and action, for every
// role and for an admin of another organisation (see the harness for the rules).

const matrix = authorisationMatrix()
const { targets } = matrix
const database = () => matrix.database()
const other = () => matrix.other()

/** An organisation-wide admin page: each admin sees their own organisation's. */
const ownAdminPage: Row = { ...adminOnly, OTHER_ORG: 200 }
/** The other organisation's record, through this organisation's admin pages. */
const othersRecord: Row = {
  ADMIN: 404,
  OWNER: 403,
  COLLEAGUE: 403,
  RECEPTION: 403,
  OTHER_ORG: 200,
  ANONYMOUS: SIGN_IN,
}
const everyone = (status: number): Row => ({
  ADMIN: status,
  OWNER: status,
  COLLEAGUE: status,
  RECEPTION: status,
  OTHER_ORG: status,
  ANONYMOUS: status,
})

describe(`administration authorisation matrix on ${testProvider}`, () => {
  test('GET routes: every role and another organisation', async () => {
    const { karim, townHall, taxes } = await targets()
    await matrix.expectGets([
      { path: '/espace/admin', expected: ownAdminPage },
      { path: '/espace/admin/lieux', expected: ownAdminPage },
      { path: '/espace/admin/lieux/nouveau', expected: ownAdminPage },
      { path: `/espace/admin/lieux/${townHall.id}`, expected: adminOnly },
      { path: `/espace/admin/lieux/${other().siteId}`, expected: othersRecord },
      { path: '/espace/admin/motifs', expected: ownAdminPage },
      { path: '/espace/admin/motifs/nouveau', expected: ownAdminPage },
      { path: `/espace/admin/motifs/${taxes.id}`, expected: adminOnly },
      { path: `/espace/admin/motifs/${other().topicId}`, expected: othersRecord },
      { path: '/espace/admin/conseillers', expected: ownAdminPage },
      { path: `/espace/admin/conseillers/${karim.id}`, expected: adminOnly },
      { path: `/espace/admin/conseillers/${other().advisorId}`, expected: othersRecord },
      { path: '/espace/admin/reglages', expected: ownAdminPage },
      { path: '/espace/admin/mentions', expected: ownAdminPage },
      { path: `/espace/agenda?conseiller=${karim.id}`, expected: karimsOwn },
      { path: `/espace/agenda?lieu=${townHall.id}`, expected: { ...karimsOwn, OWNER: 403 } },
      {
        path: `/espace/agenda?conseiller=${other().advisorId}`,
        expected: { ...everyone(404), OTHER_ORG: 200, ANONYMOUS: SIGN_IN },
      },
      {
        path: `/espace/agenda?lieu=${other().siteId}`,
        expected: { ...everyone(404), OTHER_ORG: 200, ANONYMOUS: SIGN_IN },
      },
      { path: '/espace/agenda/flux', expected: { ...everyone(200), ANONYMOUS: SIGN_IN } },
      // Public: the secret is the credential, whoever asks.
      { path: '/agenda/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics', expected: everyone(404) },
      { path: '/espace/mot-de-passe', expected: everyone(200) },
      {
        path: '/espace/invitation/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        expected: everyone(404),
      },
    ])
  })

  test('POST actions: refused ones change no row', async () => {
    const { karim, townHall, taxes } = await targets()
    const snapshot = async () => ({
      sites: await database().site.findMany({
        select: { id: true, name: true, city: true, active: true, updatedAt: true },
        orderBy: { id: 'asc' },
      }),
      topics: await database().topic.findMany({
        select: { id: true, name: true, active: true, updatedAt: true },
        orderBy: { id: 'asc' },
      }),
      advisors: await database().advisor.findMany({
        select: { id: true, active: true, role: true, calendarFeedTokenHash: true },
        orderBy: { id: 'asc' },
      }),
      organisations: await database().organisation.findMany({
        select: { id: true, updatedAt: true, smsSenderName: true },
        orderBy: { id: 'asc' },
      }),
      tokens: await database().advisorToken.count(),
      audit: await database().auditEvent.count(),
    })
    const updatedAtOf = {
      site: async (id: string) =>
        (await database().site.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString(),
      topic: async (id: string) =>
        (await database().topic.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString(),
      advisor: async (id: string) =>
        (await database().advisor.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString(),
      organisation: async (id: string) =>
        (
          await database().organisation.findUniqueOrThrow({ where: { id } })
        ).updatedAt.toISOString(),
    }
    const site = {
      name: 'Mairie de Saint-Julien-sur-Sorne',
      address: '1 place de la Mairie',
      postalCode: '41000',
      city: 'Saint-Julien-sur-Sorne',
      // The open-data fields (decision 088): a site's own pivot and its listing.
      pivot: '43493312300029',
      openData: 'on',
    }
    const topic = {
      name: 'Déclarer mes impôts en ligne',
      theme: 'MONEY_TAXES',
      durationMinutes: '30',
      allowsInPerson: 'on',
      minNoticeMinutes: '120',
      horizonDays: '60',
      bufferMinutes: '0',
      cancellationDeadlineMinutes: '120',
      isPublic: 'on',
    }
    const refusedOutside: Row = { ...adminOnly, ADMIN: -1, OTHER_ORG: -1 }
    await matrix.expectActions(
      [
        {
          path: async () => `/espace/admin/lieux/${townHall.id}`,
          fields: async () => ({ ...site, updatedAt: await updatedAtOf.site(townHall.id) }),
          expected: { ...adminOnly, ADMIN: 302 },
        },
        {
          path: async () => `/espace/admin/lieux/${townHall.id}`,
          fields: async () => ({
            intent: 'deactivate',
            updatedAt: await updatedAtOf.site(townHall.id),
          }),
          expected: { ...adminOnly, ADMIN: -1 },
        },
        {
          path: async () => '/espace/admin/lieux/nouveau',
          fields: async () => ({ ...site, name: 'Nouveau lieu du test' }),
          expected: refusedOutside,
        },
        {
          path: async () => `/espace/admin/lieux/${other().siteId}`,
          fields: async () => ({ ...site, updatedAt: await updatedAtOf.site(other().siteId) }),
          expected: { ...othersRecord, OTHER_ORG: -1 },
        },
        {
          path: async () => `/espace/admin/motifs/${taxes.id}`,
          fields: async () => ({ ...topic, updatedAt: await updatedAtOf.topic(taxes.id) }),
          expected: { ...adminOnly, ADMIN: 302 },
        },
        {
          path: async () => '/espace/admin/motifs/nouveau',
          fields: async () => ({ ...topic, name: 'Nouveau motif du test' }),
          expected: refusedOutside,
        },
        {
          path: async () => `/espace/admin/motifs/${other().topicId}`,
          fields: async () => ({
            intent: 'deactivate',
            updatedAt: await updatedAtOf.topic(other().topicId),
          }),
          expected: { ...othersRecord, OTHER_ORG: -1 },
        },
        {
          path: async () => '/espace/admin/conseillers',
          fields: async () => ({
            firstName: 'Intrus',
            lastName: 'Test',
            email: 'intrus@val-de-sorne.example',
            role: 'ADMIN',
          }),
          expected: refusedOutside,
        },
        {
          path: async () => `/espace/admin/conseillers/${karim.id}`,
          fields: async () => ({
            intent: 'deactivate',
            confirm: 'on',
            updatedAt: await updatedAtOf.advisor(karim.id),
          }),
          expected: { ...adminOnly, ADMIN: -1 },
        },
        {
          path: async () => `/espace/admin/conseillers/${karim.id}`,
          fields: async () => ({ intent: 'resend' }),
          expected: { ...adminOnly, ADMIN: -1 },
        },
        {
          path: async () => `/espace/admin/conseillers/${other().advisorId}`,
          fields: async () => ({
            intent: 'deactivate',
            confirm: 'on',
            updatedAt: await updatedAtOf.advisor(other().advisorId),
          }),
          expected: { ...othersRecord, OTHER_ORG: -1 },
        },
        {
          path: async () => '/espace/admin/reglages',
          fields: async () => ({
            updatedAt: await updatedAtOf.organisation(karim.organisationId),
            timeZone: 'Europe/Paris',
            holidayRegion: 'FR-METRO',
            days: '2',
            hours: '3',
            quietHoursStart: '20:00',
            quietHoursEnd: '08:30',
            smsSenderName: 'Intrus',
            allowedPhoneRegions: 'FR',
            maxUpcomingPerContact: '3',
            bookingsPerIpPerHour: '20',
            bookingsPerPhonePerDay: '5',
            dailySmsCap: '1',
            pivot: 'W751234567',
          }),
          expected: refusedOutside,
        },
        {
          path: async () => '/espace/admin/mentions',
          fields: async () => ({
            updatedAt: await updatedAtOf.organisation(karim.organisationId),
            legalName: 'Intrus',
            accessibilityStatus: 'TOTALEMENT_CONFORME',
          }),
          expected: refusedOutside,
        },
        {
          // The retention periods (decision 090): an admin's form of the same page.
          path: async () => '/espace/admin/reglages',
          fields: async () => ({
            intent: 'retention',
            retention_appointments: '12',
            retention_messages: '1',
            retention_audit: '6',
            retention_residents: '12',
            retention_advisors: '6',
          }),
          expected: refusedOutside,
        },
        {
          path: async () => '/espace/agenda/flux',
          fields: async () => ({ intent: 'create' }),
          expected: {
            ADMIN: -1,
            OWNER: -1,
            COLLEAGUE: -1,
            RECEPTION: -1,
            OTHER_ORG: -1,
            ANONYMOUS: SIGN_IN,
          },
        },
      ],
      snapshot,
    )
  })

  test('statistics (decision 087): admins everyone’s, advisors their own, reception none', async () => {
    const { karim, townHall } = await targets()
    /** Each one's own figures: admins and advisors of either organisation. */
    const ownFigures: Row = { ...karimsOwn, COLLEAGUE: 200, RECEPTION: 403, OTHER_ORG: 200 }
    /** Karim's figures: the admin and Karim; another organisation does not find him. */
    const karimsFigures: Row = { ...karimsOwn, RECEPTION: 403 }
    const karims = `conseiller=${karim.id}`
    await matrix.expectGets([
      { path: '/espace/statistiques', expected: ownFigures },
      { path: '/espace/statistiques?periode=lastMonth', expected: ownFigures },
      { path: '/espace/statistiques/statuts.csv', expected: ownFigures },
      { path: `/espace/statistiques?${karims}`, expected: karimsFigures },
      { path: `/espace/statistiques/themes.csv?${karims}`, expected: karimsFigures },
      {
        path: `/espace/statistiques?lieu=${townHall.id}`,
        expected: { ...ownFigures, OTHER_ORG: 404 },
      },
      {
        path: `/espace/statistiques?lieu=${other().siteId}`,
        expected: othersOnly,
      },
      {
        path: '/espace/statistiques/inconnu.csv',
        expected: { ...everyone(404), ANONYMOUS: SIGN_IN },
      },
    ])
  })

  test('the audit log and its CSV (decision 091): admins, and reception without personal data', async () => {
    const { rene } = await targets()
    const readers: Row = { ...ownAdminPage, RECEPTION: 200 }
    await matrix.expectGets([
      { path: '/espace/admin/journal', expected: readers },
      { path: `/espace/admin/journal?usager=${rene.id}`, expected: readers },
      { path: `/espace/admin/journal?usager=${other().residentId}`, expected: readers },
      { path: '/espace/admin/journal/fichier', expected: readers },
      { path: `/espace/admin/journal/fichier?usager=${rene.id}`, expected: readers },
    ])
    for (const path of [
      '/espace/admin/journal',
      `/espace/admin/journal/fichier?usager=${rene.id}`,
    ]) {
      const reception = await (await matrix.request('RECEPTION', path)).text()
      expectNoResidentData(reception, `RECEPTION GET ${path}`)
      const outside = await (await matrix.request('OTHER_ORG', path)).text()
      expectNoResidentData(outside, `OTHER_ORG GET ${path}`)
      // Their own CSV's audit names the id they typed; no event about René is theirs.
      expect(outside).not.toContain(`Resident ${rene.id}`)
    }
  })
})
