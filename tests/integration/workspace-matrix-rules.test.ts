import { DateTime } from 'luxon'
import { describe, test } from 'vitest'
import {
  authorisationMatrix,
  karimsOwn,
  nobodyFinds,
  othersOnly,
  SIGN_IN,
  type Row,
} from '../support/authorisation-matrix'
import { testProvider } from '../support/database'

// Opening hours and absences (decision 050): every route and action, for every role and
// for an admin of another organisation. Karim manages his own; the admin any advisor's;
// reception reads; a colleague is refused; another organisation never finds them.

const matrix = authorisationMatrix()
const { targets } = matrix
const database = () => matrix.database()
const other = () => matrix.other()

/** Karim's schedule, changed: only Karim and the admin. */
const karimsManaged: Row = { ...karimsOwn, RECEPTION: 403 }
const later = () =>
  DateTime.now().setZone('Europe/Paris').plus({ months: 6 }).startOf('week').toISODate()!

describe(`authorisation matrix of hours and absences on ${testProvider}`, () => {
  test('GET routes: every role and another organisation', async () => {
    const { karim } = await targets()
    const rule = await database().openingRule.findFirstOrThrow({ where: { advisorId: karim.id } })
    const othersRule = await database().openingRule.create({
      data: {
        advisorId: other().advisorId,
        siteId: other().siteId,
        weekdays: '2',
        startTime: '09:00',
        endTime: '12:00',
        validFrom: '2026-01-05',
      },
    })
    const cases: { path: string; expected: Row }[] = [
      { path: `/espace/horaires?conseiller=${karim.id}`, expected: karimsOwn },
      { path: `/espace/absences?conseiller=${karim.id}`, expected: karimsOwn },
      { path: `/espace/horaires/nouveau?conseiller=${karim.id}`, expected: karimsManaged },
      { path: `/espace/horaires/${rule.id}`, expected: karimsManaged },
      { path: `/espace/horaires?conseiller=${other().advisorId}`, expected: othersOnly },
      { path: `/espace/absences?conseiller=${other().advisorId}`, expected: othersOnly },
      { path: `/espace/horaires/${othersRule.id}`, expected: othersOnly },
      {
        path: '/espace/horaires/does-not-exist',
        expected: nobodyFinds,
      },
    ]
    await matrix.expectGets(cases)
  })

  test('POST actions: refused ones change no row', async () => {
    const { karim, townHall } = await targets()
    const rule = await database().openingRule.findFirstOrThrow({
      where: { advisorId: karim.id, siteId: townHall.id },
    })
    const absence = await database().absence.create({
      data: {
        advisorId: karim.id,
        startsAt: new Date(`${later()}T08:00:00Z`),
        endsAt: new Date(`${later()}T09:00:00Z`),
        reason: 'Réunion',
      },
    })
    const snapshot = async () => ({
      rules: await database().openingRule.findMany({ orderBy: { id: 'asc' } }),
      topics: await database().openingRuleTopic.count(),
      absences: await database().absence.findMany({ orderBy: { id: 'asc' } }),
      appointments: await database().appointment.findMany({
        select: { id: true, status: true, version: true },
        orderBy: { id: 'asc' },
      }),
      audit: await database().auditEvent.count(),
    })
    // A far rule that orphans nothing: where allowed it is saved (302), so skipped here.
    const newRule = async () => ({
      intent: 'save',
      weekdays: '7',
      startTime: '08:00',
      endTime: '08:30',
      everyNWeeks: '1',
      place: townHall.id,
      validFrom: later(),
      validUntil: '',
    })
    const refusedOnly: Row = { ...karimsManaged, ADMIN: -1, OWNER: -1 }
    await matrix.expectActions(
      [
        {
          path: async () => `/espace/horaires/nouveau?conseiller=${karim.id}`,
          fields: newRule,
          expected: refusedOnly,
        },
        {
          path: async () => `/espace/horaires/${rule.id}`,
          fields: async () => ({
            intent: 'end',
            endDate: later(),
            updatedAt: (
              await database().openingRule.findUniqueOrThrow({ where: { id: rule.id } })
            ).updatedAt.toISOString(),
          }),
          expected: refusedOnly,
        },
        {
          path: async () => `/espace/absences?conseiller=${karim.id}`,
          fields: async () => ({
            intent: 'add',
            startDate: later(),
            startTime: '14:00',
            endDate: later(),
            endTime: '15:00',
          }),
          expected: refusedOnly,
        },
        {
          path: async () => `/espace/absences?conseiller=${karim.id}`,
          fields: async () => ({ intent: 'remove', absenceId: absence.id }),
          expected: refusedOnly,
        },
        {
          // A rule for another organisation's advisor, from this one.
          path: async () => `/espace/horaires/nouveau?conseiller=${other().advisorId}`,
          fields: newRule,
          expected: { ...othersOnly, OTHER_ORG: -1 },
        },
        {
          // Another organisation's admin, with this organisation's site and advisor.
          path: async () => `/espace/horaires/nouveau?conseiller=${karim.id}`,
          fields: newRule,
          expected: {
            ADMIN: -1,
            OWNER: -1,
            COLLEAGUE: -1,
            RECEPTION: -1,
            OTHER_ORG: 404,
            ANONYMOUS: SIGN_IN,
          },
        },
        {
          // Removing this organisation's absence from another one, through its own page.
          path: async () => `/espace/absences`,
          fields: async () => ({ intent: 'remove', absenceId: absence.id }),
          expected: {
            ADMIN: -1,
            OWNER: -1,
            COLLEAGUE: 403,
            RECEPTION: 403,
            OTHER_ORG: 404,
            ANONYMOUS: SIGN_IN,
          },
        },
      ],
      snapshot,
    )
  })
})
