// `npm test`: every check a change must pass, in order, with one summary at the end.
// Integration and browser suites run on SQLite always, and again on PostgreSQL when
// TEST_DATABASE_URL is set (.ci/run sets it).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

type Step = { name: string; command: string[]; env?: Record<string, string>; vitest?: boolean }
type Outcome = {
  name: string
  ok: boolean
  seconds: number
  passed: number
  failed: number
  skipped: number
  failures: string[]
}

const postgresUrl = process.env.TEST_DATABASE_URL
const reportDir = mkdtempSync(`${tmpdir()}/permanence-report-`)
const vitest = (
  project: string,
  env: Record<string, string>,
  label: string,
  args: readonly string[] = [],
): Step => ({
  name: label,
  command: [
    'npx',
    'vitest',
    'run',
    '--config',
    'tests/vitest.config.ts',
    '--project',
    project,
    ...args,
  ],
  env,
  vitest: true,
})

// Pages behave the same on both databases; what differs is proven over HTTP by the
// integration suite on each. On PostgreSQL the browser suite runs the files where people
// race for the same time or seat (decision 089).
const BROWSER_ON_POSTGRESQL = [
  'tests/browser/journey.test.ts',
  'tests/browser/workshops-public.test.ts',
]

// The slot engine and date formatting must not depend on the server's zone.
const TIME_ZONES = ['Europe/Paris', 'UTC', 'Pacific/Auckland']
const databases: { provider: string; env: Record<string, string> }[] = [
  { provider: 'sqlite', env: { TEST_DB_PROVIDER: 'sqlite' } },
  ...(postgresUrl
    ? [
        {
          provider: 'postgresql',
          env: { TEST_DB_PROVIDER: 'postgresql', TEST_DATABASE_URL: postgresUrl },
        },
      ]
    : []),
]

// Stages run one after the other; the steps of a stage run side by side. The checks and
// the three unit runs share the two cores well; the integration and browser suites do not
// (each starts the app, a database and Chromium: side by side they took longer than one
// after the other), so each of those is a stage of its own (decision 089). Within a suite
// two files run at once (tests/vitest.config.ts).
const stages: Step[][] = [
  [
    { name: 'typecheck', command: ['npx', 'tsc', '--noEmit'] },
    { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
    { name: 'format', command: ['npx', 'prettier', '--check', '--log-level', 'warn', '.'] },
    { name: 'migrations match the models', command: ['npx', 'tsx', 'prisma/check-migrations.ts'] },
  ],
  [
    // Three runs side by side: one worker each.
    ...TIME_ZONES.map((zone) =>
      vitest('unit', { TZ: zone }, `unit (TZ=${zone})`, ['--maxWorkers=1']),
    ),
    { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  ],
  ...databases.map(({ provider, env }) => [
    vitest('integration', env, `integration (${provider})`),
  ]),
  ...databases.map(({ provider, env }) => [
    provider === 'sqlite'
      ? vitest('browser', env, 'browser (sqlite)')
      : vitest('browser', env, 'browser (postgresql: races)', BROWSER_ON_POSTGRESQL),
  ]),
]

const runStarted = Date.now()
const outcomes: Outcome[] = []
let index = 0
for (const stage of stages) {
  outcomes.push(...(await Promise.all(stage.map((step) => runStep(step, index++)))))
}
rmSync(reportDir, { recursive: true, force: true })

function runStep(step: Step, index: number): Promise<Outcome> {
  const report = `${reportDir}/${index}.json`
  const args = step.vitest
    ? [
        ...step.command.slice(1),
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ]
    : step.command.slice(1)
  const started = Date.now()
  const child = spawn(step.command[0]!, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...step.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  })
  const output: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const seconds = (Date.now() - started) / 1000
      process.stdout.write(`\n━━ ${step.name} (${seconds.toFixed(1)} s) ━━\n`)
      process.stdout.write(Buffer.concat(output))
      const counts = step.vitest
        ? readCounts(report)
        : { passed: 0, failed: 0, skipped: 0, failures: [] }
      resolve({ name: step.name, ok: status === 0, seconds, ...counts })
    })
  })
}

type AssertionResult = { status: string; fullName: string; failureMessages?: string[] }
type FileResult = { name: string; assertionResults: AssertionResult[] }

// The summary names each failed test with the first line of its error, so a CI log cut
// to its tail still says what broke (a property test's counterexample included).
function readCounts(file: string) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'))
    const failures = (json.testResults as FileResult[]).flatMap((result) =>
      result.assertionResults
        .filter((assertion) => assertion.status === 'failed')
        .map((assertion) => {
          const where = result.name.replace(`${process.cwd()}/`, '')
          const why = (assertion.failureMessages?.[0] ?? '').split('\n').slice(0, 3).join(' ⏎ ')
          return `${where} › ${assertion.fullName}: ${why.slice(0, 400)}`
        }),
    )
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
      failures,
    }
  } catch {
    return { passed: 0, failed: 1, skipped: 0, failures: ['no report was written'] }
  }
}

console.log('\n━━ summary ━━')
for (const outcome of outcomes) {
  const counts =
    outcome.passed + outcome.failed > 0
      ? `  ${outcome.passed} passed, ${outcome.failed} failed`
      : ''
  console.log(
    `${outcome.ok ? 'ok  ' : 'FAIL'}  ${outcome.name.padEnd(34)} ${outcome.seconds.toFixed(1).padStart(6)} s${counts}`,
  )
  for (const failure of outcome.failures) console.log(`        ✗ ${failure}`)
}
console.log(
  postgresUrl
    ? 'Databases covered: SQLite and PostgreSQL.'
    : 'Databases covered: SQLite only. PostgreSQL was NOT run: set TEST_DATABASE_URL=postgresql://… to include it.',
)
const total = outcomes.reduce(
  (sum, outcome) => ({
    passed: sum.passed + outcome.passed,
    failed: sum.failed + outcome.failed + (outcome.ok ? 0 : outcome.failed === 0 ? 1 : 0),
    skipped: sum.skipped + outcome.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
)
console.log(
  `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped in ${((Date.now() - runStarted) / 1000).toFixed(0)} s`,
)
process.exit(outcomes.every((outcome) => outcome.ok) ? 0 : 1)
