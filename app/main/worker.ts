import { databaseConfig, db, disconnectDb } from '~/platform/database/client.server'
import { DatabaseConfigError } from '~/platform/database/config.server'
import { prepareDatabase } from '~/platform/database/startup.server'
import { logger } from '~/platform/logging.server'
import { startNotificationWorker } from '~/features/notifications/index.server'

// `npm run worker`: the notification worker alone (the web process then runs with WORKER=off).
async function main() {
  const config = databaseConfig()
  await prepareDatabase(config)
  const worker = await startNotificationWorker(db(), config, logger)
  const stop = () => {
    logger.info('notification worker stopping')
    void worker
      .stop()
      .then(() => disconnectDb())
      .then(() => process.exit(0))
    setTimeout(() => process.exit(0), 15_000).unref()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseConfigError) {
    console.error(`Permanence worker cannot start: ${error.message}`)
  } else {
    console.error('Permanence worker cannot start: unexpected error.', error)
  }
  process.exit(1)
})
