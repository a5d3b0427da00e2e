import { randomBytes } from 'node:crypto'
import { DatabaseConfigError } from '~/platform/database/config.server'
import { isProduction } from './runtime.server'

let developmentSecret: string | undefined

/**
 * The secret that signs cookies and derives manage tokens. Production reads SESSION_SECRET
 * (the same on every instance); elsewhere a random one per process is good enough.
 */
export function sessionSecret(): string {
  const configured = process.env.SESSION_SECRET
  if (configured && configured.length >= 32) return configured
  if (isProduction()) {
    throw new DatabaseConfigError(
      'SESSION_SECRET must be set to at least 32 random characters in production.',
    )
  }
  developmentSecret ??= randomBytes(32).toString('hex')
  return developmentSecret
}
