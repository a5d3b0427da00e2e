import { describe, expect, test } from 'vitest'
import { nameSearchKey } from '~/domain/residents/identity'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'

const workspace = demoWorkspace(SOPHIE)
const { get, post } = workspace
const residentNamed = (lastName: string) =>
  workspace.database.resident.findFirstOrThrow({ where: { lastName } })

async function newResident(first: string, last: string, phone: string | null, email?: string) {
  const organisation = await workspace.database.organisation.findFirstOrThrow({
    where: { slug: { not: 'autre-structure' } },
  })
  return workspace.database.resident.create({
    data: {
      organisationId: organisation.id,
      firstName: first,
      lastName: last,
      searchKey: nameSearchKey(first, last),
      phoneE164: phone,
      phoneType: phone ? 'MOBILE' : null,
      email: email ?? null,
      createdVia: 'ONLINE',
    },
  })
}

const editFields = async (id: string, changes: Record<string, string> = {}) => {
  const resident = await workspace.database.resident.findUniqueOrThrow({ where: { id } })
  return {
    updatedAt: resident.updatedAt.toISOString(),
    firstName: resident.firstName,
    lastName: resident.lastName,
    phone: resident.phoneE164 ?? '',
    email: resident.email ?? '',
    language: resident.preferredLanguage,
    ...(resident.notificationConsent ? { consent: 'on' } : {}),
    ...changes,
  }
}

