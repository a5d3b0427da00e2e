// npm run db:seed: migrates DATABASE_URL and seeds the demo organisation if it is not there.
// The configuration first, then the app (app/main/start.ts).
import { ConfigError } from '~/platform/config/errors.server'
import { start } from './start'

await start('task', 'Cannot seed', async (config) => {
  // Its accounts share a published password.
  if (config.production) {
    throw new ConfigError(
      'The demo organisation is never seeded in production (NODE_ENV=production).',
    )
  }
  const { db, disconnectDb } = await import('~/platform/database/client.server')
  const { prepareDatabase } = await import('~/platform/database/startup.server')
  const { seedDemo } = await import('~/features/demo/index.server')
  await prepareDatabase(config.database)
  const { seeded } = await seedDemo(db())
  console.log(
    seeded ? 'Demo organisation seeded.' : 'Demo organisation already there; nothing changed.',
  )
  await disconnectDb()
})
