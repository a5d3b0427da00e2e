import os from 'node:os'
import type { Db } from '~/platform/database/client.server'

// What the booking benchmarks share: the machine they ran on, percentiles, the no-overlap
// and no-oversold checks, and their ending (every target met, or exit code 1 with the
// missed ones).

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')

/** The machine and the run, first thing printed: figures mean nothing without them. */
export function printMachine(run: string) {
  const cpus = os.cpus()
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory; node ${process.version}; ` +
      `load average ${loadAverage()} at start`,
  )
  console.log(run)
}

/** The load average now (others' work on the machine weighs on every figure). */
export function printLoad(when: string) {
  console.log(`\nload average ${loadAverage()} ${when}`)
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Pairs of active appointments of one advisor that overlap, counted by SQL: must be 0. */
export async function overlappingAppointments(db: Db) {
  const rows = await db.$queryRawUnsafe<{ overlaps: bigint | number }[]>(
    `SELECT COUNT(*) AS "overlaps" FROM "Appointment" AS a
       JOIN "Appointment" AS b
         ON a."advisorId" = b."advisorId" AND a."id" < b."id"
        AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
      WHERE a."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
        AND b."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')`,
  )
  return Number(rows[0]?.overlaps ?? 0)
}

/** Sessions holding more registrations than they have seats, counted by SQL: must be 0. */
export async function oversoldSessions(db: Db) {
  const rows = await db.$queryRawUnsafe<{ oversold: bigint | number }[]>(
    `SELECT COUNT(*) AS "oversold" FROM "WorkshopSession" AS s
      WHERE (SELECT COUNT(*) FROM "WorkshopRegistration" AS r
              WHERE r."sessionId" = s."id" AND r."seatId" IS NOT NULL) > s."seatCount"`,
  )
  return Number(rows[0]?.oversold ?? 0)
}

/** Runs a benchmark; it returns the targets it missed. */
export function runBenchmark(main: () => Promise<string[]>) {
  main().then(
    (missed) => {
      if (missed.length > 0) console.log(`MISSED: ${missed.join('; ')}`)
      else console.log('all targets met')
      process.exit(missed.length > 0 ? 1 : 0)
    },
    (error: unknown) => {
      console.error('The benchmark failed:', error)
      process.exit(1)
    },
  )
}
