import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { deactivateAdvisor } from '~/features/admin/records.server'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { localDateOf } from '~/domain/time/format'
import { testProvider } from '../support/database'
import { startApp, type RunningApp } from '../support/server'
import { startLoopbackSmtp } from '../support/smtp'
import { printed } from '../support/times'
import { demoSessions, KARIM, LEA, SETTINGS, SOPHIE } from '../support/workspace'

// Administration (sites, topics, team, settings), the printable agenda and the calendar
// feed, through the served app on a real database; invitations through loopback SMTP.

const CAMILLE = 'camille.martin@val-de-sorne.example'
let app: RunningApp
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>
let database: Db
const as = demoSessions(() => app)

beforeAll(async () => {
  smtp = await startLoopbackSmtp()
  app = await startApp({ SEED_DEMO: '1', SMTP_URL: smtp.url, WORKER: 'off' })
  database = createDb(resolveDatabaseConfig(app.databaseUrl))
})
afterAll(async () => {
  await database?.$disconnect()
  await app?.stop()
  await smtp?.close()
})

async function post(path: string, fields: Record<string, string | string[]>, email = CAMILLE) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(key, one)
  }
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    body,
    headers: { cookie: email ? await as(email) : '' },
    redirect: 'manual',
  })
}

async function get(path: string, email = CAMILLE) {
  return fetch(`${app.url}${path}`, { headers: { cookie: await as(email) }, redirect: 'manual' })
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`, 'u').exec(html)?.[1] ?? ''

const SITE = {
  name: 'Salle des fêtes de Vernou',
  address: '2 place de l’Église',
  postalCode: '41100',
  city: 'Vernou',
  phone: '02 54 00 00 00',
  accessNotes: 'Entrée par la cour',
  accessibilityNotes: 'Plain-pied',
}

describe(`sites on ${testProvider}`, () => {
  test('create, edit, refuse a stale edit and bad input, deactivate', async () => {
    const bad = await post('/espace/admin/lieux/nouveau', { ...SITE, name: '', postalCode: '411' })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Ce champ est obligatoire.')
    expect(badHtml).toContain('Indiquez un code postal à 5 chiffres')
    expect(badHtml).toContain('>Entrée par la cour</textarea>')
    expect(badHtml).toContain('value="411"')
    expect(await database.site.count({ where: { name: SITE.name } })).toBe(0)

    const created = await post('/espace/admin/lieux/nouveau', SITE)
    expect(created.status).toBe(302)
    const path = created.headers.get('location')!.split('?')[0]!
    const page = await (await get(path)).text()
    expect(page).toContain('Modification enregistrée.')
    expect(page).toContain('value="Salle des fêtes de Vernou"')
    const updatedAt = hidden(page, 'updatedAt')

    const saved = await post(path, { ...SITE, city: 'Vernou-en-Sologne', updatedAt })
    expect(saved.status).toBe(302)
    const stale = await post(path, { ...SITE, city: 'Ailleurs', updatedAt })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Quelqu’un d’autre a modifié cette fiche')
    const site = await database.site.findFirstOrThrow({ where: { name: SITE.name } })
    expect(site.city).toBe('Vernou-en-Sologne')

    const fresh = hidden(await (await get(path)).text(), 'updatedAt')
    expect((await post(path, { intent: 'deactivate', updatedAt: fresh })).status).toBe(302)
    expect((await database.site.findUniqueOrThrow({ where: { id: site.id } })).active).toBe(false)
    const list = await (await get('/espace/admin/lieux')).text()
    expect(list).toContain('Salle des fêtes de Vernou')
    expect(list).toContain('Désactivé')
    const audit = await database.auditEvent.findMany({ where: { entityId: site.id } })
    expect(audit.map((event) => event.action).sort()).toEqual([
      'SITE_CREATED',
      'SITE_DEACTIVATED',
      'SITE_UPDATED',
    ])
  })
})

const TOPIC = {
  name: 'Faire ma demande de logement social',
  theme: 'HOUSING',
  durationMinutes: '45',
  allowsInPerson: 'on',
  minNoticeMinutes: '120',
  horizonDays: '30',
  bufferMinutes: '15',
  cancellationDeadlineMinutes: '60',
  isPublic: 'on',
  instructions: 'Votre avis d’imposition',
}

describe(`a site’s name in SMS and its holidays on ${testProvider}`, () => {
  test('the form shows the short name SMS will use, and saves the admins’ own and a region', async () => {
    const fields = { ...SITE, name: 'Salle des fêtes de Vernou-sur-Brenne', city: 'Vernou' }
    const created = await post('/espace/admin/lieux/nouveau', fields)
    expect(created.status).toBe(302)
    const path = created.headers.get('location')!.split('?')[0]!
    const page = await (await get(path)).text()
    expect(page).toContain('Nom court dans les SMS (facultatif)')
    expect(page).toContain('Vide : « Vernou »')
    expect(page).toContain('<option value="FR-NC">Nouvelle-Calédonie</option>')
    const tooLong = await post(path, {
      ...fields,
      shortName: 'Salle des fêtes de Vernou',
      updatedAt: hidden(page, 'updatedAt'),
    })
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toContain('Ce texte est trop long (20 caractères au plus).')
    const saved = await post(path, {
      ...fields,
      shortName: 'Fêtes Vernou',
      holidayRegion: 'FR-ALSACE-MOSELLE',
      updatedAt: hidden(page, 'updatedAt'),
    })
    expect(saved.status).toBe(302)
    expect(await database.site.findFirstOrThrow({ where: { name: fields.name } })).toMatchObject({
      shortName: 'Fêtes Vernou',
      holidayRegion: 'FR-ALSACE-MOSELLE',
    })
  })
})

describe(`topics on ${testProvider}`, () => {
  test('create, refuse bad input and stale edits, deactivate', async () => {
    const bad = await post('/espace/admin/motifs/nouveau', {
      ...TOPIC,
      durationMinutes: 'une heure',
      allowsInPerson: [],
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('Indiquez un nombre entier.')
    expect(html).toContain('Cochez au moins un mode')
    expect(html).toContain('value="une heure"')

    const created = await post('/espace/admin/motifs/nouveau', TOPIC)
    expect(created.status).toBe(302)
    const path = created.headers.get('location')!.split('?')[0]!
    const topic = await database.topic.findFirstOrThrow({ where: { name: TOPIC.name } })
    expect(topic).toMatchObject({ durationMinutes: 45, bufferMinutes: 15, allowsPhone: false })

    const updatedAt = hidden(await (await get(path)).text(), 'updatedAt')
    expect((await post(path, { ...TOPIC, allowsPhone: 'on', updatedAt })).status).toBe(302)
    expect((await post(path, { ...TOPIC, horizonDays: '10', updatedAt })).status).toBe(409)
    const saved = await database.topic.findUniqueOrThrow({ where: { id: topic.id } })
    expect(saved).toMatchObject({ allowsPhone: true, horizonDays: 30 })

    // With an appointment to come, the topic cannot become a workshop topic.
    const advisor = await database.advisor.findFirstOrThrow({
      where: { organisationId: topic.organisationId, role: 'ADVISOR' },
    })
    const someone = await database.resident.findFirstOrThrow({
      where: { organisationId: topic.organisationId },
    })
    const startsAt = new Date(Date.now() + 400 * 86_400_000)
    await database.appointment.create({
      data: {
        organisationId: topic.organisationId,
        advisorId: advisor.id,
        topicId: topic.id,
        residentId: someone.id,
        mode: 'PHONE',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        createdVia: 'RECEPTION',
      },
    })
    const current = hidden(await (await get(path)).text(), 'updatedAt')
    const switched = await post(path, { ...TOPIC, format: 'COLLECTIVE', updatedAt: current })
    expect(switched.status).toBe(409)
    expect(await switched.text()).toContain('Ce motif a des rendez-vous ou des ateliers à venir')
    expect((await database.topic.findUniqueOrThrow({ where: { id: topic.id } })).format).toBe(
      'INDIVIDUAL',
    )

    const fresh = hidden(await (await get(path)).text(), 'updatedAt')
    expect((await post(path, { intent: 'deactivate', updatedAt: fresh })).status).toBe(302)
    expect((await database.topic.findUniqueOrThrow({ where: { id: topic.id } })).active).toBe(false)
  })
})

describe(`the SMS budget on ${testProvider}`, () => {
  test('admins see the day’s SMS against the cap, and when it is reached', async () => {
    const organisation = await database.organisation.findFirstOrThrow({
      where: { advisors: { some: { email: CAMILLE } } },
    })
    // What the page shows, without the texts it carries for the browser.
    const shown = async () =>
      (await (await get('/espace/admin')).text()).replace(/<script[\s\S]*?<\/script>/gu, '')
    const before = await shown()
    // The workspace menu offers Administration to admins only.
    expect(before).toContain('href="/espace/admin">Administration</a>')
    const reception = await (await get('/espace', SOPHIE)).text()
    expect(reception).not.toContain('href="/espace/admin"')
    expect(before).toContain(`0 SMS envoyés aujourd’hui, sur ${organisation.dailySmsCap}`)
    expect(before).not.toContain('plafond quotidien de SMS est atteint')

    await database.organisation.update({
      where: { id: organisation.id },
      data: { dailySmsCap: 2 },
    })
    const now = new Date()
    await database.notification.createMany({
      data: ['+33612000011', '+33612000012'].map((recipient) => ({
        organisationId: organisation.id,
        kind: 'CONFIRMATION',
        channel: 'SMS' as const,
        recipient,
        status: 'SENT' as const,
        dueAt: now,
        sentAt: now,
      })),
    })
    const after = await shown()
    expect(after).toContain('2 SMS envoyés aujourd’hui, sur 2 autorisés par jour.')
    expect(after).toContain('Le plafond quotidien de SMS est atteint')
    await database.notification.deleteMany({
      where: { recipient: { in: ['+33612000011', '+33612000012'] } },
    })
    await database.organisation.update({
      where: { id: organisation.id },
      data: { dailySmsCap: organisation.dailySmsCap },
    })
  })
})

describe(`organisation settings on ${testProvider}`, () => {
  test('saves the settings, refuses bad ones and stale edits', async () => {
    const page = await (await get('/espace/admin/reglages')).text()
    const updatedAt = hidden(page, 'updatedAt')
    const bad = await post('/espace/admin/reglages', {
      ...SETTINGS,
      updatedAt,
      timeZone: 'Europe/Sorne',
      smsSenderName: 'Val-de-Sorne!',
    })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Fuseau horaire inconnu')
    expect(badHtml).toContain('Ce texte est trop long (11 caractères au plus).')
    expect(badHtml).toContain('value="Europe/Sorne"')

    expect((await post('/espace/admin/reglages', { ...SETTINGS, updatedAt })).status).toBe(302)
    const organisation = await database.organisation.findFirstOrThrow({
      where: { slug: { not: 'autre-structure' } },
    })
    expect(organisation).toMatchObject({
      smsSenderName: 'ValSorne',
      allowedPhoneRegions: 'FR,RE,YT',
      dailySmsCap: 300,
      reminderOffsets: '[{"kind":"DAYS_BEFORE","days":1}]',
    })
    const stale = await post('/espace/admin/reglages', { ...SETTINGS, updatedAt, dailySmsCap: '1' })
    expect(stale.status).toBe(409)
    const shown = await (await get('/espace/admin/reglages')).text()
    expect(shown).toContain('value="ValSorne"')
  })

  test('the reminders say when they really go; the sender name follows the operators’ rule', async () => {
    const organisation = await database.organisation.findFirstOrThrow({
      where: { slug: { not: 'autre-structure' } },
    })
    await database.organisation.update({
      where: { id: organisation.id },
      data: {
        reminderOffsets:
          '[{"kind":"DAYS_BEFORE","days":2},{"kind":"SAME_DAY","atLeastHoursBefore":3}]',
        quietHoursStart: '20:00',
        quietHoursEnd: '08:30',
        smsSenderName: null,
      },
    })
    let page = await (await get('/espace/admin/reglages')).text()
    expect(page).toContain(printed('Rappel quelques jours avant, à 10 h'))
    expect(page).toContain(
      printed(
        'Rappel le jour même : le matin du rendez-vous (à 8 h 30), ou la veille au soir (à 20 h) si le rendez-vous commence avant 11 h 30',
      ),
    )
    // The demo's fake Twilio sends from a number: replies reach it, no notice.
    expect(page).not.toContain('<p class="notice">Les SMS partent de')
    expect(page).toContain('<option value="FR-WF">Wallis-et-Futuna</option>')

    const spaced = await post('/espace/admin/reglages', {
      ...SETTINGS,
      smsSenderName: 'Val Sorne',
      updatedAt: hidden(page, 'updatedAt'),
    })
    expect(spaced.status).toBe(400)
    expect(await spaced.text()).toContain(
      'Le nom d’expéditeur ne contient que des lettres sans accent et des chiffres, sans espace',
    )
    const saved = await post('/espace/admin/reglages', {
      ...SETTINGS,
      holidayRegion: 'FR-NC',
      sameDayOn: 'on',
      quietHoursEnd: '09:00',
      updatedAt: hidden(page, 'updatedAt'),
    })
    expect(saved.status).toBe(302)
    page = await (await get('/espace/admin/reglages')).text()
    expect(page).toContain(
      '<p class="notice">Les SMS partent de « ValSorne » : un nom ne peut pas recevoir de réponse, donc les SMS ne proposent pas de répondre ANNULER.',
    )
    expect(page).toContain(printed('si le rendez-vous commence avant 12 h'))
    expect(
      (await database.organisation.findUniqueOrThrow({ where: { id: organisation.id } }))
        .holidayRegion,
    ).toBe('FR-NC')

    // A name saved before the rule: the page says it is not used.
    await database.organisation.update({
      where: { id: organisation.id },
      data: { smsSenderName: 'Val Sorne', holidayRegion: 'FR-METRO' },
    })
    page = await (await get('/espace/admin/reglages')).text()
    expect(page).toContain(
      '<p class="notice">« Val Sorne » ne suit pas la règle des opérateurs (11 lettres ou chiffres au plus, sans espace)',
    )
    await database.organisation.update({
      where: { id: organisation.id },
      data: { smsSenderName: null },
    })
  })

  test('only an admin reaches the settings', async () => {
    expect((await get('/espace/admin/reglages', KARIM)).status).toBe(403)
    expect((await get('/espace/admin/reglages', SOPHIE)).status).toBe(403)
  })
})

describe(`team on ${testProvider}`, () => {
  test('an invited advisor chooses a password through the emailed link, once', async () => {
    const bad = await post('/espace/admin/conseillers', {
      firstName: 'Inès',
      lastName: '',
      email: 'pas-une-adresse',
      role: 'ADVISOR',
    })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Cette adresse e-mail n’est pas valide.')
    expect(badHtml).toContain('value="Inès"')
    const taken = await post('/espace/admin/conseillers', {
      firstName: 'Karim',
      lastName: 'Bis',
      email: KARIM,
      role: 'ADVISOR',
    })
    expect(await taken.text()).toContain('déjà utilisée')

    const invited = await post('/espace/admin/conseillers', {
      firstName: 'Inès',
      lastName: 'Roux',
      email: 'ines.roux@val-de-sorne.example',
      role: 'ADVISOR',
    })
    expect(invited.status).toBe(302)
    const mail = smtp.received.at(-1)!
    expect(mail.subject).toContain('Votre accès à Permanence')
    const link = smtp.linkTo('ines.roux@val-de-sorne.example', '/espace/invitation/')
    const page = await (await fetch(`${app.url}${link}`)).text()
    expect(page).toContain('Bienvenue Inès !')
    const password = 'un mot de passe pour Inès'
    const chosen = await fetch(`${app.url}${link}`, {
      method: 'POST',
      body: new URLSearchParams({ password, confirmation: password }),
      redirect: 'manual',
    })
    expect(chosen.status).toBe(302)
    const signIn = await fetch(`${app.url}/espace/connexion`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'ines.roux@val-de-sorne.example', password }),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(302)
    const again = await fetch(`${app.url}${link}`)
    expect(again.status).toBe(410)
  })

  test('an invitation the SMTP server refuses is reported, and can be sent again', async () => {
    smtp.refuseNext()
    const invited = await post('/espace/admin/conseillers', {
      firstName: 'Hugo',
      lastName: 'Petit',
      email: 'hugo.petit@val-de-sorne.example',
      role: 'ADVISOR',
    })
    expect(invited.status).toBe(302)
    const location = invited.headers.get('location')!
    expect(location).toMatch(/\/espace\/admin\/conseillers\/[^?]+\?echec=1$/u)
    expect(await (await get(location)).text()).toContain('L’e-mail n’a pas pu être envoyé')
    const hugo = await database.advisor.findUniqueOrThrow({
      where: { email: 'hugo.petit@val-de-sorne.example' },
    })
    expect(await database.advisorToken.count({ where: { advisorId: hugo.id, usedAt: null } })).toBe(
      0,
    )
    expect((await post(`/espace/admin/conseillers/${hugo.id}`, { intent: 'resend' })).status).toBe(
      302,
    )
    const link = smtp.linkTo('hugo.petit@val-de-sorne.example', '/espace/invitation/')
    expect((await fetch(`${app.url}${link}`)).status).toBe(200)
  })

  test('resending voids the earlier invitation; an expired one is refused', async () => {
    await post('/espace/admin/conseillers', {
      firstName: 'Paul',
      lastName: 'Morin',
      email: 'paul.morin@val-de-sorne.example',
      role: 'RECEPTION',
    })
    const first = smtp.linkTo('paul.morin@val-de-sorne.example', '/espace/invitation/')
    const paul = await database.advisor.findUniqueOrThrow({
      where: { email: 'paul.morin@val-de-sorne.example' },
    })
    expect((await post(`/espace/admin/conseillers/${paul.id}`, { intent: 'resend' })).status).toBe(
      302,
    )
    const second = smtp.linkTo('paul.morin@val-de-sorne.example', '/espace/invitation/')
    expect(second).not.toBe(first)
    expect((await fetch(`${app.url}${first}`)).status).toBe(410)
    await database.advisorToken.updateMany({
      where: { advisorId: paul.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const expired = await fetch(`${app.url}${second}`)
    expect(expired.status).toBe(410)
    expect(await expired.text()).toContain('Ce lien a expiré')
  })

  test('deactivation: never oneself or the last admin; future appointments need a confirmation', async () => {
    const camille = await database.advisor.findUniqueOrThrow({ where: { email: CAMILLE } })
    const self = await post(`/espace/admin/conseillers/${camille.id}`, {
      intent: 'deactivate',
      updatedAt: camille.updatedAt.toISOString(),
      confirm: 'on',
    })
    expect(self.status).toBe(400)
    expect(await self.text()).toContain('votre propre compte')

    const karim = await database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const karimSession = await as(KARIM)
    const page = await (await get(`/espace/admin/conseillers/${karim.id}`)).text()
    expect(page).toContain('Jeanne Moreau')
    expect(page).toContain('Déclarer mes impôts en ligne')
    const updatedAt = hidden(page, 'updatedAt')
    const unconfirmed = await post(`/espace/admin/conseillers/${karim.id}`, {
      intent: 'deactivate',
      updatedAt,
    })
    expect(unconfirmed.status).toBe(400)
    expect(await unconfirmed.text()).toContain('encore des rendez-vous à venir')
    expect((await database.advisor.findUniqueOrThrow({ where: { id: karim.id } })).active).toBe(
      true,
    )
    const confirmed = await post(`/espace/admin/conseillers/${karim.id}`, {
      intent: 'deactivate',
      updatedAt,
      confirm: 'on',
    })
    expect(confirmed.status).toBe(302)
    expect((await database.advisor.findUniqueOrThrow({ where: { id: karim.id } })).active).toBe(
      false,
    )
    const after = await fetch(`${app.url}/espace`, {
      headers: { cookie: karimSession },
      redirect: 'manual',
    })
    expect(after.status).toBe(302)
    const signIn = await fetch(`${app.url}/espace/connexion`, {
      method: 'POST',
      body: new URLSearchParams({ email: KARIM, password: DEMO_PASSWORD }),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(400)

    const reactivated = await post(`/espace/admin/conseillers/${karim.id}`, {
      intent: 'reactivate',
      updatedAt: (
        await database.advisor.findUniqueOrThrow({ where: { id: karim.id } })
      ).updatedAt.toISOString(),
    })
    expect(reactivated.status).toBe(302)
  })

  test('the last active admin is never deactivated', async () => {
    // Through the pages an admin can only target another admin (so two are active); the
    // rule also holds for an actor whose role changed since, checked here directly.
    const camille = await database.advisor.findUniqueOrThrow({ where: { email: CAMILLE } })
    const lea = await database.advisor.findUniqueOrThrow({ where: { email: LEA } })
    const staleActor = {
      advisorId: lea.id,
      organisationId: lea.organisationId,
      role: 'ADMIN' as const,
    }
    const outcome = await deactivateAdvisor(
      database,
      staleActor,
      { advisorId: camille.id, updatedAt: camille.updatedAt, confirmed: true },
      new Date(),
    )
    expect(outcome).toBe('LAST_ADMIN')
    expect((await database.advisor.findUniqueOrThrow({ where: { id: camille.id } })).active).toBe(
      true,
    )
  })
})

describe(`printable agenda and calendar feed on ${testProvider}`, () => {
  test('the day agenda of an advisor lists the appointments with the phone to call', async () => {
    const karim = await database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const phoneCall = await database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'PHONE' },
    })
    const date = localDateOf(phoneCall.startsAt, 'Europe/Paris')
    const html = await (
      await get(`/espace/agenda?conseiller=${karim.id}&date=${date}`, SOPHIE)
    ).text()
    expect(html).toContain('René Girard')
    expect(html).toContain('Mon dossier de retraite, de CAF ou de santé')
    expect(html).toContain('Par téléphone : appeler le 04 65 71 00 33')
    expect((await get(`/espace/agenda?conseiller=${karim.id}&date=${date}`, LEA)).status).toBe(403)
  })

  test('a site agenda shows every advisor of the day there', async () => {
    const townHall = await database.site.findFirstOrThrow({
      where: { name: 'Mairie de Saint-Julien-sur-Sorne' },
    })
    const jeanne = await database.appointment.findFirstOrThrow({
      where: { siteId: townHall.id, resident: { firstName: 'Jeanne' } },
    })
    const date = localDateOf(jeanne.startsAt, 'Europe/Paris')
    const html = await (await get(`/espace/agenda?lieu=${townHall.id}&date=${date}`)).text()
    expect(html).toContain('Jeanne Moreau')
    expect(html).toContain('Karim Benali')
  })

  test('the feed: created once, minimal data, stable UIDs, revoked is 404', async () => {
    // Karim was deactivated then reactivated above: his cached session is gone.
    const signIn = await fetch(`${app.url}/espace/connexion`, {
      method: 'POST',
      body: new URLSearchParams({ email: KARIM, password: DEMO_PASSWORD }),
      redirect: 'manual',
    })
    const karim = signIn.headers.get('set-cookie')!.split(';')[0]!
    const feedPage = (fields: Record<string, string>) =>
      fetch(`${app.url}/espace/agenda/flux`, {
        method: fields.intent ? 'POST' : 'GET',
        body: fields.intent ? new URLSearchParams(fields) : undefined,
        headers: { cookie: karim },
      })
    const karimRecord = await database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const day = 86_400_000
    const startsAt = new Date(Math.floor(Date.now() / day) * day + 80 * day + 3 * 3_600_000)
    const endsAt = new Date(startsAt.getTime() + 7_200_000)
    const workshop = await database.workshopSession.create({
      data: {
        organisationId: karimRecord.organisationId,
        topicId: (
          await database.topic.findFirstOrThrow({
            where: { organisationId: karimRecord.organisationId },
          })
        ).id,
        siteId: (
          await database.site.findFirstOrThrow({
            where: { organisationId: karimRecord.organisationId },
          })
        ).id,
        startsAt,
        endsAt,
        seatCount: 6,
        seats: { create: Array.from({ length: 6 }, (_, index) => ({ number: index + 1 })) },
        advisors: { create: { advisorId: karimRecord.id, startsAt, endsAt } },
      },
    })
    const created = await feedPage({ intent: 'create' })
    expect(created.status).toBe(200)
    const html = await created.text()
    const url = /value="(http[^"]+\/agenda\/[A-Za-z0-9_-]+\.ics)"/u.exec(html)![1]!
    const path = new URL(url).pathname
    const page = await (await feedPage({})).text()
    expect(page).not.toContain(path)

    const feed = await fetch(`${app.url}${path}`)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toContain('text/calendar')
    const ics = await feed.text()
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics).toContain('René G.')
    expect(ics).not.toContain('Girard')
    expect(ics).not.toContain('+33465710033')
    expect(ics).toContain('LOCATION:téléphone')
    const appointment = await database.appointment.findFirstOrThrow({
      where: { advisor: { email: KARIM }, mode: 'PHONE' },
    })
    expect(ics).toContain(`UID:${appointment.id}@permanence`)
    // The workshops he leads are in it too, with their seats.
    expect(ics).toContain(`UID:${workshop.id}@permanence`)
    expect(ics).toMatch(/SUMMARY:Atelier · [^\r\n]+\(0\/6 places\)/u)
    expect(await (await fetch(`${app.url}${path}`)).text()).toContain(
      `UID:${appointment.id}@permanence`,
    )
    expect(app.output()).not.toContain(path.slice(8, 30))

    const revoked = await feedPage({ intent: 'revoke' })
    expect(await revoked.text()).toContain('Adresse supprimée')
    expect((await fetch(`${app.url}${path}`)).status).toBe(404)
    expect((await fetch(`${app.url}/agenda/inconnu-inconnu-inconnu-inconnu.ics`)).status).toBe(404)
  })
})
