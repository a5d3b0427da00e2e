import { LRUCache } from 'lru-cache'
import { forgetPages } from './page-cache.server'

// A few seconds of memory for the busiest public page (the week of free times): under a
// rush every resident looking at the same week shares one computation. Stale for at most
// `ttlMs` on other instances; the confirm step re-checks with the engine and the database
// anyway (decision 015). The least recently used entry goes first when it is full.
type Entry = { value: Promise<unknown>; group: string }
const entries = new LRUCache<string, Entry>({ max: 500 })

export async function cached<T>(
  group: string,
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
): Promise<T> {
  const hit = entries.get(key)
  if (hit) return hit.value as Promise<T>
  const value = compute()
  entries.set(key, { value, group }, { ttl: ttlMs })
  // A failure is not remembered: the next reader tries again.
  value.catch(() => entries.delete(key))
  return value
}

/** Forgets a group (an organisation) at once, when this instance changes its bookings. */
export function forget(group: string) {
  for (const [key, entry] of entries.entries()) if (entry.group === group) entries.delete(key)
  forgetPages()
}
