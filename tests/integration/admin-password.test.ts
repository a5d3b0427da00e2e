import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { DEMO_PASSWORD } from '~/features/demo/seed.server'
import { testProvider } from '../support/database'
import { startApp, until, type RunningApp } from '../support/server'
import { startLoopbackSmtp } from '../support/smtp'
import { KARIM, LEA } from '../support/workspace'

// Forgotten password, end to end: the request page, the email received by a real SMTP
// server on loopback, the link (once, one hour), sessions revoked, sign-in with the new one.

let app: RunningApp
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>
let database: Db
beforeAll(async () => {
  smtp = await startLoopbackSmtp()
  app = await startApp({ SEED_DEMO: '1', SMTP_URL: smtp.url, WORKER: 'off' })
  database = createDb(resolveDatabaseConfig(app.databaseUrl))
})
afterAll(async () => {
  await database?.$disconnect()
  await app?.stop()
  await smtp?.close()
})

const post = (path: string, fields: Record<string, string>, cookie = '') =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { cookie },
    redirect: 'manual',
  })

async function signIn(email: string, password: string) {
  const response = await post('/espace/connexion', { email, password })
  return response.status === 302 ? response.headers.get('set-cookie')!.split(';')[0]! : null
}

describe(`forgotten password on ${testProvider}`, () => {
  test('the sign-in page links to the request page', async () => {
    const html = await (await fetch(`${app.url}/espace/connexion`)).text()
    expect(html).toContain('href="/espace/mot-de-passe"')
    expect(html).toContain('Mot de passe oublié ?')
  })

  test('a known and an unknown email get the same answer; only the known one gets mail', async () => {
    const before = smtp.received.length
    const unknown = await post('/espace/mot-de-passe', { email: 'personne@example.test' })
    expect(unknown.status).toBe(302)
    expect(unknown.headers.get('location')).toBe('/espace/mot-de-passe?envoye=1')
    const known = await post('/espace/mot-de-passe', { email: 'Lea.Fontaine@val-de-sorne.example' })
    expect(known.status).toBe(302)
    expect(known.headers.get('location')).toBe('/espace/mot-de-passe?envoye=1')
    await until(() => smtp.received.length === before + 1)
    const mail = smtp.received.at(-1)!
    expect(mail.subject).toBe('Nouveau mot de passe pour Permanence')
    expect(mail.text).toContain('Bonjour Léa,')
    const page = await (await fetch(`${app.url}/espace/mot-de-passe?envoye=1`)).text()
    expect(page).toContain('Si un compte correspond à cette adresse')
  })

  test('the answer does not wait for the email: it cannot tell which emails are accounts', async () => {
    const before = smtp.received.length
    const hold = smtp.holdNext()
    const answer = await post('/espace/mot-de-passe', {
      email: 'karim.benali@val-de-sorne.example',
    })
    // The SMTP server still holds the mail: the page answered before it was sent.
    expect(answer.status).toBe(302)
    expect(smtp.received.length).toBe(before)
    hold.release()
    await until(() => smtp.received.length === before + 1)
    expect(JSON.stringify(smtp.received.at(-1)!.to)).toContain('karim.benali@val-de-sorne.example')
  })

  test('the link sets a new password once, ends every session, and the new one signs in', async () => {
    const oldSession = await signIn(KARIM, DEMO_PASSWORD)
    expect(oldSession).not.toBeNull()
    const before = smtp.countTo(KARIM)
    expect((await post('/espace/mot-de-passe', { email: KARIM })).status).toBe(302)
    const link = await smtp.nextLinkTo(KARIM, '/espace/mot-de-passe/', before)

    const form = await fetch(`${app.url}${link}`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Compte : karim.benali@val-de-sorne.example')

    const short = await post(link, { password: 'court', confirmation: 'court' })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('au moins 10 caractères')
    const mismatch = await post(link, {
      password: 'une phrase assez longue',
      confirmation: 'une autre phrase longue',
    })
    expect(mismatch.status).toBe(400)
    expect(await mismatch.text()).toContain('ne sont pas identiques')
    const common = await post(link, { password: 'motdepasse123', confirmation: 'motdepasse123' })
    expect(await common.text()).toContain('trop courant')

    const newPassword = 'le chat dort sur la box'
    const done = await post(link, { password: newPassword, confirmation: newPassword })
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/espace/mot-de-passe?fait=1')

    const stale = await fetch(`${app.url}/espace`, {
      headers: { cookie: oldSession! },
      redirect: 'manual',
    })
    expect(stale.status).toBe(302)
    expect(await signIn(KARIM, DEMO_PASSWORD)).toBeNull()
    expect(await signIn(KARIM, newPassword)).not.toBeNull()

    const again = await fetch(`${app.url}${link}`)
    expect(again.status).toBe(410)
    expect(await again.text()).toContain('Ce lien a déjà servi')
    const replay = await post(link, {
      password: 'encore une phrase',
      confirmation: 'encore une phrase',
    })
    expect(replay.status).toBe(410)
    expect(await signIn(KARIM, newPassword)).not.toBeNull()

    const audit = await database.auditEvent.findFirst({
      where: { action: 'ADVISOR_PASSWORD_RESET' },
    })
    expect(audit).not.toBeNull()
  })

  test('an expired link is refused with a clear message', async () => {
    const before = smtp.countTo(LEA)
    expect((await post('/espace/mot-de-passe', { email: LEA })).status).toBe(302)
    const link = await smtp.nextLinkTo(LEA, '/espace/mot-de-passe/', before)
    const lea = await database.advisor.findUniqueOrThrow({ where: { email: LEA } })
    await database.advisorToken.updateMany({
      where: { advisorId: lea.id, purpose: 'PASSWORD_RESET', usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const page = await fetch(`${app.url}${link}`)
    expect(page.status).toBe(410)
    expect(await page.text()).toContain('Ce lien a expiré')
    const attempt = await post(link, {
      password: 'une phrase bien longue',
      confirmation: 'une phrase bien longue',
    })
    expect(attempt.status).toBe(410)
    expect(await signIn(LEA, DEMO_PASSWORD)).not.toBeNull()
  })

  test('an unknown link is 404', async () => {
    const page = await fetch(
      `${app.url}/espace/mot-de-passe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    )
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('Ce lien n’est pas valable')
  })

  test('an SMTP refusal is logged for the operator, and the unsent link does not work', async () => {
    smtp.refuseNext()
    const response = await post('/espace/mot-de-passe', {
      email: 'sophie.leroy@val-de-sorne.example',
    })
    // The same answer as for any address: the failure is the operator's to see.
    expect(response.status).toBe(302)
    const sophie = await database.advisor.findUniqueOrThrow({
      where: { email: 'sophie.leroy@val-de-sorne.example' },
    })
    await until(() => app.output().includes('advisor email not sent'))
    // The link was issued, then withdrawn once the mail failed.
    const tokens = () => database.advisorToken.findMany({ where: { advisorId: sophie.id } })
    await until(async () => {
      const issued = await tokens()
      return issued.length > 0 && issued.every((token) => token.usedAt !== null)
    })
  })

  test('requests are throttled per account', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      statuses.push((await post('/espace/mot-de-passe', { email: 'flood@example.test' })).status)
    }
    expect(statuses.slice(0, 5)).toEqual([302, 302, 302, 302, 302])
    expect(statuses[5]).toBe(429)
  })
})
