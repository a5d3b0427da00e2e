import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { book, type BookingRequest } from '~/domain/booking/book'
import { action, loader } from '~/routes/dev.outbox'
import { bookingRequest, createBookableOrganisation, NOW } from '../support/booking-fixtures'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'

let database: TestDatabase
const holder = () => {
  const global = globalThis as { __permanenceDb?: Record<string, unknown> }
  return (global.__permanenceDb ??= {})
}
beforeAll(async () => {
  database = await createTestDatabase()
  Object.assign(holder(), { db: database.db, config: database.config })
})
afterAll(async () => {
  Object.assign(holder(), { db: undefined, config: undefined })
  await database.drop()
})

async function bookWith(request: BookingRequest) {
  return book(request, NOW, await bookingPorts(database.db, request, NOW))
}
const args = (request: Request) =>
  ({ request, params: {}, context: {} }) as Parameters<typeof loader>[0]
const post = (fields: Record<string, string>) =>
  action(
    args(
      new Request('http://localhost/dev/outbox', {
        method: 'POST',
        body: new URLSearchParams(fields),
      }),
    ),
  )

describe(`the dev outbox on ${testProvider}`, () => {
  test('shows each message as it reads, simulates ANNULER and a delivery failure', async () => {
    const fixture = await createBookableOrganisation(database.db)
    const { appointmentId } = await bookWith(
      bookingRequest(fixture, { firstName: 'Dev', phone: '+33612349999' }),
    )
    const { messages } = await loader(args(new Request('http://localhost/dev/outbox')))
    const confirmation = messages.find((m) => m.kind === 'CONFIRMATION')!
    expect(confirmation).toMatchObject({
      channel: 'SMS',
      status: 'PENDING',
      recipient: '+33612349999',
    })
    expect(confirmation.text).toMatch(/^RDV confirm/u)

    await database.db.notification.updateMany({
      where: { appointmentId, kind: 'REMINDER:SAME_DAY' },
      data: { status: 'SENT', providerMessageId: 'SMdevfail' },
    })
    const reminder = messages.find((m) => m.kind === 'REMINDER:SAME_DAY')!
    await post({ intent: 'fail', id: reminder.id })
    expect(
      (await database.db.notification.findUniqueOrThrow({ where: { id: reminder.id } })).status,
    ).toBe('FAILED')

    const replied = await post({ intent: 'reply', from: '+33612349999', body: 'Annuler' })
    expect(replied.reply).toMatch(/annulé/u)
    expect(
      (await database.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).status,
    ).toBe('EXCUSED')
  })

  test('does not exist in production', async () => {
    const saved = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      await expect(loader(args(new Request('http://localhost/dev/outbox')))).rejects.toMatchObject({
        status: 404,
      })
    } finally {
      process.env.NODE_ENV = saved
    }
  })
})
