// Retries spread out: exponential growth with "equal jitter" (half fixed, half random), so
// many rows failing together (a provider outage) do not come back at the same instant.

export type BackoffOptions = { baseMs: number; capMs: number }
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 30 * 60_000 }

/** The wait before attempt `attempts + 1`, after `attempts` failed ones (1-based). */
export function backoffMs(
  attempts: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.max(0, attempts - 1)
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(exponent, 30))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/** A provider's Retry-After wins when longer than our own wait. */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  return Math.max(backoffMs(attempts, random, options), retryAfterMs ?? 0)
}
