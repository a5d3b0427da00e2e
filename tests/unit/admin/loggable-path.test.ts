import { describe, expect, test } from 'vitest'
import { loggablePath } from '~/platform/logging.server'

describe('secret links never reach the logs', () => {
  test.each([
    ['/agenda/abcDEF123_-xyz.ics', '/agenda/:token'],
    ['/espace/mot-de-passe/abcDEF123_-xyz', '/espace/mot-de-passe/:token'],
    ['/espace/invitation/abcDEF123_-xyz?x=1', '/espace/invitation/:token'],
    ['/atelier/abcDEF123_-xyz/liberer', '/atelier/:token/liberer'],
    ['/attente/abcDEF123_-xyz', '/attente/:token'],
    ['/alerte/abcDEF123_-xyz', '/alerte/:token'],
  ])('%s is logged as %s', (path, logged) => {
    expect(loggablePath(path)).toBe(logged)
  })
  test('the request page itself is kept', () => {
    expect(loggablePath('/espace/mot-de-passe?envoye=1')).toBe('/espace/mot-de-passe')
  })
})
