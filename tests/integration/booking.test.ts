import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import {
  cancelByResident,
  findByManageToken,
  moveByResident,
} from '~/features/manage/commands.server'
import { book, BookingError, type BookingRequest } from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
  TUESDAY_9,
} from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.drop())

async function bookWith(request: BookingRequest, now = NOW) {
  const ports = await bookingPorts(database.db, request, now, SECRET)
  return book(request, now, ports)
}

describe(`booking on ${testProvider}`, () => {
  test('a booking writes the appointment, the resident and an audit event, and stores only the token hash', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId, created } = await bookWith(request)
    expect(created).toBe(true)
    const row = await database.db.appointment.findUniqueOrThrow({
      where: { id: appointmentId },
      include: { resident: true },
    })
    expect(row).toMatchObject({
      status: 'BOOKED',
      advisorId: fixture.advisor.id,
      siteId: fixture.site.id,
      createdVia: 'ONLINE',
    })
    expect(row.startsAt.toISOString()).toBe('2031-03-04T08:00:00.000Z')
    expect(row.endsAt.toISOString()).toBe('2031-03-04T08:30:00.000Z')
    expect(row.resident).toMatchObject({
      firstName: 'Élodie',
      phoneE164: '+33612345678',
      notificationConsent: true,
    })
    const { token, hash } = manageTokenFor(appointmentId, SECRET)
    expect(row.manageTokenHash).toBe(hash)
    expect(JSON.stringify(row)).not.toContain(token)
    expect(
      await database.db.auditEvent.count({
        where: { entityId: appointmentId, action: 'APPOINTMENT_BOOKED' },
      }),
    ).toBe(1)
    expect((await findByManageToken(database.db, token))?.id).toBe(appointmentId)
    expect(
      await findByManageToken(
        database.db,
        `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      ),
    ).toBeNull()
  })

  test('the same form submitted twice, even at once, makes one appointment', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => bookWith(request)))
    expect(new Set(outcomes.map((outcome) => outcome.appointmentId)).size).toBe(1)
    expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1)
    expect(
      await database.db.appointment.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(1)
  })

  test('a slot taken meanwhile is refused; with two advisors the second goes to the other', async () => {
    const single = await createBookableOrganisation(database.db)
    await bookWith(bookingRequest(single))
    await expect(
      bookWith(bookingRequest(single, { firstName: 'Paul', phone: '+33612345679' })),
    ).rejects.toSatisfy(
      (error) =>
        error instanceof SlotTakenError ||
        (error instanceof BookingError && error.code === 'SLOT_UNAVAILABLE'),
    )

    const pair = await createBookableOrganisation(database.db, 2)
    const first = await bookWith(bookingRequest(pair))
    const second = await bookWith(
      bookingRequest(pair, { firstName: 'Paul', phone: '+33612345679' }),
    )
    const rows = await database.db.appointment.findMany({
      where: { id: { in: [first.appointmentId, second.appointmentId] } },
    })
    expect(new Set(rows.map((row) => row.advisorId)).size).toBe(2)
  })

  test('times outside the rules, in the past or within the minimum notice are refused, writing nothing', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const refusals = [
      new Date('2031-03-04T12:00:00Z'), // 13:00 in Paris, after the rule
      new Date('2031-03-04T08:10:00Z'), // off the grid
      new Date('2031-03-01T08:00:00Z'), // a Saturday, and in the past
      new Date('2031-03-03T08:00:00Z'), // today 09:00: within the two-hour notice
    ]
    for (const start of refusals) {
      await expect(bookWith(bookingRequest(fixture, { start }))).rejects.toMatchObject({
        code: 'SLOT_UNAVAILABLE',
      })
    }
    expect(
      await database.db.appointment.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(0)
    expect(
      await database.db.resident.count({
        where: { organisationId: fixture.organisation.id, searchKey: 'elodie martin' },
      }),
    ).toBe(0)
  })

  test('the same person is one resident, whatever the accents and case; another name on a shared landline is someone else', async () => {
    const fixture = await createBookableOrganisation(database.db)
    await bookWith(bookingRequest(fixture))
    await bookWith(
      bookingRequest(fixture, {
        start: new Date('2031-03-05T08:00:00Z'),
        firstName: 'ELODIE',
        lastName: 'martin',
      }),
    )
    await bookWith(
      bookingRequest(fixture, {
        start: new Date('2031-03-06T08:00:00Z'),
        firstName: 'Gérard',
        lastName: 'Martin',
      }),
    )
    const residents = await database.db.resident.findMany({
      where: { organisationId: fixture.organisation.id, phoneE164: '+33612345678' },
      orderBy: { createdAt: 'asc' },
    })
    expect(residents.map((resident) => resident.searchKey)).toEqual([
      'elodie martin',
      'gerard martin',
    ])
  })

  test('one phone holds at most the organisation’s number of upcoming appointments', async () => {
    const fixture = await createBookableOrganisation(database.db)
    for (const day of ['04', '05', '06']) {
      await bookWith(bookingRequest(fixture, { start: new Date(`2031-03-${day}T08:00:00Z`) }))
    }
    await expect(
      bookWith(bookingRequest(fixture, { start: new Date('2031-03-07T08:00:00Z') })),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_UPCOMING',
    })
    expect(
      await database.db.appointment.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(3)
  })

  test('cancelling frees the time for someone else, and is refused past the deadline', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId } = await bookWith(request)
    const { token } = manageTokenFor(appointmentId, SECRET)
    const appointment = (await findByManageToken(database.db, token))!
    const tooLate = new Date(TUESDAY_9.getTime() - 60 * 60_000)
    expect(await cancelByResident(database.db, appointment, null, tooLate)).toBe(false)
    expect(await cancelByResident(database.db, appointment, 'Je suis malade', NOW)).toBe(true)
    const cancelled = await database.db.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(cancelled).toMatchObject({
      status: 'EXCUSED',
      cancellationReason: 'Je suis malade',
      version: 1,
    })
    const other = await bookWith(
      bookingRequest(fixture, { firstName: 'Paul', phone: '+33612345679' }),
    )
    expect(other.created).toBe(true)
  })

  test('moving takes the new time and frees the old one in one change', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId } = await bookWith(request)
    const appointment = (await findByManageToken(
      database.db,
      manageTokenFor(appointmentId, SECRET).token,
    ))!
    const later = new Date('2031-03-05T09:30:00Z')
    expect(
      await moveByResident(database.db, appointment, { start: later, shownVersion: 0 }, NOW),
    ).toBe('MOVED')
    const moved = await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })
    expect(moved.startsAt.toISOString()).toBe(later.toISOString())
    expect(moved.version).toBe(1)
    expect(
      await database.db.appointment.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(1)
    const reuse = await bookWith(
      bookingRequest(fixture, { firstName: 'Paul', phone: '+33612345679' }),
    )
    expect(reuse.created).toBe(true)
    const current = (await findByManageToken(
      database.db,
      manageTokenFor(appointmentId, SECRET).token,
    ))!
    const outsideTheRules = { start: new Date('2031-03-05T13:00:00Z'), shownVersion: 1 }
    expect(await moveByResident(database.db, current, outsideTheRules, NOW)).toBe(
      'SLOT_UNAVAILABLE',
    )
    // The first page, shown before the move: that move already happened.
    expect(
      await moveByResident(database.db, appointment, { start: later, shownVersion: 0 }, NOW),
    ).toBe('ALREADY_MOVED')
  })
})
