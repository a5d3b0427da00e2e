import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import {
  cancelByResident,
  findByManageToken,
  moveByResident,
} from '~/features/manage/commands.server'
import { book, type BookingRequest } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  bookingRequest,
  createBookableOrganisation,
  NOW,
  SECRET,
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

async function rowsOf(appointmentId: string) {
  const rows = await database.db.notification.findMany({
    where: { appointmentId },
    orderBy: [{ createdAt: 'asc' }, { dueAt: 'asc' }],
  })
  return rows.map((row) => ({
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    status: row.status,
    dueAt: row.dueAt.toISOString(),
    language: row.language,
  }))
}

async function managed(appointmentId: string) {
  return (await findByManageToken(database.db, manageTokenFor(appointmentId, SECRET).token))!
}

describe(`outbox rows written with the change, on ${testProvider}`, () => {
  test('a booking writes its confirmation now and its reminders; a passed reminder is skipped', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(bookingRequest(fixture))
    // Tuesday 09:00 booked on Monday 08:00: two days before has passed; the same-day
    // reminder (06:00 at the latest) is in quiet hours, so it goes Monday 20:00.
    expect(await rowsOf(appointmentId)).toEqual(
      expect.arrayContaining([
        {
          kind: 'CONFIRMATION',
          channel: 'SMS',
          recipient: '+33612345678',
          status: 'PENDING',
          dueAt: NOW.toISOString(),
          language: 'fr',
        },
        expect.objectContaining({ kind: 'REMINDER:DAYS_BEFORE_2', status: 'SKIPPED' }),
        {
          kind: 'REMINDER:SAME_DAY',
          channel: 'SMS',
          recipient: '+33612345678',
          status: 'PENDING',
          dueAt: '2031-03-03T19:00:00.000Z',
          language: 'fr',
        },
      ]),
    )
    expect(await rowsOf(appointmentId)).toHaveLength(3)
  })

  test('a replayed form writes no second set of rows', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const first = await bookWith(request)
    const again = await bookWith(request)
    expect(again.appointmentId).toBe(first.appointmentId)
    expect(await rowsOf(first.appointmentId)).toHaveLength(3)
  })

  test('a landline gets calls, no phone gets email, English residents English messages', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const landline = bookingRequest(fixture, { firstName: 'Jean', phone: '+33549000000' })
    landline.resident.phoneType = 'FIXED'
    const a = await bookWith(landline)
    expect((await rowsOf(a.appointmentId)).map((row) => row.channel)).toEqual([
      'VOICE',
      'VOICE',
      'VOICE',
    ])
    const mailOnly = bookingRequest(fixture, {
      firstName: 'Anne',
      start: new Date('2031-03-04T08:30:00Z'),
    })
    mailOnly.resident = {
      ...mailOnly.resident,
      phoneE164: null,
      phoneType: null,
      email: 'anne@example.test',
      language: 'en',
    }
    const b = await bookWith(mailOnly)
    const rows = await rowsOf(b.appointmentId)
    expect(
      rows.every((row) => row.channel === 'EMAIL' && row.recipient === 'anne@example.test'),
    ).toBe(true)
    expect(rows.every((row) => row.language === 'en')).toBe(true)
  })

  test('a helper who chose to receive the messages gets them, not the resident', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Aidée', phone: '+33549000002' })
    request.resident.phoneType = 'FIXED'
    request.helper = {
      name: 'Fille Aidante',
      phoneE164: '+33612000001',
      email: null,
      receivesMessages: true,
    }
    const { appointmentId } = await bookWith(request)
    const rows = await rowsOf(appointmentId)
    expect(rows.map((row) => `${row.channel} ${row.recipient}`)).toEqual(
      rows.map(() => 'SMS +33612000001'),
    )
    const row = await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })
    expect(row).toMatchObject({ messagesTo: 'HELPER', helperPhoneE164: '+33612000001' })

    // The same helper leaving the choice to the resident: the resident's landline is called.
    const other = bookingRequest(fixture, {
      firstName: 'Aidée',
      phone: '+33549000002',
      start: new Date('2031-03-04T08:30:00Z'),
    })
    other.resident.phoneType = 'FIXED'
    other.helper = { ...request.helper, receivesMessages: false }
    const second = await bookWith(other)
    expect((await rowsOf(second.appointmentId)).every((r) => r.channel === 'VOICE')).toBe(true)
  })

  test('a call confirming a booking made at night waits for the morning', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Louis', phone: '+33549000001' })
    request.resident.phoneType = 'FIXED'
    const night = new Date('2031-03-02T22:00:00Z') // Sunday 23:00 in Paris
    const { appointmentId } = await bookWith(request, night)
    const confirmation = (await rowsOf(appointmentId)).find((row) => row.kind === 'CONFIRMATION')
    expect(confirmation?.dueAt).toBe('2031-03-03T07:30:00.000Z') // Monday 08:30
  })

  test('without consent: the confirmation, but no reminder', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Marc', phone: '+33612345670' })
    request.resident.consent = false
    const { appointmentId } = await bookWith(request)
    expect((await rowsOf(appointmentId)).map((row) => row.kind)).toEqual(['CONFIRMATION'])
  })

  test('a move cancels what was pending and plans again at the new time, in one change', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId } = await bookWith(request)
    const later = new Date('2031-03-05T09:30:00Z') // Wednesday 10:30
    const move = { start: later, shownVersion: 0 }
    expect(await moveByResident(database.db, await managed(appointmentId), move, NOW)).toBe('MOVED')
    const rows = await rowsOf(appointmentId)
    const pending = rows.filter((row) => row.status === 'PENDING')
    expect(pending).toEqual([
      expect.objectContaining({ kind: 'MOVED', dueAt: NOW.toISOString() }),
      expect.objectContaining({
        kind: 'REMINDER:DAYS_BEFORE_2',
        dueAt: '2031-03-03T09:00:00.000Z',
      }),
      expect.objectContaining({ kind: 'REMINDER:SAME_DAY', dueAt: '2031-03-04T19:00:00.000Z' }),
    ])
    expect(
      rows
        .filter((row) => row.status === 'CANCELLED')
        .map((row) => row.kind)
        .sort(),
    ).toEqual(['CONFIRMATION', 'REMINDER:SAME_DAY'])
  })

  test('a resident cancel leaves no reminder, tells the resident and the advisor', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture)
    const { appointmentId } = await bookWith(request)
    expect(await cancelByResident(database.db, await managed(appointmentId), null, NOW)).toBe(true)
    const pending = (await rowsOf(appointmentId)).filter((row) => row.status === 'PENDING')
    expect(pending).toEqual([
      expect.objectContaining({ kind: 'CANCELLED_BY_RESIDENT', channel: 'SMS' }),
      expect.objectContaining({
        kind: 'ADVISOR_NOTICE',
        channel: 'EMAIL',
        recipient: fixture.advisor.email,
      }),
    ])
  })

  test('a failing outbox write rolls the booking back', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const request = bookingRequest(fixture, { firstName: 'Zoé', phone: '+33612345671' })
    await database.db.organisation.update({
      where: { id: fixture.organisation.id },
      data: { quietHoursStart: '03:00' }, // refused by the policy, after the appointment insert
    })
    await expect(bookWith(request)).rejects.toThrow(/reminder settings/u)
    expect(
      await database.db.appointment.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(0)
    expect(
      await database.db.notification.count({ where: { organisationId: fixture.organisation.id } }),
    ).toBe(0)
  })
})
