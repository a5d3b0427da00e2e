import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { until } from '../support/server'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'

// Residents' right of access and the audit log page (decision 091), over HTTP: the export
// holds each kind of data (checked field by field), another organisation's resident is not
// found, roles without the right are refused, every export is audited with ids only; the
// log's filters, keyset pages, personal data per role and its CSV cell by cell.

const workspace = demoWorkspace(SOPHIE)
const CAMILLE = 'camille.martin@val-de-sorne.example'
const get = (path: string, email = SOPHIE) => workspace.get(path, email)

type Fixture = Awaited<ReturnType<typeof createFixture>>
let fixture: Fixture | undefined
const ids = async () => (fixture ??= await createFixture())

/** Zélie Fauré and everything the organisation may hold about her, in February 2023. */
async function createFixture() {
  const db = workspace.database
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { slug: DEMO_ORGANISATION_SLUG },
  })
  const organisationId = organisation.id
  const [karim, lea, townHall, taxes] = await Promise.all([
    db.advisor.findUniqueOrThrow({ where: { email: KARIM } }),
    db.advisor.findUniqueOrThrow({ where: { email: LEA } }),
    db.site.findFirstOrThrow({ where: { name: { contains: 'Mairie de Saint' } } }),
    db.topic.findFirstOrThrow({ where: { name: 'Déclarer mes impôts en ligne' } }),
  ])
  const zelie = await db.resident.create({
    data: {
      organisationId,
      firstName: 'Zélie',
      lastName: 'Fauré',
      searchKey: 'zelie faure',
      phoneE164: '+33612345678',
      phoneType: 'MOBILE',
      email: 'zelie@example.org',
      preferredLanguage: 'fr',
      notificationConsent: true,
      smsOptedOut: false,
      createdVia: 'RECEPTION',
      createdAt: new Date('2023-02-01T09:00:00Z'),
    },
  })
  const appointment = await db.appointment.create({
    data: {
      organisationId,
      advisorId: karim.id,
      topicId: taxes.id,
      residentId: zelie.id,
      mode: 'IN_PERSON',
      siteId: townHall.id,
      startsAt: new Date('2023-02-06T09:00:00Z'),
      endsAt: new Date('2023-02-06T09:30:00Z'),
      status: 'HONOURED',
      createdVia: 'HELPER',
      helperName: 'Paul Aidant',
      helperPhoneE164: '+33698765432',
      helperEmail: 'paul@example.org',
      messagesTo: 'HELPER',
      note: 'Apporter l’avis d’imposition',
    },
  })
  const startsAt = new Date('2023-02-10T13:00:00Z')
  const endsAt = new Date('2023-02-10T15:00:00Z')
  const session = await db.workshopSession.create({
    data: {
      organisationId,
      topicId: taxes.id,
      siteId: townHall.id,
      startsAt,
      endsAt,
      seatCount: 1,
      seats: { create: [{ number: 1 }] },
      advisors: { create: [{ advisorId: lea.id, startsAt, endsAt }] },
    },
    include: { seats: true },
  })
  const registration = await db.workshopRegistration.create({
    data: {
      organisationId,
      sessionId: session.id,
      residentId: zelie.id,
      seatId: session.seats[0]!.id,
      status: 'ATTENDED',
      createdVia: 'ONLINE',
      createdAt: new Date('2023-02-02T10:00:00Z'),
    },
  })
  const waiting = await db.waitlistEntry.create({
    data: {
      organisationId,
      sessionId: session.id,
      residentId: zelie.id,
      status: 'LEFT',
      createdVia: 'ONLINE',
      createdAt: new Date('2023-02-03T10:00:00Z'),
    },
  })
  const earlier = await db.earlierSlotRequest.create({
    data: {
      organisationId,
      residentId: zelie.id,
      appointmentId: appointment.id,
      topicId: taxes.id,
      mode: 'IN_PERSON',
      siteId: townHall.id,
      status: 'DONE',
      alertsSent: 1,
      createdVia: 'ONLINE',
      createdAt: new Date('2023-02-04T10:00:00Z'),
    },
  })
  const message = await db.notification.create({
    data: {
      organisationId,
      appointmentId: appointment.id,
      kind: 'CONFIRMATION',
      channel: 'SMS',
      recipient: '+33698765432',
      status: 'DELIVERED',
      dueAt: new Date('2023-02-01T09:01:00Z'),
      sentAt: new Date('2023-02-01T09:02:00Z'),
    },
  })
  const individual = await db.activityReport.create({
    data: {
      organisationId,
      advisorId: karim.id,
      kind: 'INDIVIDUAL',
      status: 'FILED',
      appointmentId: appointment.id,
      date: appointment.startsAt,
      durationMinutes: 30,
      themes: '["ArgentImpots"]',
      notes: 'Déclaration faite',
      residentId: zelie.id,
      ageBand: 'SoixanteDixPlus',
      residenceCommune: 'Saint-Aubin',
      participantCount: 1,
    },
  })
  const collective = await db.activityReport.create({
    data: {
      organisationId,
      advisorId: lea.id,
      kind: 'COLLECTIVE',
      status: 'FILED',
      workshopSessionId: session.id,
      date: startsAt,
      durationMinutes: 120,
      themes: '["Email"]',
      workshopTitle: 'Courriel',
      notes: 'Notes sur tout le groupe',
      participantCount: 1,
      participants: { create: [{ residentId: zelie.id }] },
    },
  })
  const event = (
    action: string,
    entityType: string,
    entityId: string,
    at: string,
    advisorId: string | null,
    summary: string,
  ) =>
    db.auditEvent.create({
      data: {
        organisationId,
        advisorId,
        actorKind: advisorId ? 'ADVISOR' : 'RESIDENT',
        action,
        entityType,
        entityId,
        summary,
        createdAt: new Date(at),
      },
    })
  const updated = await event(
    'RESIDENT_UPDATED',
    'Resident',
    zelie.id,
    '2023-02-05T10:00:00Z',
    karim.id,
    'changed email',
  )
  const cancelled = await event(
    'APPOINTMENT_CANCELLED',
    'Appointment',
    appointment.id,
    '2023-02-07T10:00:00Z',
    lea.id,
    '=HYPERLINK("http://example.com") Zélie ne vient plus',
  )
  const byResident = await event(
    'WAITLIST_LEFT',
    'WaitlistEntry',
    waiting.id,
    '2023-02-08T23:30:00Z',
    null,
    'left the waiting list',
  )
  // Another resident's event the same week: never in Zélie's export or her filter.
  const rene = await db.resident.findFirstOrThrow({ where: { lastName: 'Girard' } })
  const unrelated = await event(
    'RESIDENT_UPDATED',
    'Resident',
    rene.id,
    '2023-02-06T10:00:00Z',
    karim.id,
    'changed phone',
  )
  const other = await db.organisation.create({
    data: {
      slug: 'droits-ailleurs',
      name: 'Ailleurs',
      kind: 'COMMUNE',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
    },
  })
  const outsider = await db.resident.create({
    data: {
      organisationId: other.id,
      firstName: 'Ugo',
      lastName: 'Dehors',
      searchKey: 'ugo dehors',
      createdVia: 'ONLINE',
    },
  })
  return {
    organisationId,
    karim,
    lea,
    zelie,
    appointment,
    session,
    registration,
    waiting,
    earlier,
    message,
    individual,
    collective,
    updated,
    cancelled,
    byResident,
    unrelated,
    outsider,
  }
}

