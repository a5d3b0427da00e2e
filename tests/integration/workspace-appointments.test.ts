import { describe, expect, test } from 'vitest'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'

const workspace = demoWorkspace(SOPHIE)
const { get, post } = workspace

async function karimsPhoneAppointment() {
  const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
  return workspace.database.appointment.findFirstOrThrow({
    where: { advisorId: karim.id, mode: 'PHONE' },
  })
}

describe(`the appointment page on ${testProvider}`, () => {
  test('shows what, when, who, the number to call, and its history', async () => {
    const appointment = await karimsPhoneAppointment()
    const response = await get(`/espace/rendez-vous/${appointment.id}`, KARIM)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('Rendez-vous de René Girard')
    expect(html).toContain('Mon dossier de retraite, de CAF ou de santé')
    expect(html).toContain('Par téléphone')
    expect(html).toContain('04 65 71 00 33')
    expect(html).toContain(`name="version" value="${appointment.version}"`)
  })

  test('shows each message to the resident and what became of it', async () => {
    const appointment = await karimsPhoneAppointment()
    const base = {
      organisationId: appointment.organisationId,
      appointmentId: appointment.id,
      recipient: '+33465710033',
      dueAt: new Date(appointment.startsAt.getTime() - 2 * 86_400_000),
    }
    await workspace.database.notification.createMany({
      data: [
        { ...base, kind: 'CONFIRMATION', channel: 'VOICE', status: 'DELIVERED' },
        {
          ...base,
          kind: 'REMINDER:DAYS_BEFORE_2',
          channel: 'VOICE',
          status: 'FAILED',
          lastError: 'permanent: Twilio 400 (21211): Invalid To number',
        },
      ],
    })
    const html = await (await get(`/espace/rendez-vous/${appointment.id}`, KARIM)).text()
    const start = html.indexOf('Messages au résident')
    const section = html.slice(start, html.indexOf('</table>', start))
    // Numbers as people write them, states and reasons in French, not the provider's words.
    expect(section).toMatch(/Confirmation<\/td><td[^>]*>Appel vocal<\/td><td[^>]*>04 65 71 00 33/)
    expect(section).toContain('Distribué')
    expect(section).toMatch(/Rappel<\/td><td[^>]*>Appel vocal/)
    expect(section).toMatch(/Échec(<!-- -->)? — (<!-- -->)?ce numéro n’est pas valide/)
    expect(section).not.toContain('Invalid To number')
    expect(section).not.toContain('+33465710033')
    await workspace.database.notification.deleteMany({ where: { appointmentId: appointment.id } })
  })

  test('a cancellation needs a reason; the refusal keeps what was typed and changes nothing', async () => {
    const appointment = await karimsPhoneAppointment()
    const response = await post(
      `/espace/rendez-vous/${appointment.id}`,
      { intent: 'status', version: String(appointment.version), status: 'CANCELLED', reason: '' },
      KARIM,
    )
    const html = await response.text()
    expect(response.status).toBe(400)
    expect(html).toContain('Indiquez le motif de l’annulation.')
    expect(html).toMatch(/value="CANCELLED" checked=""|checked="" value="CANCELLED"/)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.status).toBe('BOOKED')
    expect(after.version).toBe(appointment.version)
  })

  test('honoured or absent is refused before the start, in plain French, and changes nothing', async () => {
    const appointment = await karimsPhoneAppointment()
    expect(appointment.startsAt.getTime()).toBeGreaterThan(Date.now())
    for (const status of ['HONOURED', 'NO_SHOW']) {
      const response = await post(
        `/espace/rendez-vous/${appointment.id}`,
        { intent: 'status', version: String(appointment.version), status },
        KARIM,
      )
      const html = await response.text()
      expect(response.status).toBe(400)
      expect(html).toContain('Ce rendez-vous n’a pas encore commencé.')
      expect(html).toMatch(new RegExp(`value="${status}" checked=""|checked="" value="${status}"`))
    }
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.status).toBe('BOOKED')
    expect(after.version).toBe(appointment.version)
    const page = await (await get(`/espace/rendez-vous/${appointment.id}`, KARIM)).text()
    expect(page).toContain('Honoré ou absent se note à partir de l’heure du rendez-vous')
  })

  test('marking honoured once started bumps the version and appears in the history with who did it', async () => {
    const booked = await karimsPhoneAppointment()
    // The appointment began ten minutes ago.
    const startsAt = new Date(Date.now() - 10 * 60_000)
    const appointment = await workspace.database.appointment.update({
      where: { id: booked.id },
      data: {
        startsAt,
        endsAt: new Date(
          startsAt.getTime() + (booked.endsAt.getTime() - booked.startsAt.getTime()),
        ),
      },
    })
    const response = await post(
      `/espace/rendez-vous/${appointment.id}`,
      { intent: 'status', version: String(appointment.version), status: 'HONOURED' },
      KARIM,
    )
    expect(response.status).toBe(302)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.status).toBe('HONOURED')
    expect(after.version).toBe(appointment.version + 1)
    const html = await (await get(response.headers.get('location')!, KARIM)).text()
    expect(html).toContain('Modification enregistrée.')
    expect(html).toContain('Marqué honoré')
    expect(html).toContain('Karim Benali')
    const events = await workspace.database.auditEvent.findMany({
      where: { entityId: appointment.id, action: 'APPOINTMENT_HONOURED' },
    })
    expect(events).toHaveLength(1)
  })

  test('a stale edit is refused with a message and never overwrites', async () => {
    const appointment = await karimsPhoneAppointment()
    const stale = String(appointment.version - 1)
    const response = await post(
      `/espace/rendez-vous/${appointment.id}`,
      { intent: 'note', version: stale, note: 'Écrit sur une vieille version' },
      KARIM,
    )
    const html = await response.text()
    expect(response.status).toBe(409)
    expect(html).toContain('a été modifié par quelqu’un d’autre')
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.note).toBeNull()
    expect(after.version).toBe(appointment.version)
  })

  test('a note is saved; reception cancels with a reason and the resident is told', async () => {
    const appointment = await karimsPhoneAppointment()
    const noted = await post(
      `/espace/rendez-vous/${appointment.id}`,
      { intent: 'note', version: String(appointment.version), note: 'Dossier CAF envoyé' },
      KARIM,
    )
    expect(noted.status).toBe(302)
    const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const booked = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
    })
    const cancellation = {
      intent: 'status',
      version: String(booked.version),
      status: 'CANCELLED',
      reason: 'Conseiller en formation',
    }
    // The first tap asks again; nothing is written until the confirmation.
    const asked = await post(`/espace/rendez-vous/${booked.id}`, cancellation, SOPHIE)
    const question = await asked.text()
    expect(asked.status).toBe(200)
    expect(question).toContain('Confirmer l’annulation')
    expect(question).toContain('sera annulé par le service. L’usager en sera prévenu.')
    expect(question).toContain('Oui, annuler le rendez-vous')
    expect(question).toMatch(/name="confirmed" value="on"/)
    const unchanged = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: booked.id },
    })
    expect(unchanged.status).toBe('BOOKED')
    expect(unchanged.version).toBe(booked.version)
    const cancelled = await post(
      `/espace/rendez-vous/${booked.id}`,
      { ...cancellation, confirmed: 'on' },
      SOPHIE,
    )
    expect(cancelled.status).toBe(302)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: booked.id },
    })
    expect(after.status).toBe('CANCELLED')
    expect(after.cancellationReason).toBe('Conseiller en formation')
    const told = await workspace.database.notification.findMany({
      where: { appointmentId: booked.id, kind: { contains: 'CANCELLED' } },
    })
    expect(told.length).toBeGreaterThan(0)
    // Cancelled is final.
    const again = await post(
      `/espace/rendez-vous/${booked.id}`,
      { intent: 'status', version: String(after.version), status: 'HONOURED' },
      SOPHIE,
    )
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('ne peut plus changer')
  })

  test('another advisor of the organisation may neither see nor change it', async () => {
    const appointment = await karimsPhoneAppointment()
    const seen = await get(`/espace/rendez-vous/${appointment.id}`, LEA)
    expect(seen.status).toBe(403)
    expect(await seen.text()).not.toContain('René Girard')
    const changed = await post(
      `/espace/rendez-vous/${appointment.id}`,
      { intent: 'note', version: String(appointment.version), note: 'intrusion' },
      LEA,
    )
    expect(changed.status).toBe(403)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.version).toBe(appointment.version)
  })
})
