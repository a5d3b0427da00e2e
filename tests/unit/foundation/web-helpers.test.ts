import { describe, expect, test } from 'vitest'
import { loggablePath } from '~/platform/logging.server'
import { errorForLog } from '~/platform/http/error-log.server'
import { safeRedirectPath } from '~/platform/http/safe-redirect'
import { comesFromThisSite } from '~/platform/http/same-origin'

describe('redirects after a form stay on this site', () => {
  test.each([
    ['/france-services', '/france-services'],
    ['/a?b=c', '/a?b=c'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\nSet-Cookie: x=1', '/'],
    ['/\u0000/evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['/ /evil.example', '/%20/evil.example'],
    ['/€', '/%E2%82%AC'],
    ['/espace?q=é', '/espace?q=%C3%A9'],
    ['/／evil.example', '/%EF%BC%8Fevil.example'],
    ['javascript:alert(1)', '/'],
    ['/' + 'a'.repeat(600), '/'],
    ['', '/'],
    [null, '/'],
  ])('%s → %s', (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected)
  })
})

describe('logged paths carry no personal data', () => {
  test('query strings are dropped and manage tokens hidden', () => {
    expect(loggablePath('/book?phone=0612345678')).toBe('/book')
    expect(loggablePath('/r/Zx8kq3LmN0pQrStUvWxYz1/cancel?x=1')).toBe('/r/:token/cancel')
    expect(loggablePath('/france-services')).toBe('/france-services')
  })
})

describe('a state-changing request comes from this site’s pages', () => {
  const ours = ['https://rdv.example.fr']
  test.each([
    [{ origin: 'https://rdv.example.fr' }, true],
    [{ origin: 'https://rdv.example.fr', 'sec-fetch-site': 'same-origin' }, true],
    [{ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, false],
    [{ origin: 'http://rdv.example.fr' }, false],
    [{ origin: 'https://rdv.example.fr.evil.example' }, false],
    [{ origin: 'null' }, false],
    [{ 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'none' }, true],
    [{ 'sec-fetch-site': 'same-site' }, false],
    [{ 'sec-fetch-site': 'cross-site' }, false],
    [{}, true],
  ])('%o → %s', (headers, expected) => {
    expect(comesFromThisSite(headers, ours)).toBe(expected)
  })
})

describe('a logged error keeps where it was thrown, not what it says', () => {
  test('type, code and stack frames; no message, no other field', () => {
    const error = Object.assign(new Error('Jeanne Dupont, 06 12 34 56 78'), {
      code: '22021',
      meta: { phone: '0612345678' },
    })
    const logged = errorForLog(error)
    expect(logged).toMatchObject({ type: 'Error', code: '22021' })
    expect(logged.stack).toMatch(/^at /)
    expect(JSON.stringify(logged)).not.toMatch(/Jeanne|0612345678|06 12/)
  })

  test('the form pino hands over is read alike', () => {
    const logged = errorForLog({
      type: 'SchedulingError',
      message: 'secret',
      stack: 'SchedulingError: secret\n    at f (x.ts:1:1)',
    })
    expect(logged).toEqual({ type: 'SchedulingError', stack: 'at f (x.ts:1:1)' })
  })
})
