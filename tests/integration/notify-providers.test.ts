import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import { createMailer } from '~/features/notifications/providers/mailer.server'
import {
  createTwilioChannel,
  ProviderError,
  rewriteTwilioUrl,
  type TwilioChannel,
} from '~/features/notifications/providers/twilio.server'
import { appointmentIcs } from '~/platform/ics'
import { startLoopbackSmtp } from '../support/smtp'

let fake: FakeTwilio
let channel: TwilioChannel
beforeAll(async () => {
  fake = await startFakeTwilio()
  channel = createTwilioChannel({
    accountSid: 'AC11111111111111111111111111111111',
    authToken: 'secret-token',
    from: '+33700000001',
    baseUrl: fake.baseUrl,
    timeoutMs: 500,
  })
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError)
    return error as ProviderError
  }
  throw new Error('expected a failure')
}

describe('the real Twilio SDK against the fake server', () => {
  test('rewrites every *.twilio.com URL and nothing else', () => {
    const base = 'http://127.0.0.1:9999'
    expect(
      rewriteTwilioUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', base),
    ).toBe(`${base}/2010-04-01/Accounts/AC1/Messages.json`)
    expect(rewriteTwilioUrl('https://voice.eu1.twilio.com/v1/x', base)).toBe(`${base}/v1/x`)
    expect(rewriteTwilioUrl('https://example.com/twilio.com', base)).toBe(
      'https://example.com/twilio.com',
    )
    expect(rewriteTwilioUrl('https://eviltwilio.com/x', base)).toBe('https://eviltwilio.com/x')
  })

  test('an SMS is recorded with its text, sender and status callback', async () => {
    const sent = await channel.sendSms({
      to: '+33612345678',
      body: 'Rappel : RDV le mar. 4/03 à 9h00',
      statusCallback: 'https://rdv.example.fr/webhooks/twilio/status?n=abc',
    })
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/u)
    // The sender as Twilio reports it: replies (ANNULER) are matched against it.
    expect(sent.sender).toBe('+33700000001')
    expect(fake.records).toHaveLength(1)
    expect(fake.records[0]).toMatchObject({
      kind: 'SMS',
      sid: sent.providerMessageId,
      to: '+33612345678',
      from: '+33700000001',
      body: 'Rappel : RDV le mar. 4/03 à 9h00',
      accountSid: 'AC11111111111111111111111111111111',
      statusCallback: 'https://rdv.example.fr/webhooks/twilio/status?n=abc',
    })
    expect(await channel.recentSms('+33612345678', new Date(Date.now() - 60_000))).toEqual([
      {
        sid: sent.providerMessageId,
        body: 'Rappel : RDV le mar. 4/03 à 9h00',
        from: '+33700000001',
      },
    ])
  })

  test('a call carries its TwiML', async () => {
    const sent = await channel.call({
      to: '+33123456789',
      twiml: '<Response><Say>Bonjour</Say></Response>',
    })
    expect(sent.providerMessageId).toMatch(/^CA/u)
    expect(fake.records[0]).toMatchObject({
      kind: 'CALL',
      to: '+33123456789',
      body: '<Response><Say>Bonjour</Say></Response>',
    })
  })

  test('400 invalid number is permanent', async () => {
    fake.failNext({
      status: 400,
      code: 21211,
      message: "The 'To' number is not a valid phone number.",
    })
    const error = await failure(channel.sendSms({ to: '+3300', body: 'x' }))
    expect(error).toMatchObject({ permanent: true, status: 400, code: 21211 })
    expect(error.message).toContain('21211')
    expect(fake.records).toHaveLength(0)
  })

  test.each([429, 500, 503])('%i is retried later', async (status) => {
    fake.failNext({ status })
    const error = await failure(channel.sendSms({ to: '+33612345678', body: 'x' }))
    expect(error).toMatchObject({ permanent: false, status })
    // The SDK does not retry by itself: one request, then normal service.
    expect(fake.requestCount()).toBe(1)
    await channel.sendSms({ to: '+33612345678', body: 'x' })
    expect(fake.records).toHaveLength(1)
  })

  test('a timeout is retried later', async () => {
    fake.failNext({ delayMs: 1_500 })
    const error = await failure(channel.sendSms({ to: '+33612345678', body: 'x' }))
    expect(error.permanent).toBe(false)
    expect(error.status).toBeNull()
  })

  test('a refused connection is retried later', async () => {
    const dead = createTwilioChannel({
      accountSid: 'AC1',
      authToken: 't',
      from: '+33700000001',
      baseUrl: 'http://127.0.0.1:1',
    })
    const error = await failure(dead.sendSms({ to: '+33612345678', body: 'x' }))
    expect(error.permanent).toBe(false)
  })

  test('the fake rate limit answers 429 beyond its rate', async () => {
    const limited = await startFakeTwilio({ ratePerSecond: 5 })
    try {
      const client = createTwilioChannel({
        accountSid: 'AC1',
        authToken: 't',
        from: '+337',
        baseUrl: limited.baseUrl,
      })
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => client.sendSms({ to: '+33612345678', body: 'x' })),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5)
      expect(limited.rateLimited()).toBe(5)
    } finally {
      await limited.close()
    }
  })
})

