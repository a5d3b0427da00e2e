// A confirmation sent again is recognised only from the browser that booked: by the nonce
// its signed draft holds, never by anything a form carries or the database keeps. Seen
// failing before: the review page's form carried a key, stored in plain text, and that key
// sent with any valid draft returned its booking's manage link.
import { inflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { hashManageToken } from '~/domain/booking/manage-token.server'
import { testProvider } from '../support/database'
import { appDatabase, hiddenFields, postForm } from '../support/journey'
import {
  confirmBooking,
  liftRateLimits,
  nextRushSlot,
  people,
  reachReview,
  startOfPath,
  type Person,
} from '../support/rush'
import { startApp, type RunningApp } from '../support/server'

let app: RunningApp
let db: Db
beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1', NOTIFY_SMS: 'off' })
  db = appDatabase(app)
  await liftRateLimits(db)
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
})

/** What the review page's form posts, hidden fields included, as a browser would. */
async function reviewForm(path: string, cookie: string) {
  const html = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text()
  expect(html).toContain('Confirmer le rendez-vous')
  return hiddenFields(html)
}

/** The nonce inside a signed draft cookie (deflated JSON in base64url, a dot, the signature). */
function nonceOf(cookie: string) {
  const value = /booking_draft=([^;]+)/.exec(cookie)![1]!
  const payload = Buffer.from(value.slice(0, value.lastIndexOf('.')), 'base64url')
  return JSON.parse(inflateRawSync(payload).toString('utf8')).nonce as string
}

const bookedAt = (start: Date) => db.appointment.findMany({ where: { startsAt: start } })
const managePath = (response: Response) => response.headers.get('location')?.split('?')[0]

describe(`a confirmation sent again, on ${testProvider}`, () => {
  test('what the database holds, or a guessed key, sent with another valid draft reveals no booking’s link', async () => {
    const { contactPath } = await nextRushSlot(app, db)
    const start = startOfPath(contactPath)
    const [first, second] = people(2, 40) as [Person, Person]
    // Someone else is on the same review page when the first resident confirms.
    const other = await reachReview(app, contactPath, second)
    const booked = await confirmBooking(app, await reachReview(app, contactPath, first))
    expect(booked.status).toBe(303)
    const link = managePath(booked)!
    const [row] = await bookedAt(start)
    const stolen = Object.values(row!).filter((value): value is string => typeof value === 'string')
    const guessed = ['aaaaaaaa-bbbb-4ccc-8ddd-000000000001', 'A'.repeat(24), '../../etc']

    const statuses = new Set<number>()
    for (const value of [...stolen, ...guessed]) {
      const answer = await postForm(
        app,
        other.path,
        { ...other.fields, idempotencyKey: value, nonce: value },
        other.cookie,
      )
      expect(managePath(answer), value).not.toBe(link)
      expect(await answer.text(), value).not.toContain(link)
      statuses.add(answer.status)
    }
    // The time is taken, and the form's values change nothing about that.
    expect([...statuses]).toEqual([409])
    expect(await bookedAt(start)).toHaveLength(1)

    // The same values with a draft for a free time book that time, with a link of its own.
    const free = await nextRushSlot(app, db)
    const elsewhere = await reachReview(app, free.contactPath, second)
    const own = await postForm(
      app,
      elsewhere.path,
      { idempotencyKey: row!.idempotencyKeyHash!, nonce: row!.idempotencyKeyHash! },
      elsewhere.cookie,
    )
    expect(own.status).toBe(303)
    expect(managePath(own)).toMatch(/^\/r\/[A-Za-z0-9_-]{24}$/)
    expect(managePath(own)).not.toBe(link)
    const [ownRow] = await bookedAt(startOfPath(free.contactPath))
    expect(ownRow!.id).not.toBe(row!.id)
  })

  test('confirmed twice at once, and from a second tab, by one browser: one appointment, one link', async () => {
    const { contactPath } = await nextRushSlot(app, db)
    const start = startOfPath(contactPath)
    const ready = await reachReview(app, contactPath, people(1, 41)[0]!)
    // Two tabs of the review page, each posting what its form holds.
    const [tab1, tab2] = [
      await reviewForm(ready.path, ready.cookie),
      await reviewForm(ready.path, ready.cookie),
    ]
    const [click, doubleClick] = await Promise.all([
      postForm(app, ready.path, tab1, ready.cookie),
      postForm(app, ready.path, tab1, ready.cookie),
    ])
    const fromTab2 = await postForm(app, ready.path, tab2, ready.cookie)

    for (const response of [click, doubleClick, fromTab2]) expect(response.status).toBe(303)
    const link = managePath(click)!
    expect(managePath(doubleClick)).toBe(link)
    expect(managePath(fromTab2)).toBe(link)
    expect(await bookedAt(start)).toHaveLength(1)
    expect((await fetch(`${app.url}${link}`)).status).toBe(200)
  })

  test('the appointment row keeps only hashes: neither the draft’s nonce nor the manage token', async () => {
    const { contactPath } = await nextRushSlot(app, db)
    const ready = await reachReview(app, contactPath, people(1, 42)[0]!)
    const nonce = nonceOf(ready.cookie)
    const booked = await confirmBooking(app, ready)
    const token = managePath(booked)!.slice('/r/'.length)

    const [row] = await bookedAt(startOfPath(contactPath))
    expect(row!.manageTokenHash).toBe(hashManageToken(token))
    expect(row!.idempotencyKeyHash).toMatch(/^[0-9a-f]{64}$/)
    const stored = JSON.stringify(row)
    expect(stored).not.toContain(token)
    expect(stored).not.toContain(nonce)
    expect(JSON.stringify(await db.appointment.findMany())).not.toContain(nonce)
  })
})
