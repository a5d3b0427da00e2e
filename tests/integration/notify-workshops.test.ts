import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import { toGsm7 } from '~/domain/notifications/gsm7'
import { formatDayTime, formatTime } from '~/domain/time/format'
import { holdEndsAt } from '~/domain/workshops/hold'
import { notifySessionChanged } from '~/features/notifications/index.server'
import { Dispatcher, type DispatcherOptions } from '~/features/notifications/dispatcher.server'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import { createMailer } from '~/features/notifications/providers/mailer.server'
import { createTwilioChannel } from '~/features/notifications/providers/twilio.server'
import {
  giveBackSeat,
  joinWaitlist,
  registerForSession,
  type RegistrationRequest,
} from '~/features/workshops/index.server'
import { askForAppointment, scanEarlierSlots } from '~/features/alerts/index.server'
import { cancelByResident, findByManageToken } from '~/features/manage/commands.server'
import { loadConfig } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import { action as offerAction } from '~/routes/webhooks.twilio.offer'
import { action as smsAction } from '~/routes/webhooks.twilio.sms'
import { bookFor, inParis, openDayAhead, openOnDays } from '../support/alert-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createOrganisationFixture, type OrganisationFixture } from '../support/fixtures'
import { postInboundSms, postToWebhook, replyText } from '../support/twilio-webhooks'
import { CRASH_TWILIO, killAll, startWorkerProcess, until } from '../support/worker-process'
import { createWorkshopSession, someone } from '../support/workshops'

// Messages about workshop seats, waiting-list offers and earlier-slot alerts, through the
// real dispatcher, the SDK against the fake Twilio and an SMTP capture: each kind once, an
// offer's hold from the moment it is sent, never at night, once across crashes and two
// workers; OUI and the keypad take the seat.

const SECRET = 'integration-secret-0123456789abcdef0123'
const TOKEN = 'workshop-webhook-auth-token'
const PUBLIC_URL = 'https://rdv.example.fr'
const SERVER_FROM = '+33700000001'
/** Monday 3 March 2031, 10:00 in Paris. */
const MONDAY_10 = new Date('2031-03-03T09:00:00Z')
/** Thursday 6 March 2031, 14:00 in Paris. */
const THURSDAY_14 = new Date('2031-03-06T13:00:00Z')

const holder = () => {
  const global = globalThis as { __permanenceDb?: Record<string, unknown> }
  return (global.__permanenceDb ??= {})
}

let database: TestDatabase
let fake: FakeTwilio
let fixture: OrganisationFixture
beforeAll(async () => {
  database = await createTestDatabase()
  fake = await startFakeTwilio()
  fixture = await createOrganisationFixture(database.db)
  await database.db.topic.update({
    where: { id: fixture.topic.id },
    data: { format: 'COLLECTIVE', name: 'Smartphone' },
  })
  await database.db.organisation.update({
    where: { id: fixture.organisation.id },
    data: { dailySmsCap: 100_000, phone: '+33384000000' },
  })
  // The webhook routes use the process-wide client and configuration.
  Object.assign(holder(), { db: database.db, config: database.config })
  loadConfig('task', {
    ...process.env,
    TWILIO_ACCOUNT_SID: 'AC22222222222222222222222222222222',
    TWILIO_AUTH_TOKEN: TOKEN,
    PUBLIC_URL,
    SESSION_SECRET: SECRET,
  })
})
afterAll(async () => {
  loadConfig('task')
  Object.assign(holder(), { db: undefined, config: undefined })
  await fake.close()
  await database.drop()
})
beforeEach(async () => {
  fake.reset()
  // Each test sees only its own rows.
  await database.db.notification.updateMany({
    where: { status: { in: ['PENDING', 'SENDING'] } },
    data: { status: 'CANCELLED' },
  })
})

const twilioChannel = (timeoutMs = 10_000) =>
  createTwilioChannel({
    accountSid: 'AC11111111111111111111111111111111',
    authToken: 'token',
    from: SERVER_FROM,
    baseUrl: fake.baseUrl,
    timeoutMs,
  })

function dispatcher(clock: { now: Date }, options: Partial<DispatcherOptions> = {}) {
  return new Dispatcher({
    db: database.db,
    provider: testProvider,
    twilio: twilioChannel(),
    mailer: createMailer(null),
    render: {
      publicUrl: PUBLIC_URL,
      secret: SECRET,
      smsFrom: SERVER_FROM,
      voiceActionUrl: (id) => `${PUBLIC_URL}/webhooks/twilio/voice?n=${id}`,
      offerActionUrl: (id) => `${PUBLIC_URL}/webhooks/twilio/offer?n=${id}`,
    },
    statusCallbackUrl: (id) => `${PUBLIC_URL}/webhooks/twilio/status?n=${id}`,
    clock: () => clock.now,
    random: () => 0.5,
    perNumberDailySms: 100_000,
    ...options,
  })
}

