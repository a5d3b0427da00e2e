import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { book } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import { encodeSlotStart } from '~/domain/time/slot-start'
import {
  acceptEarlierSlot,
  askForAppointment,
  askWithoutAppointment,
  scanEarlierSlots,
  takeEarlierSlot,
} from '~/features/alerts/index.server'
import { bookingPorts } from '~/features/journey/index.server'
import { availability } from '~/features/schedule/index.server'
import { cancelByResident, findByManageToken } from '~/features/manage/commands.server'
import { nameSearchKey } from '~/domain/residents/identity'
import { createDb, type Db } from '~/platform/database/client.server'
import { bookingRequest, SECRET } from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import {
  bookFor,
  inParis,
  openDayAhead,
  openOnDays,
  type OpenDays,
} from '../support/alert-fixtures'
import { appDatabase } from '../support/journey'
import { startApp, TEST_SESSION_SECRET, type RunningApp } from '../support/server'
import { demoSessions, SOPHIE } from '../support/workspace'

// Earlier-slot alerts (issue 12, item 6; decision 083). The scan, the limits and the
// answers run against a database of their own with a fixed clock; asking and taking the
// offered time go through the served app as a browser without JavaScript would.
// An OUI reply through the fake Twilio is not tested here: the inbound SMS handling is the
// notify branch's and is not on main yet, so acceptEarlierSlot (what it calls) is.

const at = inParis
/** Monday 3 March 2031, 10:00 in Paris. */
const NOW = at('2031-03-03T10:00')
/** The days the fixture's advisor opens, 09:00-10:00 (two 30-minute slots each). */
const EARLY = '2031-03-13'
const MIDDLE = '2031-03-20'
const LATE = '2031-03-24'

