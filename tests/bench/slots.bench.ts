// Slot engine benchmark, engine alone (no database): `npx tsx tests/bench/slots.bench.ts`.
// Targets: (a) all slots of one site, 20 advisors, 8 weeks, 2,000 appointments and 100
// absences, median <= 10 ms; (b) first available slot across 50 sites with an in-memory
// loadWindow, median <= 5 ms. Exits 1 when a median misses its target.
import { computeSlots, findFirstAvailableSlot } from '~/domain/scheduling'
import { inMemoryLoader, networkScenario, oneSiteScenario, type Scenario } from './slot-fixtures'

const RUNS = 30
const WARM_UP = 5
let peakHeap = 0

type Case = { name: string; target: number; unit: string; run: () => Promise<number> | number }

/** Runs a case and prints median, spread and throughput; `run` returns how many units it made. */
async function measure({ name, target, unit, run }: Case): Promise<boolean> {
  for (let i = 0; i < WARM_UP; i++) await run()
  const times: number[] = []
  let units = 0
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    units = await run()
    times.push(performance.now() - started)
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(RUNS / 2)]
  const rate = Math.round(units / (median / 1000)).toLocaleString('en')
  const verdict = median <= target ? 'ok' : 'SLOWER THAN TARGET'
  console.log(
    `${name}: median ${median.toFixed(2)} ms (min ${times[0].toFixed(2)}, max ${times[RUNS - 1].toFixed(2)}, ` +
      `${RUNS} runs), ${units} ${unit}, ${rate} ${unit}/s; target <= ${target} ms: ${verdict}`,
  )
  return median <= target
}

const allSlots =
  ({ query, range, data }: Scenario) =>
  () =>
    computeSlots({ ...query, range, data }).length

const firstSlot = (scenario: Scenario) => async () => {
  const { load } = inMemoryLoader(scenario.data)
  return (await findFirstAvailableSlot(scenario.query, load)) ? 1 : 0
}

const oneSite = oneSiteScenario()
const network = networkScenario()
console.log(
  `(a) ${oneSite.data.rules.length} rules, ${oneSite.data.appointments.length} appointments, ` +
    `${oneSite.data.absences.length} absences; (b) ${network.query.sites.length} sites, ` +
    `${network.data.rules.length} rules, ${network.data.appointments.length} appointments`,
)
const cases: Case[] = [
  {
    name: '(a) all slots, 1 site, 20 advisors, 8 weeks',
    target: 10,
    unit: 'slots',
    run: allSlots(oneSite),
  },
  { name: '(b) first available, 50 sites', target: 5, unit: 'searches', run: firstSlot(network) },
  {
    name: '(b2) first available, 50 sites, all away the first 10 days',
    target: 5,
    unit: 'searches',
    run: firstSlot(networkScenario({ awayDays: 10 })),
  },
]
let allOk = true
for (const benchCase of cases) allOk = (await measure(benchCase)) && allOk
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
console.log(
  `peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}, peak heap used ${mib(peakHeap)}`,
)
process.exitCode = allOk ? 0 : 1