const request = (
  sessionId: string,
  overrides: Partial<RegistrationRequest> = {},
): RegistrationRequest => ({
  organisationId: fixture.organisation.id,
  sessionId,
  resident: someone(),
  helper: null,
  companionName: null,
  createdVia: 'ONLINE',
  idempotencyKeyHash: null,
  actorAdvisorId: null,
  ...overrides,
})

const link = (path: string, id: string) =>
  `${PUBLIC_URL}/${path}/${manageTokenFor(id, SECRET).token}`

async function register(
  sessionId: string,
  overrides: Partial<RegistrationRequest> = {},
  now = MONDAY_10,
) {
  const outcome = await registerForSession(database.db, request(sessionId, overrides), now, SECRET)
  if (!outcome.ok) throw new Error(`not registered: ${outcome.reason}`)
  return outcome.registrationId
}

async function join(
  sessionId: string,
  overrides: Partial<RegistrationRequest> = {},
  now = MONDAY_10,
) {
  const outcome = await joinWaitlist(database.db, request(sessionId, overrides), now, SECRET)
  if (!outcome.ok) throw new Error(`not on the list: ${outcome.reason}`)
  return outcome.entryId
}

const giveBack = (
  registrationId: string,
  now = MONDAY_10,
  by: 'RESIDENT' | 'SERVICE' = 'RESIDENT',
  reason: string | null = null,
) =>
  giveBackSeat(
    database.db,
    { organisationId: fixture.organisation.id, registrationId, by, actorAdvisorId: null, reason },
    now,
  )

/** A full one-seat session with someone waiting; the seat given back is offered to them. */
async function offeredSeat(
  options: { startsAt?: Date; at?: Date; waiting?: Partial<RegistrationRequest> } = {},
) {
  const session = await createWorkshopSession(database.db, fixture, {
    seats: 1,
    startsAt: options.startsAt ?? THURSDAY_14,
  })
  const at = options.at ?? MONDAY_10
  const seated = await register(session.id, {}, at)
  const entryId = await join(session.id, options.waiting ?? {}, at)
  expect(await giveBack(seated, at)).toEqual({ ok: true })
  // The seat's own messages (confirmation, reminders, cancellation) are not this test's.
  await database.db.notification.updateMany({
    where: { registrationId: seated, status: 'PENDING' },
    data: { status: 'CANCELLED' },
  })
  const entry = await database.db.waitlistEntry.findUniqueOrThrow({ where: { id: entryId } })
  expect(entry).toMatchObject({ status: 'OFFERED', holdUntil: null })
  return { session, entryId, seatId: entry.heldSeatId! }
}

/** An earlier-slot request whose latest alert (its first) offers Thursday 14:00. */
async function earlierSlotRequest(
  overrides: { status?: 'ACTIVE' | 'CANCELLED'; phone?: string } = {},
) {
  const resident = await database.db.resident.create({
    data: {
      organisationId: fixture.organisation.id,
      firstName: 'Alerte',
      lastName: 'Plus-Tôt',
      searchKey: 'alerte plus-tot',
      phoneE164: overrides.phone ?? '+33612350090',
      phoneType: 'MOBILE',
      createdVia: 'ONLINE',
    },
  })
  const request = await database.db.earlierSlotRequest.create({
    data: {
      organisationId: fixture.organisation.id,
      residentId: resident.id,
      topicId: fixture.topic.id,
      mode: 'IN_PERSON',
      siteId: fixture.site.id,
      status: overrides.status ?? 'ACTIVE',
      alertsSent: 1,
      offeredStartsAt: THURSDAY_14,
      createdVia: 'ONLINE',
    },
  })
  return database.db.earlierSlotRequest.update({
    where: { id: request.id },
    data: { manageTokenHash: manageTokenFor(request.id, SECRET).hash },
    include: { resident: true },
  })
}

const rowsOf = (where: object) =>
  database.db.notification.findMany({ where, orderBy: { createdAt: 'asc' } })
const entryOf = (id: string) => database.db.waitlistEntry.findUniqueOrThrow({ where: { id } })
const smsTo = (to: string) => fake.records.filter((record) => record.to === to)