describe(`residents directory on ${testProvider}`, () => {
  test('search ignores accents and case; the list shows the next appointment', async () => {
    for (const [query, expected] of [
      ['RENÉ', 'GIRARD René'],
      ['girard', 'GIRARD René'],
      ['jeanne mor', 'MOREAU Jeanne'],
      ['06 12 34 56 02', 'DIALLO Amina'],
    ] as const) {
      const html = await (await get(`/espace/usagers?q=${encodeURIComponent(query)}`)).text()
      expect(html, query).toContain(expected)
    }
    const all = await (await get('/espace/usagers')).text()
    // Eight with appointments or seats to come, five met in the last two weeks (decision 085).
    expect(all).toContain('13 usagers')
    expect(all).toMatch(
      /<td[^>]*>(lundi|mardi|mercredi|jeudi|vendredi|samedi) \d+(er)? \S+ \d{4} à \d+\u00a0h/,
    )
    expect(all.match(/<h1/g)).toHaveLength(1)
  })

  test('the list is paginated, 20 residents a page', async () => {
    for (let index = 0; index < 21; index += 1) {
      await newResident(
        'Paul',
        `Paginé${String.fromCharCode(97 + index)}`,
        null,
        `p${index}@exemple.fr`,
      )
    }
    const first = await (await get('/espace/usagers?q=pagine')).text()
    expect(first).toContain('21 usagers')
    expect(first).toContain('Page 1 sur 2')
    expect(first).toContain('href="/espace/usagers?q=pagine&amp;page=2"')
    const second = await (await get('/espace/usagers?q=pagine&page=2')).text()
    expect(second).toContain('PAGINÉU Paul')
    expect(second).not.toContain('PAGINÉA Paul')
  })

  test('an advisor lists only the residents they have appointments with', async () => {
    const html = await (await get('/espace/usagers', LEA)).text()
    expect(html).toContain('DIALLO Amina')
    expect(html).toContain('MOREAU Jeanne')
    expect(html).not.toContain('GIRARD René')
  })

  test('contact details are corrected, the phone normalised, and the change audited', async () => {
    const amina = await residentNamed('Diallo')
    const response = await post(
      `/espace/usagers/${amina.id}`,
      await editFields(amina.id, { phone: '+33 6 12 34 56 99', email: 'AMINA@Exemple.fr' }),
    )
    expect(response.status).toBe(302)
    const saved = await workspace.database.resident.findUniqueOrThrow({ where: { id: amina.id } })
    expect(saved.phoneE164).toBe('+33612345699')
    expect(saved.email).toBe('amina@exemple.fr')
    const page = await (await get(`/espace/usagers/${amina.id}?enregistre=1`)).text()
    expect(page).toContain('Coordonnées enregistrées.')
    expect(page).toContain('Coordonnées modifiées')
    expect(page).toContain('06 12 34 56 99')
  })

  test('a bad phone is refused with an example, and what was typed stays', async () => {
    const jeanne = await residentNamed('Moreau')
    const response = await post(
      `/espace/usagers/${jeanne.id}`,
      await editFields(jeanne.id, { phone: '12 34', firstName: 'Jeannette' }),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Exemple de numéro correct : 06 12 34 56 78')
    expect(html).toContain('value="12 34"')
    expect(html).toContain('value="Jeannette"')
    const unchanged = await workspace.database.resident.findUniqueOrThrow({
      where: { id: jeanne.id },
    })
    expect(unchanged.firstName).toBe('Jeanne')
  })

  test('a stale edit is refused, never overwritten', async () => {
    const jeanne = await residentNamed('Moreau')
    const shown = await editFields(jeanne.id)
    expect(
      (await post(`/espace/usagers/${jeanne.id}`, { ...shown, email: 'premier@exemple.fr' }))
        .status,
    ).toBe(302)
    const late = await post(`/espace/usagers/${jeanne.id}`, {
      ...shown,
      email: 'second@exemple.fr',
    })
    expect(late.status).toBe(409)
    expect(await late.text()).toContain('modifiée par quelqu’un d’autre')
    const kept = await workspace.database.resident.findUniqueOrThrow({ where: { id: jeanne.id } })
    expect(kept.email).toBe('premier@exemple.fr')
  })

  test('duplicates are listed, and merging moves appointments, workshop seats and the history', async () => {
    const kept = await newResident('Lucien', 'Bernard', null, 'lucien@exemple.fr')
    const duplicate = await newResident('Lucien', 'Bernardd', '+33612349999')
    const jeanneAppointment = await workspace.database.appointment.findFirstOrThrow({
      where: { resident: { lastName: 'Moreau' } },
    })
    await workspace.database.appointment.update({
      where: { id: jeanneAppointment.id },
      data: { residentId: duplicate.id },
    })
    const startsAt = new Date(Date.now() + 20 * 86_400_000)
    const session = await workspace.database.workshopSession.create({
      data: {
        organisationId: kept.organisationId,
        topicId: jeanneAppointment.topicId,
        siteId: jeanneAppointment.siteId!,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 7_200_000),
        seatCount: 1,
        seats: { create: { number: 1 } },
      },
      include: { seats: true },
    })
    const seat = await workspace.database.workshopRegistration.create({
      data: {
        organisationId: kept.organisationId,
        sessionId: session.id,
        residentId: duplicate.id,
        seatId: session.seats[0]!.id,
        createdVia: 'ONLINE',
      },
    })
    await workspace.database.auditEvent.create({
      data: {
        organisationId: kept.organisationId,
        actorKind: 'ADVISOR',
        action: 'RESIDENT_UPDATED',
        entityType: 'Resident',
        entityId: duplicate.id,
        summary: 'changed phoneE164',
      },
    })
    const page = await (await get(`/espace/usagers/${kept.id}`)).text()
    expect(page).toContain('Lucien Bernardd')
    expect(page).toContain('nom proche')
    const mergePath = `/espace/usagers/${kept.id}/fusionner?avec=${duplicate.id}`
    const form = await (await get(mergePath)).text()
    expect(form).toContain('Fusionner les deux fiches')
    const response = await post(mergePath, {
      keep: kept.id,
      [`updatedAt-${kept.id}`]: kept.updatedAt.toISOString(),
      [`updatedAt-${duplicate.id}`]: duplicate.updatedAt.toISOString(),
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/espace/usagers/${kept.id}?fusionne=1`)
    expect(await workspace.database.resident.findUnique({ where: { id: duplicate.id } })).toBeNull()
    const merged = await workspace.database.resident.findUniqueOrThrow({ where: { id: kept.id } })
    expect(merged.phoneE164).toBe('+33612349999')
    expect(merged.email).toBe('lucien@exemple.fr')
    const moved = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: jeanneAppointment.id },
    })
    expect(moved.residentId).toBe(kept.id)
    const movedSeat = await workspace.database.workshopRegistration.findUniqueOrThrow({
      where: { id: seat.id },
    })
    expect(movedSeat.residentId).toBe(kept.id)
    const after = await (await get(`/espace/usagers/${kept.id}?fusionne=1`)).text()
    expect(after).toContain('Les deux fiches ont été fusionnées.')
    // The seat the duplicate held is listed on the kept record, with a link to the session.
    expect(after).toContain(`href="/espace/ateliers/${session.id}"`)
    expect(after).toContain('<strong>inscrit</strong>')
    expect(after).toContain(`merged Lucien Bernardd (${duplicate.id}) into this record`)
    expect(after).toContain('changed phoneE164')
    const tombstone = await workspace.database.auditEvent.findFirstOrThrow({
      where: { entityType: 'Resident', entityId: duplicate.id },
    })
    expect(tombstone.action).toBe('RESIDENT_MERGED_INTO')
  })

  test('a merge with nothing to fill keeps the kept record as it was', async () => {
    const kept = await newResident('Yves', 'Roux', '+33612341111')
    const duplicate = await newResident('Yves', 'Roux', '+33612341111')
    const response = await post(`/espace/usagers/${kept.id}/fusionner?avec=${duplicate.id}`, {
      keep: kept.id,
      [`updatedAt-${kept.id}`]: kept.updatedAt.toISOString(),
      [`updatedAt-${duplicate.id}`]: duplicate.updatedAt.toISOString(),
    })
    expect(response.status).toBe(302)
    expect(await workspace.database.resident.findUnique({ where: { id: duplicate.id } })).toBeNull()
    const after = await workspace.database.resident.findUniqueOrThrow({ where: { id: kept.id } })
    expect(after.phoneE164).toBe('+33612341111')
  })

  test('merging a record into itself or across organisations is refused', async () => {
    const one = await newResident('Odile', 'Petit', '+33612348888')
    const self = await post(`/espace/usagers/${one.id}/fusionner?avec=${one.id}`, {
      keep: one.id,
      [`updatedAt-${one.id}`]: one.updatedAt.toISOString(),
    })
    expect(self.status).toBe(400)
    expect(await self.text()).toContain('ne peut pas être fusionnée avec elle-même')
    const otherOrganisation = await workspace.database.organisation.create({
      data: {
        slug: 'ailleurs-fusion',
        name: 'Ailleurs',
        kind: 'COMMUNE',
        timeZone: 'Europe/Paris',
        holidayRegion: 'FR-METRO',
      },
    })
    const stranger = await workspace.database.resident.create({
      data: {
        organisationId: otherOrganisation.id,
        firstName: 'Odile',
        lastName: 'Petit',
        searchKey: nameSearchKey('Odile', 'Petit'),
        createdVia: 'ONLINE',
      },
    })
    const across = await post(`/espace/usagers/${one.id}/fusionner?avec=${stranger.id}`, {
      keep: one.id,
      [`updatedAt-${one.id}`]: one.updatedAt.toISOString(),
      [`updatedAt-${stranger.id}`]: stranger.updatedAt.toISOString(),
    })
    expect(across.status).toBe(404)
    expect(
      await workspace.database.resident.findUnique({ where: { id: stranger.id } }),
    ).not.toBeNull()
    // An advisor may not merge at all.
    const advisor = await get(`/espace/usagers/${one.id}/fusionner?avec=${one.id}`, KARIM)
    expect(advisor.status).toBe(403)
  })
})
