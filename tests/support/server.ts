import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DatabaseProvider } from '~/platform/database/provider'
import { postgresUrlFor, testProvider, withPostgresAdmin } from './database'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const TEST_SESSION_SECRET = 'test-secret-0123456789abcdef0123456789abcdef'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** The process entry points that `npm run build` bundles into build/main (decision 100). */
export type Entry = 'web' | 'worker' | 'seed' | 'migrate' | 'retention' | 'backup'

/** The bundle of an entry point, as production runs it with `node`. */
export function builtEntry(entry: Entry): string {
  const file = path.join(ROOT, 'build', 'main', `${entry}.mjs`)
  if (!existsSync(file)) throw new Error(`No ${file}: run \`npm run build\` first.`)
  return file
}

/** What serves the app at an address: one instance, or a proxy in front of several. */
export type Served = { url: string }

export type RunningApp = {
  url: string
  /** The server's process id (a benchmark reads its memory in /proc). */
  pid: number
  databaseUrl: string
  output: () => string
  /** The exit code, once the process ends (a stop test sends SIGTERM itself). */
  exited: Promise<number | null>
  stop: () => Promise<void>
}

/**
 * What production demands (it refuses to start otherwise), with every notification channel
 * turned off: tests of the served pages need no provider.
 */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  SESSION_SECRET: TEST_SESSION_SECRET,
  PUBLIC_URL: 'https://rdv.example.fr',
  NOTIFY_SMS: 'off',
  NOTIFY_VOICE: 'off',
  NOTIFY_EMAIL: 'off',
}

/** A variable's value that stands for the address the app is served at (PUBLIC_URL). */
export const SERVED_URL = '<served>'

/**
 * Starts the built app (`npm run build` first) as `npm start` would, on its own database
 * of the provider under test, and waits until it listens. `seeded`: the demo organisation
 * goes in first with `npm run db:seed` (in the demo mode), as an operator would seed a
 * staging database; production itself never seeds. `provider`: another database than the
 * one under test (a benchmark covers both).
 */
export async function startApp(
  env: Record<string, string> = {},
  {
    seeded = false,
    provider = testProvider,
    kept,
    port: chosenPort,
    startWithinMs = 60_000,
  }: {
    seeded?: boolean
    provider?: DatabaseProvider
    /** A database kept between runs (a benchmark's seeded data): neither created nor dropped. */
    kept?: { url: string; fresh: boolean }
    /** This port rather than a free one: an instance started again where a proxy expects it. */
    port?: number
    /** How long it may take to listen (a test starting many processes on two cores). */
    startWithinMs?: number
  } = {},
): Promise<RunningApp> {
  const port = chosenPort ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const database = kept
    ? { url: kept.url, drop: async () => undefined }
    : await scratchDatabaseUrl(provider)
  if (seeded && (!kept || kept.fresh)) await seedDemoDatabase(database.url)
  const child = spawn(process.execPath, [builtEntry('web')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      SESSION_SECRET: TEST_SESSION_SECRET,
      ...Object.fromEntries(
        Object.entries(env).map(([name, value]) => [name, value === SERVED_URL ? url : value]),
      ),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  await waitUntilListening(url, child, () => output, startWithinMs)
  return {
    url,
    pid: child.pid!,
    databaseUrl: database.url,
    output: () => output,
    exited,
    stop: async () => {
      await stopProcess(child)
      await database.drop()
    },
  }
}

/** The built app in production, on a database seeded beforehand. */
export const startProductionApp = (
  env: Record<string, string> = {},
  provider: DatabaseProvider = testProvider,
  kept?: { url: string; fresh: boolean },
) => startApp({ ...PRODUCTION_ENV, ...env }, { seeded: true, provider, kept })

async function seedDemoDatabase(databaseUrl: string) {
  const child = spawn(process.execPath, [builtEntry('seed')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`npm run db:seed failed (${code}):\n${stderr}`)
}

async function scratchDatabaseUrl(provider: DatabaseProvider) {
  if (provider === 'sqlite') {
    const folder = mkdtempSync(path.join(tmpdir(), 'permanence-app-'))
    return {
      url: `file:${folder}/app.db`,
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    }
  }
  const name = `permanence_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}"`))
  return {
    url: postgresUrlFor(name),
    drop: () =>
      withPostgresAdmin((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  }
}

async function waitUntilListening(
  url: string,
  child: ChildProcess,
  output: () => string,
  withinMs: number,
) {
  const deadline = Date.now() + withinMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}):\n${output()}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`The app did not start within ${withinMs / 1000} s:\n${output()}`)
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
  })
}

/**
 * Runs an entry point (the web server by default) expecting it to fail at start, on a
 * scratch SQLite file unless `env` names a database; returns its exit code, its output,
 * the port it was given and whether that file was created.
 */
export async function startExpectingFailure(env: Record<string, string>, entry: Entry = 'web') {
  const port = await freePort()
  const databaseFile = path.join(mkdtempSync(path.join(tmpdir(), 'permanence-refused-')), 'app.db')
  const child = spawn(process.execPath, [builtEntry(entry)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${databaseFile}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let stdout = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', resolve)
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref()
  })
  const databaseCreated = existsSync(databaseFile)
  rmSync(path.dirname(databaseFile), { recursive: true, force: true })
  return { code, stderr, stdout, port, databaseCreated }
}

/** Waits for something the app does after its answer (at most 10 s). */
export async function until(condition: () => boolean | Promise<boolean>) {
  for (let tries = 0; tries < 100; tries += 1) {
    if (await condition()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('The app did not do it in time')
}
