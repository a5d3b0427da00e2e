import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { AppConfig } from '~/platform/config/config.server'
import { StartupError } from '~/platform/config/errors.server'
import { db, disconnectDb } from '~/platform/database/client.server'
import { describeDatabase } from '~/platform/database/config.server'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '~/features/demo/index.server'
import { prepareDatabase } from '~/platform/database/startup.server'
import { projectRoot } from '~/platform/project-root.server'
import { startBackgroundWork, type BackgroundWork } from './background'
import { createHttpApp } from '~/platform/http/app.server'
import { startErrorReporting, stopErrorReporting } from '~/platform/error-reporting.server'
import { logger } from '~/platform/logging.server'

const BUILD_DIR = `${projectRoot()}/build`
/** Past this, a stop ends the process anyway (systemd's TimeoutStopSec is longer: docs/deploy.md). */
const STOP_WITHIN_MS = 10_000

/** The web process: database, demo seed, the Remix build behind Express, and the worker. */
export async function serve(config: AppConfig) {
  await startErrorReporting({ dsn: config.sentryDsn, production: config.production, role: 'web' })
  const applied = await prepareDatabase(config.database)
  const { kind, where } = describeDatabase(config.database)
  logger.info({ database: kind, where, migrationsApplied: applied.length }, 'database ready')
  if (config.seedDemo) await seed()

  const serverBuild = `${BUILD_DIR}/server/index.js`
  if (!existsSync(serverBuild)) throw new StartupError('No build found: run `npm run build` first.')
  const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild
  const app = createHttpApp(build, `${BUILD_DIR}/client`, config)

  const server = app.listen(config.port, config.host, () => {
    const { port: actual } = server.address() as AddressInfo
    logger.info(`Permanence listening on ${listeningUrl(config, actual)}`)
  })

  // The notification worker and periodic tasks run here unless they run alone (`npm run worker`).
  let worker: BackgroundWork | null = null
  if (config.worker) worker = await startBackgroundWork(db(), config)

  // No new connection; the requests in flight finish. A keep-alive connection is closed
  // once it has no request, also one busy now (so server.close's callback can come).
  const stop = () => {
    logger.info('stopping')
    server.close(
      () =>
        void (worker?.stop() ?? Promise.resolve())
          .then(() => disconnectDb())
          .then(() => stopErrorReporting())
          .then(() => process.exit(0)),
    )
    server.closeIdleConnections()
    setInterval(() => server.closeIdleConnections(), 100).unref()
    setTimeout(() => process.exit(0), STOP_WITHIN_MS).unref()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

/** Demo data goes in once, on an empty database; the accounts are printed that time only. */
async function seed() {
  const { seeded } = await seedDemo(db())
  if (!seeded) return
  logger.info('demo data seeded')
  logger.info(
    { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD },
    'demo advisor workspace: sign in at /espace/connexion',
  )
}

/** Where a person on this machine opens the app (a wildcard address is not one to open). */
function listeningUrl(config: AppConfig, port: number) {
  const wildcard = config.host === '0.0.0.0' || config.host === '::'
  const host = wildcard ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host
  return `http://${host}:${port}`
}
