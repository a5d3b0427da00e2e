import { describe, expect, test } from 'vitest'
import {
  APPOINTMENT_COLUMNS,
  appointmentRow,
  joinCodes,
  registrationRow,
  REPORT_COLUMNS,
  reportRow,
  type ReportRecord,
} from '~/domain/exports/columns'
import { authorise, type Actor } from '~/domain/access'

// The exported rows (decision 086): La Coop's columns and codes, dates at the
// organisation, residents as an id only.

const zone = 'Europe/Paris'
const advisor = { firstName: 'Karim', lastName: 'Benali' }

const individual: ReportRecord = {
  id: 'r1',
  // 23:30 UTC on 31 March is 1 April at 01:30 in Paris (summer time).
  date: new Date('2026-03-31T23:30:00Z'),
  kind: 'INDIVIDUAL',
  durationMinutes: 45,
  placeType: 'LieuActivite',
  placeCommune: null,
  placePostalCode: null,
  themes: '["Email","AideAuxDemarchesAdministratives"]',
  procedureDetails: 'Déclaration',
  equipment: '["Ordinateur"]',
  notes: 'RAS',
  residentId: 'res-1',
  alreadyAccompanied: true,
  residenceCommune: 'Saint-Aubin',
  gender: 'Feminin',
  ageBand: 'SoixanteSoixanteNeufAns',
  socialStatus: 'Retraite',
  autonomy: 'PartiellementAutonome',
  referred: false,
  referralStructure: null,
  workshopTitle: 'ignored',
  workshopLevel: 'Debutant',
  anonymousCounts: '{"total":3}',
  participantCount: 1,
  franceServicesOperator: 'DGFiP',
  site: { name: 'Mairie' },
  advisor,
}

const cellsOf = (columns: readonly string[], row: unknown[]) =>
  Object.fromEntries(columns.map((column, index) => [column, row[index]]))

describe('activity report rows', () => {
  test('an individual report: codes, local date, the resident as an id', () => {
    const row = reportRow(individual, zone)
    expect(row).toHaveLength(REPORT_COLUMNS.length)
    expect(cellsOf(REPORT_COLUMNS, row)).toMatchObject({
      date: { kind: 'date', iso: '2026-04-01' },
      duree: 45,
      typeLieu: 'LieuActivite',
      structure: 'Mairie',
      thematiques: 'Email, AideAuxDemarchesAdministratives',
      materiel: 'Ordinateur',
      type: 'Individuel',
      beneficiaire: 'res-1',
      dejaAccompagne: 'Oui',
      genre: 'Feminin',
      orienteVersStructure: 'Non',
      titreAtelier: null,
      niveau: null,
      participants: 1,
      participantsAnonymes: null,
      operateurFranceServices: 'DGFiP',
      conseiller: 'Karim Benali',
    })
  })

  test('an anonymous one says so', () => {
    const row = cellsOf(REPORT_COLUMNS, reportRow({ ...individual, residentId: null }, zone))
    expect(row.beneficiaire).toBe('Anonyme')
  })

  test('a collective report: title, level and anonymous counts, no beneficiary', () => {
    const row = cellsOf(
      REPORT_COLUMNS,
      reportRow(
        {
          ...individual,
          kind: 'COLLECTIVE',
          workshopTitle: 'Smartphone',
          anonymousCounts: JSON.stringify({
            total: 3,
            alreadyAccompanied: 0,
            gender: { Feminin: 2 },
            ageBand: {},
            socialStatus: { Retraite: 1 },
          }),
          participantCount: 5,
        },
        zone,
      ),
    )
    expect(row).toMatchObject({
      type: 'Collectif',
      beneficiaire: null,
      genre: null,
      titreAtelier: 'Smartphone',
      niveau: 'Debutant',
      participants: 5,
      participantsAnonymes: 3,
      genreFeminin: 2,
      genreMasculin: 0,
      statutSocialRetraite: 1,
    })
  })

  test('a garbled list reads as no codes', () => {
    expect(joinCodes('not json')).toBe('')
    expect(joinCodes('{"a":1}')).toBe('')
    expect(joinCodes('["A",3,"B"]')).toBe('A, B')
  })
})

describe('appointment rows', () => {
  test('an appointment: local date and time, duration, codes', () => {
    const row = appointmentRow(
      {
        id: 'a1',
        startsAt: new Date('2026-01-15T08:30:00Z'),
        endsAt: new Date('2026-01-15T09:00:00Z'),
        mode: 'PHONE',
        status: 'NO_SHOW',
        createdVia: 'RECEPTION',
        residentId: 'res-2',
        site: null,
        topic: { name: 'Impôts', theme: 'MONEY_TAXES' },
        advisor,
      },
      zone,
    )
    expect(cellsOf(APPOINTMENT_COLUMNS, row)).toEqual({
      type: 'RendezVous',
      id: 'a1',
      date: { kind: 'date', iso: '2026-01-15' },
      heure: { kind: 'time', iso: '09:30' },
      dureeMinutes: 30,
      lieu: null,
      modalite: 'PHONE',
      motif: 'Impôts',
      thematique: 'MONEY_TAXES',
      statut: 'NO_SHOW',
      canal: 'RECEPTION',
      conseiller: 'Karim Benali',
      usager: 'res-2',
    })
  })

  test('a participant of a cancelled session is cancelled too', () => {
    const row = registrationRow(
      {
        id: 'g1',
        status: 'REGISTERED',
        createdVia: 'ONLINE',
        residentId: 'res-3',
        session: {
          startsAt: new Date('2026-01-15T13:00:00Z'),
          endsAt: new Date('2026-01-15T15:00:00Z'),
          status: 'CANCELLED',
          site: { name: 'Médiathèque' },
          topic: { name: 'Atelier', theme: 'DIGITAL_EQUIPMENT' },
          advisors: [{ advisor }, { advisor: { firstName: 'Léa', lastName: 'Fontaine' } }],
        },
      },
      zone,
    )
    expect(cellsOf(APPOINTMENT_COLUMNS, row)).toMatchObject({
      type: 'Atelier',
      heure: { kind: 'time', iso: '14:00' },
      dureeMinutes: 120,
      modalite: 'IN_PERSON',
      statut: 'CANCELLED',
      conseiller: 'Karim Benali, Léa Fontaine',
    })
  })
})

describe('export permission', () => {
  const org = 'org-a'
  const admin: Actor = { advisorId: 'admin', organisationId: org, role: 'ADMIN' }
  const adv: Actor = { advisorId: 'adv', organisationId: org, role: 'ADVISOR' }
  const reception: Actor = { advisorId: 'rec', organisationId: org, role: 'RECEPTION' }

  test('admins export anyone’s rows, advisors their own, reception nothing', () => {
    expect(authorise(admin, 'export.create', { organisationId: org })).toBe('ALLOWED')
    expect(authorise(admin, 'export.create', { organisationId: org, advisorId: 'adv' })).toBe(
      'ALLOWED',
    )
    expect(authorise(adv, 'export.create', { organisationId: org, advisorId: 'adv' })).toBe(
      'ALLOWED',
    )
    expect(authorise(adv, 'export.create', { organisationId: org })).toBe('FORBIDDEN')
    expect(authorise(adv, 'export.create', { organisationId: org, advisorId: 'admin' })).toBe(
      'FORBIDDEN',
    )
    expect(authorise(reception, 'export.create', { organisationId: org, advisorId: 'rec' })).toBe(
      'FORBIDDEN',
    )
    expect(authorise(admin, 'export.create', { organisationId: 'org-b' })).toBe('NOT_FOUND')
  })
})
