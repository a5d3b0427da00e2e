// npm run db:migrate: applies the committed migrations to DATABASE_URL and says what it did.
import { describeDatabase } from '~/platform/database/config.server'
import { prepareDatabase } from '~/platform/database/startup.server'
import { start } from './start'

await start('task', 'Cannot migrate', async ({ database }) => {
  const applied = await prepareDatabase(database)
  const { kind, where } = describeDatabase(database)
  console.log(
    applied.length
      ? `Applied ${applied.join(', ')} to ${kind} at ${where}.`
      : `${kind} at ${where} is up to date.`,
  )
})
