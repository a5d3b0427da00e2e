import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { until } from '../support/server'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'

// The exports (decision 086): CSV and XLSX checked cell by cell (La Coop's codes, dates at
// the organisation, the formula guard), the filters, who may export what, the file
// streamed in chunks, and the audit trail.

const workspace = demoWorkspace(KARIM)
const CAMILLE = 'camille.martin@val-de-sorne.example'
const get = (path: string, email = KARIM) => workspace.get(path, email)
const fileUrl = (fields: Record<string, string>) =>
  `/espace/exports/fichier?${new URLSearchParams(fields).toString()}`
const APRIL = { from: '2024-04-01', to: '2024-04-30' }
const MAY = { from: '2024-05-01', to: '2024-05-31' }

type Fixture = Awaited<ReturnType<typeof createFixture>>
let fixture: Fixture | undefined
const ids = async () => (fixture ??= await createFixture())

/** Reports, appointments and a session of April 2024, far from the demo's own dates. */
async function createFixture() {
  const db = workspace.database
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { slug: DEMO_ORGANISATION_SLUG },
  })
  const [karim, lea, townHall, rene, taxes] = await Promise.all([
    db.advisor.findUniqueOrThrow({ where: { email: KARIM } }),
    db.advisor.findUniqueOrThrow({ where: { email: LEA } }),
    db.site.findFirstOrThrow({ where: { name: { contains: 'Mairie de Saint' } } }),
    db.resident.findFirstOrThrow({ where: { lastName: 'Girard' } }),
    db.topic.findFirstOrThrow({ where: { name: 'Déclarer mes impôts en ligne' } }),
  ])
  const organisationId = organisation.id
  /** The honoured appointment a report is about (every report has one, or a session). */
  const subject = async (advisorId: string, startsAt: Date) =>
    (
      await db.appointment.create({
        data: {
          organisationId,
          advisorId,
          topicId: taxes.id,
          residentId: rene.id,
          mode: 'PHONE',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
          status: 'HONOURED',
          createdVia: 'ADVISOR',
        },
      })
    ).id
  const workshop = async (startsAt: Date, hours: number, seats: number) => {
    const endsAt = new Date(startsAt.getTime() + hours * 3600_000)
    return db.workshopSession.create({
      data: {
        organisationId,
        topicId: taxes.id,
        siteId: townHall.id,
        startsAt,
        endsAt,
        seatCount: seats,
        seats: { create: Array.from({ length: seats }, (_, index) => ({ number: index + 1 })) },
        advisors: { create: [{ advisorId: karim.id, startsAt, endsAt }] },
      },
      include: { seats: true },
    })
  }
  const base = { organisationId, advisorId: karim.id, status: 'FILED' as const }
  // 22:30 UTC on 31 March 2024 is 00:30 on 1 April in Paris (summer time began that night).
  const individual = await db.activityReport.create({
    data: {
      ...base,
      kind: 'INDIVIDUAL',
      appointmentId: await subject(karim.id, new Date('2024-03-31T22:30:00Z')),
      date: new Date('2024-03-31T22:30:00Z'),
      durationMinutes: 45,
      placeType: 'LieuActivite',
      siteId: townHall.id,
      themes: '["Email","AideAuxDemarchesAdministratives","ArgentImpots"]',
      equipment: '["Ordinateur","Telephone"]',
      notes: '=HYPERLINK("http://example.com")',
      residentId: rene.id,
      alreadyAccompanied: false,
      residenceCommune: 'Saint-Aubin',
      gender: 'Masculin',
      ageBand: 'SoixanteDixPlus',
      socialStatus: 'Retraite',
      autonomy: 'EntierementAccompagne',
      referred: true,
      referralStructure: 'Administration',
      participantCount: 1,
    },
  })
  await db.activityReport.create({
    data: {
      ...base,
      kind: 'COLLECTIVE',
      workshopSessionId: (await workshop(new Date('2024-04-10T12:00:00Z'), 2, 1)).id,
      date: new Date('2024-04-10T12:00:00Z'),
      durationMinutes: 120,
      placeType: 'Autre',
      placeCommune: 'Vernon',
      placePostalCode: '27200',
      themes: '["PrendreEnMainDuMateriel"]',
      workshopTitle: 'Smartphone',
      workshopLevel: 'Debutant',
      anonymousCounts: JSON.stringify({
        total: 4,
        alreadyAccompanied: 0,
        gender: { Feminin: 3, Masculin: 1 },
        ageBand: {},
        socialStatus: {},
      }),
      participantCount: 6,
    },
  })
  await db.activityReport.create({
    data: {
      ...base,
      kind: 'INDIVIDUAL',
      status: 'DECLINED',
      appointmentId: await subject(karim.id, new Date('2024-04-11T08:00:00Z')),
      date: new Date('2024-04-11T08:00:00Z'),
    },
  })
  await db.activityReport.create({
    data: {
      ...base,
      advisorId: lea.id,
      kind: 'INDIVIDUAL',
      appointmentId: await subject(lea.id, new Date('2024-04-12T08:00:00Z')),
      date: new Date('2024-04-12T08:00:00Z'),
      durationMinutes: 30,
      placeType: 'ADistance',
      themes: '["Email"]',
    },
  })
  const appointment = await db.appointment.create({
    data: {
      organisationId,
      advisorId: karim.id,
      topicId: taxes.id,
      residentId: rene.id,
      mode: 'IN_PERSON',
      siteId: townHall.id,
      startsAt: new Date('2024-05-02T07:00:00Z'),
      endsAt: new Date('2024-05-02T07:30:00Z'),
      status: 'HONOURED',
      createdVia: 'RECEPTION',
    },
  })
  const session = await workshop(new Date('2024-05-03T12:00:00Z'), 2, 1)
  const registration = await db.workshopRegistration.create({
    data: {
      organisationId,
      sessionId: session.id,
      residentId: rene.id,
      seatId: session.seats[0]!.id,
      status: 'ATTENDED',
      createdVia: 'ONLINE',
    },
  })
  const other = await db.organisation.create({
    data: {
      slug: 'ailleurs',
      name: 'Ailleurs',
      kind: 'COMMUNE',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
    },
  })
  const otherSite = await db.site.create({
    data: {
      organisationId: other.id,
      name: 'Loin',
      address: '1 rue Loin',
      postalCode: '75001',
      city: 'Paris',
    },
  })
  return {
    organisationId,
    karim,
    lea,
    townHall,
    rene,
    individual,
    appointment,
    registration,
    otherSite,
  }
}

