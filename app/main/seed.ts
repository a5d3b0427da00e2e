// npm run db:seed: migrates DATABASE_URL and seeds the demo organisation if it is not there.
import { databaseConfig, db, disconnectDb } from '~/platform/database/client.server'
import { DatabaseConfigError } from '~/platform/database/config.server'
import { seedDemo } from '~/features/demo/index.server'
import { prepareDatabase } from '~/platform/database/startup.server'

try {
  await prepareDatabase(databaseConfig())
  const { seeded } = await seedDemo(db())
  console.log(
    seeded ? 'Demo organisation seeded.' : 'Demo organisation already there; nothing changed.',
  )
  await disconnectDb()
} catch (error) {
  console.error(error instanceof DatabaseConfigError ? `Cannot seed: ${error.message}` : error)
  process.exit(1)
}
