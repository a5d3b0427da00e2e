import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'
import { printed } from '../support/times'

// Opening hours and absences in the workspace (decisions 050–053), as an advisor sees
// them: the pages, the refusals, and what happens to the appointments a change orphans.

const workspace = demoWorkspace()
const { as } = workspace
const ZONE = 'Europe/Paris'
const today = () => DateTime.now().setZone(ZONE).toISODate()!
/** The seed's appointments are in the week after the current one. */
const nextWeek = (weekday: number) =>
  DateTime.now()
    .setZone(ZONE)
    .startOf('week')
    .plus({ weeks: 1, days: weekday - 1 })
    .toISODate()!

const get = async (path: string, email: string) =>
  fetch(`${workspace.app.url}${path}`, { headers: { cookie: await as(email) }, redirect: 'manual' })
const post = async (path: string, fields: [string, string][], email: string) =>
  fetch(`${workspace.app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { cookie: await as(email) },
    redirect: 'manual',
  })

const ids = async () => {
  const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
  const townHall = await workspace.database.site.findFirstOrThrow({
    where: { name: { contains: 'Mairie de Saint' } },
  })
  const taxes = await workspace.database.topic.findFirstOrThrow({
    where: { name: 'Déclarer mes impôts en ligne' },
  })
  return { karim, townHall, taxes }
}

const ruleFields = (
  weekdays: string[],
  values: Record<string, string>,
  topicIds: string[] = [],
): [string, string][] => {
  const merged = {
    intent: 'save',
    startTime: '14:00',
    endTime: '17:00',
    everyNWeeks: '1',
    validFrom: today(),
    validUntil: '',
    ...values,
  }
  return [
    ...Object.entries(merged),
    ...weekdays.map((day): [string, string] => ['weekdays', day]),
    ...topicIds.map((id): [string, string] => ['topicIds', id]),
  ]
}

describe(`opening hours on ${testProvider}`, () => {
  test('an advisor reads their hours in words, with one h1', async () => {
    const response = await get('/espace/horaires', KARIM)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('Horaires de Karim Benali')
    expect(html).toContain(printed('lundi, mercredi, de 9 h à 12 h 30'))
    expect(html).toContain('Ajouter une plage d’ouverture')
  })

  test('reception reads an advisor’s hours without a way to change them', async () => {
    const { karim } = await ids()
    const html = await (await get(`/espace/horaires?conseiller=${karim.id}`, SOPHIE)).text()
    expect(html).toContain('Horaires de Karim Benali')
    expect(html).toContain('Vous pouvez consulter ces horaires, pas les modifier.')
    expect(html).not.toContain('/espace/horaires/nouveau')
  })

  test('a new rule is saved, audited, and listed', async () => {
    const { karim, townHall } = await ids()
    const response = await post(
      `/espace/horaires/nouveau?conseiller=${karim.id}`,
      ruleFields(['2'], { place: townHall.id }),
      KARIM,
    )
    expect(response.status).toBe(302)
    const rule = await workspace.database.openingRule.findFirstOrThrow({
      where: { advisorId: karim.id, weekdays: '2', startTime: '14:00' },
    })
    expect(rule.endTime).toBe('17:00')
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: rule.id, action: 'OPENING_RULE_CREATED' },
      }),
    ).toBe(1)
    const html = await (await get(response.headers.get('location')!, KARIM)).text()
    expect(html).toContain('Plage enregistrée.')
    expect(html).toContain(printed('mardi, de 14 h à 17 h'))
  })

  test('bad input is refused next to the fields, keeps what was typed, writes nothing', async () => {
    const { karim, townHall } = await ids()
    const before = await workspace.database.openingRule.count()
    const response = await post(
      '/espace/horaires/nouveau',
      ruleFields([], {
        place: townHall.id,
        startTime: '17 h',
        endTime: '9:00',
        validUntil: '2020-01-01',
      }),
      KARIM,
    )
    const html = await response.text()
    expect(response.status).toBe(400)
    expect(html).toContain('Cochez au moins un jour.')
    expect(html).toContain('L’heure de fin doit être après l’heure de début.')
    expect(html).toContain('Cette date doit être après la date de début.')
    expect(html).toContain('value="17 h"')
    expect(html).toContain('aria-invalid="true"')
    expect(await workspace.database.openingRule.count()).toBe(before)
    expect(
      await workspace.database.openingRule.count({
        where: { advisorId: karim.id, validUntil: '2020-01-01' },
      }),
    ).toBe(0)
  })

  test('a site or topic of another organisation is not found, and nothing is written', async () => {
    const other = await workspace.database.organisation.create({
      data: {
        slug: 'ailleurs-rules',
        name: 'Ailleurs',
        kind: 'COMMUNE',
        timeZone: ZONE,
        holidayRegion: 'FR-METRO',
        sites: { create: { name: 'Loin', address: '1 rue', postalCode: '75001', city: 'Paris' } },
        topics: { create: { name: 'Autre', theme: 'MONEY_TAXES', durationMinutes: 30 } },
      },
      include: { sites: true, topics: true },
    })
    const { townHall } = await ids()
    const before = await workspace.database.openingRule.count()
    const site = await post(
      '/espace/horaires/nouveau',
      ruleFields(['6'], { place: other.sites[0]!.id }),
      KARIM,
    )
    expect(site.status).toBe(404)
    const topic = await post(
      '/espace/horaires/nouveau',
      ruleFields(['6'], { place: townHall.id }, [other.topics[0]!.id]),
      KARIM,
    )
    expect(topic.status).toBe(404)
    expect(await workspace.database.openingRule.count()).toBe(before)
  })

  test('an overlapping rule is held back until confirmed', async () => {
    const { karim, townHall } = await ids()
    const fields = ruleFields(['1'], {
      startTime: '10:00',
      endTime: '11:00',
      place: townHall.id,
    })
    const warned = await post('/espace/horaires/nouveau', fields, KARIM)
    const html = await warned.text()
    expect(warned.status).toBe(400)
    expect(html).toContain('Cette plage chevauche d’autres plages du même conseiller')
    expect(html).toContain(printed('lundi, mercredi, de 9 h à 12 h 30'))
    expect(
      await workspace.database.openingRule.count({
        where: { advisorId: karim.id, startTime: '10:00' },
      }),
    ).toBe(0)
    const saved = await post(
      '/espace/horaires/nouveau',
      [...fields, ['confirmOverlap', 'on']],
      KARIM,
    )
    expect(saved.status).toBe(302)
    expect(
      await workspace.database.openingRule.count({
        where: { advisorId: karim.id, startTime: '10:00' },
      }),
    ).toBe(1)
  })

  test('the preview lists the slots of the next two weeks and writes nothing', async () => {
    const { townHall } = await ids()
    const before = await workspace.database.openingRule.count()
    const response = await post(
      '/espace/horaires/nouveau',
      ruleFields(['1', '2', '3', '4', '5'], { place: townHall.id, intent: 'preview' }),
      LEA,
    )
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain('Aperçu des créneaux des deux prochaines semaines')
    expect(html).toMatch(/15\u00a0h|16\u00a0h/)
    expect(await workspace.database.openingRule.count()).toBe(before)
  })

  test('a stale edit is refused with a message, the newer version kept', async () => {
    const { karim, townHall } = await ids()
    const rule = await workspace.database.openingRule.findFirstOrThrow({
      where: { advisorId: karim.id, startTime: '13:30' },
    })
    const page = await (await get(`/espace/horaires/${rule.id}`, KARIM)).text()
    const shown = /name="updatedAt" value="([^"]+)"/.exec(page)![1]!
    // Someone else changes it meanwhile.
    await workspace.database.openingRule.update({
      where: { id: rule.id },
      data: { endTime: '17:30' },
    })
    const response = await post(
      `/espace/horaires/${rule.id}`,
      [
        ...ruleFields(['1', '3'], {
          startTime: '13:30',
          endTime: '16:00',
          place: townHall.id,
          validFrom: rule.validFrom,
        }),
        ['updatedAt', shown],
      ],
      KARIM,
    )
    const html = await response.text()
    expect(response.status).toBe(409)
    expect(html).toContain('Cette plage a été modifiée par quelqu’un d’autre')
    expect(html).toContain('value="17:30"')
    const after = await workspace.database.openingRule.findUniqueOrThrow({ where: { id: rule.id } })
    expect(after.endTime).toBe('17:30')
  })

  test('a rule is changed: new times and topics, the change audited', async () => {
    const { karim, townHall, taxes } = await ids()
    const rule = await workspace.database.openingRule.findFirstOrThrow({
      where: { advisorId: karim.id, weekdays: '2', startTime: '14:00' },
    })
    const response = await post(
      `/espace/horaires/${rule.id}`,
      [
        ...ruleFields(
          ['2'],
          {
            startTime: '14 h 30',
            endTime: '18:00',
            place: townHall.id,
            validFrom: rule.validFrom,
          },
          [taxes.id],
        ),
        ['updatedAt', rule.updatedAt.toISOString()],
      ],
      KARIM,
    )
    expect(response.status).toBe(302)
    const after = await workspace.database.openingRule.findUniqueOrThrow({
      where: { id: rule.id },
      include: { topics: true },
    })
    expect([after.startTime, after.endTime]).toEqual(['14:30', '18:00'])
    expect(after.topics.map((topic) => topic.topicId)).toEqual([taxes.id])
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: rule.id, action: 'OPENING_RULE_CHANGED' },
      }),
    ).toBe(1)
  })

  test('an overlap confirmed stays confirmed through the list of orphaned appointments', async () => {
    const { townHall } = await ids()
    const camille = await workspace.database.advisor.findFirstOrThrow({
      where: { firstName: 'Camille' },
    })
    const rule = await workspace.database.openingRule.findFirstOrThrow({
      where: { advisorId: camille.id, siteId: townHall.id },
    })
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: camille.id, status: 'BOOKED' },
    })
    const fields: [string, string][] = [
      ...ruleFields(['2', '4'], { place: townHall.id, validFrom: rule.validFrom }),
      ['updatedAt', rule.updatedAt.toISOString()],
    ]
    const email = 'camille.martin@val-de-sorne.example'
    const warned = await post(`/espace/horaires/${rule.id}`, fields, email)
    expect(warned.status).toBe(400)
    expect(await warned.text()).toContain('Cette plage chevauche')
    const listed = await post(
      `/espace/horaires/${rule.id}`,
      [...fields, ['confirmOverlap', 'on']],
      email,
    )
    const html = await listed.text()
    expect(listed.status).toBe(200)
    expect(html).toContain('René Girard')
    expect(html).toContain('name="confirmOverlap" value="on"')
    const saved = await post(
      `/espace/horaires/${rule.id}`,
      [
        ...fields,
        ['confirmOverlap', 'on'],
        ['confirming', '1'],
        ['decisionAll', 'KEEP'],
        ['cancellationReason', ''],
      ],
      email,
    )
    expect(saved.status).toBe(302)
    expect(
      (await workspace.database.appointment.findUniqueOrThrow({ where: { id: appointment.id } }))
        .status,
    ).toBe('BOOKED')
    const after = await workspace.database.openingRule.findUniqueOrThrow({ where: { id: rule.id } })
    expect([after.weekdays, after.startTime]).toEqual(['24', '14:00'])
  })

  test('ending a rule lists the appointments it orphans; the cancelled one is told, nothing before', async () => {
    const { karim } = await ids()
    const phoneRule = await workspace.database.openingRule.findFirstOrThrow({
      where: { advisorId: karim.id, siteId: null },
    })
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'PHONE' },
    })
    const fields: [string, string][] = [
      ['intent', 'end'],
      ['endDate', today()],
      ['updatedAt', phoneRule.updatedAt.toISOString()],
    ]
    const listed = await post(`/espace/horaires/${phoneRule.id}`, fields, KARIM)
    const html = await listed.text()
    expect(listed.status).toBe(200)
    expect(html).toContain('Rendez-vous concernés')
    expect(html).toContain('René Girard')
    expect(html).toContain('Mon dossier de retraite, de CAF ou de santé')
    expect(
      (await workspace.database.openingRule.findUniqueOrThrow({ where: { id: phoneRule.id } }))
        .validUntil,
    ).toBeNull()

    const undecided = await post(
      `/espace/horaires/${phoneRule.id}`,
      [...fields, ['confirming', '1'], ['decisionAll', 'EACH'], ['cancellationReason', 'x']],
      KARIM,
    )
    expect(undecided.status).toBe(400)
    expect(await undecided.text()).toContain('Choisissez pour chaque rendez-vous')

    const confirmed = await post(
      `/espace/horaires/${phoneRule.id}`,
      [
        ...fields,
        ['confirming', '1'],
        ['decisionAll', 'EACH'],
        [`decision-${appointment.id}`, 'CANCEL'],
        ['cancellationReason', 'Fin des permanences téléphoniques'],
      ],
      KARIM,
    )
    expect(confirmed.status).toBe(302)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.status).toBe('CANCELLED')
    expect(after.cancellationReason).toBe('Fin des permanences téléphoniques')
    expect(
      await workspace.database.notification.count({
        where: { appointmentId: appointment.id, kind: 'CANCELLED_BY_SERVICE' },
      }),
    ).toBe(1)
    expect(
      (await workspace.database.openingRule.findUniqueOrThrow({ where: { id: phoneRule.id } }))
        .validUntil,
    ).toBe(today())
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: phoneRule.id, action: 'OPENING_RULE_ENDED' },
      }),
    ).toBe(1)
    const page = await (await get(confirmed.headers.get('location')!, KARIM)).text()
    expect(page).toContain('1 rendez-vous annulé, l’usager est prévenu.')
  })
})

describe(`absences on ${testProvider}`, () => {
  test('bad dates are refused next to the fields and nothing is written', async () => {
    const before = await workspace.database.absence.count()
    const response = await post(
      '/espace/absences',
      [
        ['intent', 'add'],
        ['startDate', nextWeek(3)],
        ['startTime', '14:00'],
        ['endDate', nextWeek(3)],
        ['endTime', '9:00'],
        ['reason', 'Formation'],
      ],
      KARIM,
    )
    const html = await response.text()
    expect(response.status).toBe(400)
    expect(html).toContain('L’heure de fin doit être après l’heure de début.')
    expect(html).toContain('value="Formation"')
    expect(await workspace.database.absence.count()).toBe(before)
  })

  test('an absence over a booked appointment asks first; kept, the appointment stays booked', async () => {
    const { karim } = await ids()
    const monday = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
    })
    const fields: [string, string][] = [
      ['intent', 'add'],
      ['startDate', nextWeek(1)],
      ['startTime', ''],
      ['endDate', nextWeek(1)],
      ['endTime', ''],
      ['reason', 'Formation'],
    ]
    const listed = await post('/espace/absences', fields, KARIM)
    const html = await listed.text()
    expect(listed.status).toBe(200)
    expect(html).toContain('Jeanne Moreau')
    expect(await workspace.database.absence.count({ where: { advisorId: karim.id } })).toBe(0)

    const kept = await post(
      '/espace/absences',
      [...fields, ['confirming', '1'], ['decisionAll', 'KEEP'], ['cancellationReason', '']],
      KARIM,
    )
    expect(kept.status).toBe(302)
    expect(
      (await workspace.database.appointment.findUniqueOrThrow({ where: { id: monday.id } })).status,
    ).toBe('BOOKED')
    expect(await workspace.database.absence.count({ where: { advisorId: karim.id } })).toBe(1)
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: monday.id, action: 'APPOINTMENT_KEPT_OUTSIDE_HOURS' },
      }),
    ).toBe(1)
    const page = await (await get(kept.headers.get('location')!, KARIM)).text()
    expect(page).toContain('Absence enregistrée.')
    expect(page).toContain('Formation')
  })

  test('an absence cancels what the advisor chose to cancel, and the resident is told', async () => {
    const lea = await workspace.database.advisor.findUniqueOrThrow({ where: { email: LEA } })
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: lea.id, status: 'BOOKED' },
      orderBy: { startsAt: 'asc' },
    })
    const day = DateTime.fromJSDate(appointment.startsAt).setZone(ZONE).toISODate()!
    const response = await post(
      `/espace/absences?conseiller=${lea.id}`,
      [
        ['intent', 'add'],
        ['startDate', day],
        ['startTime', ''],
        ['endDate', day],
        ['endTime', ''],
        ['reason', 'Maladie'],
        ['confirming', '1'],
        ['decisionAll', 'CANCEL'],
        ['cancellationReason', 'Conseillère absente'],
      ],
      LEA,
    )
    expect(response.status).toBe(302)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.status).toBe('CANCELLED')
    expect(after.cancellationReason).toBe('Conseillère absente')
    expect(
      await workspace.database.notification.count({
        where: { appointmentId: appointment.id, kind: 'CANCELLED_BY_SERVICE' },
      }),
    ).toBe(1)
    expect(
      await workspace.database.absence.count({ where: { advisorId: lea.id, reason: 'Maladie' } }),
    ).toBe(1)
  })

  test('the calendar shows the hours and the absence in the background', async () => {
    const html = await (await get(`/espace?date=${nextWeek(1)}`, KARIM)).text()
    expect(html).toContain(printed('Permanence 9 h – 12 h 30 · Mairie de Saint-Julien-sur-Sorne'))
    expect(html).toContain(printed('Absent de 0 h à 24 h : Formation'))
    const { karim, townHall } = await ids()
    expect(html).toContain(`href="/espace/horaires?conseiller=${karim.id}"`)
    const site = await (
      await get(`/espace/lieux/${townHall.id}?date=${nextWeek(1)}`, SOPHIE)
    ).text()
    expect(site).toContain(printed('Permanence 9 h – 12 h 30 · Mairie de Saint-Julien-sur-Sorne'))
    expect(site).toContain(printed('Absent de 0 h à 24 h : Formation'))
    expect(site).toContain('Jeanne Moreau')
  })

  test('an absence is removed, and removing it twice says so', async () => {
    const { karim } = await ids()
    const absence = await workspace.database.absence.findFirstOrThrow({
      where: { advisorId: karim.id },
    })
    const fields: [string, string][] = [
      ['intent', 'remove'],
      ['absenceId', absence.id],
    ]
    const removed = await post('/espace/absences', fields, KARIM)
    expect(removed.status).toBe(302)
    expect(await workspace.database.absence.count({ where: { id: absence.id } })).toBe(0)
    const again = await post('/espace/absences', fields, KARIM)
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Cette absence avait déjà été supprimée.')
  })
})
