// `npm run retention`: today's retention run now (once: a run already done today is not
// repeated); `npm run retention -- --dry-run` prints what it would change and changes nothing.
import { randomUUID } from 'node:crypto'
import { start } from './start'

await start('task', 'Retention run failed', async (config) => {
  const { db, disconnectDb } = await import('~/platform/database/client.server')
  const { prepareDatabase } = await import('~/platform/database/startup.server')
  const { runRetention, warnAdvisorByEmail } = await import('~/features/retention/index.server')
  await prepareDatabase(config.database)
  const dryRun = process.argv.includes('--dry-run')
  const outcome = await runRetention(db(), {
    now: new Date(),
    owner: `cli:${randomUUID()}`,
    dryRun,
    warnAdvisor: warnAdvisorByEmail,
  })
  if (outcome.ran) {
    console.log(dryRun ? 'Would change (dry run, nothing changed):' : 'Changed:')
    for (const [name, count] of Object.entries(outcome.counts)) console.log(`  ${name}: ${count}`)
  } else {
    console.log(
      outcome.reason === 'DONE_TODAY'
        ? "Today's retention run is already done."
        : 'Another worker is running it now.',
    )
  }
  await disconnectDb()
})
