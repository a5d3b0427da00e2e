import os from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Db } from '~/platform/database/client.server'
import type { DatabaseProvider } from '~/platform/database/provider'

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

export type LoadResult = {
  label: string
  /** Requests answered as expected within the measured window. */
  requests: number
  errors: number
  p50: number
  p99: number
  max: number
  perSecond: number
}

/**
 * A measured window under load: requests that start after the warm-up and end by the
 * deadline count, per label; before and after, they only keep the load on.
 */
export function loadWindow(warmUpMs: number, measureMs: number) {
  const measureFrom = performance.now() + warmUpMs
  const deadline = measureFrom + measureMs
  const samples = new Map<
    string,
    { latencies: number[]; errors: number; answered: number; failed: number }
  >()
  const of = (label: string) => {
    const found = samples.get(label) ?? { latencies: [], errors: 0, answered: 0, failed: 0 }
    samples.set(label, found)
    return found
  }
  return {
    open: () => performance.now() < deadline,
    /** Times one request; a throw, or an answer `failed` refuses, is an error (null after a throw). */
    async time<T>(label: string, send: () => Promise<T>, failed: (answer: T) => boolean) {
      const begin = performance.now()
      let answer: T | null = null
      let ok = false
      try {
        answer = await send()
        ok = !failed(answer)
      } catch {
        ok = false
      }
      const end = performance.now()
      if (ok) of(label).answered += 1
      else of(label).failed += 1
      if (begin >= measureFrom && end <= deadline) {
        if (ok) of(label).latencies.push(end - begin)
        else of(label).errors += 1
      }
      return answer
    },
    /** Answers and errors over the whole run, warm-up and stragglers included. */
    run: (label: string) => ({ answered: of(label).answered, errors: of(label).failed }),
    result(label: string): LoadResult {
      const { latencies, errors } = of(label)
      const sorted = [...latencies].sort((a, b) => a - b)
      return {
        label,
        requests: sorted.length,
        errors,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? NaN,
        perSecond: sorted.length / (measureMs / 1000),
      }
    },
  }
}

/** `connections` clients, each running `step` after the other until the window closes. */
export async function clientsUntilClosed(
  connections: number,
  window: { open: () => boolean },
  step: (client: number) => Promise<unknown>,
) {
  const client = async (index: number) => {
    // Bounded twice: by the deadline, and by a count no run can reach.
    for (let sent = 0; sent < 1_000_000 && window.open(); sent++) await step(index)
  }
  await Promise.all(Array.from({ length: connections }, (_, index) => client(index)))
}

/** Median and slowest of `runs` timed runs, after one run to warm up; returns the median. */
export async function timed(runs: number, label: string, work: () => Promise<void>) {
  await work()
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  times.sort((x, y) => x - y)
  const median = percentile(times, 50)
  console.log(
    `  ${label}: median ${median.toFixed(0)} ms, fastest ${times[0]!.toFixed(0)} ms, slowest ${times.at(-1)!.toFixed(0)} ms (${runs} runs)`,
  )
  return median
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

/** SQLite always, PostgreSQL when TEST_DATABASE_URL names a server: each measured in turn. */
export async function onEachDatabase(bench: (provider: DatabaseProvider) => Promise<void>) {
  const providers: DatabaseProvider[] = ['sqlite']
  if (process.env.TEST_DATABASE_URL) providers.push('postgresql')
  else console.log('TEST_DATABASE_URL is not set: PostgreSQL is not measured.')
  for (const provider of providers) await bench(provider)
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
