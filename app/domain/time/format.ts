import { DateTime } from 'luxon'

// The one home of how dates and times read, always in the place's zone, never the
// server's. French follows the administrative style: "mardi 3 mars 2026 à 14 h 30",
// "9 h" on the hour, no zero padding, "1er" for the first of the month.

export type DisplayLanguage = 'fr' | 'en'

const LOCALES: Record<DisplayLanguage, string> = { fr: 'fr-FR', en: 'en-GB' }

function local(instant: Date, zone: string, language: DisplayLanguage): DateTime {
  const time = DateTime.fromJSDate(instant, { zone })
  if (!time.isValid) throw new RangeError(`Cannot show ${String(instant)} in zone "${zone}"`)
  return time.setLocale(LOCALES[language])
}

/** "3", "1er": French writes the first of the month as an ordinal. */
function dayOfMonth(time: DateTime, language: DisplayLanguage): string {
  return language === 'fr' && time.day === 1 ? '1er' : String(time.day)
}

/** "mardi 3 mars" / "Tuesday 3 March". */
export function formatDay(instant: Date, zone: string, language: DisplayLanguage): string {
  const time = local(instant, zone, language)
  return `${time.toFormat('cccc')} ${dayOfMonth(time, language)} ${time.toFormat('LLLL')}`
}

/** "14 h 30", "9 h" / "2:30 pm", "9 am": how times are printed in each language. */
export function formatTime(instant: Date, zone: string, language: DisplayLanguage): string {
  return clock(local(instant, zone, language), language, ' ')
}

function clock(time: DateTime, language: DisplayLanguage, space: '' | ' '): string {
  const minutes = time.toFormat('mm')
  if (language === 'fr') {
    return time.minute === 0 ? `${time.hour}${space}h` : `${time.hour}${space}h${space}${minutes}`
  }
  const hour = time.hour % 12 || 12
  const suffix = time.hour < 12 ? 'am' : 'pm'
  return time.minute === 0 ? `${hour}${space}${suffix}` : `${hour}:${minutes}${space}${suffix}`
}

/** "mardi 3 mars 2026 à 14 h 30" / "Tuesday 3 March 2026 at 2:30 pm". */
export function formatAppointmentDate(
  instant: Date,
  zone: string,
  language: DisplayLanguage,
): string {
  const year = local(instant, zone, language).year
  const joiner = language === 'fr' ? 'à' : 'at'
  return `${formatDay(instant, zone, language)} ${year} ${joiner} ${formatTime(instant, zone, language)}`
}

/**
 * "mar. 3 mars 14h30" / "Tue 3 Mar 2:30pm": for SMS, where every character counts.
 * The month stays written (not "3/03"): day/month digits are easy to misread.
 */
export function formatShortDateTime(
  instant: Date,
  zone: string,
  language: DisplayLanguage,
): string {
  const time = local(instant, zone, language)
  const day = `${time.toFormat('ccc')} ${dayOfMonth(time, language)} ${time.toFormat('LLL')}`
  return `${day} ${clock(time, language, '')}`
}

/** The local calendar date "YYYY-MM-DD" of an instant at a place. */
export function localDateOf(instant: Date, zone: string): string {
  return local(instant, zone, 'en').toISODate()!
}

/** Midnight of a local date at a place (the first instant of that day, DST-proof). */
export function startOfLocalDay(date: string, zone: string): Date {
  const day = DateTime.fromISO(date, { zone }).startOf('day')
  if (!day.isValid || day.toISODate() !== date) {
    throw new RangeError(`Not a date "${date}" in zone "${zone}"`)
  }
  return day.toJSDate()
}
