import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { smsUsageToday } from '~/features/notifications/outbox.server'
import { cancelByResident, findByManageToken } from '~/features/manage/commands.server'
import { book, bookWalkIn, type BookingRequest } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import { createMailer } from '~/features/notifications/providers/mailer.server'
import { createTwilioChannel } from '~/features/notifications/providers/twilio.server'
import { Dispatcher, type DispatcherOptions } from '~/features/notifications/dispatcher.server'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
} from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { eventProperty, icalendarProblems } from '../support/icalendar'
import { startLoopbackSmtp } from '../support/smtp'
import { printed } from '../support/times'

let database: TestDatabase
let fake: FakeTwilio
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>
beforeAll(async () => {
  database = await createTestDatabase()
  fake = await startFakeTwilio()
  smtp = await startLoopbackSmtp()
})
afterAll(async () => {
  await fake.close()
  await smtp.close()
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

const PUBLIC_URL = 'https://rdv.example.fr'
const SERVER_FROM = '+33700000001'
/** Short by default (timeouts are tested); generous where a loaded machine must not retry. */
const twilio = (timeoutMs = 300) =>
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
    twilio: twilio(),
    mailer: createMailer(null),
    render: { publicUrl: PUBLIC_URL, secret: SECRET },
    statusCallbackUrl: (id) => `${PUBLIC_URL}/webhooks/twilio/status?n=${id}`,
    clock: () => clock.now,
    random: () => 0.5,
    leaseMs: 60_000,
    perNumberDailySms: 100_000,
    ...options,
  })
}

async function bookWith(request: BookingRequest, now = NOW) {
  return book(request, now, await bookingPorts(database.db, request, now, SECRET))
}

const at = (iso: string) => ({ now: new Date(iso) })

/** An appointment whose own messages are set aside: the test writes the rows it sends. */
async function bookedWithoutMessages() {
  const fixture = await createBookableOrganisation(database.db)
  const { appointmentId } = await bookWith(bookingRequest(fixture))
  await database.db.notification.updateMany({
    where: { appointmentId },
    data: { status: 'CANCELLED' },
  })
  return { fixture, appointmentId }
}