describe(`workshop messages through the dispatcher on ${testProvider}`, () => {
  test('a registration: confirmation, reminder, change and cancellation, each once, with its link', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 3,
      startsAt: THURSDAY_14,
    })
    const phone = '+33612350001'
    const registrationId = await register(session.id, { resident: someone({ phoneE164: phone }) })
    const clock = { now: MONDAY_10 }
    const worker = dispatcher(clock)
    expect(await worker.drain()).toEqual(['SENT'])
    const url = link('atelier', registrationId)
    expect(smsTo(phone).map((sms) => sms.body)).toEqual([
      `Inscription confirmée à l'atelier Smartphone le jeudi 6 mars à 14 h, Mairie. Voir ou annuler : ${url}`,
    ])
    // The reminder two days before at 10:00.
    clock.now = new Date('2031-03-04T09:00:00Z')
    expect(await worker.drain()).toEqual(['SENT'])
    expect(smsTo(phone)[1]?.body).toBe(
      `Rappel : atelier Smartphone le jeudi 6 mars à 14 h, Mairie. Voir ou annuler : ${url}`,
    )
    expect(await worker.drain()).toEqual([])

    // The session moves to Friday: the change, told once.
    const friday = new Date('2031-03-07T13:00:00Z')
    await database.db.$transaction(async (tx) => {
      await tx.workshopSession.update({
        where: { id: session.id },
        data: { startsAt: friday, endsAt: new Date(friday.getTime() + 7_200_000) },
      })
      await notifySessionChanged(tx as unknown as Db, session.id, clock.now)
    })
    expect(await worker.drain()).toEqual(['SENT'])
    expect(smsTo(phone)[2]?.body).toBe(
      `Changement : l'atelier Smartphone aura lieu le vendredi 7 mars à 14 h, Mairie. Voir ou annuler : ${url}`,
    )

    expect(await giveBack(registrationId, clock.now)).toEqual({ ok: true })
    expect(await worker.drain()).toEqual(['SENT'])
    expect(smsTo(phone)[3]?.body).toBe(
      `Votre inscription à l'atelier Smartphone du vendredi 7 mars à 14 h (Mairie) est bien annulée. Détails : ${url}`,
    )
    expect(await worker.drain()).toEqual([])
    expect(smsTo(phone)).toHaveLength(4)
  })

  test('a seat withdrawn by the service says why; an email carries the link', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 3,
      startsAt: THURSDAY_14,
    })
    const mailer = createMailer(null)
    const email = 'participant@example.test'
    const registrationId = await register(session.id, {
      resident: someone({ phoneE164: null, phoneType: null, email }),
    })
    const clock = { now: MONDAY_10 }
    expect(await dispatcher(clock, { mailer }).drain()).toEqual(['SENT'])
    expect(mailer.captured?.[0]?.subject).toMatch(
      /^Inscription confirmée : atelier Smartphone, jeudi 6 mars 2031/u,
    )
    expect(mailer.captured?.[0]?.text).toContain(
      `Voir ou annuler l’inscription : ${link('atelier', registrationId)}`,
    )
    expect(await giveBack(registrationId, MONDAY_10, 'SERVICE', 'Salle inondée')).toEqual({
      ok: true,
    })
    expect(await dispatcher(clock, { mailer }).drain()).toEqual(['SENT'])
    expect(mailer.captured?.[1]?.text).toContain('Motif de l’annulation : Salle inondée')
  })

  test('a row whose subject no longer stands is cancelled, a reminder after the start skipped', async () => {
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 3,
      startsAt: THURSDAY_14,
    })
    const registrationId = await register(session.id)
    await database.db.notification.updateMany({
      where: { registrationId },
      data: { status: 'CANCELLED' },
    })
    const write = (kind: string, dueAt: Date, subject: object) =>
      database.db.notification.create({
        data: {
          organisationId: fixture.organisation.id,
          kind,
          channel: 'SMS',
          recipient: '+33612350002',
          dueAt,
          ...subject,
        },
      })
    const late = await write('WORKSHOP_REMINDER:LATE', THURSDAY_14, { registrationId })
    const clock = { now: new Date(THURSDAY_14.getTime() + 60_000) }
    expect(await dispatcher(clock).drain()).toEqual(['SKIPPED'])
    expect(
      (await database.db.notification.findUniqueOrThrow({ where: { id: late.id } })).lastError,
    ).toBe('session already started')

    await database.db.workshopRegistration.update({
      where: { id: registrationId },
      data: { status: 'CANCELLED', seatId: null },
    })
    const early = await write('WORKSHOP_REMINDER:EARLY', MONDAY_10, { registrationId })
    const { entryId } = await offeredSeat({ startsAt: new Date('2031-03-06T15:00:00Z') })
    await database.db.waitlistEntry.update({
      where: { id: entryId },
      data: { status: 'LEFT', heldSeatId: null },
    })
    const alert = await earlierSlotRequest({ status: 'CANCELLED' })
    const alerted = await write('EARLIER_SLOT:1', MONDAY_10, { earlierSlotRequestId: alert.id })
    expect(await dispatcher({ now: MONDAY_10 }).drain()).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ])
    const [offer] = await rowsOf({ waitlistEntryId: entryId })
    const why = async (id: string) =>
      (await database.db.notification.findUniqueOrThrow({ where: { id } })).lastError
    expect(await why(early.id)).toBe('registration cancelled')
    expect(await why(offer!.id)).toBe('waiting-list entry left')
    expect(await why(alerted.id)).toBe('earlier-slot request cancelled')
    expect(fake.records).toHaveLength(0)
  })
})

