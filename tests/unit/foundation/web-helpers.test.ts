import { describe, expect, test } from 'vitest'
import { loggablePath } from '~/platform/logging.server'
import { safeRedirectPath } from '~/platform/http/safe-redirect'

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
    ['/ /evil.example', '/ /evil.example'],
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
