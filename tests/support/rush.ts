import { decodeSlotStart } from '~/domain/time/slot-start'
import type { Db } from '~/platform/database/client.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { cookieOf, firstSlotPath, hiddenFields, postForm } from './journey'
import type { Served } from './server'

// Many people booking at the same second, through the real forms: each one walks the
// journey to the review page first (its own draft cookie, holding its nonce), then every
// confirmation is sent at once. Shared by the rush tests and `npm run bench:rush`.

export const RUSH_TOPIC = 'Déclarer mes impôts en ligne'
/**
 * What a resident who lost the slot reads: taken at the commit, or already gone when the
 * confirmation checked it (a booking elsewhere cleared the week's cache first).
 */
export const SLOT_TAKEN = /Désolé, ce créneau vient d’être pris|Ce créneau n’est plus disponible/u

export type Person = { firstName: string; lastName: string; phone: string }

/** A review page reached and not yet confirmed: what a browser would post. */
export type ReadyConfirmation = { path: string; cookie: string; fields: Record<string, string> }

/** The instant a slot path (`…/<start>/coordonnees`) books. */
export const startOfPath = (contactPath: string) => decodeSlotStart(contactPath.split('/').at(-2))!

/** Contact step, then the review page, as a browser without JavaScript. */
export async function reachReview(
  app: Served,
  contactPath: string,
  person: Person,
): Promise<ReadyConfirmation> {
  const contact = await postForm(app, contactPath, { ...person, consent: 'on' })
  const path = contact.headers.get('location')
  if (contact.status !== 302 || !path)
    throw new Error(`The contact step answered ${contact.status}`)
  const cookie = cookieOf(contact)
  const review = await fetch(`${app.url}${path}`, { headers: { cookie } })
  const html = await review.text()
  if (!html.includes('type="submit"'))
    throw new Error(`No Confirm button on ${path} (${review.status})`)
  return { path, cookie, fields: hiddenFields(html) }
}

export const confirmBooking = (app: Served, ready: ReadyConfirmation) =>
  postForm(app, ready.path, ready.fields, ready.cookie)

/** Runs `work` over the items, `width` at a time: preparing a rush is not the rush. */
export async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = []
  for (let index = 0; index < items.length; index += width) {
    results.push(...(await Promise.all(items.slice(index, index + width).map(work))))
  }
  return results
}

/** A name for a number, in letters only (names refuse digits): 0 → "Aa", 27 → "Bb". */
const letters = (value: number) =>
  String.fromCharCode(65 + (Math.floor(value / 26) % 26)) + String.fromCharCode(97 + (value % 26))

/** People with distinct names and mobile numbers; `round` (0 to 99) keeps rounds apart. */
export const people = (count: number, round = 0): Person[] =>
  Array.from({ length: count }, (_, index) => ({
    firstName: `Client ${letters(index)}`,
    lastName: `Ruée ${letters(round)}`,
    phone: `06 12 ${String(round).padStart(2, '0')} ${String(index).padStart(2, '0')} 00`,
  }))

/** Raises the per-address and per-phone budgets: the rush comes from one test address. */
export const liftRateLimits = (db: Db) =>
  db.organisation.update({
    where: { slug: DEMO_ORGANISATION_SLUG },
    data: { bookingsPerIpPerHour: 1_000_000, bookingsPerPhonePerDay: 1_000_000 },
  })

/** The next free slot of the rush topic at the town hall (one advisor per slot there). */
export const nextRushSlot = (app: Served, db: Db) => firstSlotPath(app, db, RUSH_TOPIC)

/** Free slot paths of the rush topic at the town hall, week after week, until `count`. */
export async function freeSlotPaths(app: Served, db: Db, count: number) {
  const { contactPath } = await nextRushSlot(app, db)
  const base = contactPath.split('/').slice(0, -2).join('/')
  const paths = new Set<string>()
  let week = `${app.url}${base}`
  for (let weeks = 0; weeks < 8 && paths.size < count; weeks++) {
    const response = await fetch(week)
    const html = await response.text()
    for (const match of html.matchAll(/href="([^"]+\/coordonnees)"/g)) paths.add(match[1]!)
    const next = /href="([^"]*\?semaine=[^"]+)"[^>]*>Semaine suivante/.exec(html)?.[1]
    if (!next) break
    week = new URL(next.replaceAll('&amp;', '&'), response.url).href
  }
  if (paths.size < count) throw new Error(`Only ${paths.size} free slots found`)
  return [...paths].slice(0, count)
}

/** Statuses of a set of responses, counted: { 303: 1, 409: 49 }. */
export function statusCounts(responses: { status: number }[]) {
  const counts: Record<number, number> = {}
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1
  return counts
}

export const serverErrors = (responses: Response[]) =>
  responses.filter((response) => response.status >= 500).length
