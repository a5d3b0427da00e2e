import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { FakeTwilio } from '~/features/notifications/providers/fake-twilio.server'
import type { TestDatabase } from './database'
import { builtEntry } from './server'

// A notification worker in a process of its own (`npm run worker`'s entry, bundled),
// sending through the real SDK to the fake Twilio: what a crash test kills with SIGKILL.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export const CRASH_TWILIO = {
  accountSid: 'AC11111111111111111111111111111111',
  authToken: 'crash-token',
  from: '+33700000001',
}

/**
 * `env`: settings of this test (a pool size, channels turned off). `logged`: its log lines on
 * stdout (LOG_LEVEL=info), where it names its lease owner (workerOwner).
 */
export function startWorkerProcess(
  database: Pick<TestDatabase, 'config'>,
  fake: FakeTwilio,
  settings: { secret: string; publicUrl: string },
  { env: extra = {}, logged = false }: { env?: Record<string, string>; logged?: boolean } = {},
): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL:
      database.config.provider === 'sqlite'
        ? `file:${database.config.filePath}`
        : database.config.url,
    TWILIO_ACCOUNT_SID: CRASH_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: CRASH_TWILIO.authToken,
    TWILIO_FROM: CRASH_TWILIO.from,
    // The real SDK against the fake: a test setting, which production refuses (the
    // workers run in the test environment's demo mode).
    TWILIO_BASE_URL: fake.baseUrl,
    SESSION_SECRET: settings.secret,
    PUBLIC_URL: settings.publicUrl,
    SMS_PER_NUMBER_PER_DAY: '100000',
    LOG_LEVEL: logged ? 'info' : 'silent',
    ...extra,
  }
  delete env.HTTP_PROXY
  delete env.http_proxy
  return spawn(process.execPath, [builtEntry('worker')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', logged ? 'pipe' : 'ignore', 'ignore'],
  })
}

/** The lease owner a worker started with `logged` names in its log (decision 040's leases). */
export function workerOwner(worker: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let lines = ''
    const read = (chunk: Buffer) => {
      lines += chunk
      const owner = /"owner":"([^"]+)"/.exec(lines)?.[1]
      if (!owner) return
      worker.stdout!.off('data', read)
      worker.stdout!.resume()
      resolve(owner)
    }
    worker.stdout!.on('data', read)
    worker.once('exit', (code) =>
      reject(new Error(`The worker exited (${code}) before it started`)),
    )
  })
}

/** Kills the workers at once and waits until each has exited. */
export async function killAll(workers: ChildProcess[]) {
  for (const worker of workers) worker.kill('SIGKILL')
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) =>
          w.exitCode !== null || w.signalCode ? resolve(null) : w.once('exit', resolve),
        ),
    ),
  )
}

export const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
