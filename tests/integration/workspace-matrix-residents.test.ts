import { describe, expect, test } from 'vitest'
import {
  authorisationMatrix,
  karimsOwn,
  othersOnly,
  SIGN_IN,
  type Row,
} from '../support/authorisation-matrix'
import { testProvider } from '../support/database'
import { newBookingNonce } from '~/domain/booking/manage-token.server'

// Residents directory, resident page and merge, walk-ins and moves from the workspace:
// every route and action, for every role and for an admin of another organisation.

const matrix = authorisationMatrix()
const { request, targets } = matrix
const database = () => matrix.database()
const other = () => matrix.other()

/** Merging: admin and reception of the organisation only. */
const mergers: Row = {
  ADMIN: 200,
  OWNER: 403,
  COLLEAGUE: 403,
  RECEPTION: 200,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}
const nobodyHere: Row = {
  ADMIN: 404,
  OWNER: 404,
  COLLEAGUE: 404,
  RECEPTION: 404,
  OTHER_ORG: 404,
  ANONYMOUS: SIGN_IN,
}

const jeanne = () => database().resident.findFirstOrThrow({ where: { lastName: 'Moreau' } })

describe(`residents authorisation matrix on ${testProvider}`, () => {
  test('GET routes: every role and another organisation', async () => {
    const { appointment, rene } = await targets()
    const cases: { path: string; expected: Row }[] = [
      {
        path: '/espace/usagers',
        expected: { ...karimsOwn, COLLEAGUE: 200, OTHER_ORG: 200 },
      },
      { path: `/espace/usagers/${rene.id}`, expected: karimsOwn },
      { path: `/espace/usagers/${other().residentId}`, expected: othersOnly },
      { path: '/espace/usagers/does-not-exist', expected: { ...nobodyHere } },
      {
        path: `/espace/usagers/${rene.id}/fusionner?avec=${(await jeanne()).id}`,
        expected: mergers,
      },
      {
        path: `/espace/usagers/${rene.id}/fusionner?avec=${other().residentId}`,
        expected: nobodyHere,
      },
      { path: `/espace/usagers/${rene.id}/effacer`, expected: mergers },
      { path: `/espace/usagers/${other().residentId}/effacer`, expected: othersOnly },
      { path: '/espace/usagers/does-not-exist/effacer', expected: nobodyHere },
      { path: `/espace/rendez-vous/${appointment.id}/deplacer`, expected: karimsOwn },
      { path: `/espace/rendez-vous/${other().appointmentId}/deplacer`, expected: othersOnly },
    ]
    await matrix.expectGets(cases)
  })

  test('the directory of each organisation and advisor shows only its residents', async () => {
    const outside = await (await request('OTHER_ORG', '/espace/usagers')).text()
    for (const name of ['GIRARD', 'MOREAU', 'DIALLO']) expect(outside).not.toContain(name)
    const colleague = await (await request('COLLEAGUE', '/espace/usagers')).text()
    expect(colleague).not.toContain('GIRARD')
    expect(await (await request('OWNER', '/espace/usagers')).text()).toContain('GIRARD René')
  })

  test('actions: refused ones change nothing and leak nothing', async () => {
    const { appointment, rene, karim, taxes, townHall } = await targets()
    const snapshot = async () => ({
      residents: await database().resident.findMany({ orderBy: { id: 'asc' } }),
      appointments: await database().appointment.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, residentId: true, startsAt: true, advisorId: true, version: true },
      }),
      audit: await database().auditEvent.count(),
    })
    const stamp = async (id: string) =>
      (await database().resident.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString()
    const version = async (id: string) =>
      String((await database().appointment.findUniqueOrThrow({ where: { id } })).version)
    const aFreeStart = new Date(Date.now() + 9 * 86_400_000).toISOString()
    const onlyRefusals = (row: Partial<Row>): Row => ({
      ADMIN: -1,
      OWNER: -1,
      COLLEAGUE: -1,
      RECEPTION: -1,
      OTHER_ORG: -1,
      ANONYMOUS: SIGN_IN,
      ...row,
    })
    const actions = [
      {
        path: async () => `/espace/usagers/${rene.id}`,
        fields: async () => ({
          updatedAt: await stamp(rene.id),
          firstName: 'René',
          lastName: 'Changé',
          phone: '04 65 71 00 33',
          language: 'fr',
        }),
        expected: onlyRefusals({ COLLEAGUE: 403, OTHER_ORG: 404 }),
      },
      {
        path: async () => `/espace/usagers/${other().residentId}`,
        fields: async () => ({
          updatedAt: await stamp(other().residentId),
          firstName: 'Zoé',
          lastName: 'Changée',
          phone: '06 99 88 77 66',
          language: 'fr',
        }),
        expected: onlyRefusals({ ADMIN: 404, OWNER: 404, COLLEAGUE: 404, RECEPTION: 404 }),
      },
      {
        path: async () => `/espace/usagers/${rene.id}/fusionner?avec=${(await jeanne()).id}`,
        fields: async () => ({
          keep: rene.id,
          [`updatedAt-${rene.id}`]: await stamp(rene.id),
          [`updatedAt-${(await jeanne()).id}`]: await stamp((await jeanne()).id),
        }),
        expected: onlyRefusals({ OWNER: 403, COLLEAGUE: 403, OTHER_ORG: 404 }),
      },
      {
        path: async () => `/espace/usagers/${rene.id}/fusionner?avec=${other().residentId}`,
        fields: async () => ({
          keep: rene.id,
          [`updatedAt-${rene.id}`]: await stamp(rene.id),
          [`updatedAt-${other().residentId}`]: await stamp(other().residentId),
        }),
        expected: { ...nobodyHere },
      },
      {
        // Erasure (decision 090): admins and reception only, nothing changed when refused.
        path: async () => `/espace/usagers/${rene.id}/effacer`,
        fields: async () => ({ confirm: 'on' }),
        expected: onlyRefusals({ OWNER: 403, COLLEAGUE: 403, OTHER_ORG: 404 }),
      },
      {
        path: async () => `/espace/usagers/${other().residentId}/effacer`,
        fields: async () => ({ confirm: 'on' }),
        expected: onlyRefusals({ ADMIN: 404, OWNER: 404, COLLEAGUE: 404, RECEPTION: 404 }),
      },
      {
        path: async () => `/espace/rendez-vous/${appointment.id}/deplacer`,
        fields: async () => ({ version: await version(appointment.id), start: aFreeStart }),
        expected: onlyRefusals({ COLLEAGUE: 403, OTHER_ORG: 404 }),
      },
      {
        // Moving to an advisor of another organisation.
        path: async () => `/espace/rendez-vous/${appointment.id}/deplacer`,
        fields: async () => ({
          version: await version(appointment.id),
          start: aFreeStart,
          conseiller: other().advisorId,
        }),
        expected: { ...nobodyHere, COLLEAGUE: 403 },
      },
      {
        path: async () => `/espace/rendez-vous/${other().appointmentId}/deplacer`,
        fields: async () => ({ version: '0', start: aFreeStart }),
        expected: onlyRefusals({ ADMIN: 404, OWNER: 404, COLLEAGUE: 404, RECEPTION: 404 }),
      },
      {
        // A walk-in with an advisor of another organisation is never booked.
        path: async () => `/espace/reserver`,
        fields: async () => ({
          usager: rene.id,
          motif: taxes.id,
          lieu: townHall.id,
          nonce: newBookingNonce(),
          start: 'autre',
          walkInDate: aFreeStart.slice(0, 10),
          walkInTime: '15:00',
          walkInAdvisor: other().advisorId,
          walkInConfirm: 'on',
        }),
        expected: { ...nobodyHere, ADMIN: 400, OWNER: 400, COLLEAGUE: 400, RECEPTION: 400 },
      },
    ]
    expect(karim.id).toBeTruthy()
    await matrix.expectActions(actions, snapshot)
  })

  test('the resident’s data export (decision 091): admin and reception of the organisation', async () => {
    const { rene } = await targets()
    const cases: { path: string; expected: Row }[] = []
    for (const form of ['donnees', 'donnees.json']) {
      cases.push(
        { path: `/espace/usagers/${rene.id}/${form}`, expected: mergers },
        { path: `/espace/usagers/${other().residentId}/${form}`, expected: othersOnly },
        { path: `/espace/usagers/does-not-exist/${form}`, expected: nobodyHere },
      )
    }
    await matrix.expectGets(cases)
  })
})
