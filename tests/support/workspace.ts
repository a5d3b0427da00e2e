import { afterAll, beforeAll, expect } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { appDatabase } from './journey'
import { startApp, type RunningApp } from './server'

export const KARIM = 'karim.benali@val-de-sorne.example'
export const LEA = 'lea.fontaine@val-de-sorne.example'
export const SOPHIE = 'sophie.leroy@val-de-sorne.example'

/** A valid form of the organisation settings (/espace/admin/reglages), without updatedAt. */
export const SETTINGS = {
  timeZone: 'Europe/Paris',
  holidayRegion: 'FR-METRO',
  daysBeforeOn: 'on',
  days: '1',
  hours: '3',
  quietHoursStart: '20:00',
  quietHoursEnd: '08:30',
  smsSenderName: 'ValSorne',
  allowedPhoneRegions: ['FR', 'RE', 'YT'],
  maxUpcomingPerContact: '3',
  bookingsPerIpPerHour: '20',
  bookingsPerPhonePerDay: '5',
  dailySmsCap: '300',
}

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

/**
 * The demo app for one test file (started before its tests, stopped after), its database,
 * and requests signed in as a demo advisor (`email`, by default `defaultEmail`).
 */
export function demoWorkspace(defaultEmail = SOPHIE, env: Record<string, string> = {}) {
  let running: RunningApp
  let db: Db
  beforeAll(async () => {
    running = await startApp({ SEED_DEMO: '1', ...env })
    db = appDatabase(running)
  })
  afterAll(async () => {
    await db?.$disconnect()
    await running?.stop()
  })
  const as = demoSessions(() => running)
  return {
    get app() {
      return running
    },
    get database() {
      return db
    },
    as,
    get: async (path: string, email = defaultEmail) =>
      fetch(`${running.url}${path}`, { headers: { cookie: await as(email) }, redirect: 'manual' }),
    post: async (path: string, fields: Record<string, string>, email = defaultEmail) =>
      fetch(`${running.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: { cookie: await as(email) },
        redirect: 'manual',
      }),
  }
}
