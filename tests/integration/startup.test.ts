import { describe, expect, test } from 'vitest'
import { startApp, startExpectingFailure, TEST_SESSION_SECRET, type Entry } from '../support/server'

// Start-up failures an operator must be able to fix from one line.
describe('the app refuses to start with a clear line', () => {
  test('a DATABASE_URL of an unknown kind', async () => {
    const { code, stderr } = await startExpectingFailure({
      DATABASE_URL: 'mysql://root@localhost/db',
    })
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      'Permanence cannot start: DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); it starts with "mysql:".',
    )
  })

  test('a malformed PostgreSQL URL', async () => {
    const { code, stderr } = await startExpectingFailure({ DATABASE_URL: 'postgresql://' })
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /^Permanence cannot start: DATABASE_URL (is not a valid URL|must name a host and a database)/,
    )
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  test('an unreachable PostgreSQL server, without leaking the password', async () => {
    const { code, stderr } = await startExpectingFailure({
      DATABASE_URL: 'postgresql://app:s3cret@127.0.0.1:1/permanence',
    })
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /^Permanence cannot start: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/permanence \(.+\); start the server or fix DATABASE_URL\.$/m,
    )
    expect(stderr).not.toContain('s3cret')
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  test('a data folder that cannot be written', async () => {
    const { code, stderr } = await startExpectingFailure({
      DATABASE_URL: 'file:/etc/hostname/data/permanence.db',
    })
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /^Permanence cannot start: The data folder \/etc\/hostname\/data is not writable/,
    )
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })
})

// Production is fail-closed: every setting it needs, or an explicit opt-out, else one line
// saying what to set, exit code 1, nothing listening, the database untouched.
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: TEST_SESSION_SECRET,
  PUBLIC_URL: 'https://rdv.example.fr',
  TWILIO_ACCOUNT_SID: 'AC33333333333333333333333333333333',
  TWILIO_AUTH_TOKEN: 'production-test-token',
  TWILIO_FROM: '+33939000000',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'Permanence <rdv@example.fr>',
}
const FAKES_NOTHING = 'production never fakes a provider.'

async function expectRefusal(
  env: Record<string, string>,
  line: string,
  entry: { path: Entry; failure: string } = {
    path: 'web',
    failure: 'Permanence cannot start',
  },
) {
  const { code, stderr, stdout, port, databaseCreated } = await startExpectingFailure(
    env,
    entry.path,
  )
  expect(code).toBe(1)
  expect(stderr.trim()).toBe(`${entry.failure}: ${line}`)
  expect(stdout).not.toMatch(/listening|fake Twilio|captured locally|seeded/u)
  expect(databaseCreated).toBe(false)
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
}
const WORKER = { path: 'worker' as const, failure: 'Permanence worker cannot start' }

describe('production refuses to start without what it needs', () => {
  test('with every setting it starts, and starts no local provider', async () => {
    const app = await startApp({ ...PRODUCTION, LOG_LEVEL: 'info' })
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
      expect(app.output()).not.toMatch(/fake Twilio|captured locally|demo data seeded/u)
      expect((await fetch(`${app.url}/dev/outbox`)).status).toBe(404)
    } finally {
      await app.stop()
    }
  })

  test('no SESSION_SECRET', async () => {
    await expectRefusal(
      { ...PRODUCTION, SESSION_SECRET: '' },
      'SESSION_SECRET must be set to at least 32 random characters in production.',
    )
  })

  test('a SESSION_SECRET too short', async () => {
    await expectRefusal(
      { ...PRODUCTION, SESSION_SECRET: 'short-secret' },
      'SESSION_SECRET must be at least 32 random characters.',
    )
  })

  test('no PUBLIC_URL', async () => {
    await expectRefusal(
      { ...PRODUCTION, PUBLIC_URL: '' },
      'PUBLIC_URL must be set in production to the address residents open, such as https://rdv.example.fr.',
    )
  })

  test('a PUBLIC_URL that is not an http(s) address', async () => {
    await expectRefusal(
      { ...PRODUCTION, PUBLIC_URL: 'rdv.example.fr' },
      'PUBLIC_URL must be an http(s) address without query, such as https://rdv.example.fr.',
    )
  })

  test('SMS without Twilio settings nor NOTIFY_SMS=off', async () => {
    await expectRefusal(
      { ...PRODUCTION, TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM: '' },
      `Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID for SMS, or NOTIFY_SMS=off: ${FAKES_NOTHING}`,
    )
  })

  test('voice calls without a sender number nor NOTIFY_VOICE=off', async () => {
    await expectRefusal(
      { ...PRODUCTION, TWILIO_FROM: '', TWILIO_MESSAGING_SERVICE_SID: 'MG0123' },
      `Set TWILIO_FROM for voice calls, or NOTIFY_VOICE=off: ${FAKES_NOTHING}`,
    )
  })

  test('emails without an SMTP server nor NOTIFY_EMAIL=off', async () => {
    await expectRefusal(
      { ...PRODUCTION, SMTP_URL: '' },
      `Set SMTP_URL or SMTP_HOST for emails, or NOTIFY_EMAIL=off: ${FAKES_NOTHING}`,
    )
  })

  test('emails without a sender', async () => {
    await expectRefusal(
      { ...PRODUCTION, MAIL_FROM: '' },
      `Set MAIL_FROM for emails, or NOTIFY_EMAIL=off: ${FAKES_NOTHING}`,
    )
  })

  test('SEED_DEMO=1', async () => {
    await expectRefusal(
      { ...PRODUCTION, SEED_DEMO: '1' },
      'SEED_DEMO=1 is refused in production: the demo accounts have a published password.',
    )
  })

  test('TWILIO_BASE_URL, which points the SDK away from Twilio', async () => {
    await expectRefusal(
      { ...PRODUCTION, TWILIO_BASE_URL: 'http://127.0.0.1:9' },
      'TWILIO_BASE_URL is for tests only: unset it in production.',
    )
  })

  test('the worker alone, without SESSION_SECRET', async () => {
    await expectRefusal(
      { ...PRODUCTION, SESSION_SECRET: '' },
      'SESSION_SECRET must be set to at least 32 random characters in production.',
      WORKER,
    )
  })

  test('npm run db:seed', async () => {
    const { code, stderr, databaseCreated } = await startExpectingFailure(PRODUCTION, 'seed')
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      'Cannot seed: The demo organisation is never seeded in production (NODE_ENV=production).',
    )
    expect(databaseCreated).toBe(false)
  })
})

describe('the demo refuses what would break its links, and malformed values', () => {
  test('the worker alone without SESSION_SECRET: it could not sign as the web process does', async () => {
    await expectRefusal(
      { SESSION_SECRET: '' },
      "SESSION_SECRET must be set to at least 32 random characters when the worker runs alone, the same as the web's.",
      WORKER,
    )
  })

  test('WORKER=off without SESSION_SECRET', async () => {
    await expectRefusal(
      { SESSION_SECRET: '', WORKER: 'off' },
      "SESSION_SECRET must be set to at least 32 random characters with WORKER=off, the same as `npm run worker`'s.",
    )
  })

  test('a NODE_ENV that is not one of the known modes', async () => {
    await expectRefusal(
      { NODE_ENV: 'prod' },
      'NODE_ENV must be production, development or test, or unset (the demo).',
    )
  })

  test('a PORT that is not a number', async () => {
    await expectRefusal({ PORT: 'http' }, 'PORT must be a port number (0 to 65535).')
  })
})
