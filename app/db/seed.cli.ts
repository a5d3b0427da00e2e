// npm run db:seed: migrates DATABASE_URL and seeds the demo organisation if it is not there.
import { databaseConfig, db, disconnectDb } from './client.server'
import { DatabaseConfigError } from './config.server'
import { seedDemo } from './seed.server'
import { prepareDatabase } from './startup.server'

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
