import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { databaseConfig, db, disconnectDb } from '~/platform/database/client.server'
import { DatabaseConfigError, describeDatabase } from '~/platform/database/config.server'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '~/features/demo/index.server'
import { prepareDatabase } from '~/platform/database/startup.server'
import { projectRoot } from '~/platform/project-root.server'
import { startNotificationWorker, type RunningWorker } from '~/features/notifications/index.server'
import { createHttpApp } from '~/platform/http/app.server'
import { logger } from '~/platform/logging.server'
import { isProduction } from '~/platform/runtime.server'
import { sessionSecret } from '~/platform/secrets.server'

const BUILD_DIR = `${projectRoot()}/build`

/** Demo data goes in by default, except in production where SEED_DEMO=1 asks for it. */
function shouldSeed() {
  if (process.env.SEED_DEMO) return process.env.SEED_DEMO === '1'
  return !isProduction()
}

async function main() {
  sessionSecret()
  const config = databaseConfig()
  const applied = await prepareDatabase(config)
  const { kind, where } = describeDatabase(config)
  logger.info({ database: kind, where, migrationsApplied: applied.length }, 'database ready')
  if (shouldSeed()) {
    const { seeded } = await seedDemo(db())
    if (seeded) {
      logger.info('demo data seeded')
      logger.info(
        { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD },
        'demo advisor workspace: sign in at /espace/connexion',
      )
    }
  }

  const serverBuild = `${BUILD_DIR}/server/index.js`
  if (!existsSync(serverBuild))
    throw new DatabaseConfigError('No build found: run `npm run build` first.')
  const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild
  const app = createHttpApp(build, `${BUILD_DIR}/client`)

  const port = Number(process.env.PORT ?? 3000)
  const server = app.listen(port, process.env.HOST ?? '0.0.0.0', () => {
    const { port: actual } = server.address() as AddressInfo
    logger.info(`Permanence listening on http://localhost:${actual}`)
  })

  // The notification worker runs here unless it runs alone (`npm run worker`).
  let worker: RunningWorker | null = null
  if (process.env.WORKER !== 'off') worker = await startNotificationWorker(db(), config, logger)

  const stop = () => {
    logger.info('stopping')
    server.close(
      () =>
        void (worker?.stop() ?? Promise.resolve())
          .then(() => disconnectDb())
          .then(() => process.exit(0)),
    )
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error: unknown) => {
  // One line an operator can act on; the stack only for unexpected failures.
  if (error instanceof DatabaseConfigError) {
    console.error(`Permanence cannot start: ${error.message}`)
  } else {
    console.error('Permanence cannot start: unexpected error.', error)
  }
  process.exit(1)
})
