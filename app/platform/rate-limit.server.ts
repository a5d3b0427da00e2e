import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible'
import { db } from '~/platform/database/client.server'

// Counters live in the database, so every instance (and every process on one SQLite
// file) sees the same counts (docs/decisions/013-passwords-and-rate-limits.md).
const limiters = new Map<string, RateLimiterPrisma>()

function limiter(name: string, points: number, durationSeconds: number) {
  const key = `${name}:${points}:${durationSeconds}`
  let found = limiters.get(key)
  if (!found) {
    found = new RateLimiterPrisma({
      storeClient: db(),
      tableName: 'rateLimiterFlexible',
      keyPrefix: name,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    })
    limiters.set(key, found)
  }
  return found
}

export type Limit = { name: string; points: number; seconds: number }

/** Gives back one attempt counted by `consume` (a sign-in that succeeded, say). */
export async function refund({ name, points, seconds }: Limit, key: string) {
  await limiter(name, points, seconds).reward(key, 1)
}

/** Forgets every attempt counted for this key. */
export async function forgive({ name, points, seconds }: Limit, key: string) {
  await limiter(name, points, seconds).delete(key)
}

/** Counts one attempt; false when the limit is reached (the attempt is then refused). */
export async function consume({ name, points, seconds }: Limit, key: string) {
  try {
    await limiter(name, points, seconds).consume(key)
    return true
  } catch (error) {
    if (error instanceof RateLimiterRes) return false
    throw error
  }
}