describe(`seat offers on ${testProvider}`, () => {
  test('the offer says until when the seat is held; the hold starts when it is sent', async () => {
    const phone = '+33612350010'
    const { session, entryId } = await offeredSeat({
      waiting: { resident: someone({ phoneE164: phone }) },
    })
    // Sent an hour after it was written: the hold counts from then.
    const sentAt = new Date(MONDAY_10.getTime() + 3_600_000)
    expect(await dispatcher({ now: sentAt }).drain()).toEqual(['SENT'])
    const holdUntil = holdEndsAt(sentAt, session.startsAt, 12)!
    expect(holdUntil.toISOString()).toBe('2031-03-03T22:00:00.000Z')
    const [sms] = smsTo(phone)
    expect(sms?.body).toBe(
      `Place libre le jeudi 6 mars à 14 h, Mairie, gardée jusqu'à 23 h. Détails : ${link('attente', entryId)} Répondez OUI pour la prendre`,
    )
    expect((await entryOf(entryId)).holdUntil).toEqual(holdUntil)
    const [row] = await rowsOf({ waitlistEntryId: entryId })
    expect(row).toMatchObject({ kind: 'SEAT_OFFER:1', status: 'SENT', sentAt })
    expect(await dispatcher({ now: sentAt }).drain()).toEqual([])
  })

  test('an offer claimed at night waits for the morning, on every channel', async () => {
    const phone = '+33612350011'
    const email = 'attente@example.test'
    const bySms = await offeredSeat({ waiting: { resident: someone({ phoneE164: phone }) } })
    const byEmail = await offeredSeat({
      waiting: { resident: someone({ phoneE164: null, phoneType: null, email }) },
    })
    const mailer = createMailer(null)
    // 22:30 in Paris: nothing goes.
    const night = new Date('2031-03-03T21:30:00Z')
    expect(await dispatcher({ now: night }, { mailer }).drain()).toEqual(['DEFERRED', 'DEFERRED'])
    const morning = new Date('2031-03-04T07:30:00Z')
    for (const { entryId } of [bySms, byEmail]) {
      const [row] = await rowsOf({ waitlistEntryId: entryId })
      expect(row).toMatchObject({ status: 'PENDING', dueAt: morning, attempts: 0, sentAt: null })
      expect((await entryOf(entryId)).holdUntil).toBeNull()
    }
    expect(fake.records).toHaveLength(0)
    expect(mailer.captured).toHaveLength(0)
    expect(await dispatcher({ now: new Date(morning.getTime() - 1) }, { mailer }).drain()).toEqual(
      [],
    )
    expect(await dispatcher({ now: morning }, { mailer }).drain()).toEqual(['SENT', 'SENT'])
    expect(smsTo(phone)[0]?.body).toContain("gardée jusqu'à 20 h 30.")
    // 08:30 + 12 h is 20:30, before the session's 12:00 limit two days later.
    expect((await entryOf(bySms.entryId)).holdUntil).toEqual(new Date('2031-03-04T19:30:00Z'))
    expect(mailer.captured?.[0]?.text).toContain(
      `Prendre la place, ou quitter la liste d’attente : ${link('attente', byEmail.entryId)}`,
    )
    expect(mailer.captured?.[0]?.text).toContain(
      'Répondre avant : mardi 4 mars 2031 à 20\u00a0h\u00a030',
    )
  })

  test('an offer that could only be held too briefly is not sent: the seat is left free', async () => {
    const phone = '+33612350012'
    // The session starts at 14:00; at 11:40 a hold would end before 12:00 minus nothing useful.
    const { entryId, session } = await offeredSeat({
      startsAt: new Date('2031-03-03T13:00:00Z'),
      at: new Date('2031-03-03T08:00:00Z'),
      waiting: { resident: someone({ phoneE164: phone }) },
    })
    expect(await dispatcher({ now: new Date('2031-03-03T10:40:00Z') }).drain()).toEqual([
      'CANCELLED',
    ])
    expect(fake.records).toHaveLength(0)
    const [row] = await rowsOf({ waitlistEntryId: entryId })
    expect(row?.lastError).toBe('too close to the session to hold the seat: left free')
    expect(await entryOf(entryId)).toMatchObject({
      status: 'WAITING',
      heldSeatId: null,
      holdUntil: null,
    })
    const free = await database.db.workshopSeat.count({
      where: { sessionId: session.id, registration: { is: null }, heldFor: { is: null } },
    })
    expect(free).toBe(1)
  })

  test('a timeout the provider did accept: the retry finds the offer, sends nothing more, and holds from the first attempt', async () => {
    const phone = '+33612350013'
    const { session, entryId } = await offeredSeat({
      waiting: { resident: someone({ phoneE164: phone }) },
    })
    const clock = { now: MONDAY_10 }
    const worker = dispatcher(clock, { twilio: twilioChannel(300) })
    fake.failNext({ delayMs: 600 })
    expect(await worker.drain()).toEqual(['RETRY'])
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(smsTo(phone)).toHaveLength(1) // accepted after the worker gave up waiting
    expect((await entryOf(entryId)).holdUntil).toBeNull()
    clock.now = new Date(MONDAY_10.getTime() + 20 * 60_000)
    expect(await worker.drain()).toEqual(['SENT'])
    expect(smsTo(phone)).toHaveLength(1)
    const [row] = await rowsOf({ waitlistEntryId: entryId })
    expect(row).toMatchObject({
      status: 'SENT',
      attempts: 2,
      providerMessageId: smsTo(phone)[0]!.sid,
      sentAt: MONDAY_10,
    })
    expect(row?.lastError).toContain('found at the provider')
    expect((await entryOf(entryId)).holdUntil).toEqual(holdEndsAt(MONDAY_10, session.startsAt, 12))
  })

  test('a worker that died after claiming the offer: the next one sends it once', async () => {
    const phone = '+33612350014'
    const { entryId } = await offeredSeat({ waiting: { resident: someone({ phoneE164: phone }) } })
    const clock = { now: MONDAY_10 }
    const [claimed] = await dispatcher(clock, { owner: 'dead' }).claim()
    expect(claimed?.kind).toBe('SEAT_OFFER:1')
    expect(await dispatcher(clock, { owner: 'alive' }).drain()).toEqual([]) // the lease holds
    clock.now = new Date(MONDAY_10.getTime() + 61_000)
    expect(await dispatcher(clock, { owner: 'alive' }).drain()).toEqual(['SENT'])
    expect(smsTo(phone)).toHaveLength(1)
    expect((await entryOf(entryId)).holdUntil).not.toBeNull()
  })

  test('two workers at once: each offer and each message reaches the provider once', async () => {
    const offers = []
    for (let index = 0; index < 12; index += 1)
      offers.push(
        await offeredSeat({
          startsAt: new Date(THURSDAY_14.getTime() + index * 3 * 3_600_000),
          waiting: {
            resident: someone({ phoneE164: `+336123520${String(index).padStart(2, '0')}` }),
          },
        }),
      )
    const clock = { now: MONDAY_10 }
    const options = { batchSize: 4, concurrency: 3 }
    const [a, b] = await Promise.all([
      dispatcher(clock, { ...options, owner: 'a' }).drain(),
      dispatcher(clock, { ...options, owner: 'b' }).drain(),
    ])
    expect([...a, ...b].filter((outcome) => outcome === 'SENT')).toHaveLength(12)
    const ids = fake.records.map((record) => new URL(record.statusCallback!).searchParams.get('n'))
    expect(ids).toHaveLength(12)
    expect(new Set(ids).size).toBe(12)
    for (const { entryId } of offers) expect((await entryOf(entryId)).holdUntil).not.toBeNull()
  })

  test('a failed offer takes the next channel, its own row; with none left the hold ends at once', async () => {
    const mobile = await offeredSeat({
      waiting: { resident: someone({ phoneE164: '+33612350020' }) },
    })
    fake.failNext({ status: 400, code: 21211, message: 'Invalid To number' })
    expect(await dispatcher({ now: MONDAY_10 }).drain()).toEqual(['FAILED', 'SENT'])
    const rows = await rowsOf({ waitlistEntryId: mobile.entryId })
    expect(rows.map((row) => `${row.kind} ${row.channel} ${row.status}`)).toEqual([
      'SEAT_OFFER:1 SMS FAILED',
      'SEAT_OFFER:1#VOICE VOICE SENT',
    ])
    expect(fake.records.map((record) => record.kind)).toEqual(['CALL'])
    expect((await entryOf(mobile.entryId)).holdUntil).not.toBeNull()

    const smsOnly = await offeredSeat({
      waiting: { resident: someone({ phoneE164: '+33612350021' }) },
    })
    await database.db.resident.updateMany({
      where: { phoneE164: '+33612350021' },
      data: { smsOptedOut: true },
    })
    expect(await dispatcher({ now: MONDAY_10 }).drain()).toEqual(['SKIPPED'])
    expect((await entryOf(smsOnly.entryId)).holdUntil).toEqual(MONDAY_10)
  })
})

