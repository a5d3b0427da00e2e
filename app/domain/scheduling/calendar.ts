import { isPlausibleYear } from '../time/plausible-years'
// Civil dates as day numbers (days since 1970-01-01) and wall times as minutes.
// Only UTC-based Date methods are used, so nothing depends on the process time zone.

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/

/** "YYYY-MM-DD" to a day number, or null when it is not a real calendar date. */
export function parseLocalDate(value: string): number | null {
  const match = DATE_PATTERN.exec(value)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, day)
  const check = new Date(ms)
  const real =
    isPlausibleYear(year) &&
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day
  return real ? ms / DAY_MS : null
}

export function formatLocalDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** "HH:mm" (00:00 to 23:59) to minutes after midnight, or null. */
export function parseWallTime(value: string): number | null {
  const match = TIME_PATTERN.exec(value)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

/** ISO weekday, Monday = 1 ... Sunday = 7 (day 0 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1
}

export function mondayOf(day: number): number {
  return day - isoWeekday(day) + 1
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear()
}
