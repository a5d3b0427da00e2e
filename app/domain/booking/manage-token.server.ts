import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// 144 random bits, 24 URL-safe characters: short enough for an SMS, far beyond guessing.
const TOKEN_BYTES = 18
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/
const randomToken = () => randomBytes(TOKEN_BYTES).toString('base64url')

/**
 * The token of an appointment: derived from its id with the server secret, so the booking
 * browser and the messages sent later get the same link while only its hash is stored,
 * and nothing the database holds is enough to make it (docs/decisions/014-booking-safety.md).
 */
export function manageTokenFor(
  appointmentId: string,
  secret: string,
): { token: string; hash: string } {
  const token = createHmac('sha256', secret)
    .update(`manage-link:${appointmentId}`)
    .digest()
    .subarray(0, TOKEN_BYTES)
    .toString('base64url')
  return { token, hash: hashManageToken(token) }
}

/** A secret for one booking draft or form, held only by the browser booking with it. */
export const newBookingNonce = randomToken

/** Whether a value can be a booking nonce at all. */
export const isBookingNonce = (value: unknown): value is string =>
  typeof value === 'string' && TOKEN_PATTERN.test(value)

/**
 * What the database keeps to recognise a booking sent again: a hash of the browser's nonce
 * and of what it is bound to (its journey and time, or its sign-in session). Whoever reads
 * it cannot present it: a replay needs the nonce, which is never stored.
 */
export function idempotencyKeyHash(nonce: string, ...boundTo: string[]): string {
  return createHash('sha256')
    .update(['booking', nonce, ...boundTo].join('\n'))
    .digest('hex')
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
