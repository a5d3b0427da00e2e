import { describe, expect, test } from 'vitest'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'

// Activity reports (decision 085) over HTTP on the demo: pre-filled from an honoured
// appointment and from a held session, the list of what is left to report, declining,
// editing refused when stale, a form sent twice filed once, and who may read and file.

const workspace = demoWorkspace(KARIM)
const CAMILLE = 'camille.martin@val-de-sorne.example'
const LIST = '/espace/comptes-rendus'

const get = async (path: string, email = KARIM) => workspace.get(path, email)
// React's text separators removed, so a sentence reads as one string.
const plain = (page: string) => page.replace(/<!-- -->/g, '')
const html = async (path: string, email = KARIM) => {
  const response = await get(path, email)
  expect(response.status, path).toBe(200)
  return plain(await response.text())
}
const post = async (path: string, fields: [string, string][], email = KARIM) =>
  fetch(`${workspace.app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { cookie: await workspace.as(email) },
    redirect: 'manual',
  })

const checked = (page: string, name: string, value: string) =>
  [...page.matchAll(/<input[^>]*>/g)].some(
    ([tag]) =>
      tag.includes(`name="${name}"`) &&
      tag.includes(`value="${value}"`) &&
      tag.includes('checked=""'),
  )
const selected = (page: string, value: string) =>
  new RegExp(`<option value="${value}" selected="">`).test(page)

async function demo() {
  const db = workspace.database
  const [karim, lea, townHall, library] = await Promise.all([
    db.advisor.findUniqueOrThrow({ where: { email: KARIM } }),
    db.advisor.findUniqueOrThrow({ where: { email: LEA } }),
    db.site.findFirstOrThrow({ where: { name: { contains: 'Mairie de Saint' } } }),
    db.site.findFirstOrThrow({ where: { name: { contains: 'Médiathèque' } } }),
  ])
  const toReport = (lastName: string) =>
    db.appointment.findFirstOrThrow({
      where: { resident: { lastName }, status: 'HONOURED', activityReport: { is: null } },
      include: { topic: true },
    })
  return { db, karim, lea, townHall, library, toReport }
}

const individual = (siteId: string): [string, string][] => [
  ['version', ''],
  ['duration', '30'],
  ['placeType', 'LieuActivite'],
  ['siteId', siteId],
  ['themes', 'AideAuxDemarchesAdministratives'],
  ['themes', 'ArgentImpots'],
  ['beneficiary', 'KNOWN'],
  ['alreadyAccompanied', 'on'],
  ['gender', 'Masculin'],
  ['ageBand', 'SoixanteDixPlus'],
  ['socialStatus', 'Retraite'],
  ['autonomy', 'PartiellementAutonome'],
  ['referred', 'on'],
  ['referralStructure', 'Administration'],
  ['equipment', 'Ordinateur'],
  ['notes', 'Avis d’imposition retrouvé.'],
]

describe(`activity reports on ${testProvider}`, () => {
  test('from an honoured appointment: the form is pre-filled, filing saves the row and clears the list', async () => {
    const { db, karim, townHall, toReport } = await demo()
    const marcel = await toReport('Bonnet')
    const list = await html(LIST)
    expect(list).toContain('Marcel Bonnet')
    expect(list).toContain('Sylvie Roux')
    // Léa's workshop is hers: not on Karim's list.
    expect(list).not.toContain('Apprendre à se servir de son smartphone')
    expect(list).toMatch(/Comptes rendus<span[^>]*> \(2 à faire\)/)

    const path = `${LIST}/rendez-vous/${marcel.id}`
    const form = await html(path)
    expect(form).toContain('Déclarer mes impôts en ligne')
    expect(checked(form, 'duration', String(marcel.topic.durationMinutes))).toBe(true)
    expect(checked(form, 'placeType', 'LieuActivite')).toBe(true)
    expect(selected(form, townHall.id)).toBe(true)
    expect(checked(form, 'themes', 'AideAuxDemarchesAdministratives')).toBe(true)
    expect(checked(form, 'themes', 'ArgentImpots')).toBe(true)
    expect(checked(form, 'themes', 'Email')).toBe(false)
    expect(checked(form, 'beneficiary', 'KNOWN')).toBe(true)
    // Marcel came two weeks ago: already accompanied.
    expect(checked(form, 'alreadyAccompanied', 'on')).toBe(true)
    expect(form).toContain('Aucune information de santé ici')

    // Refused: no theme, a referral without its kind; what was typed is kept.
    const refused = await post(
      path,
      individual(townHall.id).filter(([name]) => name !== 'themes' && name !== 'referralStructure'),
    )
    expect(refused.status).toBe(400)
    const page = plain(await refused.text())
    expect(page).toContain('Cochez au moins une thématique.')
    expect(page).toContain('Choisissez le type de structure')
    expect(page).toContain('Avis d’imposition retrouvé.')
    expect(await db.activityReport.count({ where: { appointmentId: marcel.id } })).toBe(0)

    const filed = await post(path, individual(townHall.id))
    expect(filed.status).toBe(302)
    expect(filed.headers.get('location')).toBe(`${LIST}?enregistre=1`)
    const row = await db.activityReport.findUniqueOrThrow({
      where: { appointmentId: marcel.id },
      include: { participants: true },
    })
    expect(row).toMatchObject({
      organisationId: karim.organisationId,
      advisorId: karim.id,
      kind: 'INDIVIDUAL',
      status: 'FILED',
      date: marcel.startsAt,
      durationMinutes: 30,
      placeType: 'LieuActivite',
      siteId: townHall.id,
      themes: '["AideAuxDemarchesAdministratives","ArgentImpots"]',
      equipment: '["Ordinateur"]',
      residentId: marcel.residentId,
      alreadyAccompanied: true,
      gender: 'Masculin',
      ageBand: 'SoixanteDixPlus',
      socialStatus: 'Retraite',
      autonomy: 'PartiellementAutonome',
      referred: true,
      referralStructure: 'Administration',
      participantCount: 1,
      franceServicesOperator: 'DGFiP',
      version: 0,
    })
    expect(row.participants).toEqual([])
    expect(
      await db.auditEvent.count({ where: { action: 'ACTIVITY_REPORT_FILED', entityId: row.id } }),
    ).toBe(1)
    const after = await html(`${LIST}?enregistre=1`)
    expect(after).toContain('Compte rendu enregistré.')
    expect(after).not.toContain('Marcel Bonnet')
    expect(after).toMatch(/Comptes rendus<span[^>]*> \(1 à faire\)/)
    // It is among the filed reports, and the appointment page links to it.
    expect(await html(`${LIST}/deposes`)).toContain('Marcel Bonnet')
    expect(await html(`/espace/rendez-vous/${marcel.id}`)).toContain('Voir le compte rendu')
  })

  test('a form sent twice at once files one report; the second answer shows it', async () => {
    const { db, townHall, toReport } = await demo()
    const sylvie = await toReport('Roux')
    const path = `${LIST}/rendez-vous/${sylvie.id}`
    const answers = await Promise.all([
      post(path, individual(townHall.id)),
      post(path, individual(townHall.id)),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([302, 302])
    expect(answers.map((answer) => answer.headers.get('location')).sort()).toEqual([
      `${path}?deja=1`,
      `${LIST}?enregistre=1`,
    ])
    expect(await db.activityReport.count({ where: { appointmentId: sylvie.id } })).toBe(1)
    expect(await html(`${path}?deja=1`)).toContain('Ce compte rendu était déjà enregistré')
  })

  test('an appointment marked honoured appears; declined, it leaves the list; filed later all the same', async () => {
    const { db, karim, townHall } = await demo()
    const resident = await db.resident.findFirstOrThrow({ where: { lastName: 'Bonnet' } })
    const taxes = await db.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    const startsAt = new Date(Date.now() - 3 * 7 * 86_400_000)
    const appointment = await db.appointment.create({
      data: {
        organisationId: karim.organisationId,
        advisorId: karim.id,
        topicId: taxes.id,
        residentId: resident.id,
        mode: 'PHONE',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 75 * 60_000),
        createdVia: 'ADVISOR',
      },
    })
    const path = `${LIST}/rendez-vous/${appointment.id}`
    expect(await html(LIST)).not.toContain(path)
    // Not honoured: nothing to report.
    expect((await get(path)).status).toBe(404)
    const honoured = await post(`/espace/rendez-vous/${appointment.id}`, [
      ['intent', 'status'],
      ['version', '0'],
      ['status', 'HONOURED'],
    ])
    expect(honoured.status).toBe(302)
    expect(await html(`/espace/rendez-vous/${appointment.id}`)).toContain('Rédiger le compte rendu')
    expect(await html(LIST)).toContain(path)

    // By phone, 75 minutes: at a distance, a duration of its own.
    const form = await html(path)
    expect(checked(form, 'placeType', 'ADistance')).toBe(true)
    expect(checked(form, 'duration', 'custom')).toBe(true)
    expect(form).toMatch(/name="customDuration"[^>]*value="75"/)

    const declined = await post(`${LIST}?index`, [
      ['subject', 'appointment'],
      ['id', appointment.id],
    ])
    expect(declined.status).toBe(302)
    expect(declined.headers.get('location')).toBe(`${LIST}?refuse=1`)
    const row = await db.activityReport.findUniqueOrThrow({
      where: { appointmentId: appointment.id },
    })
    expect(row).toMatchObject({ status: 'DECLINED', kind: 'INDIVIDUAL', advisorId: karim.id })
    expect(await html(LIST)).not.toContain(path)
    // Declining twice records nothing more.
    await post(`${LIST}?index`, [
      ['subject', 'appointment'],
      ['id', appointment.id],
    ])
    expect(await db.activityReport.count({ where: { appointmentId: appointment.id } })).toBe(1)

    // Written after all: the declined report becomes a filed one.
    expect(await html(path)).toContain('Il avait été décidé de ne pas faire de compte rendu')
    const fields = individual(townHall.id).map(([name, value]): [string, string] =>
      name === 'version' ? [name, '0'] : name === 'placeType' ? [name, 'ADistance'] : [name, value],
    )
    const filed = await post(path, fields)
    expect(filed.status).toBe(302)
    const now = await db.activityReport.findUniqueOrThrow({ where: { id: row.id } })
    expect(now).toMatchObject({ status: 'FILED', placeType: 'ADistance', siteId: null, version: 1 })
  })

  test('a held session: participants from the attendance, anonymous counts, level and title', async () => {
    const { db, lea, library } = await demo()
    const session = await db.workshopSession.findFirstOrThrow({
      where: { endsAt: { lt: new Date() }, activityReport: { is: null } },
      include: { registrations: { include: { resident: true } } },
    })
    const byName = (lastName: string) =>
      session.registrations.find((r) => r.resident.lastName === lastName)!.residentId
    const path = `${LIST}/atelier/${session.id}`
    // Karim did not lead it: not on his list, and not his to file.
    expect(await html(LIST)).not.toContain(path)
    expect((await get(path)).status).toBe(403)
    expect(await html(LIST, LEA)).toContain(path)
    expect(await html(`/espace/ateliers/${session.id}`, LEA)).toContain('Rédiger le compte rendu')

    const form = await html(path, LEA)
    expect(checked(form, 'duration', '120')).toBe(true)
    expect(checked(form, 'placeType', 'LieuActivite')).toBe(true)
    expect(selected(form, library.id)).toBe(true)
    expect(checked(form, 'themes', 'PrendreEnMainDuMateriel')).toBe(true)
    expect(checked(form, 'participantIds', byName('Lefèvre'))).toBe(true)
    expect(checked(form, 'participantIds', byName('Blanc'))).toBe(true)
    expect(checked(form, 'participantIds', byName('Perrin'))).toBe(false)
    expect(checked(form, 'workshopLevel', 'Debutant')).toBe(true)
    expect(form).toMatch(/name="workshopTitle"[^>]*value="Apprendre à se servir de son smartphone"/)

    const fields: [string, string][] = [
      ['version', ''],
      ['duration', '120'],
      ['placeType', 'LieuActivite'],
      ['siteId', library.id],
      ['themes', 'PrendreEnMainDuMateriel'],
      ['participantIds', byName('Lefèvre')],
      ['participantIds', byName('Blanc')],
      ['anonTotal', '2'],
      ['anonAlreadyAccompanied', '1'],
      ['anon_gender_Feminin', '2'],
      ['anon_ageBand_SoixanteDixPlus', '3'],
      ['workshopTitle', 'Apprendre à se servir de son smartphone'],
      ['workshopLevel', 'Debutant'],
      ['equipment', 'Telephone'],
    ]
    const tooMany = await post(path, fields, LEA)
    expect(tooMany.status).toBe(400)
    expect(plain(await tooMany.text())).toContain(
      'Ces nombres dépassent le nombre de participants anonymes',
    )
    const ok = fields.map(([name, value]): [string, string] =>
      name === 'anon_ageBand_SoixanteDixPlus' ? [name, '2'] : [name, value],
    )
    expect((await post(path, ok, LEA)).status).toBe(302)
    const row = await db.activityReport.findUniqueOrThrow({
      where: { workshopSessionId: session.id },
      include: { participants: { orderBy: { residentId: 'asc' } } },
    })
    expect(row).toMatchObject({
      kind: 'COLLECTIVE',
      status: 'FILED',
      advisorId: lea.id,
      durationMinutes: 120,
      siteId: library.id,
      workshopTitle: 'Apprendre à se servir de son smartphone',
      workshopLevel: 'Debutant',
      participantCount: 4,
      residentId: null,
      gender: null,
    })
    expect(JSON.parse(row.anonymousCounts)).toEqual({
      total: 2,
      alreadyAccompanied: 1,
      gender: { Feminin: 2 },
      ageBand: { SoixanteDixPlus: 2 },
      socialStatus: {},
    })
    expect(row.participants.map((p) => p.residentId)).toEqual(
      [byName('Lefèvre'), byName('Blanc')].sort(),
    )
    expect(await html(LIST, LEA)).not.toContain(path)
  })

  test('edits: by its advisor or an admin, never over a newer version; not by a colleague or reception', async () => {
    const { db, townHall } = await demo()
    const report = await db.activityReport.findFirstOrThrow({
      where: {
        appointment: { resident: { lastName: 'Bonnet' } },
        advisor: { email: KARIM },
        version: 0,
        status: 'FILED',
      },
      orderBy: { date: 'desc' },
    })
    const path = `${LIST}/rendez-vous/${report.appointmentId}`
    const edit = (version: string, notes: string): [string, string][] =>
      individual(townHall.id).map(([name, value]) =>
        name === 'version' ? [name, version] : name === 'notes' ? [name, notes] : [name, value],
      )
    // The admin changes it first; Karim's form, rendered at version 0, is then stale.
    expect(await html(path, CAMILLE)).toContain('Enregistrer les modifications')
    const byAdmin = await post(path, edit('0', 'Corrigé par la coordination.'), CAMILLE)
    expect(byAdmin.status).toBe(302)
    expect(byAdmin.headers.get('location')).toBe(`${path}?enregistre=1`)
    const stale = await post(path, edit('0', 'Ma version.'))
    expect(stale.status).toBe(409)
    expect(plain(await stale.text())).toContain('Quelqu’un a modifié ce compte rendu entre-temps')
    const saved = await db.activityReport.findUniqueOrThrow({ where: { id: report.id } })
    expect(saved).toMatchObject({
      version: 1,
      notes: 'Corrigé par la coordination.',
      advisorId: report.advisorId,
    })
    expect((await post(path, edit('1', 'Ma version.'))).status).toBe(302)
    expect((await db.activityReport.findUniqueOrThrow({ where: { id: report.id } })).notes).toBe(
      'Ma version.',
    )

    // Léa may neither read nor change Karim's report; reception files none.
    expect((await get(path, LEA)).status).toBe(403)
    expect((await post(path, edit('2', 'Léa'), LEA)).status).toBe(403)
    for (const page of [LIST, `${LIST}/deposes`, path]) {
      expect((await get(page, SOPHIE)).status, page).toBe(403)
    }
    expect((await post(path, edit('2', 'Accueil'), SOPHIE)).status).toBe(403)
    expect(await html('/espace/ateliers', SOPHIE)).not.toContain('href="/espace/comptes-rendus"')
    expect((await db.activityReport.findUniqueOrThrow({ where: { id: report.id } })).version).toBe(
      2,
    )

    // The admin sees the whole team's list and chooses an advisor.
    const team = await html(`${LIST}?conseiller=`, CAMILLE)
    expect(team).toContain('Toute l’équipe')
    const filed = await html(`${LIST}/deposes?conseiller=`, CAMILLE)
    expect(filed).toContain('Marcel Bonnet')
    expect(filed).toContain('Karim Benali')
  })

  test('admins set a topic’s La Coop themes (defaults from its theme) and its France Services operator', async () => {
    const { db } = await demo()
    const topic = await db.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    const path = `/espace/admin/motifs/${topic.id}`
    const page = await html(path, CAMILLE)
    expect(checked(page, 'coopThemes', 'ArgentImpots')).toBe(true)
    expect(checked(page, 'coopThemes', 'AideAuxDemarchesAdministratives')).toBe(true)
    expect(selected(page, 'DGFiP')).toBe(true)
    const fields = (themes: string[], operator: string): [string, string][] => [
      ['updatedAt', topic.updatedAt.toISOString()],
      ['name', topic.name],
      ['format', 'INDIVIDUAL'],
      ['theme', topic.theme],
      ['durationMinutes', String(topic.durationMinutes)],
      ['allowsInPerson', 'on'],
      ['minNoticeMinutes', String(topic.minNoticeMinutes)],
      ['horizonDays', String(topic.horizonDays)],
      ['bufferMinutes', String(topic.bufferMinutes)],
      ['cancellationDeadlineMinutes', String(topic.cancellationDeadlineMinutes)],
      ...themes.map((code): [string, string] => ['coopThemes', code]),
      ['franceServicesOperator', operator],
    ]
    expect((await post(path, fields(['ArgentImpots', 'Email'], 'Nimporte'), CAMILLE)).status).toBe(
      400,
    )
    expect((await post(path, fields(['ArgentImpots', 'Email'], ''), CAMILLE)).status).toBe(302)
    const saved = await db.topic.findUniqueOrThrow({ where: { id: topic.id } })
    expect(saved).toMatchObject({
      coopThemes: '["ArgentImpots","Email"]',
      franceServicesOperator: null,
    })
    // A new report of this topic starts from its own themes.
    const appointment = await db.appointment.findFirstOrThrow({
      where: { topicId: topic.id, status: 'BOOKED' },
    })
    await db.appointment.update({ where: { id: appointment.id }, data: { status: 'HONOURED' } })
    const form = await html(`${LIST}/rendez-vous/${appointment.id}`)
    expect(checked(form, 'themes', 'Email')).toBe(true)
    expect(checked(form, 'themes', 'AideAuxDemarchesAdministratives')).toBe(false)
    // Advisors do not administer topics.
    expect((await get(path)).status).toBe(403)
  })
})