const exportPath = (id: string) => `/espace/usagers/${id}/donnees.json`
const exportsOf = (residentId: string) =>
  workspace.database.auditEvent.findMany({
    where: { action: 'RESIDENT_EXPORTED', entityId: residentId },
    orderBy: { createdAt: 'asc' },
  })

describe(`residents' data export on ${testProvider}`, () => {
  test('the JSON holds every kind of data about the resident, field by field', async () => {
    const f = await ids()
    const response = await get(exportPath(f.zelie.id))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="usager-${f.zelie.id}.json"`,
    )
    const data = await response.json()
    expect(data.format).toBe('permanence-resident-export')
    expect(data.organisation).toEqual({ id: f.organisationId, name: expect.any(String) })
    expect(data.resident).toEqual({
      id: f.zelie.id,
      firstName: 'Zélie',
      lastName: 'Fauré',
      phone: '+33612345678',
      phoneType: 'MOBILE',
      email: 'zelie@example.org',
      preferredLanguage: 'fr',
      notificationConsent: true,
      smsOptedOut: false,
      createdVia: 'RECEPTION',
      createdAt: '2023-02-01T09:00:00.000Z',
      updatedAt: f.zelie.updatedAt.toISOString(),
    })
    expect(data.appointments).toEqual([
      {
        id: f.appointment.id,
        startsAt: '2023-02-06T09:00:00.000Z',
        endsAt: '2023-02-06T09:30:00.000Z',
        topic: 'Déclarer mes impôts en ligne',
        mode: 'IN_PERSON',
        place: expect.stringContaining('Mairie de Saint'),
        advisor: 'Karim Benali',
        status: 'HONOURED',
        createdVia: 'HELPER',
        helper: {
          name: 'Paul Aidant',
          phone: '+33698765432',
          email: 'paul@example.org',
          messagesTo: 'HELPER',
        },
        note: 'Apporter l’avis d’imposition',
        cancellationReason: null,
        createdAt: f.appointment.createdAt.toISOString(),
      },
    ])
    const session = {
      id: f.session.id,
      startsAt: '2023-02-10T13:00:00.000Z',
      endsAt: '2023-02-10T15:00:00.000Z',
      topic: 'Déclarer mes impôts en ligne',
      place: expect.stringContaining('Mairie de Saint'),
    }
    const noHelper = { name: null, phone: null, email: null, messagesTo: 'RESIDENT' }
    expect(data.workshopRegistrations).toEqual([
      {
        id: f.registration.id,
        session,
        status: 'ATTENDED',
        companionOf: null,
        companionName: null,
        createdVia: 'ONLINE',
        helper: noHelper,
        cancellationReason: null,
        createdAt: '2023-02-02T10:00:00.000Z',
      },
    ])
    expect(data.waitingList).toEqual([
      {
        id: f.waiting.id,
        session,
        status: 'LEFT',
        holdUntil: null,
        createdVia: 'ONLINE',
        helper: noHelper,
        createdAt: '2023-02-03T10:00:00.000Z',
      },
    ])
    expect(data.earlierSlotRequests).toEqual([
      {
        id: f.earlier.id,
        appointmentId: f.appointment.id,
        topic: 'Déclarer mes impôts en ligne',
        mode: 'IN_PERSON',
        place: expect.stringContaining('Mairie de Saint'),
        status: 'DONE',
        alertsSent: 1,
        maxAlerts: 3,
        offeredStartsAt: null,
        createdVia: 'ONLINE',
        createdAt: '2023-02-04T10:00:00.000Z',
      },
    ])
    expect(data.messages).toEqual([
      {
        id: f.message.id,
        channel: 'SMS',
        kind: 'CONFIRMATION',
        recipient: '+33698765432',
        status: 'DELIVERED',
        dueAt: '2023-02-01T09:01:00.000Z',
        sentAt: '2023-02-01T09:02:00.000Z',
        createdAt: f.message.createdAt.toISOString(),
      },
    ])
    expect(data.activityReports).toEqual([
      {
        id: f.individual.id,
        kind: 'INDIVIDUAL',
        status: 'FILED',
        namedAs: 'RESIDENT',
        date: '2023-02-06T09:00:00.000Z',
        durationMinutes: 30,
        advisor: 'Karim Benali',
        themes: ['ArgentImpots'],
        workshopTitle: null,
        notes: 'Déclaration faite',
        residenceCommune: 'Saint-Aubin',
        gender: null,
        ageBand: 'SoixanteDixPlus',
        socialStatus: null,
        autonomy: null,
        referred: null,
        referralStructure: null,
      },
      {
        // A group's notes are about the whole group: not handed to one participant.
        id: f.collective.id,
        kind: 'COLLECTIVE',
        status: 'FILED',
        namedAs: 'PARTICIPANT',
        date: '2023-02-10T13:00:00.000Z',
        durationMinutes: 120,
        advisor: 'Léa Fontaine',
        themes: ['Email'],
        workshopTitle: 'Courriel',
      },
    ])
    const history = data.history as { id: string; action: string }[]
    expect(history.slice(0, 3)).toEqual([
      {
        id: f.updated.id,
        at: '2023-02-05T10:00:00.000Z',
        action: 'RESIDENT_UPDATED',
        entityType: 'Resident',
        entityId: f.zelie.id,
        by: 'Karim Benali',
        summary: 'changed email',
      },
      {
        id: f.cancelled.id,
        at: '2023-02-07T10:00:00.000Z',
        action: 'APPOINTMENT_CANCELLED',
        entityType: 'Appointment',
        entityId: f.appointment.id,
        by: 'Léa Fontaine',
        summary: '=HYPERLINK("http://example.com") Zélie ne vient plus',
      },
      {
        id: f.byResident.id,
        at: '2023-02-08T23:30:00.000Z',
        action: 'WAITLIST_LEFT',
        entityType: 'WaitlistEntry',
        entityId: f.waiting.id,
        by: 'RESIDENT',
        summary: 'left the waiting list',
      },
    ])
    // The export itself ends the history; nobody else's events are in it.
    expect(history.at(-1)!.action).toBe('RESIDENT_EXPORTED')
    expect(history.map((row) => row.id)).not.toContain(f.unrelated.id)
  })

  test('the printable page shows the same data', async () => {
    const f = await ids()
    const response = await get(`/espace/usagers/${f.zelie.id}/donnees`, CAMILLE)
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const text of [
      'Zélie',
      'Fauré',
      '06 12 34 56 78',
      'zelie@example.org',
      'Paul Aidant',
      'Apporter l’avis d’imposition',
      'Courriel',
      '+33698765432',
      'CONFIRMATION',
      'RESIDENT_UPDATED',
      'Déclaration faite',
    ]) {
      expect(html).toContain(text)
    }
    expect(html).not.toContain('Notes sur tout le groupe')
  })

  test('each export is audited with ids only', async () => {
    const f = await ids()
    const before = (await exportsOf(f.zelie.id)).length
    expect((await get(exportPath(f.zelie.id))).status).toBe(200)
    expect((await get(`/espace/usagers/${f.zelie.id}/donnees`)).status).toBe(200)
    const events = (await exportsOf(f.zelie.id)).slice(before)
    const sophie = await workspace.database.advisor.findUniqueOrThrow({ where: { email: SOPHIE } })
    expect(
      events.map(({ advisorId, entityType, summary }) => ({ advisorId, entityType, summary })),
    ).toEqual([
      { advisorId: sophie.id, entityType: 'Resident', summary: 'exported as JSON' },
      { advisorId: sophie.id, entityType: 'Resident', summary: 'exported as a printable page' },
    ])
  })

  test('another organisation’s resident is not found; advisors are refused; nothing audited', async () => {
    const f = await ids()
    const before = await workspace.database.auditEvent.count()
    for (const path of [exportPath(f.outsider.id), `/espace/usagers/${f.outsider.id}/donnees`]) {
      expect((await get(path)).status, path).toBe(404)
      expect((await get(path, CAMILLE)).status, path).toBe(404)
    }
    expect((await get(exportPath('does-not-exist'))).status).toBe(404)
    for (const path of [exportPath(f.zelie.id), `/espace/usagers/${f.zelie.id}/donnees`]) {
      const refused = await get(path, KARIM)
      expect(refused.status, path).toBe(403)
      expect(await refused.text()).not.toContain('Zélie')
    }
    expect(await workspace.database.auditEvent.count()).toBe(before)
  })

  test('the resident’s page links the export for who may export only', async () => {
    const f = await ids()
    const html = await (await get(`/espace/usagers/${f.zelie.id}`)).text()
    expect(html).toContain(`/espace/usagers/${f.zelie.id}/donnees.json`)
    expect(html).toContain(`/espace/admin/journal?usager=${f.zelie.id}`)
  })
})

const journal = (filters: Record<string, string>, email = CAMILLE) =>
  get(`/espace/admin/journal?${new URLSearchParams(filters).toString()}`, email)
const FEBRUARY = { du: '2023-02-01', au: '2023-02-28' }

describe(`audit log page on ${testProvider}`, () => {
  test('filters by period, advisor, resident and action', async () => {
    const f = await ids()
    const febEvents = async (filters: Record<string, string>) => {
      const html = await (await journal({ ...FEBRUARY, ...filters })).text()
      return {
        updated: html.includes(`Resident ${f.zelie.id}`),
        cancelled: html.includes(`Appointment ${f.appointment.id}`),
        byResident: html.includes(`WaitlistEntry ${f.waiting.id}`),
        unrelated: html.includes(`Resident ${f.unrelated.entityId}`),
      }
    }
    expect(await febEvents({})).toEqual({
      updated: true,
      cancelled: true,
      byResident: true,
      unrelated: true,
    })
    // Actions by their name, in the table and the filter; one without a name by its code.
    const page = await (await journal(FEBRUARY)).text()
    expect(page).toContain('<td>Fiche modifiée</td>')
    expect(page).toContain('<option value="RESIDENT_UPDATED">Fiche modifiée</option>')
    expect(page).toContain('<td>WAITLIST_LEFT</td>')
    // 23:30 UTC on 8 February is 00:30 on the 9th in Paris: the 9th's, not the 8th's.
    expect(await febEvents({ du: '2023-02-09', au: '2023-02-09' })).toEqual({
      updated: false,
      cancelled: false,
      byResident: true,
      unrelated: false,
    })
    expect(await febEvents({ du: '2023-02-05', au: '2023-02-06' })).toEqual({
      updated: true,
      cancelled: false,
      byResident: false,
      unrelated: true,
    })
    expect(await febEvents({ conseiller: f.karim.id })).toEqual({
      updated: true,
      cancelled: false,
      byResident: false,
      unrelated: true,
    })
    expect(await febEvents({ usager: f.zelie.id })).toEqual({
      updated: true,
      cancelled: true,
      byResident: true,
      unrelated: false,
    })
    expect(await febEvents({ action: 'RESIDENT_UPDATED' })).toEqual({
      updated: true,
      cancelled: false,
      byResident: false,
      unrelated: true,
    })
    expect(await febEvents({ usager: f.outsider.id })).toEqual({
      updated: false,
      cancelled: false,
      byResident: false,
      unrelated: false,
    })
  })

  test('bad filters: a clear message, what was typed kept, never a 5xx', async () => {
    const response = await journal({ du: '2023-02-30', au: 'demain' })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('2023-02-30')
    expect(html).toContain('demain')
    expect(html).toMatch(/aria-invalid="true"/)
    const reversed = await (await journal({ du: '2023-02-10', au: '2023-02-01' })).text()
    expect(reversed).toContain(
      'La date de fin doit être le même jour que la date de début ou après.',
    )
    const garbled = await journal({ avant: 'nonsense', action: 'x'.repeat(65) })
    expect(garbled.status).toBe(200)
    expect((await get('/espace/admin/journal/fichier?du=31-02', CAMILLE)).status).toBe(400)
  })

  test('pages of fifty, newest first, by keyset: none lost or repeated', async () => {
    const f = await ids()
    const day = '2023-03-15'
    await workspace.database.auditEvent.createMany({
      data: Array.from({ length: 61 }, (_, index) => ({
        organisationId: f.organisationId,
        advisorId: f.karim.id,
        actorKind: 'ADVISOR',
        action: 'TEST_BULK',
        entityType: 'Test',
        entityId: `bulk-${String(index).padStart(3, '0')}`,
        summary: 'bulk',
        // Pairs at the same instant: the id breaks the tie.
        createdAt: new Date(Date.UTC(2023, 2, 15, 8, 0, Math.floor(index / 2))),
      })),
    })
    const seen: string[] = []
    let query = `?${new URLSearchParams({ du: day, au: day, action: 'TEST_BULK' }).toString()}`
    let pages = 0
    for (;;) {
      const html = await (await get(`/espace/admin/journal${query}`, CAMILLE)).text()
      pages += 1
      seen.push(...[...html.matchAll(/<code>Test (bulk-\d{3})<\/code>/g)].map((match) => match[1]!))
      const next = /href="[^"?]*(\?[^"]*avant=[^"]*)"/.exec(html)
      if (!next) break
      query = next[1]!.replaceAll('&amp;', '&')
    }
    expect(pages).toBe(2)
    expect(seen).toHaveLength(61)
    expect(new Set(seen).size).toBe(61)
    // Newest first: the latest second holds bulk-060 alone, then bulk-058/059 (id order desc).
    expect(seen.slice(0, 3)).toEqual(['bulk-060', 'bulk-059', 'bulk-058'])
    expect(seen.at(-1)).toBe('bulk-000')
  })

  test('personal data only for who may see it; advisors refused', async () => {
    const f = await ids()
    const filters = { ...FEBRUARY, usager: f.zelie.id }
    const admin = await (await journal(filters, CAMILLE)).text()
    expect(admin).toContain('Zélie Fauré')
    expect(admin).toContain('Zélie ne vient plus')
    expect(admin).toContain('changed email')
    const reception = await journal(filters, SOPHIE)
    expect(reception.status).toBe(200)
    const html = await reception.text()
    expect(html).toContain(`Appointment ${f.appointment.id}`)
    expect(html).toContain(`/espace/usagers/${f.zelie.id}`)
    for (const text of ['Zélie', 'Fauré', 'ne vient plus', 'changed email']) {
      expect(html).not.toContain(text)
    }
    expect((await journal(filters, KARIM)).status).toBe(403)
    expect((await journal(filters, LEA)).status).toBe(403)
    expect(
      (await get(`/espace/admin/journal/fichier?${new URLSearchParams(filters)}`, KARIM)).status,
    ).toBe(403)
  })

  test('the CSV of the filtered log, cell by cell, formula guarded, audited', async () => {
    const f = await ids()
    const camille = await workspace.database.advisor.findUniqueOrThrow({
      where: { email: CAMILLE },
    })
    const filters = new URLSearchParams({ ...FEBRUARY, usager: f.zelie.id }).toString()
    const response = await get(`/espace/admin/journal/fichier?${filters}`, CAMILLE)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="journal-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const text = await response.text()
    const rows: Record<string, string>[] = parse(text, { bom: true, delimiter: ';', columns: true })
    const februaryRows = rows.filter((row) => row['Horodatage (UTC)']!.startsWith('2023-02'))
    expect(februaryRows).toEqual([
      {
        Date: '2023-02-09',
        Heure: '00:30',
        'Horodatage (UTC)': '2023-02-08T23:30:00.000Z',
        Action: 'WAITLIST_LEFT',
        Par: 'RESIDENT',
        Type: 'WaitlistEntry',
        Identifiant: f.waiting.id,
        'Usager (identifiant)': f.zelie.id,
        Usager: 'Zélie Fauré',
        Détail: 'left the waiting list',
      },
      {
        Date: '2023-02-07',
        Heure: '11:00',
        'Horodatage (UTC)': '2023-02-07T10:00:00.000Z',
        Action: 'APPOINTMENT_CANCELLED',
        Par: 'Léa Fontaine',
        Type: 'Appointment',
        Identifiant: f.appointment.id,
        'Usager (identifiant)': f.zelie.id,
        Usager: 'Zélie Fauré',
        Détail: `'=HYPERLINK("http://example.com") Zélie ne vient plus`,
      },
      {
        Date: '2023-02-05',
        Heure: '11:00',
        'Horodatage (UTC)': '2023-02-05T10:00:00.000Z',
        Action: 'RESIDENT_UPDATED',
        Par: 'Karim Benali',
        Type: 'Resident',
        Identifiant: f.zelie.id,
        'Usager (identifiant)': f.zelie.id,
        Usager: 'Zélie Fauré',
        Détail: 'changed email',
      },
    ])
    await until(async () =>
      Boolean(
        await workspace.database.auditEvent.findFirst({
          where: { action: 'AUDIT_LOG_EXPORTED', advisorId: camille.id },
        }),
      ),
    )
    const audit = await workspace.database.auditEvent.findFirstOrThrow({
      where: { action: 'AUDIT_LOG_EXPORTED', advisorId: camille.id },
    })
    expect(audit.summary).toBe(
      `2023-02-01..2023-02-28 advisor=all resident=${f.zelie.id} action=all personal=yes rows=${rows.length} complete`,
    )
    // Reception: the same rows without the personal columns.
    const reception = await get(`/espace/admin/journal/fichier?${filters}`, SOPHIE)
    const receptionText = await reception.text()
    const receptionRows: Record<string, string>[] = parse(receptionText, {
      bom: true,
      delimiter: ';',
      columns: true,
    })
    expect(Object.keys(receptionRows[0]!)).toEqual([
      'Date',
      'Heure',
      'Horodatage (UTC)',
      'Action',
      'Par',
      'Type',
      'Identifiant',
      'Usager (identifiant)',
    ])
    expect(receptionText).not.toContain('Zélie')
  })
})