describe(`earlier-slot alerts on ${testProvider}`, () => {
  test('the alert gives the earlier time and asks for OUI; at night it waits for the morning', async () => {
    const phone = '+33612350040'
    const request = await earlierSlotRequest({ phone })
    await database.db.notification.create({
      data: {
        organisationId: fixture.organisation.id,
        earlierSlotRequestId: request.id,
        kind: 'EARLIER_SLOT:1',
        channel: 'SMS',
        recipient: phone,
        dueAt: new Date('2031-03-03T19:30:00Z'),
      },
    })
    expect(await dispatcher({ now: new Date('2031-03-03T19:30:00Z') }).drain()).toEqual([
      'DEFERRED',
    ])
    const morning = new Date('2031-03-04T07:30:00Z')
    expect(await dispatcher({ now: morning }).drain()).toEqual(['SENT'])
    expect(smsTo(phone).map((sms) => sms.body)).toEqual([
      `Un rendez-vous plus tot s'est libéré : jeudi 6 mars à 14 h, Mairie. ${link('alerte', request.id)} Répondez OUI pour le prendre`,
    ])
  })
})

// ── answers: OUI by SMS, 1 on the keypad ─────────────────────────────────────────────

type Action = typeof smsAction
const post = (action: Action, path: string, params: Record<string, string>, sign = true) =>
  postToWebhook(action, PUBLIC_URL, path, params, sign ? TOKEN : null)

