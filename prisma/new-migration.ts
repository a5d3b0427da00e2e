// npm run db:new-migration -- <name>: writes the migration that brings each provider's
// migrations up to models.prisma, for SQLite and PostgreSQL alike (README, "Changing the models").
import { mkdirSync, writeFileSync } from 'node:fs'
import { diffMigrationsToModels, migrationFolderOf, postgresUrl, PROVIDERS } from './tooling'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:new-migration -- <name_in_snake_case>')
  process.exit(1)
}
const serverUrl = postgresUrl()
if (!serverUrl) {
  console.error(
    'A PostgreSQL server is needed for its shadow database: set TEST_DATABASE_URL=postgresql://…',
  )
  process.exit(1)
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
for (const provider of PROVIDERS) {
  const url = provider === 'sqlite' ? 'file:./data/migration-scratch.db' : serverUrl
  const diff = diffMigrationsToModels(provider, url, '--script')
  if (diff.status !== 0) {
    console.error(`${provider}: ${diff.stderr}`)
    process.exit(1)
  }
  if (diff.stdout.includes('This is an empty migration')) {
    console.log(`${provider}: nothing to migrate.`)
    continue
  }
  const folder = `${migrationFolderOf(provider)}/${stamp}_${name}`
  mkdirSync(folder, { recursive: true })
  writeFileSync(`${folder}/migration.sql`, diff.stdout)
  console.log(`${provider}: wrote ${folder}/migration.sql (add raw SQL such as triggers by hand).`)
}
