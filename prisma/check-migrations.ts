// Fails when the models and either provider's migrations disagree, or when the app's own
// migration runner and Prisma's history would disagree. Run by `npm test` (db:check).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { resolveDatabaseConfig } from '../app/platform/database/config.server'
import { prepareDatabase } from '../app/platform/database/startup.server'
import type { DatabaseProvider } from '../app/platform/database/provider'
import { diffMigrationsToModels, postgresUrl, prisma } from './tooling'

async function scratchDatabase(provider: DatabaseProvider, serverUrl?: string) {
  if (provider === 'sqlite') {
    const folder = mkdtempSync(`${tmpdir()}/permanence-check-`)
    return { url: `file:${folder}/check.db`, drop: async () => rmSync(folder, { recursive: true }) }
  }
  const name = `permanence_check_${process.pid}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(serverUrl!)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

async function check(provider: DatabaseProvider, serverUrl?: string): Promise<string[]> {
  const problems: string[] = []
  const scratch = await scratchDatabase(provider, serverUrl)
  try {
    const diff = diffMigrationsToModels(provider, scratch.url, '--exit-code')
    if (diff.status === 2)
      problems.push(
        `${provider}: the models differ from the migrations; run npm run db:new-migration -- <name>.\n${diff.stdout}`,
      )
    else if (diff.status !== 0)
      problems.push(`${provider}: prisma migrate diff failed.\n${diff.stdout}${diff.stderr}`)

    await prepareDatabase(resolveDatabaseConfig(scratch.url))
    const status = prisma(['migrate', 'status'], scratch.url)
    if (status.status !== 0 || !status.stdout.includes('Database schema is up to date')) {
      problems.push(
        `${provider}: Prisma does not see the app's migration history as up to date.\n${status.stdout}${status.stderr}`,
      )
    }
  } finally {
    await scratch.drop()
  }
  return problems
}

const serverUrl = postgresUrl()
const problems = await check('sqlite')
if (serverUrl) problems.push(...(await check('postgresql', serverUrl)))
else
  console.log(
    'Migration check: PostgreSQL NOT checked (set TEST_DATABASE_URL to a postgresql:// server).',
  )

if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(
  `Migration check: models and migrations agree for ${serverUrl ? 'SQLite and PostgreSQL' : 'SQLite'}.`,
)
