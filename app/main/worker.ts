// `npm run worker`: the notification worker and periodic tasks alone (the web process then runs with WORKER=off).
// The configuration first, then the app (app/main/start.ts).
import { start } from './start'

await start('worker', 'Permanence worker cannot start', async (config) => {
  const { db, disconnectDb } = await import('~/platform/database/client.server')
  const { prepareDatabase } = await import('~/platform/database/startup.server')
  const { logger } = await import('~/platform/logging.server')
  const { startBackgroundWork } = await import('./background')
  const { startErrorReporting, stopErrorReporting } =
    await import('~/platform/error-reporting.server')
  await startErrorReporting({
    dsn: config.sentryDsn,
    production: config.production,
    role: 'worker',
  })
  await prepareDatabase(config.database)
  const worker = await startBackgroundWork(db(), config)
  const stop = () => {
    logger.info('notification worker stopping')
    void worker
      .stop()
      .then(() => disconnectDb())
      .then(() => stopErrorReporting())
      .then(() => process.exit(0))
    setTimeout(() => process.exit(0), 15_000).unref()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
})