const inbound = (params: { From: string; Body: string; To?: string; MessageSid?: string }) =>
  postInboundSms(smsAction, { publicUrl: PUBLIC_URL, token: TOKEN, to: SERVER_FROM }, params)

describe(`answers to an offer on ${testProvider}`, () => {
  test('OUI takes the seat of the latest offer sent from that number; delivered again, nothing more', async () => {
    const phone = '+33612350050'
    const { entryId } = await offeredSeat({ waiting: { resident: someone({ phoneE164: phone }) } })
    expect(await dispatcher({ now: MONDAY_10 }).drain()).toEqual(['SENT'])
    expect(smsTo(phone)[0]?.from).toBe(SERVER_FROM)
    const message = { From: phone, Body: ' Oui ! ', MessageSid: 'SMouitaken0000000000000000000001' }
    const reply = await replyText(await inbound(message))
    const entry = await entryOf(entryId)
    expect(entry.status).toBe('REGISTERED')
    expect(reply).toBe(
      `C'est fait : la place à l'atelier Smartphone du jeudi 6 mars à 14 h est à vous. Détails : ${link('atelier', entry.registrationId!)}`,
    )
    expect(await replyText(await inbound(message))).toBeNull()
    expect(
      await rowsOf({ registrationId: entry.registrationId, kind: 'WORKSHOP_CONFIRMATION' }),
    ).toHaveLength(1)
    expect(
      await database.db.workshopRegistration.count({ where: { residentId: entry.residentId } }),
    ).toBe(1)
  })

  test('too late, another of our numbers, a stranger, or nothing on offer', async () => {
    const phone = '+33612350051'
    const { entryId } = await offeredSeat({ waiting: { resident: someone({ phoneE164: phone }) } })
    await dispatcher({ now: MONDAY_10 }).drain()
    // From a number this offer did not leave from, or to a phone we never wrote to: silence.
    expect(
      await replyText(await inbound({ From: phone, Body: 'OUI', To: '+33700000099' })),
    ).toBeNull()
    expect(await replyText(await inbound({ From: '+33699999998', Body: 'OUI' }))).toBeNull()
    expect((await entryOf(entryId)).status).toBe('OFFERED')
    // The hold ran out (the webhook runs on the real clock).
    await database.db.waitlistEntry.update({
      where: { id: entryId },
      data: { holdUntil: new Date(Date.now() - 60_000) },
    })
    expect(await replyText(await inbound({ From: phone, Body: 'oui.' }))).toBe(
      "Désolé, le délai est passé : la place a été proposée à quelqu'un d'autre.",
    )
    expect((await entryOf(entryId)).status).toBe('OFFERED')

    const registered = '+33612350052'
    const session = await createWorkshopSession(database.db, fixture, {
      seats: 2,
      startsAt: THURSDAY_14,
    })
    await register(session.id, { resident: someone({ phoneE164: registered }) })
    await dispatcher({ now: MONDAY_10 }).drain()
    expect(await replyText(await inbound({ From: registered, Body: 'OUI' }))).toBe(
      "Nous n'avons pas de proposition en cours pour ce numéro.",
    )
  })

  test('the call offering a seat: 1 takes it; another call or no signature changes nothing', async () => {
    const phone = '+33384000051'
    const { entryId } = await offeredSeat({
      waiting: { resident: someone({ phoneE164: phone, phoneType: 'FIXED' }) },
    })
    expect(await dispatcher({ now: MONDAY_10 }).drain()).toEqual(['SENT'])
    const [row] = await rowsOf({ waitlistEntryId: entryId })
    const [call] = smsTo(phone)
    expect(call?.kind).toBe('CALL')
    expect(call?.body).toContain(
      `<Gather numDigits="1" timeout="6" action="${PUBLIC_URL}/webhooks/twilio/offer?n=${row!.id}" method="POST">`,
    )
    expect(call?.body).toContain('Tapez 1 pour prendre la place.')
    expect(call?.body).toContain("Elle vous est gardée jusqu'à vingt-deux heures.")
    const path = `/webhooks/twilio/offer?n=${row!.id}`
    expect((await post(offerAction, path, { CallSid: call!.sid, Digits: '1' }, false)).status).toBe(
      403,
    )
    expect(
      await (await post(offerAction, path, { CallSid: 'CAother', Digits: '1' })).text(),
    ).toContain('<Hangup')
    expect((await entryOf(entryId)).status).toBe('OFFERED')
    const taken = await (await post(offerAction, path, { CallSid: call!.sid, Digits: '1' })).text()
    expect(taken).toContain(
      "C'est fait : la place à l'atelier du jeudi six mars à quatorze heures est à vous.",
    )
    expect((await entryOf(entryId)).status).toBe('REGISTERED')
  })
})