async function csvRows(response: Response) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  const bytes = Buffer.from(await response.arrayBuffer())
  // The BOM tells Excel the file is UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.toString('utf8')
  const rows: Record<string, string>[] = parse(text, { bom: true, delimiter: ';', columns: true })
  return rows
}

describe(`exports on ${testProvider}`, () => {
  test('activity reports as CSV: La Coop’s codes, the local date, the formula guard', async () => {
    const { karim, rene, townHall, organisationId } = await ids()
    const rows = await csvRows(await get(fileUrl({ kind: 'reports', format: 'csv', ...APRIL })))
    // Karim's own filed reports only: not Léa's, not the declined one.
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({
      date: '2024-04-01',
      duree: '45',
      typeLieu: 'LieuActivite',
      structure: townHall.name,
      thematiques: 'Email, AideAuxDemarchesAdministratives, ArgentImpots',
      materiel: 'Ordinateur, Telephone',
      notes: `'=HYPERLINK("http://example.com")`,
      type: 'Individuel',
      beneficiaire: rene.id,
      dejaAccompagne: 'Non',
      communeResidence: 'Saint-Aubin',
      genre: 'Masculin',
      trancheAge: 'SoixanteDixPlus',
      statutSocial: 'Retraite',
      autonomie: 'EntierementAccompagne',
      orienteVersStructure: 'Oui',
      structureDeRedirection: 'Administration',
      titreAtelier: '',
      participants: '1',
      conseiller: `${karim.firstName} ${karim.lastName}`,
    })
    expect(rows[1]).toMatchObject({
      date: '2024-04-10',
      typeLieu: 'Autre',
      lieuCommune: 'Vernon',
      lieuCodePostal: '27200',
      type: 'Collectif',
      beneficiaire: '',
      titreAtelier: 'Smartphone',
      niveau: 'Debutant',
      participants: '6',
      participantsAnonymes: '4',
      genreFeminin: '3',
      genreMasculin: '1',
    })
    // No name of the resident anywhere in the file.
    expect(JSON.stringify(rows)).not.toContain('Girard')
    // March ends before the report's local day.
    const march = await csvRows(
      await get(fileUrl({ kind: 'reports', format: 'csv', from: '2024-03-01', to: '2024-03-31' })),
    )
    expect(march).toHaveLength(0)
    await until(
      async () =>
        (await workspace.database.auditEvent.count({
          where: { organisationId, advisorId: karim.id, action: 'EXPORT_REPORTS' },
        })) >= 2,
    )
    const audit = await workspace.database.auditEvent.findFirstOrThrow({
      where: { organisationId, action: 'EXPORT_REPORTS', summary: { contains: 'rows=2' } },
    })
    expect(audit).toMatchObject({ advisorId: karim.id, entityType: 'Organisation' })
    expect(audit.summary).toBe(
      `csv 2024-04-01..2024-04-30 site=all advisor=${karim.id} rows=2 complete`,
    )
  })

  test('admins filter by advisor and site; the XLSX has typed dates and the guard', async () => {
    const { lea, townHall } = await ids()
    const leas = await csvRows(
      await get(fileUrl({ kind: 'reports', format: 'csv', ...APRIL, advisorId: lea.id }), CAMILLE),
    )
    expect(leas.map((row) => row.typeLieu)).toEqual(['ADistance'])
    const all = await csvRows(
      await get(fileUrl({ kind: 'reports', format: 'csv', ...APRIL }), CAMILLE),
    )
    expect(all).toHaveLength(3)
    const atTownHall = await csvRows(
      await get(
        fileUrl({ kind: 'reports', format: 'csv', ...APRIL, siteId: townHall.id }),
        CAMILLE,
      ),
    )
    expect(atTownHall.map((row) => row.date)).toEqual(['2024-04-01'])

    const response = await get(fileUrl({ kind: 'reports', format: 'xlsx', ...APRIL }), CAMILLE)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="comptes-rendus-2024-04-01-2024-04-30.xlsx"',
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.getWorksheet('Comptes rendus')!
    const header = (sheet.getRow(1).values as string[]).slice(1)
    const column = (name: string) => header.indexOf(name) + 1
    const first = sheet.getRow(2)
    const date = first.getCell(column('date'))
    expect(date.value).toEqual(new Date('2024-04-01T00:00:00Z'))
    expect(date.numFmt).toBe('dd/mm/yyyy')
    expect(first.getCell(column('notes')).value).toBe(`'=HYPERLINK("http://example.com")`)
    expect(first.getCell(column('duree')).value).toBe(45)
    expect(first.getCell(column('thematiques')).value).toBe(
      'Email, AideAuxDemarchesAdministratives, ArgentImpots',
    )
    expect(sheet.rowCount).toBe(4)
  })

  test('appointments: one row per appointment and per workshop participant', async () => {
    const { appointment, registration, rene, townHall } = await ids()
    const rows = await csvRows(await get(fileUrl({ kind: 'appointments', format: 'csv', ...MAY })))
    expect(rows).toEqual([
      expect.objectContaining({
        type: 'RendezVous',
        id: appointment.id,
        date: '2024-05-02',
        heure: '09:00',
        dureeMinutes: '30',
        lieu: townHall.name,
        modalite: 'IN_PERSON',
        motif: 'Déclarer mes impôts en ligne',
        thematique: 'MONEY_TAXES',
        statut: 'HONOURED',
        canal: 'RECEPTION',
        usager: rene.id,
      }),
      expect.objectContaining({
        type: 'Atelier',
        id: registration.id,
        date: '2024-05-03',
        heure: '14:00',
        dureeMinutes: '120',
        statut: 'ATTENDED',
        canal: 'ONLINE',
      }),
    ])
    expect(Object.keys(rows[0]!)).not.toContain('telephone')
    const xlsx = await get(fileUrl({ kind: 'appointments', format: 'xlsx', ...MAY }))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const time = workbook.getWorksheet('Rendez-vous')!.getRow(2).getCell(4)
    expect(time.numFmt).toBe('hh:mm')
    // Excel's time of day: a fraction of a day, which exceljs reads back on its 1899 epoch.
    expect(time.value).toEqual(new Date('1899-12-30T09:00:00Z'))
  })

  test('who may export what', async () => {
    const { lea, otherSite } = await ids()
    const april = { kind: 'reports', format: 'csv', ...APRIL }
    expect((await get('/espace/exports', SOPHIE)).status).toBe(403)
    expect((await get(fileUrl(april), SOPHIE)).status).toBe(403)
    // An advisor exports their own rows only; another organisation's site is not found.
    expect((await get(fileUrl({ ...april, advisorId: lea.id }))).status).toBe(403)
    expect((await get(fileUrl({ ...april, siteId: otherSite.id }), CAMILLE)).status).toBe(404)
    expect((await get(fileUrl({ ...april, from: '2024-02-30' }))).status).toBe(400)
    const page = await (await get('/espace/exports')).text()
    expect(page).toContain('Exports')
    expect(page).toContain('href="/espace/exports"')
    expect(page).not.toContain('name="advisorId"')
    expect(await (await get('/espace/exports', CAMILLE)).text()).toContain('name="advisorId"')
  })

  test('the form: French messages with what was typed, then the file’s URL', async () => {
    const { otherSite } = await ids()
    const refused = await workspace.post(
      '/espace/exports',
      {
        kind: 'reports',
        format: 'xlsx',
        from: '2024-04-30',
        to: '2024-04-01',
      },
      KARIM,
    )
    expect(refused.status).toBe(200)
    const html = await refused.text()
    expect(html).toContain('La date de fin doit être le jour de début ou après.')
    expect(html).toContain('value="2024-04-30"')
    const otherSiteReply = await workspace.post(
      '/espace/exports',
      { kind: 'reports', format: 'csv', ...APRIL, siteId: otherSite.id },
      CAMILLE,
    )
    expect(await otherSiteReply.text()).toContain('Choisissez une valeur de la liste.')
    const sent = await workspace.post('/espace/exports', {
      kind: 'appointments',
      format: 'csv',
      ...APRIL,
    })
    expect(sent.status).toBe(302)
    expect(sent.headers.get('location')).toBe(
      fileUrl({ kind: 'appointments', format: 'csv', ...APRIL }),
    )
  })

  test('a large export is streamed in chunks, with no length known beforehand', async () => {
    const { organisationId, lea } = await ids()
    const count = 1500
    const topic = await workspace.database.topic.findFirstOrThrow({ where: { organisationId } })
    const resident = await workspace.database.resident.findFirstOrThrow({
      where: { organisationId },
    })
    // One ten-minute appointment after another in June, each the subject of a report;
    // excused, which the no-overlap check skips, so that the fixture is written fast.
    const starts = Array.from(
      { length: count },
      (_, index) => new Date(Date.UTC(2024, 5, 1) + index * 600_000),
    )
    const subjects = await workspace.database.appointment.createManyAndReturn({
      data: starts.map((startsAt) => ({
        organisationId,
        advisorId: lea.id,
        topicId: topic.id,
        residentId: resident.id,
        mode: 'PHONE' as const,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 600_000),
        status: 'EXCUSED' as const,
        createdVia: 'ADVISOR' as const,
      })),
      select: { id: true, startsAt: true },
    })
    await workspace.database.activityReport.createMany({
      data: subjects.map((subject, index) => ({
        organisationId,
        advisorId: lea.id,
        appointmentId: subject.id,
        kind: 'INDIVIDUAL' as const,
        status: 'FILED' as const,
        // Twenty-one reports of one instant across the first batch's end (1,000 rows).
        date: index >= 990 && index <= 1010 ? starts[990]! : subject.startsAt,
        durationMinutes: 30,
        placeType: 'ADistance',
        themes: '["Email"]',
        notes: `Note ${index}`,
      })),
    })
    const file = fileUrl({
      kind: 'reports',
      format: 'csv',
      from: '2024-06-01',
      to: '2024-06-30',
      advisorId: lea.id,
    })
    // Writing the fixture held this process (SQLite is synchronous) past the server's
    // keep-alive timeout: the connection kept from before may be gone, so once more if so.
    const response = await get(file, CAMILLE).catch(() => get(file, CAMILLE))
    expect(response.headers.get('content-length')).toBeNull()
    const reader = response.body!.getReader()
    let chunks = 0
    let text = ''
    const decoder = new TextDecoder()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks += 1
      text += decoder.decode(value, { stream: true })
    }
    expect(chunks).toBeGreaterThan(1)
    const lines = text.trimEnd().split('\r\n')
    expect(lines).toHaveLength(count + 1)
    expect(lines.at(-1)).toContain(`Note ${count - 1}`)
    // Every report once, the tie at the batch boundary included, in date order.
    const reportIds = lines.slice(1).map((line) => line.split(';')[0])
    expect(new Set(reportIds).size).toBe(count)
    const dates = lines.slice(1).map((line) => line.split(';')[1]!)
    expect([...dates].sort()).toEqual(dates)
  })
})
