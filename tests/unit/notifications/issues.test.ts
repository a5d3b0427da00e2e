import { describe, expect, test } from 'vitest'
import { messageIssue } from '~/domain/notifications/issues'

describe('what went wrong with a message, for the team', () => {
  test('each recorded note has its kind', () => {
    expect(messageIssue(null)).toBeNull()
    expect(messageIssue('skipped at planning: PASSED')).toBe('PASSED')
    expect(messageIssue('skipped at planning: TOO_CLOSE')).toBe('TOO_CLOSE')
    expect(messageIssue('SMS turned off on this server')).toBe('CHANNEL_OFF')
    expect(messageIssue('daily SMS cap (200) reached')).toBe('DAILY_CAP')
    expect(messageIssue('permanent: Twilio 400 (21211): Invalid To number')).toBe('INVALID_NUMBER')
    expect(messageIssue('provider: undelivered (30005)')).toBe('NOT_DELIVERED')
    expect(messageIssue('gave up after 5 attempts: timeout')).toBe('SEND_FAILED')
    expect(messageIssue('attempt 2: ECONNRESET')).toBe('RETRYING')
    expect(messageIssue('appointment cancelled by service')).toBe('APPOINTMENT_CHANGED')
    expect(messageIssue('something new')).toBe('OTHER')
  })
})
