import { describe, test } from 'vitest'
import {
  authorisationMatrix,
  nobodyFinds,
  SIGN_IN,
  type Row,
} from '../support/authorisation-matrix'
import { testProvider } from '../support/database'

// Activity reports (decision 085): every route and action, for every role and for an
// admin of another organisation. Each advisor reports on their own activity, the admin on
// anyone's; reception files none; another organisation never finds them.

const matrix = authorisationMatrix()
const database = () => matrix.database()
const other = () => matrix.other()

/** The lists: each one's own (or their organisation's), never reception's. */
const reporters: Row = {
  ADMIN: 200,
  OWNER: 200,
  COLLEAGUE: 200,
  RECEPTION: 403,
  OTHER_ORG: 200,
  ANONYMOUS: SIGN_IN,
}
/** Karim's report: Karim and the admin. */
const karims: Row = { ...reporters, COLLEAGUE: 403, OTHER_ORG: 404 }
/** Léa's workshop report: Léa and the admin. */
const leas: Row = { ...karims, OWNER: 403, COLLEAGUE: 200 }
/** Refused writes; where allowed they succeed (302) and are skipped. */
const refused = (row: Row): Row =>
  Object.fromEntries(
    Object.entries(row).map(([who, status]) => [who, status === 200 ? -1 : status]),
  ) as Row

async function targets() {
  const { karim } = await matrix.targets()
  const db = database()
  const honoured = await db.appointment.findFirstOrThrow({
    where: { advisorId: karim.id, status: 'HONOURED', activityReport: { is: null } },
  })
  const booked = await db.appointment.findFirstOrThrow({
    where: { advisorId: karim.id, status: 'BOOKED' },
  })
  const session = await db.workshopSession.findFirstOrThrow({
    where: { endsAt: { lt: new Date() }, activityReport: { is: null } },
  })
  const site = await db.site.findFirstOrThrow({ where: { id: honoured.siteId! } })
  return { honoured, booked, session, site }
}

describe(`authorisation matrix of activity reports on ${testProvider}`, () => {
  test('GET routes: every role and another organisation', async () => {
    const { honoured, booked, session } = await targets()
    await matrix.expectGets([
      { path: '/espace/comptes-rendus', expected: reporters },
      { path: `/espace/comptes-rendus?conseiller=${other().advisorId}`, expected: reporters },
      { path: '/espace/comptes-rendus/deposes?du=2026-01-01&au=2026-12-31', expected: reporters },
      { path: `/espace/comptes-rendus/rendez-vous/${honoured.id}`, expected: karims },
      { path: `/espace/comptes-rendus/atelier/${session.id}`, expected: leas },
      // Not honoured yet: nothing to report, for whoever may report on it.
      {
        path: `/espace/comptes-rendus/rendez-vous/${booked.id}`,
        expected: { ...nobodyFinds, COLLEAGUE: 403, RECEPTION: 403 },
      },
      {
        path: `/espace/comptes-rendus/rendez-vous/${other().appointmentId}`,
        expected: nobodyFinds,
      },
      { path: '/espace/comptes-rendus/rendez-vous/nexistepas', expected: nobodyFinds },
      { path: '/espace/comptes-rendus/atelier/nexistepas', expected: nobodyFinds },
    ])
  })

  test('POST actions: refused ones write no report', async () => {
    const { honoured, session, site } = await targets()
    const snapshot = async () => ({
      reports: await database().activityReport.findMany({
        select: { id: true, status: true, version: true },
        orderBy: { id: 'asc' },
      }),
      participants: await database().activityReportParticipant.count(),
      audit: await database().auditEvent.count(),
    })
    const report = async () => ({
      version: '',
      duration: '30',
      placeType: 'LieuActivite',
      siteId: site.id,
      themes: 'ArgentImpots',
      beneficiary: 'KNOWN',
      anonTotal: '1',
    })
    await matrix.expectActions(
      [
        {
          path: async () => `/espace/comptes-rendus/rendez-vous/${honoured.id}`,
          fields: report,
          expected: refused(karims),
        },
        {
          path: async () => `/espace/comptes-rendus/atelier/${session.id}`,
          fields: async () => ({ ...(await report()), siteId: session.siteId }),
          expected: refused(leas),
        },
        {
          path: async () => '/espace/comptes-rendus?index',
          fields: async () => ({ subject: 'appointment', id: honoured.id }),
          expected: refused(karims),
        },
        {
          path: async () => '/espace/comptes-rendus?index',
          fields: async () => ({ subject: 'appointment', id: other().appointmentId }),
          expected: { ...nobodyFinds, RECEPTION: 403 },
        },
      ],
      snapshot,
    )
  })
})
