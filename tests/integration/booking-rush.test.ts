// Everyone at the same second, through the served app: many residents confirming one slot,
// reception booking on behalf over them, one phone booking many slots at once, and one
// manage link's move sent many times. Each case was seen failing on PostgreSQL (deadlocks,
// 5xx, limits and moves not holding under concurrency) before the advisor's writes were
// serialised (docs/decisions/005-no-overlap-in-the-database.md).
import { beforeAll, describe, expect, test } from 'vitest'
import { hashManageToken } from '~/domain/booking/manage-token.server'
import { testProvider } from '../support/database'
import { hiddenFields, postForm } from '../support/journey'
import {
  confirmBooking,
  freeSlotPaths,
  inBatches,
  liftRateLimits,
  nextRushSlot,
  people,
  reachReview,
  serverErrors,
  SLOT_TAKEN,
  startOfPath,
  statusCounts,
  type Person,
} from '../support/rush'
import { demoWorkspace, SOPHIE } from '../support/workspace'

const workspace = demoWorkspace(SOPHIE)
const app = () => workspace.app
const db = () => workspace.database

beforeAll(() => liftRateLimits(db()))

/** Booked appointments at this time and place (other places may book the same time). */
const activeAt = (start: Date, siteId: string) =>
  db().appointment.count({ where: { startsAt: start, siteId, status: 'BOOKED' } })

/** The reception's booking form for a new resident at `start`: the fields it posts. */
async function deskBooking(topicId: string, siteId: string, start: Date, person: Person) {
  const query = new URLSearchParams({ usager: 'nouveau', motif: topicId, lieu: siteId })
  const html = await (await workspace.get(`/espace/reserver?${query}`)).text()
  const nonce = /name="nonce" value="([^"]+)"/.exec(html)![1]!
  return {
    usager: 'nouveau',
    motif: topicId,
    lieu: siteId,
    nonce,
    start: start.toISOString(),
    ...person,
    consent: 'on',
  }
}

describe(`a booking rush on ${testProvider}`, () => {
  test('50 residents confirming one slot at once: one booked, 49 told it was taken, no server error', async () => {
    const { contactPath, site } = await nextRushSlot(app(), db())
    const ready = await inBatches(people(50, 1), 10, (person) =>
      reachReview(app(), contactPath, person),
    )
    const responses = await Promise.all(ready.map((each) => confirmBooking(app(), each)))

    expect(serverErrors(responses)).toBe(0)
    expect(statusCounts(responses)).toEqual({ 303: 1, 409: 49 })
    const refusal = await responses.find((response) => response.status === 409)!.text()
    expect(refusal).toMatch(SLOT_TAKEN)
    expect(await activeAt(startOfPath(contactPath), site.id)).toBe(1)
  })

  test('reception booking on behalf over public confirmations of the same slot: one booked, no server error', async () => {
    const { contactPath, topic, site } = await nextRushSlot(app(), db())
    const start = startOfPath(contactPath)
    const ready = await inBatches(people(25, 2), 10, (person) =>
      reachReview(app(), contactPath, person),
    )
    const desk = await inBatches(people(25, 3), 10, (person) =>
      deskBooking(topic.id, site.id, start, person),
    )
    const responses = await Promise.all([
      ...ready.map((each) => confirmBooking(app(), each)),
      ...desk.map((fields) => workspace.post('/espace/reserver', fields)),
    ])

    expect(serverErrors(responses)).toBe(0)
    const booked = responses.filter(
      (response) => response.status === 302 || response.status === 303,
    )
    expect(booked).toHaveLength(1)
    expect(responses.filter((response) => response.status === 409)).toHaveLength(49)
    expect(await activeAt(start, site.id)).toBe(1)
  })

  test('20 bookings at once for one phone on distinct slots: exactly the limit of 3 is booked', async () => {
    const organisation = await db().organisation.findFirstOrThrow()
    expect(organisation.maxUpcomingPerContact).toBe(3)
    const paths = await freeSlotPaths(app(), db(), 20)
    const person = { firstName: 'Odile', lastName: 'Pressée', phone: '06 98 76 54 32' }
    const ready = await inBatches(paths, 10, (path) => reachReview(app(), path, person))
    const responses = await Promise.all(ready.map((each) => confirmBooking(app(), each)))

    expect(serverErrors(responses)).toBe(0)
    expect(statusCounts(responses)).toEqual({ 303: 3, 409: 17 })
    // A booking gives the time to one of the site's advisors, which can take from another
    // listed time the only advisor free then: that one is refused as gone, the rest at the limit.
    const refusals = await Promise.all(
      responses.filter((response) => response.status === 409).map((response) => response.text()),
    )
    const LIMIT = 'Vous avez déjà 3 rendez-vous à venir.'
    expect(refusals.filter((text) => !text.includes(LIMIT) && !SLOT_TAKEN.test(text))).toEqual([])
    expect(refusals.filter((text) => text.includes(LIMIT)).length).toBeGreaterThan(0)
    expect(
      await db().appointment.count({
        where: { status: 'BOOKED', resident: { phoneE164: '+33698765432' } },
      }),
    ).toBe(3)
  })

  test('the same move sent 10 times at once through one link: moved once, the others told it already was', async () => {
    const { contactPath } = await nextRushSlot(app(), db())
    const [person] = people(1, 4)
    const booked = await confirmBooking(app(), await reachReview(app(), contactPath, person!))
    const manage = booked.headers.get('location')!.split('?')[0]!
    const before = await db().appointment.findUniqueOrThrow({
      where: { manageTokenHash: hashManageToken(manage.slice('/r/'.length)) },
    })
    const week = await (await fetch(`${app().url}${manage}/deplacer`)).text()
    const target = [...week.matchAll(/href="([^"]+\/deplacer\/[^"?]+)"/g)]
      .map((match) => match[1]!)
      .find((path) => !path.endsWith(contactPath.split('/').at(-2)!))!
    const confirmPage = await (await fetch(`${app().url}${target}`)).text()
    const fields = hiddenFields(confirmPage)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postForm(app(), target, fields)),
    )

    expect(serverErrors(responses)).toBe(0)
    const locations = responses.map((response) => response.headers.get('location'))
    expect(locations.filter((location) => location === `${manage}?deplace=1`)).toHaveLength(1)
    expect(locations.filter((location) => location === `${manage}?deja-deplace=1`)).toHaveLength(9)
    const told = await (await fetch(`${app().url}${manage}?deja-deplace=1`)).text()
    expect(told).toContain('Ce rendez-vous a déjà été déplacé')
    const after = await db().appointment.findUniqueOrThrow({ where: { id: before.id } })
    expect(after.version).toBe(before.version + 1)
    expect(
      await db().auditEvent.count({
        where: { entityId: before.id, action: 'APPOINTMENT_MOVED_BY_RESIDENT' },
      }),
    ).toBe(1)
    expect(
      await db().notification.count({ where: { appointmentId: before.id, kind: 'MOVED' } }),
    ).toBe(1)
  })
})