describe(`the scan and the answers, on ${testProvider}`, () => {
  let database: TestDatabase
  let db: Db
  beforeAll(async () => {
    database = await createTestDatabase()
    db = database.db
  })
  afterAll(() => database.drop())

  const openOn = (...days: string[]) => openOnDays(db, days)
  type Fixture = OpenDays
  const bookAt = (fixture: Fixture, start: Date, now = NOW) =>
    bookFor(db, fixture, start, { now, secret: SECRET })

  async function cancel(appointmentId: string, now = NOW) {
    const record = await findByManageToken(db, manageTokenFor(appointmentId, SECRET).token)
    expect(await cancelByResident(db, record!, null, now)).toBe(true)
  }

  /** Every time of a day booked; returns the appointments, earliest first. */
  const fill = (fixture: Fixture, day: string) =>
    Promise.all([bookAt(fixture, at(`${day}T09:00`)), bookAt(fixture, at(`${day}T09:30`))])

  /** A resident booked on the late day who asks for alerts. */
  async function waitingResident(fixture: Fixture) {
    const appointmentId = await bookAt(fixture, at(`${LATE}T09:00`))
    const asked = await askForAppointment(db, appointmentId, { kind: 'RESIDENT' }, NOW)
    expect(asked.ok).toBe(true)
    const request = await db.earlierSlotRequest.findFirstOrThrow({ where: { appointmentId } })
    return { appointmentId, request }
  }

  const alertsOf = (requestId: string) =>
    db.notification.findMany({
      where: { earlierSlotRequestId: requestId },
      orderBy: { createdAt: 'asc' },
    })
  /** What the worker does once it sent the alerts: none of them is waiting any more. */
  const sendAlerts = (requestId: string) =>
    db.notification.updateMany({
      where: { earlierSlotRequestId: requestId, status: 'PENDING' },
      data: { status: 'SENT', sentAt: NOW },
    })

  test('a freed earlier time writes one alert, in the resident’s channel, with the time offered', async () => {
    const fixture = await openOn(EARLY, LATE)
    const [, earlyLate] = await fill(fixture, EARLY)
    const { appointmentId, request } = await waitingResident(fixture)
    expect(request).toMatchObject({ status: 'ACTIVE', alertsSent: 0, maxAlerts: 3 })
    // Nothing earlier is free yet.
    await scanEarlierSlots(db, NOW)
    expect(await alertsOf(request.id)).toHaveLength(0)

    await cancel(earlyLate!)
    await scanEarlierSlots(db, NOW)
    const [alert, ...more] = await alertsOf(request.id)
    expect(more).toHaveLength(0)
    const resident = await db.appointment.findUniqueOrThrow({
      where: { id: appointmentId },
      select: { resident: { select: { phoneE164: true } } },
    })
    expect(alert).toMatchObject({
      kind: 'EARLIER_SLOT:1',
      channel: 'SMS',
      recipient: resident.resident.phoneE164,
      status: 'PENDING',
      dueAt: NOW,
      appointmentId: null,
    })
    expect(
      await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: 'ACTIVE', alertsSent: 1, offeredStartsAt: at(`${EARLY}T09:30`) })

    // The same time still free, sent or not: not told twice.
    await scanEarlierSlots(db, NOW)
    await sendAlerts(request.id)
    await scanEarlierSlots(db, NOW)
    expect(await alertsOf(request.id)).toHaveLength(1)
  })

  test('at most the organisation’s number of alerts, then the request is done', async () => {
    const fixture = await openOn(EARLY, LATE)
    await db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { earlierSlotAlerts: 2 },
    })
    const [earlyNine, earlyHalf] = await fill(fixture, EARLY)
    const { request } = await waitingResident(fixture)
    expect(request.maxAlerts).toBe(2)

    await cancel(earlyHalf!)
    await scanEarlierSlots(db, NOW)
    await sendAlerts(request.id)
    // Someone else takes 9:30; then 9:00 frees: news, alert 2, the last.
    const taker = await bookAt(fixture, at(`${EARLY}T09:30`))
    await cancel(earlyNine!)
    await scanEarlierSlots(db, NOW)
    await sendAlerts(request.id)
    // And 9:30 frees again: no third alert.
    await cancel(taker)
    await scanEarlierSlots(db, NOW)
    expect((await alertsOf(request.id)).map((alert) => alert.kind)).toEqual([
      'EARLIER_SLOT:1',
      'EARLIER_SLOT:2',
    ])
    expect(
      await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: 'DONE', alertsSent: 2, offeredStartsAt: at(`${EARLY}T09:00`) })
    // The last alert's time can still be taken.
    const taken = await acceptEarlierSlot(db, request.id, NOW)
    expect(taken).toMatchObject({ ok: true, moved: true })
  })

  test('no alert in the last seven days before the appointment, and none can be asked then', async () => {
    const fixture = await openOn(MIDDLE, LATE)
    await fill(fixture, MIDDLE)
    const { request } = await waitingResident(fixture)
    const middle = await db.appointment.findFirstOrThrow({
      where: { organisationId: fixture.organisation.id, startsAt: at(`${MIDDLE}T09:30`) },
    })
    // Six days before the 24th, the 20th frees up: too late to alert.
    const sixDaysBefore = at('2031-03-18T10:00')
    await cancel(middle.id, sixDaysBefore)
    await scanEarlierSlots(db, sixDaysBefore)
    expect(await alertsOf(request.id)).toHaveLength(0)
    // Seen eight days before, the same free time is worth an alert.
    await scanEarlierSlots(db, at('2031-03-16T10:00'))
    expect(await alertsOf(request.id)).toHaveLength(1)

    const soon = await bookAt(fixture, at(`${MIDDLE}T09:30`), sixDaysBefore)
    expect(await askForAppointment(db, soon, { kind: 'RESIDENT' }, sixDaysBefore)).toEqual({
      ok: false,
      refusal: 'TOO_CLOSE',
    })
  })

  test('found at night, the alert waits for the end of quiet hours and offers a time after it', async () => {
    const fixture = await openOn('2031-03-04', EARLY, LATE)
    const [tuesdayNine] = await fill(fixture, '2031-03-04')
    const [earlyNine] = await fill(fixture, EARLY)
    const { request } = await waitingResident(fixture)
    const evening = at('2031-03-03T22:00')
    await cancel(tuesdayNine!, evening)
    await scanEarlierSlots(db, evening)
    // Due at 08:30, the alert cannot offer 9:00 (less than an hour to answer): nothing yet.
    expect(await alertsOf(request.id)).toHaveLength(0)

    const late = at('2031-03-03T23:00')
    await cancel(earlyNine!, late)
    await scanEarlierSlots(db, late)
    const [alert] = await alertsOf(request.id)
    expect(alert).toMatchObject({ kind: 'EARLIER_SLOT:1', dueAt: at('2031-03-04T08:30') })
    expect(
      (await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } }))
        .offeredStartsAt,
    ).toEqual(at('2031-03-13T09:00'))
  })

  test('two scans at once write one alert', async () => {
    const fixture = await openOn(EARLY, LATE)
    const [earlyNine] = await fill(fixture, EARLY)
    const { request } = await waitingResident(fixture)
    await cancel(earlyNine!)
    // Two workers, each with its own connections. On SQLite, two clients in one process
    // would block each other's thread (better-sqlite3 waits synchronously for the write
    // lock): there the two scans share one client, and still interleave their reads and
    // their writes.
    const other = testProvider === 'postgresql' ? createDb(database.config) : db
    try {
      await Promise.all([scanEarlierSlots(db, NOW), scanEarlierSlots(other, NOW)])
    } finally {
      if (other !== db) await other.$disconnect()
    }
    expect(await alertsOf(request.id)).toHaveLength(1)
    expect(
      (await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } })).alertsSent,
    ).toBe(1)
  })

  test('taking the offered time moves the appointment: same id, earlier time, later one freed', async () => {
    const fixture = await openOn(EARLY, LATE)
    const [earlyNine] = await fill(fixture, EARLY)
    const { appointmentId, request } = await waitingResident(fixture)
    const before = await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })
    await cancel(earlyNine!)
    await scanEarlierSlots(db, NOW)

    expect(await acceptEarlierSlot(db, request.id, NOW)).toEqual({
      ok: true,
      appointmentId,
      moved: true,
    })
    const after = await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })
    expect(after).toMatchObject({
      status: 'BOOKED',
      startsAt: at(`${EARLY}T09:00`),
      version: before.version + 1,
      manageTokenHash: before.manageTokenHash,
    })
    expect(
      await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: 'DONE', offeredStartsAt: null })
    // The resident is told of the move; the later time is free for someone else.
    expect(
      await db.notification.count({ where: { appointmentId, kind: 'MOVED', status: 'PENDING' } }),
    ).toBe(1)
    await bookAt(fixture, at(`${LATE}T09:00`))
    const actions = await db.auditEvent.findMany({
      where: { entityId: appointmentId },
      select: { action: true },
    })
    expect(actions.map((event) => event.action).sort()).toEqual([
      'APPOINTMENT_BOOKED',
      'APPOINTMENT_MOVED_BY_RESIDENT',
      'EARLIER_SLOT_ASKED',
      'EARLIER_SLOT_TAKEN',
    ])
    // Answered twice (the link after the SMS): the same answer, nothing moves again.
    expect(await takeEarlierSlot(db, request.id, at(`${EARLY}T09:00`), NOW)).toMatchObject({
      ok: true,
      appointmentId,
    })
    expect(await acceptEarlierSlot(db, request.id, NOW)).toEqual({ ok: false, reason: 'GONE' })
  })

  test('a stale alert: the offered time was taken meanwhile; nothing moves', async () => {
    const fixture = await openOn(EARLY, LATE)
    const [earlyNine] = await fill(fixture, EARLY)
    const { appointmentId, request } = await waitingResident(fixture)
    await cancel(earlyNine!)
    await scanEarlierSlots(db, NOW)
    await bookAt(fixture, at(`${EARLY}T09:00`))

    expect(await acceptEarlierSlot(db, request.id, NOW)).toEqual({ ok: false, reason: 'TAKEN' })
    expect(await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).toMatchObject({
      startsAt: at(`${LATE}T09:00`),
      status: 'BOOKED',
    })
    expect(
      (await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } })).status,
    ).toBe('ACTIVE')
    // A time later than the appointment is never taken through an alert.
    expect(await takeEarlierSlot(db, request.id, at(`${LATE}T09:30`), NOW)).toEqual({
      ok: false,
      reason: 'GONE',
    })
  })

  test('a topic no longer offered ends its requests; its offer can no longer be taken', async () => {
    const fixture = await openOn(EARLY, LATE)
    const [earlyNine] = await fill(fixture, EARLY)
    const { request } = await waitingResident(fixture)
    await cancel(earlyNine!)
    await scanEarlierSlots(db, NOW)
    await db.topic.update({ where: { id: fixture.topic.id }, data: { active: false } })
    expect(await acceptEarlierSlot(db, request.id, NOW)).toEqual({ ok: false, reason: 'GONE' })
    await sendAlerts(request.id)
    await scanEarlierSlots(db, NOW)
    expect(
      await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: 'DONE', offeredStartsAt: null })
  })

  test('without an appointment: alerted for any free time, and taking it books one', async () => {
    const fixture = await openOn(EARLY)
    const [earlyNine] = await fill(fixture, EARLY)
    const asked = await askWithoutAppointment(db, {
      organisationId: fixture.organisation.id,
      topicId: fixture.topic.id,
      mode: 'IN_PERSON',
      siteId: fixture.site.id,
      resident: {
        firstName: 'Sans',
        lastName: 'Créneau',
        searchKey: nameSearchKey('Sans', 'Créneau'),
        phoneE164: null,
        phoneType: null,
        email: 'sans.creneau@example.test',
        language: 'fr',
        consent: true,
      },
    })
    expect(asked.ok).toBe(true)
    const request = await db.earlierSlotRequest.findFirstOrThrow({
      where: { organisationId: fixture.organisation.id, appointmentId: null },
    })
    await cancel(earlyNine!)
    await scanEarlierSlots(db, NOW)
    expect(await alertsOf(request.id)).toMatchObject([
      { kind: 'EARLIER_SLOT:1', channel: 'EMAIL', recipient: 'sans.creneau@example.test' },
    ])
    const taken = await acceptEarlierSlot(db, request.id, NOW)
    expect(taken).toMatchObject({ ok: true, moved: false })
    const booked = await db.appointment.findUniqueOrThrow({
      where: { id: taken.ok ? taken.appointmentId : '' },
      include: { resident: true },
    })
    expect(booked).toMatchObject({ startsAt: at(`${EARLY}T09:00`), residentId: request.residentId })
    expect(booked.resident.email).toBe('sans.creneau@example.test')
    expect(
      await db.earlierSlotRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: 'DONE', appointmentId: booked.id })
  })
})

