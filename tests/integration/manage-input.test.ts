import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'

let app: RunningApp
let db: Db
let managePath: string

beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1' })
  db = appDatabase(app)
  const { contactPath } = await firstSlotPath(app, db, 'Déclarer mes impôts en ligne')
  const contact = await postForm(app, contactPath, {
    firstName: 'Marie',
    lastName: 'Annulation',
    phone: '06 12 34 56 99',
  })
  const confirmed = await postForm(app, contact.headers.get('location')!, {}, cookieOf(contact))
  managePath = new URL(confirmed.headers.get('location')!, app.url).pathname
})
afterAll(async () => {
  await db.$disconnect()
  await app.stop()
})

const appointment = () =>
  db.appointment.findFirstOrThrow({ where: { resident: { lastName: 'Annulation' } } })

describe(`bad input on the manage link (${testProvider})`, () => {
  test('a too long reason is refused next to the field, kept, and cancels nothing', async () => {
    const reason = 'r'.repeat(301)
    const response = await postForm(app, `${managePath}/annuler`, { reason })
    const html = await response.text()
    expect(response.status).toBe(400)
    expect(html).toContain('Ce texte est trop long (300 caractères au plus).')
    expect(html).toContain('class="error-summary"')
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain(reason)
    expect((await appointment()).status).toBe('BOOKED')

    const cancelled = await postForm(app, `${managePath}/annuler`, { reason: 'Plus besoin' })
    expect(cancelled.status).toBe(303)
    expect(await appointment()).toMatchObject({
      status: 'EXCUSED',
      cancellationReason: 'Plus besoin',
    })
  })
})
