// The week page's reads go straight to the driver adapter (readRows, decision 109): the
// rows must be the ones Prisma's $queryRawUnsafe gives, on both databases, and a read in a
// transaction must still see that transaction (never go around it).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { connectedAdapterOf, createDb } from '~/platform/database/client.server'
import { readRows, Sql } from '~/platform/database/sql.server'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createOrganisationFixture, type OrganisationFixture } from '../support/fixtures'

let database: TestDatabase
let fixture: OrganisationFixture
beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await createOrganisationFixture(database.db)
})
afterAll(() => database.drop())

/** A read with text, integer, boolean, date, null and count columns, and a date parameter. */
function topicsRead(organisationId: string, createdBefore: Date) {
  const sql = new Sql(testProvider)
  const text = `SELECT t."id", t."name", t."nameEn", t."durationMinutes", t."allowsPhone",
          t."isPublic", t."createdAt", (SELECT COUNT(*) FROM "Site" AS s
            WHERE s."organisationId" = t."organisationId") AS "sites"
     FROM "Topic" AS t
    WHERE t."organisationId" = ${sql.param(organisationId)}
      AND t."createdAt" < ${sql.param(createdBefore)} AND t."durationMinutes" >= ${sql.param(15)}
    ORDER BY t."name"`
  return { text, params: sql.params }
}

describe(`hand-written reads straight to the adapter, on ${testProvider}`, () => {
  test('give the rows, names and value types Prisma gives, with date and number parameters', async () => {
    const { db } = database
    await db.topic.create({
      data: {
        organisationId: fixture.organisation.id,
        name: 'Carte grise',
        nameEn: 'Vehicle registration',
        theme: 'MONEY_TAXES',
        durationMinutes: 45,
        allowsPhone: true,
      },
    })
    const read = topicsRead(fixture.organisation.id, new Date(Date.now() + 60_000))
    expect(connectedAdapterOf(db)).toBeDefined()

    const direct = await readRows<Record<string, unknown>>(db, read.text, read.params)
    const throughPrisma = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      read.text,
      ...read.params,
    )

    expect(direct).toEqual(throughPrisma)
    expect(
      direct.map((row) => [row.name, row.nameEn, row.durationMinutes, row.allowsPhone]),
    ).toEqual([
      ['Carte grise', 'Vehicle registration', 45, true],
      ['Impôts', null, 30, false],
    ])
    expect(direct[0].createdAt).toBeInstanceOf(Date)
    expect(direct[0].isPublic).toBe(true)
    expect(direct[0].sites).toBe(throughPrisma[0].sites)
    const past = topicsRead(fixture.organisation.id, new Date('2020-01-01T00:00:00Z'))
    expect(await readRows(db, past.text, past.params)).toEqual([])
  })

  test('in a transaction, the read is the transaction’s: it sees what the transaction has not committed, and nothing else does', async () => {
    const { db } = database
    const read = topicsRead(fixture.organisation.id, new Date(Date.now() + 60_000))
    const before = (await readRows(db, read.text, read.params)).length
    let seenInside = 0
    let seenOutside = 0
    await db
      .$transaction(async (tx) => {
        await tx.topic.create({
          data: {
            organisationId: fixture.organisation.id,
            name: 'Uncommitted',
            theme: 'MONEY_TAXES',
            durationMinutes: 20,
          },
        })
        seenInside = (await readRows(tx as typeof db, read.text, read.params)).length
        seenOutside = (await readRows(db, read.text, read.params)).length
        throw new Error('rolled back')
      })
      .catch(() => undefined)

    expect(connectedAdapterOf(db)).toBeDefined()
    expect(seenInside).toBe(before + 1)
    expect(seenOutside).toBe(before)
    expect((await readRows(db, read.text, read.params)).length).toBe(before)
  })

  test('a client not connected yet, or disconnected, reads through Prisma, then through its new connection', async () => {
    const fresh = createDb(database.config)
    const read = topicsRead(fixture.organisation.id, new Date(Date.now() + 60_000))
    expect(connectedAdapterOf(fresh)).toBeUndefined()
    const first = await readRows(fresh, read.text, read.params)
    expect(connectedAdapterOf(fresh)).toBeDefined()
    await fresh.$disconnect()
    expect(connectedAdapterOf(fresh)).toBeUndefined()
    expect(await readRows(fresh, read.text, read.params)).toEqual(first)
    expect(connectedAdapterOf(fresh)).toBeDefined()
    await fresh.$disconnect()
  })

  test('a value it cannot pass is refused before anything is sent', async () => {
    await expect(readRows(database.db, 'SELECT 1', [{ id: 'x' }])).rejects.toThrow(
      'readRows takes strings, numbers, booleans, dates and null',
    )
  })
})