describe('email through a real SMTP server on loopback', () => {
  let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>
  beforeAll(async () => {
    smtp = await startLoopbackSmtp()
  })
  afterAll(() => smtp.close())

  test('text, HTML and an iCalendar REQUEST arrive and parse', async () => {
    const mailer = createMailer({
      url: smtp.url,
      from: 'Permanence <rdv@example.fr>',
    })
    const ics = appointmentIcs(
      {
        id: 'appt1',
        startsAt: new Date('2031-03-04T08:00:00Z'),
        endsAt: new Date('2031-03-04T08:30:00Z'),
        title: 'RDV',
        location: 'Mairie',
        description: 'Aide',
        organizer: { name: 'Vouvant', email: 'mairie@vouvant.example' },
        attendee: { name: 'Élodie', email: 'elodie@example.test' },
        sequence: 2,
        status: 'CONFIRMED',
      },
      'REQUEST',
    )
    const sent = await mailer.send({
      to: 'elodie@example.test',
      subject: 'Votre rendez-vous',
      text: 'Bonjour Élodie',
      html: '<p>Bonjour Élodie</p>',
      calendar: { method: 'REQUEST', content: ics },
      messageId: '<notification-n1@rdv.example.fr>',
    })
    mailer.close()
    expect(sent.providerMessageId).toBe('<notification-n1@rdv.example.fr>')
    const mail = smtp.received.at(-1)!
    expect(mail.subject).toBe('Votre rendez-vous')
    expect(mail.messageId).toBe('<notification-n1@rdv.example.fr>')
    expect(mail.text?.trim()).toBe('Bonjour Élodie')
    expect(mail.html).toContain('<p>Bonjour Élodie</p>')
    const calendar = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))
    expect(calendar).toBeDefined()
    const content = calendar!.content.toString('utf8')
    expect(content).toContain('METHOD:REQUEST')
    expect(content).toContain('UID:appt1@permanence')
    expect(content).toContain('SEQUENCE:2')
  })

  test('an unknown mailbox (550) is permanent', async () => {
    const mailer = createMailer({ url: smtp.url, from: 'rdv@example.fr' })
    smtp.refuseNext()
    const error = await failure(
      mailer.send({ to: 'nobody@example.test', subject: 's', text: 't', html: '<p>t</p>' }),
    )
    mailer.close()
    expect(error.permanent).toBe(true)
  })

  test('an unreachable SMTP server is retried later', async () => {
    const mailer = createMailer({ url: 'smtp://127.0.0.1:1', from: 'rdv@example.fr' })
    const error = await failure(
      mailer.send({ to: 'a@example.test', subject: 's', text: 't', html: '<p>t</p>' }),
    )
    mailer.close()
    expect(error.permanent).toBe(false)
  })

  test('without SMTP settings, mail is captured', async () => {
    const mailer = createMailer(null)
    await mailer.send({ to: 'a@example.test', subject: 's', text: 't', html: '<p>t</p>' })
    expect(mailer.captured).toHaveLength(1)
  })
})
