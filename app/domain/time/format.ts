import { DateTime } from 'luxon'
import { DAY_MS, formatLocalDate } from '../scheduling/calendar'
import { isComputableYear, isPlausibleYear } from './plausible-years'
import { timeZone } from './zones'

// The one home of how dates and times read, always in the place's zone, never the
// server's. French follows the administrative style: "mardi 3 mars 2026 à 14 h 30",
// "9 h" on the hour, no zero padding, "1er" for the first of the month. The spaces inside
// a time are non-breaking, so "14 h 30" never wraps on a narrow screen; SMS ask for plain
// spaces (GSM-7 has no non-breaking space).

export type DisplayLanguage = 'fr' | 'en'

export type FormatOptions = {
  /** 'plain' for SMS; pages and emails keep the default non-breaking spaces. */
  spaces?: 'non-breaking' | 'plain'
}

const NON_BREAKING_SPACE = '\u00a0'

const LOCALES: Record<DisplayLanguage, string> = { fr: 'fr-FR', en: 'en-GB' }

function local(instant: Date, zone: string, language: DisplayLanguage): DateTime {
  const time = DateTime.fromJSDate(instant, { zone: timeZone(zone) })
  if (!time.isValid) throw new RangeError(`Cannot show ${String(instant)} in zone "${zone}"`)
  return time.setLocale(LOCALES[language])
}

/**
 * The wall clock at a place from the zone's offset alone: what formatTime and localDateOf
 * need, without building a DateTime per slot (a week page prints several hundred).
 */
function wallClock(instant: Date, zone: string): Date {
  const ms = instant.getTime()
  const place = timeZone(zone)
  const offset = Number.isNaN(ms) || !place.isValid ? NaN : place.offset(ms)
  if (Number.isNaN(offset)) throw new RangeError(`Cannot show ${String(instant)} in zone "${zone}"`)
  return new Date(ms + offset * 60_000)
}

/** "3", "1er": French writes the first of the month as an ordinal. */
function dayOfMonth(day: number, language: DisplayLanguage): string {
  return language === 'fr' && day === 1 ? '1er' : String(day)
}

type CalendarNames = { weekdays: string[]; months: string[] }
const calendarNames = new Map<DisplayLanguage, CalendarNames>()

/**
 * Each language's names of weekdays (Sunday first, as getUTCDay counts) and months, as
 * luxon's "cccc" and "LLLL" write them: read from Intl once, not per date (a week page
 * names each of its days).
 */
function namesOf(language: DisplayLanguage): CalendarNames {
  let names = calendarNames.get(language)
  if (!names) {
    const locale = LOCALES[language]
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
    const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' })
    // 2024-01-07 was a Sunday.
    names = {
      weekdays: Array.from({ length: 7 }, (_, index) =>
        weekday.format(Date.UTC(2024, 0, 7 + index)),
      ),
      months: Array.from({ length: 12 }, (_, index) => month.format(Date.UTC(2024, index, 15))),
    }
    calendarNames.set(language, names)
  }
  return names
}

/** "mardi 3 mars" / "Tuesday 3 March". */
export function formatDay(instant: Date, zone: string, language: DisplayLanguage): string {
  const wall = wallClock(instant, zone)
  const { weekdays, months } = namesOf(language)
  return `${weekdays[wall.getUTCDay()]} ${dayOfMonth(wall.getUTCDate(), language)} ${months[wall.getUTCMonth()]}`
}

/** "14 h 30", "9 h" / "2:30 pm", "9 am": how times are printed in each language. */
export function formatTime(
  instant: Date,
  zone: string,
  language: DisplayLanguage,
  options: FormatOptions = {},
): string {
  const wall = wallClock(instant, zone)
  return formatClock(wall.getUTCHours(), wall.getUTCMinutes(), language, options)
}

/**
 * A wall-clock time from its parts, the way formatTime writes it; hour 24 is the end of
 * a day ("jusqu'à 24 h").
 */
