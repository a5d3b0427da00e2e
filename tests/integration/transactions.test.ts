// A transaction is whole on both databases: what it has not committed is seen by no other
// request, and what another request writes meanwhile is not part of it (so not undone with
// it). On SQLite, Prisma shares the process's one connection between its transactions and
// its lone statements (app/platform/database/sqlite-adapter.server.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createOrganisationFixture, type OrganisationFixture } from '../support/fixtures'

let database: TestDatabase
let fixture: OrganisationFixture
beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await createOrganisationFixture(database.db)
})
afterAll(() => database.drop())

const event = (summary: string) => ({
  organisationId: fixture.organisation.id,
  actorKind: 'SYSTEM',
  action: 'TEST',
  entityType: 'Test',
  entityId: summary,
  summary,
})
const written = (summary: string) => database.db.auditEvent.count({ where: { summary } })

describe(`transactions on ${testProvider}`, () => {
  test('rows a transaction has not committed are seen by no other request, and a write made meanwhile outlives its rollback', async () => {
    let rollBack!: () => void
    const decided = new Promise<void>((resolve) => (rollBack = resolve))
    let opened!: () => void
    const open = new Promise<void>((resolve) => (opened = resolve))
    const failing = database.db
      .$transaction(async (tx) => {
        await tx.auditEvent.create({ data: event('inside') })
        opened()
        await decided
        throw new Error('the booking lost its race')
      })
      .catch((error: Error) => error.message)
    await open

    const lone = database.db.auditEvent.create({ data: event('outside') })
    const seenMeanwhile = await written('inside')
    rollBack()

    expect(await failing).toBe('the booking lost its race')
    await lone
    expect(seenMeanwhile).toBe(0)
    expect(await written('inside')).toBe(0)
    expect(await written('outside')).toBe(1)
  })
})
