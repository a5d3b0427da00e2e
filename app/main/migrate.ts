// npm run db:migrate: applies the committed migrations to DATABASE_URL and says what it did.
import { databaseConfig } from '~/platform/database/client.server'
import { DatabaseConfigError, describeDatabase } from '~/platform/database/config.server'
import { prepareDatabase } from '~/platform/database/startup.server'

try {
  const config = databaseConfig()
  const applied = await prepareDatabase(config)
  const { kind, where } = describeDatabase(config)
  console.log(
    applied.length
      ? `Applied ${applied.join(', ')} to ${kind} at ${where}.`
      : `${kind} at ${where} is up to date.`,
  )
} catch (error) {
  console.error(error instanceof DatabaseConfigError ? `Cannot migrate: ${error.message}` : error)
  process.exit(1)
}
