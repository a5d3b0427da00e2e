import { describe, expect, test } from 'vitest'
import { runRetention } from '~/features/retention/index.server'
import { periodFigures } from '~/features/statistics/figures.server'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, SOPHIE } from '../support/workspace'

// A resident's erasure and the retention settings over HTTP (decision 090).

const CAMILLE = 'camille.martin@val-de-sorne.example'
const workspace = demoWorkspace(SOPHIE)
const { get, post } = workspace
const db = () => workspace.database

/** A resident of the demo with an appointment to come and a way to be told. */
async function residentWithUpcoming(skip: string[] = []) {
  const appointment = await db().appointment.findFirstOrThrow({
    where: {
      status: 'BOOKED',
      startsAt: { gt: new Date(Date.now() + 86_400_000) },
      resident: { anonymisedAt: null, id: { notIn: skip } },
      organisation: { slug: { not: 'autre-structure' } },
    },
    include: { resident: true },
    orderBy: { startsAt: 'asc' },
  })
  return { appointment, resident: appointment.resident }
}

describe(`erasing a resident on ${testProvider}`, () => {
  test('an advisor without the right is refused, and nothing changes', async () => {
    const { resident } = await residentWithUpcoming()
    expect((await get(`/espace/usagers/${resident.id}/effacer`, KARIM)).status).toBe(403)
    const refused = await post(`/espace/usagers/${resident.id}/effacer`, { confirm: 'on' }, KARIM)
    expect(refused.status).toBe(403)
    const after = await db().resident.findUniqueOrThrow({ where: { id: resident.id } })
    expect(after).toEqual(resident)
  })

  test('unconfirmed: a French message, nothing erased', async () => {
    const { resident } = await residentWithUpcoming()
    const page = await post(`/espace/usagers/${resident.id}/effacer`, {})
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('class="error">Cochez la case pour confirmer l’effacement.')
    const after = await db().resident.findUniqueOrThrow({ where: { id: resident.id } })
    expect(after.anonymisedAt).toBeNull()
  })

  test('reception erases: what is to come cancelled with notice, record anonymised, audited', async () => {
    const { resident, appointment } = await residentWithUpcoming()
    const organisationId = resident.organisationId
    const past = { from: new Date(Date.now() - 90 * 86_400_000), to: new Date() }
    const scope = { organisationId, siteId: null, advisorId: null }
    const before = await periodFigures(db(), scope, past, new Date())

    const page = await get(`/espace/usagers/${resident.id}/effacer`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`Effacer les données de ${resident.firstName} ${resident.lastName}`)
    expect(html).toContain('seront annulés, et l’usager prévenu')
    expect(html.match(/<h1/g)).toHaveLength(1)

    const erased = await post(`/espace/usagers/${resident.id}/effacer`, { confirm: 'on' })
    expect(erased.status).toBe(302)
    expect(erased.headers.get('location')).toBe(`/espace/usagers/${resident.id}/effacer?efface=1`)

    const after = await db().resident.findUniqueOrThrow({ where: { id: resident.id } })
    expect(after).toMatchObject({
      firstName: 'Anonyme',
      lastName: '',
      searchKey: '',
      phoneE164: null,
      email: null,
    })
    expect(after.anonymisedAt).not.toBeNull()
    const cancelled = await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } })
    expect(cancelled.status).toBe('CANCELLED')
    expect(cancelled.residentId).toBe(resident.id)
    // The notice was queued while the contact was known: it goes to them.
    const notices = await db().notification.findMany({
      where: { appointmentId: appointment.id, kind: 'CANCELLED_BY_SERVICE' },
    })
    expect(notices).toHaveLength(1)
    expect([resident.phoneE164, resident.email]).toContain(notices[0]!.recipient)
    // The demo's worker sends it, though the record is anonymised by then.
    let status = notices[0]!.status as string
    for (let tries = 0; tries < 50 && !['SENT', 'DELIVERED'].includes(status); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      status = (await db().notification.findUniqueOrThrow({ where: { id: notices[0]!.id } })).status
    }
    expect(['SENT', 'DELIVERED']).toContain(status)
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: 'RESIDENT_ERASED', entityId: resident.id },
    })
    expect(audit.summary).not.toContain(resident.lastName)
    expect(audit.summary).not.toContain(resident.firstName)
    expect(audit.advisorId).not.toBeNull()
    const cancelledAudit = await db().auditEvent.findFirstOrThrow({
      where: { action: 'APPOINTMENT_CANCELLED', entityId: appointment.id },
    })
    expect(cancelledAudit.summary).toBe('cancelled: resident erased')

    expect(await periodFigures(db(), scope, past, new Date())).toEqual(before)
    const done = await (await get(`/espace/usagers/${resident.id}/effacer?efface=1`)).text()
    expect(done).toContain('Les données de cet usager ont été effacées.')
    expect(await (await get(`/espace/usagers/${resident.id}`)).text()).not.toContain(
      resident.lastName.toUpperCase(),
    )
  })

  test('an admin may erase too; a workshop seat to come is given back with notice', async () => {
    const registration = await db().workshopRegistration.findFirstOrThrow({
      where: {
        status: 'REGISTERED',
        companionOfId: null,
        session: { startsAt: { gt: new Date(Date.now() + 86_400_000) } },
        resident: { anonymisedAt: null },
        organisation: { slug: { not: 'autre-structure' } },
      },
      include: { resident: true },
    })
    const resident = registration.resident
    expect((await get(`/espace/usagers/${resident.id}/effacer`, CAMILLE)).status).toBe(200)
    const erased = await post(`/espace/usagers/${resident.id}/effacer`, { confirm: 'on' }, CAMILLE)
    expect(erased.status).toBe(302)
    const after = await db().resident.findUniqueOrThrow({ where: { id: resident.id } })
    expect(after.anonymisedAt).not.toBeNull()
    const given = await db().workshopRegistration.findUniqueOrThrow({
      where: { id: registration.id },
    })
    expect(given).toMatchObject({ status: 'CANCELLED', seatId: null })
    const notices = await db().notification.findMany({
      where: { registrationId: registration.id, kind: 'WORKSHOP_CANCELLED_BY_SERVICE' },
    })
    expect(notices).toHaveLength(1)
    expect([resident.phoneE164, resident.email]).toContain(notices[0]!.recipient)
  })
})

