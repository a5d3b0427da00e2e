import { LRUCache } from 'lru-cache'
import { config } from '~/platform/config/config.server'

// A few seconds of memory for the busiest public page (the week of free times) and the
// nearby times of a lost slot: under a rush every resident looking at the same week shares
// one computation. Stale for at most `ttlMs` on other instances; the confirm step re-checks
// with the engine and the database anyway (decisions 015, 097). The least recently used
// entry goes first when it is full. Only the Remix build loads this module, so a plain
// module value is the process's one cache (no globalThis holder). READ_CACHE=off turns it
// off.
type Entry = { value: Promise<unknown>; group: string }
const entries = new LRUCache<string, Entry>({ max: 500 })

export async function cached<T>(
  group: string,
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
): Promise<T> {
  if (!config().readCache) return compute()
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
}
