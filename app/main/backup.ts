// npm run db:backup [file]: an online copy of the SQLite database (PostgreSQL: pg_dump).
import { backupDatabase } from '~/platform/database/backup.server'
import { start } from './start'

await start('task', 'Cannot back up', async ({ database }) => {
  const { file, bytes } = await backupDatabase(database, process.argv[2])
  console.log(`Backed up to ${file} (${(bytes / 1024).toFixed(0)} KB).`)
})
