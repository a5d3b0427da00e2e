import { describe, expect, test } from 'vitest'
import { startExpectingFailure } from '../support/server'

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

test('production without SESSION_SECRET refuses to start', async () => {
  const { code, stderr } = await startExpectingFailure({
    NODE_ENV: 'production',
    SESSION_SECRET: '',
  })
  expect(code).toBe(1)
  expect(stderr.trim()).toBe(
    'Permanence cannot start: SESSION_SECRET must be set to at least 32 random characters in production.',
  )
})
