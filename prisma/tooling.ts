import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { DatabaseProvider } from '../app/platform/database/provider'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const PROVIDERS: DatabaseProvider[] = ['sqlite', 'postgresql']

/** Runs the Prisma CLI for one provider; DATABASE_URL selects the provider in prisma/config.ts. */
export function prisma(args: string[], databaseUrl: string) {
  const result = spawnSync('npx', ['prisma', ...args, '--config', 'prisma/config.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  })
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr }
}

const schemaOf = (provider: DatabaseProvider) => `prisma/.generated/${provider}/schema.prisma`
const migrationsOf = (provider: DatabaseProvider) => `prisma/migrations/${provider}`

/** What it takes to go from a provider's migrations to the models: an exit code or a script. */
export function diffMigrationsToModels(
  provider: DatabaseProvider,
  databaseUrl: string,
  output: '--exit-code' | '--script',
) {
  const args = ['migrate', 'diff', '--from-migrations', migrationsOf(provider)]
  return prisma([...args, '--to-schema-datamodel', schemaOf(provider), output], databaseUrl)
}

export function migrationFolderOf(provider: DatabaseProvider) {
  return `${ROOT}${migrationsOf(provider)}`
}

/** A PostgreSQL server to build shadow databases on, when one is configured. */
export function postgresUrl(): string | undefined {
  return [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
    url?.startsWith('postgres'),
  )
}