describe(`retention settings on ${testProvider}`, () => {
  const periods = {
    intent: 'retention',
    retention_appointments: '24',
    retention_messages: '6',
    retention_audit: '12',
    retention_residents: '24',
    retention_advisors: '24',
  }
  const organisation = () =>
    db().organisation.findFirstOrThrow({ where: { slug: { not: 'autre-structure' } } })

  test('the page shows the periods and their bounds', async () => {
    const html = await (await get('/espace/admin/reglages', CAMILLE)).text()
    expect(html).toContain('Conservation des données')
    expect(html).toContain('Entre 1 et 12 mois.')
    expect(html).toMatch(
      /name="retention_messages"[^>]*value="6"|value="6"[^>]*name="retention_messages"/,
    )
    expect(html).toContain('Aucun passage pour l’instant.')
  })

  test('out of bounds or not a number: French messages, what was typed kept, nothing saved', async () => {
    const before = await organisation()
    const page = await post(
      '/espace/admin/reglages',
      { ...periods, retention_messages: '13', retention_audit: 'douze' },
      CAMILLE,
    )
    expect(page.status).toBe(400)
    const html = await page.text()
    expect(html).toContain('class="error">Indiquez un nombre entre 1 et 12.')
    expect(html).toContain('class="error">Indiquez un nombre entier.')
    expect(html).toContain('value="13"')
    expect(html).toContain('value="douze"')
    expect(await organisation()).toEqual(before)
  })

  test('within bounds: saved and audited; the last run’s counts are shown', async () => {
    const saved = await post(
      '/espace/admin/reglages',
      { ...periods, retention_messages: '3', retention_appointments: '36' },
      CAMILLE,
    )
    expect(saved.status).toBe(302)
    const after = await organisation()
    expect(after.retentionMessageMonths).toBe(3)
    expect(after.retentionAppointmentMonths).toBe(36)
    expect(await db().auditEvent.count({ where: { action: 'RETENTION_PERIODS_CHANGED' } })).toBe(1)
    const run = await runRetention(db(), { now: new Date(), owner: 'test' })
    expect(run.ran).toBe(true)
    const html = await (await get('/espace/admin/reglages', CAMILLE)).text()
    expect(html).toContain('Dernier passage le')
    expect(html).toContain('sessions expirées')
  })

  test('reception may not change them', async () => {
    const refused = await post('/espace/admin/reglages', periods, SOPHIE)
    expect(refused.status).toBe(403)
  })
})
