// Sign-in throttling that stops guessing without locking the real advisor out, and a
// client address that only a trusted proxy may state (decision 013). The app runs behind a
// "proxy" on loopback (TRUST_PROXY=loopback): each request says its client address in
// X-Forwarded-For, as a reverse proxy would.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { startApp, type RunningApp } from '../support/server'
import { KARIM, LEA } from '../support/workspace'

let app: RunningApp
beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1', TRUST_PROXY: 'loopback', WORKER: 'off' })
})
afterAll(async () => {
  await app?.stop()
})

function attempt(target: RunningApp, email: string, password: string, from: string, cookie = '') {
  const headers: Record<string, string> = { 'X-Forwarded-For': from }
  if (cookie) headers.cookie = cookie
  return fetch(`${target.url}/espace/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ email, password, redirectTo: '/espace' }),
    headers,
    redirect: 'manual',
  })
}

/** The cookie that marks this browser as one that signed in to the account. */
function deviceCookie(response: Response) {
  const found = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('advisor_device='))
  if (!found) throw new Error('no device cookie')
  return found.split(';')[0]!
}

async function failUntilRefused(email: string, from: (attempt: number) => string, most: number) {
  for (let count = 0; count < most; count += 1) {
    const response = await attempt(app, email, `wrong password ${count}`, from(count))
    if (response.status === 429) return count
    expect(response.status).toBe(400)
  }
  return null
}

describe(`sign-in throttling on ${testProvider}`, () => {
  test('a client is locked out of an account after 10 failures, even with the right password', async () => {
    expect(await failUntilRefused(KARIM, () => '203.0.113.10', 15)).toBe(10)
    const right = await attempt(app, KARIM, DEMO_PASSWORD, '203.0.113.10')
    expect(right.status).toBe(429)
    expect(right.headers.get('set-cookie')).toBeNull()
    expect(await right.text()).toContain('Trop de tentatives')
  })

  test('someone guessing elsewhere does not lock the advisor out', async () => {
    expect(await failUntilRefused(LEA, () => '203.0.113.20', 15)).toBe(10)
    const advisor = await attempt(app, LEA, DEMO_PASSWORD, '198.51.100.20')
    expect(advisor.status).toBe(302)
    expect(advisor.headers.getSetCookie().some((c) => c.startsWith('advisor_session='))).toBe(true)
  })

  test('guessing from many addresses is stopped, but not the advisor’s own browser', async () => {
    const email = 'camille.martin@val-de-sorne.example'
    const own = deviceCookie(await attempt(app, email, DEMO_PASSWORD, '198.51.100.30'))
    // A different address for every guess: only the account's own limit can stop them.
    const stoppedAfter = await failUntilRefused(email, (count) => `203.0.114.${count}`, 60)
    expect(stoppedAfter).toBe(50)
    expect((await attempt(app, email, DEMO_PASSWORD, '198.51.100.31')).status).toBe(429)
    // The browser that signed in before still can, from wherever it is.
    expect((await attempt(app, email, DEMO_PASSWORD, '198.51.100.32', own)).status).toBe(302)
  })

  test('a town hall’s staff behind one address sign in all day', async () => {
    const townHall = '192.0.2.50'
    const statuses = new Set<number>()
    for (let count = 0; count < 110; count += 1) {
      const email = count % 2 === 0 ? 'sophie.leroy@val-de-sorne.example' : KARIM
      // Now and then someone mistypes; successes do not count against the address.
      const password = count % 20 === 0 ? 'a typo' : DEMO_PASSWORD
      statuses.add((await attempt(app, email, password, townHall)).status)
    }
    expect([...statuses].sort()).toEqual([302, 400])
  })

  test('one address trying many accounts is stopped', async () => {
    let refusedAt: number | null = null
    for (let count = 0; count < 120 && refusedAt === null; count += 1) {
      const response = await attempt(
        app,
        `guess${count}@example.org`,
        'some password',
        '203.0.115.1',
      )
      if (response.status === 429) refusedAt = count
    }
    expect(refusedAt).toBe(100)
  })
})

describe(`client addresses on ${testProvider}`, () => {
  test('with TRUST_PROXY naming the proxy, a forged X-Forwarded-For from elsewhere is ignored', async () => {
    // The only trusted proxy is another machine: this client's own header proves nothing.
    const direct = await startApp({ SEED_DEMO: '1', TRUST_PROXY: '192.0.2.1', WORKER: 'off' })
    try {
      let refused = 0
      for (let count = 0; count < 12; count += 1) {
        const response = await attempt(direct, LEA, 'wrong password', `203.0.116.${count}`)
        if (response.status === 429) refused += 1
      }
      // Every guess counted for the one real address: the 11th and 12th are refused.
      expect(refused).toBe(2)
    } finally {
      await direct.stop()
    }
  })

  test('with TRUST_PROXY set, a request past the proxy is told to the operator once', async () => {
    await fetch(`${app.url}/healthz`)
    await fetch(`${app.url}/healthz`)
    const warnings = app.output().split('TRUST_PROXY is set but a request arrived').length - 1
    expect(warnings).toBe(1)
  })
})