describe(`asking and taking an earlier time over HTTP (${testProvider})`, () => {
  let app: RunningApp
  let db: Db
  const as = demoSessions(() => app)
  beforeAll(async () => {
    app = await startApp({ SEED_DEMO: '1' })
    db = appDatabase(app)
  })
  afterAll(async () => {
    await db?.$disconnect()
    await app?.stop()
  })

  /** A form posted from the app's own page (the Origin a browser sends). */
  const post = (
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { origin: app.url, ...headers },
      redirect: 'manual',
    })
  const page = async (path: string, cookie = '') => {
    const response = await fetch(`${app.url}${path}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    })
    return {
      status: response.status,
      location: response.headers.get('location'),
      cacheControl: response.headers.get('cache-control'),
      html: await response.text(),
    }
  }
  const words = (html: string) =>
    html
      .replace(/<script[\s\S]*?<\/script>/gu, '')
      .replace(/<[^>]+>/gu, ' ')
      .replace(/\s+/gu, ' ')

  const openDay = openDayAhead
  const openOn = (...days: string[]) => openOnDays(db, days)
  /** Booked as the app books, with its secret: the appointment and its manage path. */
  async function bookAt(fixture: OpenDays, start: Date) {
    const appointmentId = await bookFor(db, fixture, start, {
      now: new Date(),
      secret: TEST_SESSION_SECRET,
    })
    return {
      appointmentId,
      manage: `/r/${manageTokenFor(appointmentId, TEST_SESSION_SECRET).token}`,
    }
  }
  const alertPath = (requestId: string) =>
    `/alerte/${manageTokenFor(requestId, TEST_SESSION_SECRET).token}`

  test('asked from the manage page, alerted when a time frees, taken from the alert’s link', async () => {
    const early = openDay(9)
    const late = openDay(16)
    const fixture = await openOn(early, late)
    const earlyNine = await bookAt(fixture, at(`${early}T09:00`))
    await bookAt(fixture, at(`${early}T09:30`))
    const mine = await bookAt(fixture, at(`${late}T09:30`))

    const before = words((await page(mine.manage)).html)
    expect(before).toContain('Un créneau plus tôt ?')
    expect(before).toContain('Prévenez-moi si un créneau plus tôt se libère')
    // A form from another site changes nothing.
    const forged = await post(
      `${mine.manage}/alerte`,
      { alert: 'ask' },
      { origin: 'https://evil.example' },
    )
    expect(forged.status).toBe(403)
    expect(
      await db.earlierSlotRequest.count({ where: { appointmentId: mine.appointmentId } }),
    ).toBe(0)

    const asked = await post(`${mine.manage}/alerte`, { alert: 'ask' })
    expect(asked.status).toBe(303)
    expect(asked.headers.get('location')).toBe(`${mine.manage}?alerte=1`)
    const after = words((await page(`${mine.manage}?alerte=1`)).html)
    expect(after).toContain('C’est noté : nous vous prévenons si un créneau plus tôt se libère.')
    expect(after).toContain('Messages envoyés : 0 sur 3.')
    // Asked again (a second tab): still one request.
    await post(`${mine.manage}/alerte`, { alert: 'ask' })
    const request = await db.earlierSlotRequest.findFirstOrThrow({
      where: { appointmentId: mine.appointmentId },
    })
    expect(
      await db.earlierSlotRequest.count({ where: { appointmentId: mine.appointmentId } }),
    ).toBe(1)

    expect((await post(`${earlyNine.manage}/annuler`, {})).status).toBe(303)
    await scanEarlierSlots(db, new Date())
    expect(
      await db.notification.count({
        where: { earlierSlotRequestId: request.id, kind: 'EARLIER_SLOT:1' },
      }),
    ).toBe(1)

    const alert = await page(alertPath(request.id))
    expect(alert.status).toBe(200)
    // A person's page: never kept by a browser's or a proxy's cache, its token never logged.
    expect(alert.cacheControl).toBe('private, no-store')
    expect(app.output()).not.toContain(alertPath(request.id).slice(8))
    const offered = words(alert.html)
    expect(offered).toContain('Ce créneau plus tôt est libre')
    expect(offered).toContain('Prendre ce créneau')
    expect(offered).toContain('Votre rendez-vous sera déplacé à cette heure')
    const start = encodeSlotStart(at(`${early}T09:00`))
    expect(alert.html).toContain(`name="start" value="${start}"`)

    const taken = await post(alertPath(request.id), { alert: 'take', start })
    expect(taken.status).toBe(303)
    expect(taken.headers.get('location')).toBe(`${mine.manage}?deplace=1`)
    expect(
      await db.appointment.findUniqueOrThrow({ where: { id: mine.appointmentId } }),
    ).toMatchObject({ status: 'BOOKED', startsAt: at(`${early}T09:00`) })
    expect(words((await page(`${mine.manage}?deplace=1`)).html)).toContain(
      'Votre rendez-vous a été déplacé.',
    )
    expect(words((await page(alertPath(request.id))).html)).toContain('Ce créneau est à vous.')
  })

  test('a stale alert says so and offers the earlier times free now, one button each', async () => {
    const early = openDay(9)
    const middle = openDay(12)
    const late = openDay(16)
    const fixture = await openOn(early, middle, late)
    const earlyNine = await bookAt(fixture, at(`${early}T09:00`))
    await bookAt(fixture, at(`${early}T09:30`))
    await bookAt(fixture, at(`${middle}T09:00`))
    const middleHalf = await bookAt(fixture, at(`${middle}T09:30`))
    const mine = await bookAt(fixture, at(`${late}T09:30`))
    await post(`${mine.manage}/alerte`, { alert: 'ask' })
    const request = await db.earlierSlotRequest.findFirstOrThrow({
      where: { appointmentId: mine.appointmentId },
    })
    await post(`${earlyNine.manage}/annuler`, {})
    await scanEarlierSlots(db, new Date())
    // Someone books the offered time; another time frees meanwhile.
    await bookAt(fixture, at(`${early}T09:00`))
    await post(`${middleHalf.manage}/annuler`, {})

    const stalePage = (await page(alertPath(request.id))).html
    const stale = words(stalePage)
    expect(stale).toContain('a été pris entre-temps')
    expect(stale).toContain('Autres créneaux plus tôt encore libres')
    expect(stale).not.toContain('Prendre ce créneau')
    // The middle day's 9:30 and the resident's own day's 9:00, both earlier than 9:30.
    const offeredStarts = [...stalePage.matchAll(/name="start" value="(\w+)"/gu)].map((m) => m[1])
    expect(offeredStarts).toEqual([
      encodeSlotStart(at(`${middle}T09:30`)),
      encodeSlotStart(at(`${late}T09:00`)),
    ])
    expect(stale).toContain('Prendre le ')

    // The offered time, sent from a page shown before it went: said so, nothing moves.
    const lost = await post(alertPath(request.id), {
      alert: 'take',
      start: encodeSlotStart(at(`${early}T09:00`)),
    })
    expect(lost.headers.get('location')).toBe(`${alertPath(request.id)}?pris=1`)
    expect(words((await page(lost.headers.get('location')!)).html)).toContain(
      'Désolé, ce créneau vient d’être pris par quelqu’un d’autre.',
    )
    expect(
      (await db.appointment.findUniqueOrThrow({ where: { id: mine.appointmentId } })).startsAt,
    ).toEqual(at(`${late}T09:30`))

    const other = encodeSlotStart(at(`${middle}T09:30`))
    const taken = await post(alertPath(request.id), { alert: 'take', start: other })
    expect(taken.headers.get('location')).toBe(`${mine.manage}?deplace=1`)
    expect(
      (await db.appointment.findUniqueOrThrow({ where: { id: mine.appointmentId } })).startsAt,
    ).toEqual(at(`${middle}T09:30`))
  })

  test('stopping from the alert page: no more alerts, and the page says so', async () => {
    const early = openDay(9)
    const late = openDay(16)
    const fixture = await openOn(early, late)
    const earlyNine = await bookAt(fixture, at(`${early}T09:00`))
    await bookAt(fixture, at(`${early}T09:30`))
    const mine = await bookAt(fixture, at(`${late}T09:00`))
    await post(`${mine.manage}/alerte`, { alert: 'ask' })
    const request = await db.earlierSlotRequest.findFirstOrThrow({
      where: { appointmentId: mine.appointmentId },
    })
    const stopped = await post(alertPath(request.id), { alert: 'stop', start: '' })
    expect(stopped.status).toBe(303)
    expect(words((await page(alertPath(request.id))).html)).toContain('Les alertes sont arrêtées')
    await post(`${earlyNine.manage}/annuler`, {})
    await scanEarlierSlots(db, new Date())
    expect(await db.notification.count({ where: { earlierSlotRequestId: request.id } })).toBe(0)
    // Asked again from the manage page, the alert runs again.
    expect(words((await page(mine.manage)).html)).toContain(
      'Prévenez-moi si un créneau plus tôt se libère',
    )
  })

  test('no free time in the journey: the resident leaves a contact and gets the alert’s page', async () => {
    const late = openDay(9)
    const fixture = await openOn(late)
    await bookAt(fixture, at(`${late}T09:00`))
    await bookAt(fixture, at(`${late}T09:30`))
    const slug = fixture.organisation.slug
    const week = await page(`/${slug}/rendez-vous/${fixture.topic.id}/creneaux/${fixture.site.id}`)
    const weekPage = week.status === 302 ? await page(week.location!) : week
    const alertForm = `/${slug}/rendez-vous/${fixture.topic.id}/creneaux/${fixture.site.id}/alerte`
    expect(weekPage.html).toContain(`href="${alertForm}"`)
    const form = await page(alertForm)
    expect(form.status).toBe(200)
    expect(words(form.html)).toContain('Être prévenu quand un créneau se libère')

    const refused = await post(alertForm, { firstName: 'Lucie', lastName: '', phone: '06 12' })
    expect(refused.status).toBe(400)
    expect(
      await db.earlierSlotRequest.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(0)

    const asked = await post(alertForm, {
      firstName: 'Lucie',
      lastName: 'Attente',
      phone: '06 12 99 88 77',
      consent: 'on',
    })
    expect(asked.status).toBe(303)
    const request = await db.earlierSlotRequest.findFirstOrThrow({
      where: { organisationId: fixture.organisation.id },
      include: { resident: true },
    })
    expect(request).toMatchObject({ appointmentId: null, status: 'ACTIVE', createdVia: 'ONLINE' })
    expect(request.resident).toMatchObject({ lastName: 'Attente', phoneE164: '+33612998877' })
    expect(asked.headers.get('location')).toBe(`${alertPath(request.id)}?nouveau=1`)
    expect(words((await page(asked.headers.get('location')!)).html)).toContain(
      'Votre demande est enregistrée',
    )
  })

  test('reception sets the alert from the appointment page, for a booking made at the desk', async () => {
    const cookie = await as(SOPHIE)
    // Booked at the desk for a caller, two weeks on: a demo topic, its first time by then.
    const topic = await db.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    const site = await db.site.findFirstOrThrow({
      where: { name: 'Mairie de Saint-Julien-sur-Sorne' },
    })
    const sophie = await db.advisor.findUniqueOrThrow({ where: { email: SOPHIE } })
    const now = new Date()
    const place = {
      organisationId: topic.organisationId,
      topicId: topic.id,
      mode: 'IN_PERSON' as const,
      siteId: site.id,
    }
    const finder = await availability(db, { ...place, now })
    const [slot] = (
      await finder.search({
        after: new Date(now.getTime() + 14 * 86_400_000),
        filter: { weekdays: [], partOfDay: null },
        limit: 1,
      })
    ).slots
    const request = {
      ...bookingRequest({ organisation: { id: place.organisationId }, topic, site } as never, {
        start: slot!.start,
        firstName: 'Appel',
        lastName: 'Accueil',
        phone: '+33612777001',
      }),
      createdVia: 'RECEPTION' as const,
      actorAdvisorId: sophie.id,
    }
    const { appointmentId } = await book(
      request,
      now,
      await bookingPorts(db, place, now, TEST_SESSION_SECRET),
    )
    const appointment = { id: appointmentId }
    const path = `/espace/rendez-vous/${appointment.id}`
    expect(words((await page(path, cookie)).html)).toContain(
      'Prévenir l’usager si un créneau plus tôt se libère',
    )
    const asked = await post(path, { alert: 'ask' }, { cookie })
    expect(asked.status).toBe(302)
    expect(asked.headers.get('location')).toBe(`${path}?alerte=asked`)
    const shown = words((await page(`${path}?alerte=asked`, cookie)).html)
    expect(shown).toContain('Alerte enregistrée')
    expect(shown).toContain('Messages envoyés : 0 sur 3.')
    expect(shown).toContain('Alerte « créneau plus tôt » demandée')
    expect(
      await db.earlierSlotRequest.findFirstOrThrow({ where: { appointmentId: appointment.id } }),
    ).toMatchObject({
      status: 'ACTIVE',
      createdVia: 'RECEPTION',
    })
    const stopped = await post(path, { alert: 'stop' }, { cookie })
    expect(stopped.headers.get('location')).toBe(`${path}?alerte=stopped`)
    expect(
      (await db.earlierSlotRequest.findFirstOrThrow({ where: { appointmentId: appointment.id } }))
        .status,
    ).toBe('CANCELLED')
  })
})