describe(`the outbox worker on ${testProvider}`, () => {
  test('sends the confirmation with its manage link, the reminder when due, and nothing twice', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId } = await bookWith(request)
    const clock = { now: NOW }
    const worker = dispatcher(clock)
    expect(await worker.drain()).toEqual(['SENT'])
    expect(fake.records).toHaveLength(1)
    const { token } = manageTokenFor(appointmentId, SECRET)
    const sms = fake.records[0]
    expect(sms.to).toBe('+33612345678')
    expect(sms.body).toBe(
      `Rendez-vous confirmé le mardi 4 mars à 9 h, Mairie (Impots). Détails : ${PUBLIC_URL}/r/${token} Répondez ANNULER pour annuler`,
    )
    expect(sms.body.length).toBeLessThanOrEqual(160)
    const confirmation = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    // The segments it cost, for the statistics (decision 087).
    expect(confirmation).toMatchObject({
      status: 'SENT',
      providerMessageId: sms.sid,
      attempts: 1,
      segments: 1,
    })
    expect(sms.statusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/status?n=${confirmation.id}`)

    clock.now = new Date('2031-03-03T18:59:00Z')
    expect(await worker.drain()).toEqual([])
    clock.now = new Date('2031-03-03T19:00:00Z')
    expect(await worker.drain()).toEqual(['SENT'])
    expect(fake.records[1].body).toBe(
      `Rappel : rendez-vous le mardi 4 mars à 9 h, Mairie (Impots). Détails : ${PUBLIC_URL}/r/${token} Répondez ANNULER pour annuler`,
    )
    clock.now = new Date('2031-03-03T19:30:00Z')
    expect(await worker.drain()).toEqual([])
    expect(fake.records).toHaveLength(2)
  })

  test('429 and 500 are retried later with backoff; the error is shown meanwhile', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(bookingRequest(fixture))
    const clock = { now: NOW }
    const worker = dispatcher(clock)
    fake.failNext({ status: 500 }, { status: 429 })
    expect(await worker.drain()).toEqual(['RETRY'])
    let row = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    // 5 s base, equal jitter at 0.5: 3.75 s.
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, leaseOwner: null, dueAt: NOW })
    expect(row.leaseUntil!.getTime() - NOW.getTime()).toBe(3_750)
    expect(row.lastError).toContain('500')
    clock.now = new Date(row.leaseUntil!.getTime() - 1)
    expect(await worker.drain()).toEqual([])
    clock.now = new Date(row.leaseUntil!.getTime())
    expect(await worker.drain()).toEqual(['RETRY'])
    row = await database.db.notification.findUniqueOrThrow({ where: { id: row.id } })
    expect(row.leaseUntil!.getTime() - clock.now.getTime()).toBe(7_500)
    expect(row.lastError).toContain('429')
    clock.now = new Date(row.leaseUntil!.getTime())
    expect(await worker.drain()).toEqual(['SENT'])
    expect(fake.records).toHaveLength(1)
  })

  test('a permanent error is recorded, not retried, and a reminder falls back to a call', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(bookingRequest(fixture))
    await database.db.notification.updateMany({
      where: { appointmentId, kind: 'CONFIRMATION' },
      data: { status: 'CANCELLED' },
    })
    const clock = at('2031-03-03T19:00:00Z')
    const worker = dispatcher(clock)
    fake.failNext({ status: 400, code: 21211, message: 'Invalid To number' })
    expect(await worker.drain()).toEqual(['FAILED', 'SENT'])
    const rows = await database.db.notification.findMany({
      where: { appointmentId, kind: 'REMINDER:SAME_DAY' },
      orderBy: { createdAt: 'asc' },
    })
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ['SMS', 'FAILED'],
      ['VOICE', 'SENT'],
    ])
    expect(rows[0].lastError).toMatch(/permanent.*21211/u)
    expect(fake.records.map((record) => record.kind)).toEqual(['CALL'])
    expect(fake.records[0].body).toContain('<Say')
    clock.now = new Date('2031-03-03T20:00:00Z')
    expect(await worker.drain()).toEqual([])
  })

  test('a timeout the provider did accept is not sent again', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(bookingRequest(fixture))
    const clock = { now: NOW }
    const worker = dispatcher(clock)
    fake.failNext({ delayMs: 600 })
    expect(await worker.drain()).toEqual(['RETRY'])
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(fake.records).toHaveLength(1) // accepted after our timeout
    clock.now = new Date(NOW.getTime() + 60_000)
    expect(await worker.drain()).toEqual(['SENT'])
    expect(fake.records).toHaveLength(1)
    const row = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    expect(row).toMatchObject({
      status: 'SENT',
      providerMessageId: fake.records[0].sid,
      attempts: 2,
    })
  })

  test('a retried reminder whose text equals an earlier sent one is still sent', async () => {
    const { fixture, appointmentId } = await bookedWithoutMessages()
    const later = new Date(NOW.getTime() + 3_600_000)
    for (const [kind, dueAt] of [
      ['REMINDER:A', NOW],
      ['REMINDER:B', later],
    ] as const) {
      await database.db.notification.create({
        data: {
          organisationId: fixture.organisation.id,
          appointmentId,
          kind,
          channel: 'SMS',
          recipient: '+33612345678',
          dueAt,
        },
      })
    }
    const clock = { now: NOW }
    const worker = dispatcher(clock)
    expect(await worker.drain()).toEqual(['SENT'])
    clock.now = later
    fake.failNext({ status: 503 })
    expect(await worker.drain()).toEqual(['RETRY'])
    clock.now = new Date(later.getTime() + 60_000)
    expect(await worker.drain()).toEqual(['SENT'])
    expect(fake.records).toHaveLength(2)
    expect(fake.records[0].body).toBe(fake.records[1].body)
  })

  test('the daily SMS caps: beyond them the message takes the next channel', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { dailySmsCap: 1 },
    })
    const first = await bookWith(
      bookingRequest(fixture, { firstName: 'Cap', phone: '+33612340001' }),
    )
    const second = await bookWith(
      bookingRequest(fixture, {
        firstName: 'Cap',
        phone: '+33612340001',
        start: new Date('2031-03-04T08:30:00Z'),
      }),
    )
    expect((await dispatcher({ now: NOW }).drain()).sort()).toEqual(['SENT', 'SENT', 'SKIPPED'])
    // Which of the two goes first is the claim's order: one SMS, then the cap.
    const rows = await database.db.notification.findMany({
      where: {
        appointmentId: { in: [first.appointmentId, second.appointmentId] },
        kind: 'CONFIRMATION',
      },
    })
    expect(rows.map((row) => `${row.channel} ${row.status}`).sort()).toEqual([
      'SMS SENT',
      'SMS SKIPPED',
      'VOICE SENT',
    ])
    expect(rows.find((row) => row.status === 'SKIPPED')?.lastError).toContain('daily SMS cap (1)')
    expect(fake.records.map((record) => record.kind).sort()).toEqual(['CALL', 'SMS'])
    // What admins see: the cap reached today.
    const organisation = await database.db.organisation.findUniqueOrThrow({
      where: { id: fixture.organisation.id },
    })
    expect(await smsUsageToday(database.db, organisation, NOW)).toEqual({
      sent: 1,
      cap: 1,
      capReached: true,
      perNumber: 10,
      numbersAtCap: 0,
    })
  })

  test('a channel the operator turned off sends nothing: its messages take the next channel', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Off', phone: '+33612340009' }),
    )
    expect((await dispatcher({ now: NOW }, { turnedOff: ['SMS'] }).drain()).sort()).toEqual([
      'SENT',
      'SKIPPED',
    ])
    const rows = await database.db.notification.findMany({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    expect(rows.map((row) => `${row.channel} ${row.status}`).sort()).toEqual([
      'SMS SKIPPED',
      'VOICE SENT',
    ])
    expect(rows.find((row) => row.channel === 'SMS')?.lastError).toBe(
      'SMS turned off on this server',
    )
    expect(fake.records.map((record) => record.kind)).toEqual(['CALL'])

    const other = await bookWith(
      bookingRequest(fixture, {
        firstName: 'Off',
        phone: '+33612340010',
        start: new Date('2031-03-04T08:30:00Z'),
      }),
    )
    await dispatcher({ now: NOW }, { turnedOff: ['SMS', 'VOICE', 'EMAIL'] }).drain()
    const skipped = await database.db.notification.findMany({
      where: { appointmentId: other.appointmentId, kind: 'CONFIRMATION' },
    })
    expect(skipped.map((row) => `${row.channel} ${row.status}`).sort()).toEqual([
      'SMS SKIPPED',
      'VOICE SKIPPED',
    ])
    expect(fake.records).toHaveLength(1)
  })

  test('a number outside the allowed regions is refused and recorded', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Zone', phone: '+33612340002' }),
    )
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { allowedPhoneRegions: 'RE' },
    })
    expect(await dispatcher({ now: NOW }).drain()).toEqual(['FAILED'])
    const row = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    expect(row.lastError).toContain('region not allowed')
    expect(fake.records).toHaveLength(0)
  })

  test('a worker that died after the provider accepted: the next one finds the message', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(bookingRequest(fixture))
    const clock = { now: NOW }
    const dead = dispatcher(clock, { owner: 'dead' })
    const [claimed] = await dead.claim()
    expect(claimed.kind).toBe('CONFIRMATION')
    // It sent, then crashed before marking the row.
    const { render } = await import('~/features/notifications/render.server')
    const { loadAppointment } = await import('~/features/notifications/render.server')
    const rendered = render(claimed, (await loadAppointment(database.db, appointmentId))!, {
      publicUrl: PUBLIC_URL,
      secret: SECRET,
    })
    if (rendered.channel !== 'SMS') throw new Error('expected an SMS')
    await twilio().sendSms({ to: claimed.recipient, body: rendered.body })
    const other = dispatcher(clock, { owner: 'alive' })
    expect(await other.drain()).toEqual([]) // the lease still holds
    clock.now = new Date(NOW.getTime() + 61_000)
    expect(await other.drain()).toEqual(['SENT'])
    expect(fake.records).toHaveLength(1)
    const row = await database.db.notification.findUniqueOrThrow({ where: { id: claimed.id } })
    expect(row).toMatchObject({
      status: 'SENT',
      providerMessageId: fake.records[0].sid,
      sender: fake.records[0].from,
    })
    expect(row.lastError).toContain('found at the provider')
  })

  test('a worker that died after the provider placed a call: the next one finds the call', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Fixe' })
    await bookWith({
      ...request,
      resident: { ...request.resident, phoneE164: '+33365710099', phoneType: 'FIXED' },
    })
    const clock = at('2031-03-03T08:00:00Z')
    const [claimed] = await dispatcher(clock, { owner: 'dead' }).claim()
    expect([claimed.kind, claimed.channel]).toEqual(['CONFIRMATION', 'VOICE'])
    // It placed the call, then crashed before marking the row.
    const { providerMessageId } = await twilio().call({
      to: claimed.recipient,
      twiml: '<Response/>',
    })
    clock.now = new Date(clock.now.getTime() + 61_000)
    expect(await dispatcher(clock, { owner: 'alive' }).drain()).toEqual(['SENT'])
    expect(fake.records.filter((record) => record.kind === 'CALL')).toHaveLength(1)
    const row = await database.db.notification.findUniqueOrThrow({ where: { id: claimed.id } })
    expect(row).toMatchObject({ status: 'SENT', providerMessageId })
    expect(row.lastError).toContain('found at the provider')
  })

  test('a worker that died before sending: the next one sends once', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await bookWith(bookingRequest(fixture))
    const clock = { now: NOW }
    await dispatcher(clock, { owner: 'dead' }).claim()
    clock.now = new Date(NOW.getTime() + 61_000)
    expect(await dispatcher(clock).drain()).toEqual(['SENT'])
    expect(fake.records).toHaveLength(1)
  })

  test('a cancelled appointment gets its cancellation, the advisor an email, and no reminder', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId } = await bookWith(request)
    const mailer = createMailer(null)
    const clock = { now: NOW }
    const worker = dispatcher(clock, { mailer })
    await worker.drain()
    const appointment = await findByManageToken(
      database.db,
      manageTokenFor(appointmentId, SECRET).token,
    )
    expect(await cancelByResident(database.db, appointment!, null, NOW)).toBe(true)
    expect((await worker.drain()).sort()).toEqual(['SENT', 'SENT'])
    expect(fake.records.map((record) => record.body)).toEqual([
      expect.stringMatching(/^Rendez-vous confirmé le mardi 4 mars à 9 h/u),
      expect.stringMatching(
        /^Votre rendez-vous du mardi 4 mars à 9 h \(Mairie\) est bien annulé\. Pour reprendre rendez-vous : /u,
      ),
    ])
    expect(mailer.captured).toHaveLength(1)
    expect(mailer.captured![0].to).toBe(fixture.advisor.email)
    clock.now = new Date('2031-03-03T19:00:00Z')
    expect(await worker.drain()).toEqual([])
    const reminder = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'REMINDER:SAME_DAY' },
    })
    expect(reminder.status).toBe('CANCELLED')
  })

  test('an email carries text, HTML and the calendar invitation', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Anne' })
    request.resident = {
      ...request.resident,
      phoneE164: null,
      phoneType: null,
      email: 'anne@example.test',
    }
    await bookWith(request)
    const mailer = createMailer(null)
    expect(await dispatcher({ now: NOW }, { mailer }).drain()).toEqual(['SENT'])
    const mail = mailer.captured![0]
    expect(mail.to).toBe('anne@example.test')
    expect(mail.text).toContain(`${PUBLIC_URL}/r/`)
    // No organiser address on this organisation: the event is published, not an invitation.
    expect(mail.calendar?.method).toBe('PUBLISH')
    expect(mail.calendar?.content).toContain('SEQUENCE:0')
    // Fixed by the row: a resend after a crash is the same message to the mail store.
    const row = await database.db.notification.findFirstOrThrow({
      where: { recipient: 'anne@example.test', kind: 'CONFIRMATION' },
    })
    expect(mail.messageId).toBe(`<notification-${row.id}@${new URL(PUBLIC_URL).hostname}>`)
  })

  test('two workers at once take disjoint rows: each message reaches the provider once', async () => {
    const { fixture, appointmentId } = await bookedWithoutMessages()
    const count = 300
    await database.db.notification.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        organisationId: fixture.organisation.id,
        appointmentId,
        kind: `REMINDER:BULK_${index}`,
        channel: 'SMS' as const,
        recipient: '+33612345678',
        dueAt: new Date(NOW.getTime() - index),
      })),
    })
    const clock = { now: NOW }
    // A generous timeout: under a loaded machine a 300 ms one makes (correct) retries.
    const channel = twilio(10_000)
    const options = { batchSize: 20, concurrency: 4, twilio: channel }
    const [a, b] = await Promise.all([
      dispatcher(clock, { ...options, owner: 'a' }).drain(),
      dispatcher(clock, { ...options, owner: 'b' }).drain(),
    ])
    expect(a.length + b.length).toBe(count)
    if (testProvider === 'postgresql') {
      expect(a.length).toBeGreaterThan(0)
      expect(b.length).toBeGreaterThan(0)
    }
    const ids = fake.records.map((record) => new URL(record.statusCallback!).searchParams.get('n'))
    expect(ids).toHaveLength(count)
    expect(new Set(ids).size).toBe(count)
    expect(await database.db.notification.count({ where: { appointmentId, status: 'SENT' } })).toBe(
      count,
    )
  })
})

/**
 * The dispatcher's database, its mark statements watched: the first is held 200 ms so that
 * the sends ending meanwhile queue behind it (on either database), and with `failGroup`
 * the first statement marking several sends fails, as a lost connection would.
 */
function watchedMarks(options: { failGroup?: boolean } = {}) {
  const marked: number[] = []
  let held = false
  let failed = false
  const db = new Proxy(database.db, {
    get(target, property) {
      if (property !== '$queryRawUnsafe') {
        const value = Reflect.get(target, property, target) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      }
      return async (statement: string, ...values: unknown[]) => {
        if (!statement.trimStart().startsWith('UPDATE "Notification"'))
          return target.$queryRawUnsafe(statement, ...values)
        if (!held) {
          held = true
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
        const sends = (statement.match(/\bWHEN\b/g) ?? []).length / 5
        if (options.failGroup && !failed && sends > 1) {
          failed = true
          throw new Error('connection lost')
        }
        const rows = await target.$queryRawUnsafe<unknown[]>(statement, ...values)
        marked.push(rows.length)
        return rows
      }
    },
  })
  return { db, marked }
}

async function groupOfReminders(count: number) {
  const { fixture, appointmentId } = await bookedWithoutMessages()
  const recipients = Array.from({ length: count }, (_, index) => `+3361234560${index}`)
  await database.db.notification.createMany({
    data: recipients.map((recipient, index) => ({
      organisationId: fixture.organisation.id,
      appointmentId,
      kind: `REMINDER:GROUP_${index}`,
      channel: 'SMS' as const,
      recipient,
      dueAt: new Date(NOW.getTime() - index),
    })),
  })
  const rows = () =>
    database.db.notification.findMany({
      where: { appointmentId, kind: { startsWith: 'REMINDER:GROUP_' } },
      select: {
        recipient: true,
        status: true,
        providerMessageId: true,
        sender: true,
        segments: true,
        sentAt: true,
        leaseOwner: true,
      },
    })
  return { appointmentId, recipients, rows }
}

/** A row sent: the provider's id and sender of the SMS that went to its number. */
function expectSentAsRecorded(row: { recipient: string }) {
  const record = fake.records.find((sent) => sent.to === row.recipient)!
  expect(row).toMatchObject({
    status: 'SENT',
    providerMessageId: record.sid,
    sender: record.from,
    segments: 1,
    sentAt: NOW,
    leaseOwner: null,
  })
}

describe(`sends marked together, on ${testProvider}`, () => {
  test('each row gets its own message id; a row another worker took meanwhile is left to it', async () => {
    const { appointmentId, recipients, rows } = await groupOfReminders(6)
    const taken = recipients[2]!
    // While its SMS is at the provider, its lease passes to another worker.
    let takeover: Promise<unknown> = Promise.resolve()
    fake.setResponder(({ to }) => {
      if (to !== taken) return undefined
      // then(): a Prisma query runs only once it is awaited or then'd.
      takeover = database.db.notification
        .updateMany({
          where: { appointmentId, recipient: taken },
          data: { leaseOwner: 'another-worker' },
        })
        .then(() => undefined)
      return { delayMs: 100 }
    })
    const watched = watchedMarks()
    const outcomes = await dispatcher(at(NOW.toISOString()), {
      db: watched.db,
      twilio: twilio(10_000),
      concurrency: 6,
      owner: 'one',
    }).drain()
    await takeover
    fake.setResponder(null)
    expect(outcomes.filter((outcome) => outcome === 'SENT')).toHaveLength(5)
    expect(outcomes.filter((outcome) => outcome === 'LOST_LEASE')).toHaveLength(1)
    // The first statement alone, the sends that ended meanwhile together.
    expect(watched.marked[0]).toBe(1)
    expect(Math.max(...watched.marked)).toBeGreaterThan(1)
    expect(watched.marked.reduce((sum, count) => sum + count, 0)).toBe(5)

    const found = await rows()
    expect(found).toHaveLength(6)
    for (const row of found) {
      if (row.recipient !== taken) {
        expectSentAsRecorded(row)
        continue
      }
      expect(row).toMatchObject({
        status: 'SENDING',
        providerMessageId: null,
        leaseOwner: 'another-worker',
      })
    }
  })

  test('a failed group statement: each send is marked alone, none goes twice', async () => {
    const { rows } = await groupOfReminders(5)
    const watched = watchedMarks({ failGroup: true })
    const outcomes = await dispatcher(at(NOW.toISOString()), {
      db: watched.db,
      twilio: twilio(10_000),
      concurrency: 5,
    }).drain()
    expect(outcomes).toEqual(Array(5).fill('SENT'))
    // The first alone, then the failed group's four one by one.
    expect(watched.marked).toEqual([1, 1, 1, 1, 1])
    expect(fake.records).toHaveLength(5)
    const found = await rows()
    expect(found).toHaveLength(5)
    for (const row of found) expectSentAsRecorded(row)
  })
})

const linkOf = (appointmentId: string) =>
  `${PUBLIC_URL}/r/${manageTokenFor(appointmentId, SECRET).token}`

const mailTo = (address: string) =>
  smtp.received.filter((mail) => JSON.stringify(mail.to).includes(address)).at(-1)

describe(`messages as received, on ${testProvider}`, () => {
  // The server's number, an SMTP server on loopback, and the keypad webhook of a call.
  const sending = (clock: { now: Date }) =>
    dispatcher(clock, {
      mailer: createMailer({ url: smtp.url, from: 'Permanence <rdv@example.fr>' }),
      render: {
        publicUrl: PUBLIC_URL,
        secret: SECRET,
        smsFrom: SERVER_FROM,
        voiceActionUrl: (id) => `${PUBLIC_URL}/webhooks/twilio/voice?n=${id}`,
      },
    })

  test('the site’s short name, never a cut name', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.site.update({
      where: { id: fixture.site.id },
      data: {
        name: 'Maison France Services de la Communauté de communes de Lons',
        shortName: 'France Services Lons',
      },
    })
    const request = bookingRequest(fixture, { firstName: 'Court', phone: '+33612340101' })
    const { appointmentId } = await bookWith(request)
    expect(await sending({ now: NOW }).drain()).toEqual(['SENT'])
    expect(fake.records[0]!.body).toBe(
      `Rendez-vous confirmé le mardi 4 mars à 9 h, France Services Lons (Impots). ${linkOf(appointmentId)} Répondez ANNULER pour annuler`,
    )
    expect(fake.records[0]!.from).toBe(SERVER_FROM)
  })

  test('an organisation’s sender name: the SMS leaves from it and gives the link to cancel', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { smsSenderName: 'MAIRIELONS' },
    })
    const request = bookingRequest(fixture, { firstName: 'Nom', phone: '+33612340102' })
    const { appointmentId } = await bookWith(request)
    await sending({ now: NOW }).drain()
    const [sms] = fake.records
    expect(sms!.from).toBe('MAIRIELONS')
    expect(sms!.body).toBe(
      `Rendez-vous confirmé le mardi 4 mars à 9 h, Mairie (Impots). Voir ou annuler : ${linkOf(appointmentId)}`,
    )
    expect(sms!.body).not.toContain('ANNULER')
  })

  test('a name saved before the operators’ rule is not used: the server’s number sends', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { smsSenderName: 'Mairie Lons' },
    })
    await bookWith(bookingRequest(fixture, { firstName: 'Ancien', phone: '+33612340103' }))
    await sending({ now: NOW }).drain()
    expect(fake.records[0]!.from).toBe(SERVER_FROM)
    expect(fake.records[0]!.body).toContain('Répondez ANNULER pour annuler')
  })

  test('a helper who receives the messages is told whose appointment it is', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, {
      firstName: 'Paulette',
      lastName: 'Girard',
      phone: '+33549000009',
    })
    request.resident.phoneType = 'FIXED'
    request.helper = { name: 'Luc', phoneE164: '+33612340104', email: null, receivesMessages: true }
    const { appointmentId } = await bookWith(request)
    await sending({ now: NOW }).drain()
    const [sms] = fake.records
    expect(sms!.to).toBe('+33612340104')
    expect(sms!.body).toBe(
      `Rendez-vous de Paulette Girard confirmé le mardi 4 mars à 9 h, Mairie (Impots). ${linkOf(appointmentId)} Répondez ANNULER pour annuler`,
    )
  })

  test('a walk-in at the desk, booked for now on a landline, gets no confirmation call', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const now = new Date('2031-03-04T13:00:00Z')
    const request = {
      ...bookingRequest(fixture, { firstName: 'Guichet', phone: '+33549000010' }),
      start: new Date('2031-03-04T13:15:00Z'),
      createdVia: 'RECEPTION' as const,
      actorAdvisorId: fixture.advisor.id,
      advisorId: fixture.advisor.id,
      durationMinutes: 30,
      confirmedOutsideHours: true,
    }
    request.resident.phoneType = 'FIXED'
    const { appointmentId } = await bookWalkIn(
      request,
      now,
      await bookingPorts(database.db, request, now, SECRET),
    )
    expect(await sending({ now }).drain()).toEqual([])
    expect(fake.records).toHaveLength(0)
    const confirmation = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    expect(confirmation).toMatchObject({
      channel: 'VOICE',
      status: 'SKIPPED',
      lastError: 'skipped at planning: BOOKED_AT_THE_DESK',
    })
  })

  test('a call: a current French voice, the postal code digit by digit, the number to call twice', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { phone: '+33384000000' },
    })
    const request = bookingRequest(fixture, { firstName: 'Fixe', phone: '+33384000011' })
    request.resident.phoneType = 'FIXED'
    await bookWith(request)
    // Booked at 08:00: the call waits for the end of quiet hours, 08:30.
    await sending({ now: new Date('2031-03-03T07:30:00Z') }).drain()
    const [call] = fake.records
    expect(call!.kind).toBe('CALL')
    expect(call!.body).toContain('<Say language="fr-FR" voice="Polly.Lea-Neural">')
    expect(call!.body).not.toContain('alice')
    expect(call!.body).toContain('1 place, trois neuf zéro zéro zéro Lons')
    const number = 'zéro trois, quatre-vingt-quatre, zéro zéro, zéro zéro, zéro zéro'
    expect(call!.body).toContain(
      `Pour changer la date ou annuler, vous pouvez appeler le ${number}. Je répète : ${number}.`,
    )
  })

  test('an email tells how to cancel by email, with a valid invitation that reminds and links', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { email: 'mairie@lons.example' },
    })
    const request = bookingRequest(fixture, { firstName: 'Anne', lastName: 'Courriel' })
    request.resident = {
      ...request.resident,
      phoneE164: null,
      phoneType: null,
      email: 'anne.courriel@example.test',
    }
    const { appointmentId } = await bookWith(request)
    expect(await sending({ now: NOW }).drain()).toEqual(['SENT'])
    const mail = mailTo('anne.courriel@example.test')!
    expect(mail.subject).toBe(printed('Rendez-vous confirmé : mardi 4 mars 2031 à 9 h'))
    expect(mail.text).toContain(
      `Voir, déplacer ou annuler le rendez-vous : ${linkOf(appointmentId)}`,
    )
    expect(mail.text).not.toContain('ANNULER')
    const calendar = mail.attachments.find((file) => file.contentType.startsWith('text/calendar'))
    const ics = calendar!.content.toString('utf8')
    expect(icalendarProblems(ics)).toEqual([])
    expect(ics).toContain('METHOD:REQUEST')
    expect(eventProperty(ics, 'ORGANIZER')).toBe('MAILTO:mairie@lons.example')
    expect(eventProperty(ics, 'ATTENDEE')).toBe('mailto:anne.courriel@example.test')
    expect(eventProperty(ics, 'URL')).toBe(linkOf(appointmentId))
    expect(eventProperty(ics, 'DESCRIPTION')).toContain(
      `Voir, déplacer ou annuler : ${linkOf(appointmentId)}`,
    )
    expect(ics).toContain('BEGIN:VALARM')
  })

  test('the advisor’s cancellation email links to the appointment in the workspace', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Partie', phone: '+33612340105' })
    const { appointmentId } = await bookWith(request)
    const clock = { now: NOW }
    await sending(clock).drain()
    const appointment = await findByManageToken(
      database.db,
      manageTokenFor(appointmentId, SECRET).token,
    )
    expect(await cancelByResident(database.db, appointment!, null, NOW)).toBe(true)
    await sending(clock).drain()
    const mail = mailTo(fixture.advisor.email)!
    expect(mail.subject).toBe(printed('Annulation : Partie Martin, mardi 4 mars 2031 à 9 h'))
    expect(mail.text).toContain(
      `Voir le rendez-vous dans l’espace conseiller : ${PUBLIC_URL}/espace/rendez-vous/${appointmentId}`,
    )
    expect(mail.text).not.toContain('/r/')
  })
})
