import { expect } from 'vitest'
import { DEMO_PASSWORD } from '~/db/seed.server'
import type { RunningApp } from './server'

export const KARIM = 'karim.benali@val-de-sorne.example'
export const LEA = 'lea.fontaine@val-de-sorne.example'
export const SOPHIE = 'sophie.leroy@val-de-sorne.example'

/** Signs demo advisors in once each; returns their session cookie, as a browser keeps it. */
export function demoSessions(app: () => RunningApp) {
  const cookies = new Map<string, string>()
  return async function as(email: string) {
    const known = cookies.get(email)
    if (known) return known
    const response = await fetch(`${app().url}/espace/connexion`, {
      method: 'POST',
      body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
      redirect: 'manual',
    })
    expect(response.status).toBe(302)
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!
    cookies.set(email, cookie)
    return cookie
  }
}
