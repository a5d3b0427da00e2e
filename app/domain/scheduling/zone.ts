import { DateTime, IANAZone } from 'luxon'
import { DAY_MS, HOUR_MS, MINUTE_MS, formatLocalDate } from './calendar'
import { SchedulingError } from './errors'

// Wall-clock values below are "wall milliseconds": the local date and time counted as if
// the wall clock were UTC (local midnight of day d is d * DAY_MS). Converting them to
// instants needs the zone's offsets, which luxon gives at about 10 µs a call: too slow
// for the slot loop. So each (zone, local day) gets a DayClock, built with two or three
// dozen offset look-ups at most and then used with integer arithmetic only.

/** No zone is more than 14 h ahead of UTC or 12 h behind it. */
const MAX_AHEAD_MS = 14 * HOUR_MS
const MAX_BEHIND_MS = 12 * HOUR_MS
const CACHE_LIMIT = 20_000

// luxon checks a zone by building an Intl formatter, about 50 µs: remember the answers.
const zoneValidity = new Map<string, boolean>()

export function isValidTimeZone(name: string): boolean {
  let valid = zoneValidity.get(name)
  if (valid === undefined) {
    if (zoneValidity.size >= CACHE_LIMIT) zoneValidity.clear()
    valid = IANAZone.isValidZone(name)
    zoneValidity.set(name, valid)
  }
  return valid
}

function offsetMs(zone: IANAZone, instant: number): number {
  return zone.offset(instant) * MINUTE_MS
}

/**
 * The wall clock of one zone around one local day. It assumes at most one clock change
 * within the 50 hours around that day, true of every zone for decades.
 */
export class DayClock {
  constructor(
    /** Wall milliseconds of local midnight. */
    readonly midnight: number,
    /** Offset (ms) in force before the clock change, or all day when there is none. */
    readonly before: number,
    readonly after: number,
    /** Instant of the clock change, Infinity when there is none near this day. */
    readonly change: number,
  ) {}

  /** The instant a wall time designates: its first occurrence, or null if it is skipped. */
  toInstant(wall: number): number | null {
    const early = wall - this.before
    if (early < this.change) return early
    const late = wall - this.after
    return late >= this.change ? late : null
  }

  toWall(instant: number): number {
    return instant + (instant < this.change ? this.before : this.after)
  }

  /** Earliest instant whose wall time could be `wall` (for range look-ups). */
  earliestInstant(wall: number): number {
    return wall - Math.max(this.before, this.after)
  }

  latestInstant(wall: number): number {
    return wall - Math.min(this.before, this.after)
  }
}

const clocks = new Map<string, Map<number, DayClock>>()
let cachedClocks = 0

export function dayClock(timeZone: string, day: number): DayClock {
  const cached = clocks.get(timeZone)?.get(day)
  if (cached) return cached
  if (cachedClocks >= CACHE_LIMIT) {
    clocks.clear()
    cachedClocks = 0
  }
  let ofZone = clocks.get(timeZone)
  if (!ofZone) clocks.set(timeZone, (ofZone = new Map()))
  const clock = buildDayClock(IANAZone.create(timeZone), day)
  ofZone.set(day, clock)
  cachedClocks++
  return clock
}

function buildDayClock(zone: IANAZone, day: number): DayClock {
  const midnight = day * DAY_MS
  const low = midnight - MAX_AHEAD_MS
  const high = midnight + DAY_MS + MAX_BEHIND_MS
  const before = offsetMs(zone, low)
  const after = offsetMs(zone, high)
  if (before === after) return new DayClock(midnight, before, after, Infinity)
  return new DayClock(midnight, before, after, findChange(zone, low, high, before))
}

/** Binary search on whole minutes: clock changes never fall between two minutes. */
function findChange(zone: IANAZone, low: number, high: number, before: number): number {
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS
    if (offsetMs(zone, middle) === before) low = middle
    else high = middle
  }
  return high
}

/** The day number of the local date of an instant in a zone. */
export function localDay(instant: number, timeZone: string): number {
  // The clock of the instant's UTC day covers it, and is usually cached already.
  const clock = dayClock(timeZone, Math.floor(instant / DAY_MS))
  return Math.floor(clock.toWall(instant) / DAY_MS)
}

/**
 * The first instant of a local day in a zone: its midnight, or the clock change when the
 * change skips midnight (the day then begins at 01:00).
 */
export function dayStart(day: number, timeZone: string): number {
  const clock = dayClock(timeZone, day)
  return clock.toInstant(clock.midnight) ?? clock.change
}

/** The local date ("YYYY-MM-DD") of an instant, with the instants that bound that day. */
export function localDayRange(instant: Date, timeZone: string) {
  if (!isValidTimeZone(timeZone)) {
    throw new SchedulingError('INVALID_TIME_ZONE', `Time zone "${timeZone}" is not IANA.`)
  }
  const start = DateTime.fromJSDate(instant, { zone: timeZone }).startOf('day')
  return {
    date: formatLocalDate(localDay(instant.getTime(), timeZone)),
    from: start.toJSDate(),
    to: start.plus({ days: 1 }).toJSDate(),
  }
}
