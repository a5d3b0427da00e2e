import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Db } from '~/platform/database/client.server'
import type { DatabaseProvider } from '~/platform/database/provider'
import { postgresUrlFor, withPostgresAdmin } from './database'

// What the benchmarks that seed millions of rows share: one SQL statement per table
// (generate_series on PostgreSQL, a recursive CTE on SQLite), each table's indexes and
// guards set aside while it fills, and a seeded database kept between runs.

export const secondsSince = (since: number) =>
  `${((performance.now() - since) / 1000).toFixed(1)} s`

/**
 * The SQL of each provider: a series of integers, integer division, instants after `epoch`
 * (UTC, as the app stores them), enum casts and constant lists.
 */
export function dialect(provider: DatabaseProvider, epoch = '2025-01-01 07:00:00') {
  const pg = provider === 'postgresql'
  return {
    /** `FROM <series> AS g(i)` of 0..n-1. */
    series: (n: number) =>
      pg
        ? `generate_series(0, ${n - 1}) AS g(i)`
        : `(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1}) SELECT i FROM s) AS g`,
    /** Integer division. */
    div: (a: string, b: number) => (pg ? `(${a}) / ${b}` : `CAST((${a}) / ${b} AS INTEGER)`),
    /** An instant `minutes` after the epoch. */
    at: (minutes: string) =>
      pg
        ? `(TIMESTAMP '${epoch}' + (${minutes}) * INTERVAL '1 minute')`
        : `strftime('%Y-%m-%dT%H:%M:%f+00:00', '${epoch}', (${minutes}) || ' minutes')`,
    now: pg ? 'now()' : `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')`,
    cast: (value: string, type: string) => (pg ? `(${value})::"${type}"` : value),
    /** The element `index` of a constant list. */
    pick: (list: readonly string[], index: string) =>
      `(CASE ${index} ${list.map((item, n) => `WHEN ${n} THEN '${item.replaceAll("'", "''")}'`).join(' ')} END)`,
  }
}

/**
 * Bulk insert into `table` with its secondary indexes, exclusion constraints and triggers
 * set aside, then rebuilt: one index build instead of millions of updates of it. The rows
 * are non-overlapping by construction; the rebuilt constraints check them again.
 */
export async function withoutGuards(
  db: Db,
  provider: DatabaseProvider,
  table: string,
  work: () => Promise<void>,
) {
  if (provider === 'postgresql') {
    const indexes = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(
      `SELECT indexname::text AS "name", indexdef AS "definition" FROM pg_indexes
       WHERE tablename = $1 AND indexname NOT IN (SELECT conname::text FROM pg_constraint WHERE conrelid = $2::regclass)`,
      table,
      `"${table}"`,
    )
    const exclusions = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(
      `SELECT conname::text AS "name", pg_get_constraintdef(oid) AS "definition" FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype = 'x'`,
      `"${table}"`,
    )
    for (const index of indexes) await db.$executeRawUnsafe(`DROP INDEX "${index.name}"`)
    for (const exclusion of exclusions)
      await db.$executeRawUnsafe(`ALTER TABLE "${table}" DROP CONSTRAINT "${exclusion.name}"`)
    await db.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`)
    await work()
    const rebuilding = performance.now()
    await db.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`)
    for (const index of indexes) await db.$executeRawUnsafe(index.definition)
    for (const exclusion of exclusions)
      await db.$executeRawUnsafe(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${exclusion.name}" ${exclusion.definition}`,
      )
    console.log(`  ${table}: indexes and constraints rebuilt in ${secondsSince(rebuilding)}`)
    return
  }
  const objects = await db.$queryRawUnsafe<{ type: string; name: string; sql: string }[]>(
    `SELECT type, name, sql FROM sqlite_master
     WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`,
    table,
  )
  for (const object of objects)
    await db.$executeRawUnsafe(`DROP ${object.type.toUpperCase()} "${object.name}"`)
  await work()
  const rebuilding = performance.now()
  for (const object of objects) await db.$executeRawUnsafe(object.sql)
  console.log(`  ${table}: indexes and triggers rebuilt in ${secondsSince(rebuilding)}`)
}

/** Runs one seeding statement and prints how many rows it wrote and how long it took. */
export async function seedStep(db: Db, label: string, statement: string) {
  const started = performance.now()
  const rows = await db.$executeRawUnsafe(statement)
  console.log(`  ${label}: ${rows.toLocaleString('en')} rows in ${secondsSince(started)}`)
}

/**
 * The database named by BENCH_KEEP_DATABASE (a PostgreSQL database, or a file in the
 * system's temporary folder for SQLite), created when missing; none when it is unset. A
 * later run reuses it without seeding again: for trying a query change without the
 * minutes of seeding.
 */
export async function keptDatabase(provider: DatabaseProvider) {
  const name = process.env.BENCH_KEEP_DATABASE
  if (!name) return undefined
  if (provider === 'sqlite') {
    const file = path.join(tmpdir(), `${name}.db`)
    return { url: `file:${file}`, fresh: !existsSync(file) }
  }
  const exists = await withPostgresAdmin(async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`)
    return found.rowCount !== 0
  })
  return { url: postgresUrlFor(name), fresh: !exists }
}
