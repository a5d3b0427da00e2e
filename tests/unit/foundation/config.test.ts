import { afterEach, describe, expect, test, vi } from 'vitest'
import { config, loadConfig } from '~/platform/config/config.server'
import { ConfigError } from '~/platform/config/errors.server'

// The configuration as operators set it: what an unset variable means in each mode, and
// one secret per process whichever copy of the module reads it.

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-production-secret-of-32-chars-or-more',
  PUBLIC_URL: 'https://rdv.example.fr/',
  NOTIFY_SMS: 'off',
  NOTIFY_VOICE: 'off',
  NOTIFY_EMAIL: 'off',
}

afterEach(() => {
  loadConfig('task')
})

describe('a fresh clone, nothing set: the demo', () => {
  test('listens on 127.0.0.1:3000, links to localhost, seeds, runs its worker, sends everything', () => {
    expect(loadConfig('web', {})).toMatchObject({
      production: false,
      demo: true,
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      seedDemo: true,
      worker: true,
      trustProxy: false,
      logLevel: 'info',
      database: { provider: 'sqlite' },
      notifications: {
        sms: true,
        voice: true,
        email: true,
        twilio: null,
        smtp: null,
        mailFrom: 'Permanence <ne-pas-repondre@permanence.invalid>',
        smsPerNumberPerDay: 10,
        twilioRatePerSecond: null,
      },
    })
    expect(loadConfig('web', { PORT: '4100' }).publicUrl).toBe('http://localhost:4100')
  })

  test('one random secret per process, the same for every load and every copy of the module', async () => {
    const secret = loadConfig('web', {}).sessionSecret
    expect(secret).toMatch(/^[0-9a-f]{64}$/u)
    expect(loadConfig('web', { PORT: '4101' }).sessionSecret).toBe(secret)
    // The Remix build loads its own copy of every module, as a fresh import does here.
    vi.resetModules()
    const copy = await import('~/platform/config/config.server')
    expect(copy.config()).toBe(config())
    expect(copy.config().sessionSecret).toBe(secret)
  })

  test('an empty value is unset; a set SESSION_SECRET is used as it is', () => {
    const secret = 'x'.repeat(32)
    expect(loadConfig('web', { HOST: '', SESSION_SECRET: secret })).toMatchObject({
      host: '127.0.0.1',
      sessionSecret: secret,
    })
  })
})

describe('production', () => {
  test('listens on every address, never seeds, strips the trailing slash of PUBLIC_URL', () => {
    expect(loadConfig('web', PRODUCTION)).toMatchObject({
      production: true,
      demo: false,
      host: '0.0.0.0',
      seedDemo: false,
      publicUrl: 'https://rdv.example.fr',
      notifications: { sms: false, voice: false, email: false },
    })
  })

  test('real providers, as set', () => {
    const loaded = loadConfig('worker', {
      ...PRODUCTION,
      NOTIFY_SMS: 'on',
      NOTIFY_EMAIL: 'on',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_MESSAGING_SERVICE_SID: 'MG1',
      SMTP_HOST: 'smtp.example.fr',
      SMTP_PORT: '465',
      MAIL_FROM: 'Permanence <rdv@example.fr>',
      DATABASE_URL: 'postgresql://app:secret@db.example:5432/permanence',
      DATABASE_POOL_SIZE: '4',
    })
    expect(loaded.notifications.twilio).toEqual({
      accountSid: 'AC1',
      authToken: 'token',
      from: null,
      messagingServiceSid: 'MG1',
      baseUrl: null,
    })
    expect(loaded.notifications.smtp).toEqual({
      host: 'smtp.example.fr',
      port: 465,
      secure: true,
      user: null,
      pass: null,
    })
    expect(loaded.database).toMatchObject({ provider: 'postgresql', poolSize: 4 })
  })

  test('a tool (migrations) needs only its database', () => {
    expect(loadConfig('task', { NODE_ENV: 'production' }).production).toBe(true)
  })
})

describe('/metrics (METRICS_TOKEN, decision 093)', () => {
  test('not served unless a token of 32 characters or more is set', () => {
    expect(loadConfig('web', PRODUCTION).metricsToken).toBeNull()
    const token = 'm'.repeat(32)
    expect(loadConfig('web', { ...PRODUCTION, METRICS_TOKEN: token }).metricsToken).toBe(token)
    expect(() => loadConfig('web', { ...PRODUCTION, METRICS_TOKEN: 'short' })).toThrow(
      new ConfigError('METRICS_TOKEN must be at least 32 random characters.'),
    )
  })
})

describe('whom to believe about client addresses (TRUST_PROXY)', () => {
  test.each([
    ['0', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.5, 10.0.0.0/8', ['10.0.0.5', '10.0.0.0/8']],
    ['::1', ['::1']],
  ] as const)('%j', (value, trusted) => {
    expect(loadConfig('web', { TRUST_PROXY: value }).trustProxy).toEqual(trusted)
  })
})

describe('a refused configuration leaves the loaded one in place', () => {
  test('one ConfigError, one line', () => {
    const before = config()
    expect(() => loadConfig('web', { ...PRODUCTION, SMS_PER_NUMBER_PER_DAY: '0' })).toThrow(
      new ConfigError('SMS_PER_NUMBER_PER_DAY must be a whole number of 1 or more.'),
    )
    expect(() => loadConfig('web', { TRUST_PROXY: 'true' })).toThrow(
      "TRUST_PROXY must be 0, 1 (one reverse proxy in front), or the proxies' addresses: loopback, 10.0.0.5, 10.0.0.0/8.",
    )
    expect(() => loadConfig('web', { TRUST_PROXY: '10.0.0.5,proxy.local' })).toThrow(
      /^TRUST_PROXY must be/u,
    )
    expect(() => loadConfig('web', { NOTIFY_SMS: 'no' })).toThrow(
      'NOTIFY_SMS must be "on" or "off".',
    )
    expect(config()).toBe(before)
  })
})

describe('error reporting (SENTRY_DSN, decision 099)', () => {
  test('off unless a DSN with its public key and project is set', () => {
    expect(loadConfig('web', PRODUCTION).sentryDsn).toBeNull()
    expect(loadConfig('web', { ...PRODUCTION, SENTRY_DSN: '' }).sentryDsn).toBeNull()
    const dsn = 'https://abc123@o42.ingest.sentry.io/4507'
    expect(loadConfig('web', { ...PRODUCTION, SENTRY_DSN: dsn }).sentryDsn).toBe(dsn)
    for (const wrong of ['https://o42.ingest.sentry.io/4507', 'https://abc@sentry.example', 'abc'])
      expect(() => loadConfig('web', { ...PRODUCTION, SENTRY_DSN: wrong }), wrong).toThrow(
        new ConfigError(
          'SENTRY_DSN must be a Sentry DSN such as https://<public key>@o0.ingest.sentry.io/<project id>.',
        ),
      )
  })
})
