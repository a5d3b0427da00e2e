import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// 144 random bits, 24 URL-safe characters: short enough for an SMS, far beyond guessing.
const TOKEN_BYTES = 18
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/

/** A new manage-link token and the hash stored in its place. */
export function createManageToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url')
  return { token, hash: hashManageToken(token) }
}

/**
 * The token of a booking form: derived from the form's random idempotency key with the
 * server secret, so a resubmitted form leads to the same manage link without the token
 * ever being stored (docs/decisions/014-booking-safety.md).
 */
export function manageTokenFor(
  idempotencyKey: string,
  secret: string,
): { token: string; hash: string } {
  const token = createHmac('sha256', secret)
    .update(`manage:${idempotencyKey}`)
    .digest()
    .subarray(0, TOKEN_BYTES)
    .toString('base64url')
  return { token, hash: hashManageToken(token) }
}

export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Whether a string can be a token at all: anything else is refused before any lookup. */
export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value)
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashManageToken(token), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return presented.length === stored.length && timingSafeEqual(presented, stored)
}
