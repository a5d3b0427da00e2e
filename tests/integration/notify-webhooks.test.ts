import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { book, type BookingRequest } from '~/domain/booking/book'
import { action as statusAction } from '~/routes/webhooks.twilio.status'
import { action as smsAction } from '~/routes/webhooks.twilio.sms'
import { action as voiceAction } from '~/routes/webhooks.twilio.voice'
import { parseInbound } from '~/features/notifications/webhooks.server'
import { loadConfig } from '~/platform/config/config.server'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
} from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { postInboundSms, postToWebhook, replyText } from '../support/twilio-webhooks'

const holder = () => {
  const global = globalThis as { __permanenceDb?: Record<string, unknown> }
  return (global.__permanenceDb ??= {})
}
const TOKEN = 'webhook-test-auth-token'
const PUBLIC_URL = 'https://rdv.example.fr'
let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
  // The routes use the process-wide client: point it at this test's database.
  Object.assign(holder(), { db: database.db, config: database.config })
  loadConfig('task', {
    ...process.env,
    TWILIO_ACCOUNT_SID: 'AC22222222222222222222222222222222',
    TWILIO_AUTH_TOKEN: TOKEN,
    PUBLIC_URL,
  })
})
afterAll(async () => {
  loadConfig('task')
  Object.assign(holder(), { db: undefined, config: undefined })
  await database.drop()
})

type Action = typeof smsAction
const post = (
  action: Action,
  path: string,
  params: Record<string, string>,
  sign: string | null = TOKEN,
) => postToWebhook(action, PUBLIC_URL, path, params, sign)

async function bookWith(request: BookingRequest) {
  return book(request, NOW, await bookingPorts(database.db, request, NOW, SECRET))
}

// The number the app's SMS leave from, as Twilio reports it, and another one of ours.
const OUR_NUMBER = '+33700000001'
const OTHER_NUMBER = '+33700000002'

const inbound = (params: { From: string; Body: string; To?: string; MessageSid?: string }) =>
  postInboundSms(smsAction, { publicUrl: PUBLIC_URL, token: TOKEN, to: OUR_NUMBER }, params)

/** The appointment's SMS confirmation left from `sender` (what the worker records). */
async function confirmationSent(appointmentId: string, sender = OUR_NUMBER) {
  await database.db.notification.updateMany({
    where: { appointmentId, kind: 'CONFIRMATION', channel: 'SMS' },
    data: { status: 'SENT', sender, providerMessageId: `SMout${appointmentId}` },
  })
}

const pendingKinds = async (appointmentId: string) =>
  (await database.db.notification.findMany({ where: { appointmentId, status: 'PENDING' } }))
    .map((row) => `${row.kind} ${row.channel}`)
    .sort()

const statusOf = async (id: string) =>
  (await database.db.appointment.findUniqueOrThrow({ where: { id } })).status

describe('inbound SMS commands', () => {
  test.each([
    ['ANNULER', { kind: 'CANCEL', choice: null }],
    ['annuler', { kind: 'CANCEL', choice: null }],
    ['  Annulér  ', { kind: 'CANCEL', choice: null }],
    ['ANNULER 2', { kind: 'CANCEL', choice: 2 }],
    ['annuler.', { kind: 'CANCEL', choice: null }],
    ['oui', { kind: 'ACCEPT' }],
    ['Oui !', { kind: 'ACCEPT' }],
    [' OUI. ', { kind: 'ACCEPT' }],
    ['Öui', { kind: 'ACCEPT' }],
    ['oui merci', { kind: 'OTHER' }],
    ['Stop', { kind: 'STOP' }],
    ['ARRÊT', { kind: 'STOP' }],
    ['start', { kind: 'START' }],
    ['bonjour', { kind: 'OTHER' }],
  ])('%j', (body, command) => {
    expect(parseInbound(body)).toEqual(command)
  })
})

