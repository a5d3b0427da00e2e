import { describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { demoWorkspace, LEA, SOPHIE } from '../support/workspace'

const workspace = demoWorkspace(SOPHIE)
const { get, post } = workspace

const topicNamed = (name: string) => workspace.database.topic.findFirstOrThrow({ where: { name } })
const residentNamed = (lastName: string) =>
  workspace.database.resident.findFirstOrThrow({ where: { lastName } })

/** A second session of a demo advisor, as another browser of theirs would hold. */
async function signInAgain(email: string) {
  const response = await fetch(`${workspace.app.url}/espace/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: 'manual',
  })
  return response.headers.get('set-cookie')!.split(';')[0]!
}

/** The booking form of a resident, topic and place: its first free slot and its key. */
async function bookingForm(usager: string, motif: string, lieu: string, email = SOPHIE) {
  const html = await (
    await get(`/espace/reserver?${new URLSearchParams({ usager, motif, lieu })}`, email)
  ).text()
  const first = /id="slot-first"[^>]*value="([^"]+)"/.exec(html)?.[1]
  const key = /name="nonce" value="([^"]+)"/.exec(html)?.[1]
  return { html, first: first!, key: key! }
}

describe(`booking on behalf of a resident on ${testProvider}`, () => {
  test('residents are found by name or phone, ignoring accents and case', async () => {
    for (const [query, expected] of [
      ['MOREAU', 'Jeanne Moreau'],
      ['jeanne mor', 'Jeanne Moreau'],
      ['rene', 'René Girard'],
      ['06 12 34 56 01', 'Jeanne Moreau'],
      ['+33 6 12 34 56 02', 'Amina Diallo'],
    ] as const) {
      const response = await get(`/espace/reserver?q=${encodeURIComponent(query)}`)
      const html = await response.text()
      expect(response.status).toBe(200)
      expect(html, query).toContain(`Choisir ${expected}`)
    }
    const none = await (await get('/espace/reserver?q=zzzz')).text()
    expect(none).toContain('Aucun usager trouvé.')
    expect(none.match(/<h1/g)).toHaveLength(1)
  })

  test('reception books a phone appointment on the next free slot, and prints the slip', async () => {
    const jeanne = await residentNamed('Moreau')
    const taxes = await topicNamed('Déclarer mes impôts en ligne')
    const form = await bookingForm(jeanne.id, taxes.id, 'telephone')
    expect(form.html).toContain('Prochain créneau libre : ')
    expect(form.first).toBeTruthy()
    const response = await post('/espace/reserver', {
      usager: jeanne.id,
      motif: taxes.id,
      lieu: 'telephone',
      nonce: form.key,
      start: form.first,
    })
    expect(response.status).toBe(302)
    const location = response.headers.get('location')!
    expect(location).toMatch(/^\/espace\/rendez-vous\/[^/]+\/fiche$/)
    const id = location.split('/')[3]!
    const appointment = await workspace.database.appointment.findUniqueOrThrow({ where: { id } })
    expect(appointment).toMatchObject({
      residentId: jeanne.id,
      mode: 'PHONE',
      createdVia: 'RECEPTION',
      status: 'BOOKED',
    })
    expect(appointment.startsAt.toISOString()).toBe(form.first)
    const sophie = await workspace.database.advisor.findUniqueOrThrow({ where: { email: SOPHIE } })
    const audit = await workspace.database.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: 'APPOINTMENT_BOOKED' },
    })
    expect(audit.advisorId).toBe(sophie.id)
    const slip = await (await get(location)).text()
    expect(slip.match(/<h1/g)).toHaveLength(1)
    expect(slip).toContain('Jeanne Moreau')
    expect(slip).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+/)
    expect(slip).toContain('Nous vous appellerons au 06 12 34 56 01.')
    expect(slip).toContain('À apporter : Votre numéro fiscal')
    expect(slip).toContain('Pour annuler ou déplacer, appelez le 01 99 00 12 34.')

    // The same form sent twice books once.
    const fields = {
      usager: jeanne.id,
      motif: taxes.id,
      lieu: 'telephone',
      nonce: form.key,
      start: form.first,
    }
    const again = await post('/espace/reserver', fields)
    expect(again.headers.get('location')).toBe(location)
    const booked = await workspace.database.appointment.findMany({
      where: { residentId: jeanne.id, startsAt: new Date(form.first) },
    })
    expect(booked).toHaveLength(1)
    // The row keeps a hash of the form's nonce bound to the session, never the nonce.
    expect(booked[0]!.idempotencyKeyHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(booked[0])).not.toContain(form.key)

    // The same nonce sent from another sign-in (another browser) is not that booking.
    const elsewhere = await fetch(`${workspace.app.url}/espace/reserver`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { cookie: await signInAgain(SOPHIE) },
      redirect: 'manual',
    })
    expect(elsewhere.headers.get('location')).not.toBe(location)
  })

  test('a slot just taken is refused with a clear message, nothing written', async () => {
    const taxes = await topicNamed('Déclarer mes impôts en ligne')
    const amina = await residentNamed('Diallo')
    const jeanne = await residentNamed('Moreau')
    const before = await workspace.database.appointment.count()
    // Jeanne holds the first phone slot now: book the time shown on an older form.
    const taken = await workspace.database.appointment.findFirstOrThrow({
      where: { residentId: jeanne.id, mode: 'PHONE', createdVia: 'RECEPTION' },
    })
    const form = await bookingForm(amina.id, taxes.id, 'telephone')
    const response = await post('/espace/reserver', {
      usager: amina.id,
      motif: taxes.id,
      lieu: 'telephone',
      nonce: form.key,
      start: taken.startsAt.toISOString(),
    })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('Ce créneau vient d’être pris')
    expect(await workspace.database.appointment.count()).toBe(before)
  })

  test('a new resident with a bad phone is refused next to the field, keeping what was typed', async () => {
    const identity = await topicNamed('Demander une carte d’identité ou un passeport')
    const site = await workspace.database.site.findFirstOrThrow({
      where: { name: { contains: 'Mairie' } },
    })
    const form = await bookingForm('nouveau', identity.id, site.id)
    const residents = await workspace.database.resident.count()
    // The form posts to the page it is on, query string included.
    const page = `/espace/reserver?${new URLSearchParams({ usager: 'nouveau', motif: identity.id, lieu: site.id })}`
    const response = await post(page, {
      usager: 'nouveau',
      motif: identity.id,
      lieu: site.id,
      nonce: form.key,
      start: form.first,
      firstName: 'Élise',
      lastName: 'Durand',
      phone: '12',
    })
    const html = await response.text()
    expect(response.status).toBe(400)
    expect(html).toContain('Ce numéro n’est pas valide.')
    expect(html).toContain('value="Élise"')
    expect(await workspace.database.resident.count()).toBe(residents)

    const note = 'n'.repeat(501)
    const tooLong = await post(page, {
      usager: 'nouveau',
      motif: identity.id,
      lieu: site.id,
      nonce: form.key,
      start: form.first,
      firstName: 'Élise',
      lastName: 'Durand',
      phone: '06 11 22 33 44',
      note,
    })
    const refused = await tooLong.text()
    expect(tooLong.status).toBe(400)
    // Next to the field and in the summary.
    expect(refused.split('Ce texte est trop long (500 caractères au plus).')).toHaveLength(3)
    expect(refused).toContain('id="field-note-error"')
    expect(refused).toContain(note)
    expect(await workspace.database.resident.count()).toBe(residents)

    const booked = await post(page, {
      usager: 'nouveau',
      motif: identity.id,
      lieu: site.id,
      nonce: form.key,
      start: form.first,
      firstName: 'Élise',
      lastName: 'Durand',
      phone: '06 11 22 33 44',
      consent: 'on',
    })
    expect(booked.status).toBe(302)
    const elise = await workspace.database.resident.findFirstOrThrow({
      where: { lastName: 'Durand' },
    })
    expect(elise.phoneE164).toBe('+33611223344')
    const slip = await (await get(booked.headers.get('location')!)).text()
    expect(slip).toContain('Mairie de Saint-Julien-sur-Sorne')
    expect(slip).toContain('Accès : Entrée par la cour')
  })

  test('an advisor books for a colleague and may print that slip', async () => {
    const rene = await residentNamed('Girard')
    const smartphone = await topicNamed('Apprendre à me servir de mon téléphone portable')
    const library = await workspace.database.site.findFirstOrThrow({
      where: { name: { contains: 'Médiath' } },
    })
    const karim = 'karim.benali@val-de-sorne.example'
    const form = await bookingForm(rene.id, smartphone.id, library.id, karim)
    const response = await post(
      '/espace/reserver',
      {
        usager: rene.id,
        motif: smartphone.id,
        lieu: library.id,
        nonce: form.key,
        start: form.first,
      },
      karim,
    )
    expect(response.status).toBe(302)
    const id = response.headers.get('location')!.split('/')[3]!
    const appointment = await workspace.database.appointment.findUniqueOrThrow({
      where: { id },
      include: { advisor: true },
    })
    expect(appointment.createdVia).toBe('ADVISOR')
    expect(appointment.advisor.email).not.toBe(karim)
    expect((await get(response.headers.get('location')!, karim)).status).toBe(200)
    // Another advisor who did not book it sees neither the slip nor the appointment.
    if (appointment.advisor.email !== LEA) {
      expect((await get(response.headers.get('location')!, LEA)).status).toBe(403)
    }
  })
})
