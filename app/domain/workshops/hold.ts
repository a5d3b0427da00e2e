// How long a freed seat is held for the person it is offered to (decision 080).

import { HOUR_MS, MINUTE_MS } from '../scheduling/calendar'

export const DEFAULT_HOLD_HOURS = 12
/** The hold ends at the latest this long before the session: time to come, or to pass it on. */
export const HOLD_ENDS_BEFORE_START_MINUTES = 120
/** A hold shorter than this gives nobody the time to answer: the seat goes to whoever registers. */
export const MIN_HOLD_MINUTES = 30

/**
 * When the hold of an offer sent at `sentAt` ends: `holdHours` later, but no later than
 * two hours before the session. Null when that leaves less than half an hour: near the
 * start, the seat is not held for anyone and simply shows as free.
 */
export function holdEndsAt(sentAt: Date, sessionStart: Date, holdHours: number): Date | null {
  const latest = sessionStart.getTime() - HOLD_ENDS_BEFORE_START_MINUTES * MINUTE_MS
  const ends = Math.min(sentAt.getTime() + holdHours * HOUR_MS, latest)
  return ends - sentAt.getTime() >= MIN_HOLD_MINUTES * MINUTE_MS ? new Date(ends) : null
}

/** Whether an offer written now could still give a hold (else the seat is left free). */
export function mayOffer(now: Date, sessionStart: Date): boolean {
  return holdEndsAt(now, sessionStart, Number.POSITIVE_INFINITY) !== null
}
