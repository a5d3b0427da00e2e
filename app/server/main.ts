import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { databaseConfig, db, disconnectDb } from '~/db/client.server'
import { DatabaseConfigError, describeDatabase } from '~/db/config.server'
import { seedDemo } from '~/db/seed.server'
import { prepareDatabase } from '~/db/startup.server'
import { createHttpApp } from './http.server'
import { logger } from './logger.server'
import { isProduction } from './runtime.server'
import { sessionSecret } from './secrets.server'

const BUILD_DIR = fileURLToPath(new URL('../../build', import.meta.url))

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
    if (seeded) logger.info('demo data seeded')
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

  const stop = () => {
    logger.info('stopping')
    server.close(() => void disconnectDb().then(() => process.exit(0)))
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