describe(`a SIGKILL mid-batch on ${testProvider}`, () => {
  const TRIALS = 4
  const OFFERS = 12

  test(`${TRIALS} trials, two worker processes killed while offering seats: each offer once, each hold from its own send`, async () => {
    // The worker processes run on the real clock: no quiet hours to wait for here.
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { quietHoursStart: '23:59', quietHoursEnd: '00:00' },
    })
    fake.setResponder(() => ({ delayMs: 5 + Math.floor(Math.random() * 25) }))
    let killedInFlight = 0
    try {
      for (let trial = 0; trial < TRIALS; trial += 1) {
        fake.records.length = 0
        const offers = []
        for (let index = 0; index < OFFERS; index += 1) {
          const phone = `+3361236${String(trial).padStart(2, '0')}${String(index).padStart(2, '0')}`
          offers.push({
            phone,
            ...(await offeredSeat({
              startsAt: new Date(THURSDAY_14.getTime() + (trial * OFFERS + index) * 3 * 3_600_000),
              at: new Date(),
              waiting: { resident: someone({ phoneE164: phone }) },
            })),
          })
        }
        const entryIds = offers.map((offer) => offer.entryId)
        const workers = [0, 1].map(() =>
          startWorkerProcess(database, fake, { secret: SECRET, publicUrl: PUBLIC_URL }),
        )
        await until(
          () => fake.records.length >= 1 + Math.floor(Math.random() * (OFFERS - 2)),
          60_000,
        )
        await killAll(workers)
        // Requests the killed workers had in flight may still be accepted: let them land.
        await new Promise((resolve) => setTimeout(resolve, 100))
        const marked = await database.db.notification.count({
          where: { waitlistEntryId: { in: entryIds }, status: 'SENT' },
        })
        if (marked < fake.records.length) killedInFlight += 1

        const recovery = dispatcher(
          { now: new Date(Date.now() + 10 * 60_000) },
          { twilio: createTwilioChannel({ ...CRASH_TWILIO, baseUrl: fake.baseUrl }) },
        )
        await recovery.drain()
        for (const { phone, entryId, session } of offers) {
          const received = smsTo(phone)
          expect(received).toHaveLength(1)
          const [row] = await rowsOf({ waitlistEntryId: entryId })
          expect(row).toMatchObject({ status: 'SENT', providerMessageId: received[0]!.sid })
          const holdUntil = holdEndsAt(row!.sentAt!, session.startsAt, 12)!
          expect((await entryOf(entryId)).holdUntil).toEqual(holdUntil)
          // What the SMS said is the hold the entry has.
          expect(received[0]!.body).toContain(
            formatTime(holdUntil, 'Europe/Paris', 'fr', { spaces: 'plain' }),
          )
        }
      }
    } finally {
      await database.db.organisation.update({
        where: { id: fixture.organisation.id },
        data: { quietHoursStart: '20:00', quietHoursEnd: '08:30' },
      })
    }
    // The test means something only if some kills fell between acceptance and marking.
    expect(killedInFlight).toBeGreaterThan(0)
  }, 300_000)
})