export function formatClock(
  hour: number,
  minute: number,
  language: DisplayLanguage,
  options: FormatOptions = {},
): string {
  const space = options.spaces === 'plain' ? ' ' : NON_BREAKING_SPACE
  const minutes = String(minute).padStart(2, '0')
  if (language === 'fr') {
    return minute === 0 ? `${hour}${space}h` : `${hour}${space}h${space}${minutes}`
  }
  const twelve = hour % 12 || 12
  const suffix = hour < 12 || hour === 24 ? 'am' : 'pm'
  return minute === 0 ? `${twelve}${space}${suffix}` : `${twelve}:${minutes}${space}${suffix}`
}

/** A stored wall-clock time "HH:mm" ("20:00", "08:30") as formatTime writes it. */
export function formatLocalTime(
  time: string,
  language: DisplayLanguage,
  options: FormatOptions = {},
): string {
  const [hour, minute] = time.split(':').map(Number)
  return formatClock(hour, minute, language, options)
}

const joiner = (language: DisplayLanguage) => (language === 'fr' ? 'à' : 'at')

/** "mardi 3 mars 2026 à 14 h 30" / "Tuesday 3 March 2026 at 2:30 pm". */
export function formatAppointmentDate(
  instant: Date,
  zone: string,
  language: DisplayLanguage,
  options: FormatOptions = {},
): string {
  const year = local(instant, zone, language).year
  return `${formatDay(instant, zone, language)} ${year} ${joiner(language)} ${formatTime(instant, zone, language, options)}`
}

/** "mardi 3 mars à 14 h 30" / "Tuesday 3 March at 2:30 pm": the date of this year's messages. */
export function formatDayTime(
  instant: Date,
  zone: string,
  language: DisplayLanguage,
  options: FormatOptions = {},
): string {
  return `${formatDay(instant, zone, language)} ${joiner(language)} ${formatTime(instant, zone, language, options)}`
}

/**
 * "mar. 3 mars à 14 h 30" / "Tue 3 Mar at 2:30 pm": the shortest date an SMS says. The
 * month stays written (not "3/03"): day/month digits are easy to misread.
 */
export function formatShortDateTime(
  instant: Date,
  zone: string,
  language: DisplayLanguage,
  options: FormatOptions = {},
): string {
  const day = formatShortDay(instant, zone, language)
  return `${day} ${joiner(language)} ${formatTime(instant, zone, language, options)}`
}

/** "mar. 3 mars" / "Tue 3 Mar": a day where room is short (an SMS, a calendar column). */
export function formatShortDay(instant: Date, zone: string, language: DisplayLanguage): string {
  const time = local(instant, zone, language)
  return `${time.toFormat('ccc')} ${dayOfMonth(time.day, language)} ${time.toFormat('LLL')}`
}

/** The local calendar date "YYYY-MM-DD" of an instant at a place. */
export function localDateOf(instant: Date, zone: string): string {
  const wall = wallClock(instant, zone)
  const year = wall.getUTCFullYear()
  // Outside years 0–9999 the ISO text takes a sign and six digits, as luxon writes it.
  if (year < 0 || year > 9999) return local(instant, zone, 'en').toISODate()!
  return formatLocalDate(Math.floor(wall.getTime() / DAY_MS))
}

/** Midnight of a local date at a place (the first instant of that day, DST-proof). */
export function startOfLocalDay(date: string, zone: string): Date {
  const day = DateTime.fromISO(date, { zone: timeZone(zone) }).startOf('day')
  if (!day.isValid || day.toISODate() !== date || !isComputableYear(day.year)) {
    throw new RangeError(`Not a date "${date}" in zone "${zone}"`)
  }
  return day.toJSDate()
}

/** Whether a form's "YYYY-MM-DD" is a real, plausible day at a place (filters of periods). */
export function isLocalDate(value: string, zone: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isPlausibleYear(Number(value.slice(0, 4)))) {
    return false
  }
  try {
    startOfLocalDay(value, zone)
    return true
  } catch {
    return false
  }
}
