import type { Db } from '~/platform/database/client.server'

// What the booking benchmarks share: percentiles, the no-overlap check, and their ending
// (every target met, or exit code 1 with the missed ones).

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
