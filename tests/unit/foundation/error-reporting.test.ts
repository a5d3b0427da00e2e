import type { ErrorEvent } from '@sentry/node'
import { describe, expect, test } from 'vitest'
import { scrubEvent } from '~/platform/error-reporting.server'

// The last check before an event leaves for Sentry (decision 099): whatever an integration
// or a later SDK version puts in it, what a person typed or carries stays here.

const TOKEN = 'jeton0123456789abcdef'

describe('an event for Sentry keeps nothing personal', () => {
  test('request, user, extras, breadcrumbs, messages and frame variables', () => {
    const error = Object.assign(new Error('No resident jeanne@example.fr'), { code: 'P2025' })
    const event: ErrorEvent = {
      type: undefined,
      message: 'jeanne@example.fr',
      user: { email: 'jeanne@example.fr', ip_address: '203.0.113.9' },
      extra: { body: 'phone=0612345678' },
      breadcrumbs: [{ message: `GET /r/${TOKEN}` }],
      tags: { role: 'web' },
      request: {
        method: 'POST',
        url: `https://rdv.example.fr/r/${TOKEN}/annuler?email=jeanne@example.fr`,
        query_string: 'email=jeanne@example.fr',
        cookies: { __session: 'secret' },
        headers: { cookie: '__session=secret', 'user-agent': 'Firefox' },
        data: 'reason=je+suis+malade',
      },
      exception: {
        values: [
          {
            type: 'PrismaClientKnownRequestError',
            value: 'No resident jeanne@example.fr',
            stacktrace: { frames: [{ function: 'cancel', vars: { email: 'jeanne@example.fr' } }] },
          },
        ],
      },
    }
    const scrubbed = scrubEvent(event, { originalException: error })
    expect(scrubbed.request).toEqual({ method: 'POST', url: '/r/:token/annuler' })
    expect(scrubbed.exception!.values![0]).toEqual({
      type: 'PrismaClientKnownRequestError',
      value: 'message withheld: it may quote personal data',
      stacktrace: { frames: [{ function: 'cancel' }] },
    })
    expect(scrubbed.tags).toEqual({ role: 'web', code: 'P2025' })
    const sent = JSON.stringify(scrubbed)
    for (const personal of ['jeanne', '203.0.113', '0612345678', TOKEN, 'secret', 'malade'])
      expect(sent, personal).not.toContain(personal)
  })
})
