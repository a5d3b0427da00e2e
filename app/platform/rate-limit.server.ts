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

/** Counts one attempt; false when the limit is reached (the attempt is then refused). */
export async function consume(name: string, key: string, points: number, durationSeconds: number) {
  try {
    await limiter(name, points, durationSeconds).consume(key)
    return true
  } catch (error) {
    if (error instanceof RateLimiterRes) return false
    throw error
  }
}