describe(`OUI to an earlier-slot alert on ${testProvider}`, () => {
  // The webhook takes the time on the real clock (its booking window included): days ahead
  // of today, not of the fixed clock of the other tests.
  const EARLY = openDayAhead(10)
  const LATE = openDayAhead(20)
  const day = (date: string) =>
    toGsm7(formatDayTime(inParis(`${date}T09:00`), 'Europe/Paris', 'fr', { spaces: 'plain' }))

  /** A resident booked late who asked for alerts, and an earlier time just freed: alerted. */
  async function alerted() {
    const now = new Date()
    const fixture = await openOnDays(database.db, [EARLY, LATE])
    const booked = (start: string) =>
      bookFor(database.db, fixture, inParis(start), { now, secret: SECRET })
    const earlyNine = await booked(`${EARLY}T09:00`)
    await booked(`${EARLY}T09:30`)
    const appointmentId = await booked(`${LATE}T09:00`)
    expect(
      (await askForAppointment(database.db, appointmentId, { kind: 'RESIDENT' }, now)).ok,
    ).toBe(true)
    const record = await findByManageToken(database.db, manageTokenFor(earlyNine, SECRET).token)
    expect(await cancelByResident(database.db, record!, null, now)).toBe(true)
    // Only the alert is this test's: the bookings' own messages are not sent.
    await database.db.notification.updateMany({
      where: { status: 'PENDING', earlierSlotRequestId: null },
      data: { status: 'CANCELLED' },
    })
    await scanEarlierSlots(database.db, now)
    const request = await database.db.earlierSlotRequest.findFirstOrThrow({
      where: { appointmentId },
      include: { resident: true },
    })
    // Found at night, the alert is due in the morning: the worker sends it then.
    const [alert] = await rowsOf({ earlierSlotRequestId: request.id })
    expect(await dispatcher({ now: alert!.dueAt }).drain()).toEqual(['SENT'])
    return { fixture, appointmentId, request, phone: request.resident.phoneE164! }
  }

  test('OUI takes the earlier time: the appointment moves there, and the reply says when', async () => {
    const { appointmentId, request, phone } = await alerted()
    const [sms] = smsTo(phone)
    expect(sms?.body).toMatch(/^Un rendez-vous plus tot s'est libéré : /u)
    expect(sms?.body).toContain(day(EARLY))
    expect(sms?.body).toContain(`${link('alerte', request.id)} Répondez OUI pour le prendre`)
    expect(await replyText(await inbound({ From: phone, Body: 'OUI' }))).toBe(
      `C'est fait : votre rendez-vous est avancé au ${day(EARLY)}. Détails : ${link('r', appointmentId)}`,
    )
    const moved = await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })
    expect(moved).toMatchObject({ status: 'BOOKED', startsAt: inParis(`${EARLY}T09:00`) })
  })

  test('the time taken by someone else meanwhile: the reply says so and links to the next ones', async () => {
    const { fixture, appointmentId, request, phone } = await alerted()
    await bookFor(database.db, fixture, inParis(`${EARLY}T09:00`), {
      now: new Date(),
      secret: SECRET,
    })
    expect(await replyText(await inbound({ From: phone, Body: 'Oui' }))).toBe(
      `Désolé, ce créneau vient d'etre pris. Autres créneaux : ${link('alerte', request.id)}`,
    )
    const kept = await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })
    expect(kept.startsAt).toEqual(inParis(`${LATE}T09:00`))
  })
})
