import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig, type DatabaseConfig } from '~/platform/database/config.server'
import { applyMigrations, readMigrations } from '~/platform/database/migrate.server'
import { postgresUrlFor, testProvider, withPostgresAdmin } from '../support/database'

async function scratchConfig(label: string) {
  if (testProvider === 'sqlite') {
    const folder = mkdtempSync(`${tmpdir()}/permanence-${label}-`)
    const config = resolveDatabaseConfig(`file:${folder}/${label}.db`)
    return { config, drop: async () => rmSync(folder, { recursive: true, force: true }) }
  }
  const name = `permanence_${label}_${process.pid}`
  await withPostgresAdmin((client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  )
  await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}"`))
  const config = resolveDatabaseConfig(postgresUrlFor(name))
  const drop = async () => {
    await withPostgresAdmin((client) => client.query(`DROP DATABASE "${name}" WITH (FORCE)`))
  }
  return { config, drop }
}

let config: DatabaseConfig
let drop: () => Promise<void>
beforeAll(async () => {
  ;({ config, drop } = await scratchConfig('upgrade'))
})
afterAll(() => drop())

const NOW = new Date('2026-11-23T09:00:00Z')
// Rows as the first version of the schema knew them: the generated client knows only the latest.
const FIRST_VERSION_ROWS: [string, Record<string, unknown>][] = [
  [
    'Organisation',
    {
      id: 'o1',
      slug: 'o',
      name: 'O',
      kind: 'COMMUNE',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
      updatedAt: NOW,
    },
  ],
  [
    'Site',
    {
      id: 's1',
      organisationId: 'o1',
      name: 'S',
      address: 'A',
      postalCode: '39000',
      city: 'C',
      updatedAt: NOW,
    },
  ],
  [
    'Advisor',
    {
      id: 'a1',
      organisationId: 'o1',
      firstName: 'A',
      lastName: 'B',
      email: 'a@b.test',
      updatedAt: NOW,
    },
  ],
  [
    'Topic',
    {
      id: 't1',
      organisationId: 'o1',
      name: 'T',
      theme: 'MONEY_TAXES',
      durationMinutes: 30,
      updatedAt: NOW,
    },
  ],
  [
    'Resident',
    {
      id: 'r1',
      organisationId: 'o1',
      firstName: 'R',
      lastName: 'S',
      searchKey: 'r s',
      createdVia: 'ONLINE',
      updatedAt: NOW,
    },
  ],
  [
    'Appointment',
    {
      id: 'p1',
      organisationId: 'o1',
      advisorId: 'a1',
      topicId: 't1',
      residentId: 'r1',
      siteId: 's1',
      mode: 'IN_PERSON',
      startsAt: NOW,
      endsAt: new Date(NOW.getTime() + 1_800_000),
      createdVia: 'ONLINE',
      updatedAt: NOW,
    },
  ],
]
// PostgreSQL enums need their type named when the value comes as a text parameter.
const ENUM_CASTS: Record<string, string> = {
  kind: '::"OrganisationKind"',
  createdVia: '::"BookingChannel"',
  mode: '::"AppointmentMode"',
}

async function insertFirstVersionRows(db: Db) {
  for (const [table, values] of FIRST_VERSION_ROWS) {
    const columns = Object.keys(values)
    const params = columns.map((column, index) =>
      config.provider === 'sqlite' ? '?' : `$${index + 1}${ENUM_CASTS[column] ?? ''}`,
    )
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${params.join(', ')})`
    await db.$executeRawUnsafe(sql, ...Object.values(values))
  }
}

async function counts(db: Db) {
  return {
    appointments: await db.appointment.count(),
    sites: await db.site.count(),
    advisors: await db.advisor.count(),
  }
}

test(`upgrading a ${testProvider} database that has data keeps every row, and applies each migration once`, async () => {
  const all = readMigrations(config.provider)
  expect(all.length).toBeGreaterThan(1)
  expect(await applyMigrations(config, all.slice(0, 1))).toEqual([all[0]!.name])
  const db = createDb(config)
  await insertFirstVersionRows(db)
  await db.$disconnect()

  expect(await applyMigrations(config)).toEqual(all.slice(1).map((migration) => migration.name))
  expect(await applyMigrations(config)).toEqual([])

  const upgraded = createDb(config)
  expect(await counts(upgraded)).toEqual({ appointments: 1, sites: 1, advisors: 1 })
  await upgraded.$disconnect()
})

test(`${testProvider}: instances starting together migrate one after the other`, async () => {
  const scratch = await scratchConfig('race')
  try {
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(scratch.config)))
    const names = readMigrations(scratch.config.provider).map((migration) => migration.name)
    expect(results.flat().sort()).toEqual(names)
  } finally {
    await scratch.drop()
  }
})