describe(`signed Twilio webhooks on ${testProvider}`, () => {
  test('forged or unsigned requests get 403 and change nothing', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Forge', phone: '+33611111111' }),
    )
    await confirmationSent(appointmentId)
    const params = { From: '+33611111111', To: OUR_NUMBER, MessageSid: 'SMforge1', Body: 'ANNULER' }
    expect((await post(smsAction, '/webhooks/twilio/sms', params, null)).status).toBe(403)
    expect((await post(smsAction, '/webhooks/twilio/sms', params, 'wrong-token')).status).toBe(403)
    const row = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    await database.db.notification.update({
      where: { id: row.id },
      data: { providerMessageId: 'SMforged' },
    })
    const status = { MessageSid: 'SMforged', MessageStatus: 'failed' }
    expect((await post(statusAction, '/webhooks/twilio/status', status, null)).status).toBe(403)
    // Signed for another URL: refused too.
    const url = `${PUBLIC_URL}/webhooks/twilio/other`
    const request = new Request(`http://127.0.0.1:3000/webhooks/twilio/status`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, status),
      },
      body: new URLSearchParams(status).toString(),
    })
    expect(
      (
        (await statusAction({
          request,
          params: {},
          context: {},
        } as Parameters<Action>[0])) as Response
      ).status,
    ).toBe(403)
    expect(
      (await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).status,
    ).toBe('BOOKED')
    expect(
      (await database.db.notification.findUniqueOrThrow({ where: { id: row.id } })).status,
    ).toBe('SENT')
  })

  test('ANNULER cancels the next appointment, tells the resident by their channel and the advisor', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Solo', phone: '+33622222222' }),
    )
    await confirmationSent(appointmentId)
    // Real time: the appointment (2031) is far ahead of now.
    const response = await inbound({ From: '+33622222222', Body: ' annulér ' })
    expect(response.status).toBe(200)
    // No reply to the number that wrote: the confirmation goes by the resident's channel.
    expect(await replyText(response)).toBeNull()
    expect(await statusOf(appointmentId)).toBe('EXCUSED')
    expect(await pendingKinds(appointmentId)).toEqual([
      'ADVISOR_NOTICE EMAIL',
      'CANCELLED_BY_RESIDENT SMS',
    ])
  })

  test('a replayed ANNULER (same message id) changes nothing more', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const phone = '+33622222223'
    const first = await bookWith(bookingRequest(fixture, { firstName: 'Replay', phone }))
    const later = await bookWith(
      bookingRequest(fixture, {
        firstName: 'Replay',
        phone,
        start: new Date('2031-03-05T08:00:00Z'),
      }),
    )
    await confirmationSent(first.appointmentId)
    await confirmationSent(later.appointmentId)
    const message = {
      From: phone,
      Body: 'ANNULER 1',
      MessageSid: 'SMreplayed000000000000000000001',
    }
    await inbound(message)
    expect(await statusOf(first.appointmentId)).toBe('EXCUSED')
    // Delivered again later (a retry or a replay): the next booking stays.
    expect(await replyText(await inbound(message))).toBeNull()
    expect(await statusOf(later.appointmentId)).toBe('BOOKED')
    expect(await pendingKinds(later.appointmentId)).not.toContain('CANCELLED_BY_RESIDENT SMS')
  })

  test('ANNULER concerns only what was sent from the number it answers', async () => {
    const phone = '+33622222224'
    const here = await createBookableOrganisation(database.db)
    const there = await createBookableOrganisation(database.db)
    const ours = await bookWith(bookingRequest(here, { firstName: 'Scope', phone }))
    const theirs = await bookWith(bookingRequest(there, { firstName: 'Scope', phone }))
    await confirmationSent(ours.appointmentId, OUR_NUMBER)
    await confirmationSent(theirs.appointmentId, OTHER_NUMBER)
    await inbound({ From: phone, Body: 'ANNULER', To: OTHER_NUMBER })
    expect(await statusOf(theirs.appointmentId)).toBe('EXCUSED')
    expect(await statusOf(ours.appointmentId)).toBe('BOOKED')
    // A number we never wrote from, or a phone we never wrote to: nothing, no reply.
    const stranger = await inbound({ From: phone, Body: 'ANNULER', To: '+33700000099' })
    expect(await replyText(stranger)).toBeNull()
    expect(await replyText(await inbound({ From: '+33699999999', Body: 'ANNULER' }))).toBeNull()
    expect(await statusOf(ours.appointmentId)).toBe('BOOKED')
  })

  test('ANNULER answers the last SMS: after a workshop message it cancels no appointment', async () => {
    const phone = '+33622222225'
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Atelier', phone }),
    )
    await confirmationSent(appointmentId)
    // Then a workshop's confirmation left from the same number (about no appointment).
    await database.db.notification.create({
      data: {
        organisationId: fixture.organisation.id,
        kind: 'WORKSHOP_CONFIRMATION',
        channel: 'SMS',
        recipient: phone,
        sender: OUR_NUMBER,
        providerMessageId: 'SMworkshopOut1',
        status: 'SENT',
        dueAt: NOW,
        createdAt: new Date(Date.now() + 60_000),
      },
    })
    const reply = await inbound({ From: phone, Body: 'ANNULER', MessageSid: 'SMworkshop1' })
    expect(await statusOf(appointmentId)).toBe('BOOKED')
    expect(await replyText(reply)).toMatch(/appel|call/iu)
  })

  test('ANNULER from the helper who receives the messages cancels the appointment they booked', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Mamie', phone: '+33549000003' })
    request.resident.phoneType = 'FIXED'
    request.helper = {
      name: 'Petit-fils',
      phoneE164: '+33633333333',
      email: null,
      receivesMessages: true,
    }
    const { appointmentId } = await bookWith(request)
    await confirmationSent(appointmentId)
    await inbound({ From: '+33633333333', Body: 'ANNULER' })
    expect(await statusOf(appointmentId)).toBe('EXCUSED')
    // The helper receives the messages: the cancellation is told to them.
    expect(await pendingKinds(appointmentId)).toContain('CANCELLED_BY_RESIDENT SMS')
  })

  test('with several upcoming appointments, ANNULER asks which; ANNULER 2 cancels the second', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const phone = '+33633333334'
    const first = await bookWith(bookingRequest(fixture, { firstName: 'Duo', phone }))
    const second = await bookWith(
      bookingRequest(fixture, { firstName: 'Duo', phone, start: new Date('2031-03-05T08:00:00Z') }),
    )
    await confirmationSent(first.appointmentId)
    await confirmationSent(second.appointmentId)
    const ask = await replyText(await inbound({ From: phone, Body: 'ANNULER' }))
    expect(ask).toMatch(/plusieurs rendez-vous.*ANNULER 1.*ANNULER 2/u)
    expect(await statusOf(first.appointmentId)).toBe('BOOKED')
    expect(await statusOf(second.appointmentId)).toBe('BOOKED')
    await inbound({ From: phone, Body: 'annuler 2' })
    expect(await statusOf(second.appointmentId)).toBe('EXCUSED')
    expect(await statusOf(first.appointmentId)).toBe('BOOKED')
  })

  test('STOP opts out: no more SMS; the help text goes at most once a day', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const phone = '+33644444444'
    const { appointmentId } = await bookWith(bookingRequest(fixture, { firstName: 'Stop', phone }))
    await confirmationSent(appointmentId)
    const stop = await replyText(await inbound({ From: phone, Body: 'stop' }))
    expect(stop).toContain('ne recevrez plus de SMS')
    expect(
      (await database.db.resident.findFirstOrThrow({ where: { phoneE164: phone } })).smsOptedOut,
    ).toBe(true)
    const help = await replyText(await inbound({ From: phone, Body: 'bonjour ?' }))
    expect(help).toContain('ANNULER')
    expect(await replyText(await inbound({ From: phone, Body: 'allo' }))).toBeNull()
  })

  test('delivery status: delivered recorded; a failed reminder falls back to a call', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Status', phone: '+33655555555' }),
    )
    const confirmation = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'CONFIRMATION' },
    })
    await database.db.notification.update({
      where: { id: confirmation.id },
      data: { status: 'SENT', providerMessageId: 'SMdelivered' },
    })
    expect(
      (
        await post(statusAction, '/webhooks/twilio/status', {
          MessageSid: 'SMdelivered',
          MessageStatus: 'delivered',
        })
      ).status,
    ).toBe(204)
    expect(
      (await database.db.notification.findUniqueOrThrow({ where: { id: confirmation.id } })).status,
    ).toBe('DELIVERED')
    // A late "sent" does not undo "delivered".
    await post(statusAction, '/webhooks/twilio/status', {
      MessageSid: 'SMdelivered',
      MessageStatus: 'sent',
    })
    expect(
      (await database.db.notification.findUniqueOrThrow({ where: { id: confirmation.id } })).status,
    ).toBe('DELIVERED')

    const reminder = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'REMINDER:SAME_DAY' },
    })
    await database.db.notification.update({
      where: { id: reminder.id },
      data: { status: 'SENT', providerMessageId: 'SMundelivered' },
    })
    const params = { MessageSid: 'SMundelivered', MessageStatus: 'undelivered', ErrorCode: '30003' }
    await post(statusAction, '/webhooks/twilio/status', params)
    await post(statusAction, '/webhooks/twilio/status', params) // twice: one fallback
    const rows = await database.db.notification.findMany({
      where: { appointmentId, kind: 'REMINDER:SAME_DAY' },
      orderBy: { createdAt: 'asc' },
    })
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ['SMS', 'FAILED'],
      ['VOICE', 'PENDING'],
    ])
    expect(rows[0].lastError).toContain('30003')
  })

  test('the keypad of a reminder call: 1 confirms, 2 cancels; another call changes nothing', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Fixe', phone: '+33549111111' })
    request.resident.phoneType = 'FIXED'
    const { appointmentId } = await bookWith(request)
    const reminder = await database.db.notification.findFirstOrThrow({
      where: { appointmentId, kind: 'REMINDER:SAME_DAY' },
    })
    expect(reminder.channel).toBe('VOICE')
    await database.db.notification.update({
      where: { id: reminder.id },
      data: { status: 'SENT', providerMessageId: 'CAkeypad' },
    })
    const path = `/webhooks/twilio/voice?n=${reminder.id}`
    const status = async () =>
      (await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).status
    expect((await post(voiceAction, path, { CallSid: 'CAkeypad', Digits: '2' }, null)).status).toBe(
      403,
    )
    const other = await (await post(voiceAction, path, { CallSid: 'CAother', Digits: '2' })).text()
    expect(other).toContain('<Hangup')
    expect(await status()).toBe('BOOKED')
    const confirm = await (
      await post(voiceAction, path, { CallSid: 'CAkeypad', Digits: '1' })
    ).text()
    expect(confirm).toContain('<Say')
    expect(await status()).toBe('BOOKED')
    const cancel = await (
      await post(voiceAction, path, { CallSid: 'CAkeypad', Digits: '2' })
    ).text()
    expect(cancel).toContain('<Say')
    expect(await status()).toBe('EXCUSED')
    const pending = await database.db.notification.findMany({
      where: { appointmentId, status: 'PENDING' },
    })
    expect(pending.map((row) => row.kind)).toEqual(['ADVISOR_NOTICE'])
  })
})
