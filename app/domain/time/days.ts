import { DateTime } from 'luxon'
import { formatDay, formatTime, localDateOf, startOfLocalDay, type DisplayLanguage } from './format'
import { isPlausibleYear } from './plausible-years'

// Local calendar days ("YYYY-MM-DD") as the workspace pages walk through them, always cut
// in the place's zone.

/** The requested local date, or today at the place when missing or not a real date. */
export function requestedDate(value: string | null, zone: string, now = new Date()): string {
  if (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && isPlausibleYear(Number(value.slice(0, 4)))) {
    try {
      startOfLocalDay(value, zone)
      return value
    } catch {
      // Not a date: fall back to today.
    }
  }
  return localDateOf(now, zone)
}

export function dayRange(date: string, zone: string) {
  const next = DateTime.fromISO(date, { zone }).plus({ days: 1 }).toISODate()!
  return { from: startOfLocalDay(date, zone), to: startOfLocalDay(next, zone) }
}

/** The seven local dates of the ISO week (Monday first) holding `date`. */
export function weekDates(date: string, zone: string): string[] {
  const monday = DateTime.fromISO(date, { zone }).startOf('week')
  return Array.from({ length: 7 }, (_, index) => monday.plus({ days: index }).toISODate()!)
}

export function shiftDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!
}

export function dayTitle(date: string, zone: string, language: DisplayLanguage): string {
  const start = startOfLocalDay(date, zone)
  return `${formatDay(start, zone, language)} ${DateTime.fromISO(date).year}`
}

/** "9 h", "14 h 30" for a wall time "HH:mm" of a local date at a place. */
export function wallTime(
  date: string,
  time: string,
  zone: string,
  language: DisplayLanguage,
): string {
  return formatTime(DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate(), zone, language)
}

/**
 * Minutes since the local midnight of `date` on the place's clock: 0 before that day,
 * 1440 after it (what a time grid needs of an instant).
 */
export function minuteOfLocalDay(instant: Date, date: string, zone: string): number {
  const local = DateTime.fromJSDate(instant, { zone })
  const day = local.toISODate()!
  if (day < date) return 0
  if (day > date) return 24 * 60
  return local.hour * 60 + local.minute
}

/** The instant a wall-clock minute of a local date names at a place. */
export function instantAtMinute(date: string, minute: number, zone: string): Date {
  return DateTime.fromISO(date, { zone })
    .set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 })
    .toJSDate()
}
