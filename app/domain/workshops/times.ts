import { localInstant } from '~/domain/scheduling/form-input'

// When the sessions of a workshop take place: the same wall-clock times on each local date,
// read on the site's clock (an overseas site keeps its own), DST days included.

export type SessionTime = { date: string; startsAt: Date; endsAt: Date }

export type SessionTimesProblem =
  | { field: 'startTime' | 'endTime'; code: 'TIME_SKIPPED'; date: string }
  | { field: 'endTime'; code: 'END_BEFORE_START'; date: string }
  | { field: 'date'; code: 'WALK_IN_PAST'; date: string }

/**
 * The instants of a session from `startTime` to `endTime` ("HH:mm") on each date, or the
 * first date where that cannot be: a time the clock skips that day, an end not after the
 * start, or a start already past.
 */
export function sessionTimes(
  dates: readonly string[],
  startTime: string,
  endTime: string,
  zone: string,
  now: Date,
): { ok: true; times: SessionTime[] } | { ok: false; problem: SessionTimesProblem } {
  const times: SessionTime[] = []
  for (const date of dates) {
    const startsAt = localInstant(date, startTime, zone)
    if (!startsAt) return { ok: false, problem: { field: 'startTime', code: 'TIME_SKIPPED', date } }
    const endsAt = localInstant(date, endTime, zone)
    if (!endsAt) return { ok: false, problem: { field: 'endTime', code: 'TIME_SKIPPED', date } }
    if (endsAt <= startsAt) {
      return { ok: false, problem: { field: 'endTime', code: 'END_BEFORE_START', date } }
    }
    if (startsAt <= now)
      return { ok: false, problem: { field: 'date', code: 'WALK_IN_PAST', date } }
    times.push({ date, startsAt, endsAt })
  }
  return { ok: true, times }
}
