import { DateTime } from 'luxon'
import type { ProblemCode } from '~/domain/input/problems'
import { isPlausibleYear } from '~/domain/time/plausible-years'
import { parseLocalDate } from './calendar'

// What advisors type in the hours and absence forms, read the way they write it.

/** "9:00", "09:00", "9h", "9 h 30", "14H30" to "HH:mm"; null when it is not a time of day. */
export function parseTimeInput(value: string): string | null {
  const match = /^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?$/.exec(value.trim())
  if (!match) return null
  const hour = Number(match[1])
  const minute = match[2] === undefined ? 0 : Number(match[2])
  if (hour > 23 || minute > 59) return null
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

/**
 * The instant of a local date and wall-clock time at a place, or null when that time does
 * not exist there (the spring-forward hour, which Luxon would silently move).
 */
export function localInstant(date: string, time: string, zone: string): Date | null {
  // The one reading of a typed time: "8 h 45", "8h45", "08:45".
  const wall = parseTimeInput(time)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || wall === null) return null
  const [hour, minute] = wall.split(':').map(Number) as [number, number]
  const local = DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 })
  if (
    !local.isValid ||
    !isPlausibleYear(local.year) ||
    local.toISODate() !== date ||
    local.hour !== hour ||
    local.minute !== minute
  ) {
    return null
  }
  return local.toJSDate()
}

export type AbsenceInputProblem = {
  field: 'startDate' | 'startTime' | 'endDate' | 'endTime'
  code: Extract<
    ProblemCode,
    'REQUIRED' | 'INVALID_DATE' | 'INVALID_TIME' | 'TIME_SKIPPED' | 'END_BEFORE_START'
  >
}

/**
 * The instants of an absence typed as local dates and optional times in `zone`: no start
 * time is the start of the first day, no end time the end of the last day. A time the
 * clock skips (02:30 on the spring-forward night) is refused rather than moved.
 */
export function absenceRange(
  input: { startDate: string; startTime: string; endDate: string; endTime: string },
  zone: string,
): { ok: true; start: Date; end: Date } | { ok: false; problems: AbsenceInputProblem[] } {
  const problems: AbsenceInputProblem[] = []
  const start = instant(input.startDate, input.startTime, zone, 'start', problems)
  const end = instant(input.endDate, input.endTime, zone, 'end', problems)
  if (problems.length > 0 || !start || !end) return { ok: false, problems }
  if (end <= start) return { ok: false, problems: [{ field: 'endTime', code: 'END_BEFORE_START' }] }
  return { ok: true, start, end }
}

function instant(
  date: string,
  time: string,
  zone: string,
  which: 'start' | 'end',
  problems: AbsenceInputProblem[],
): Date | null {
  const dateField = which === 'start' ? 'startDate' : 'endDate'
  const timeField = which === 'start' ? 'startTime' : 'endTime'
  const trimmed = date.trim()
  if (trimmed === '') {
    problems.push({ field: dateField, code: 'REQUIRED' })
    return null
  }
  if (parseLocalDate(trimmed) === null) {
    problems.push({ field: dateField, code: 'INVALID_DATE' })
    return null
  }
  if (time.trim() === '') {
    const day = DateTime.fromISO(trimmed, { zone }).startOf('day')
    return (which === 'start' ? day : day.plus({ days: 1 }).startOf('day')).toJSDate()
  }
  const wall = parseTimeInput(time)
  if (wall === null) {
    problems.push({ field: timeField, code: 'INVALID_TIME' })
    return null
  }
  const local = DateTime.fromISO(`${trimmed}T${wall}`, { zone })
  if (!local.isValid || local.toFormat('yyyy-MM-dd HH:mm') !== `${trimmed} ${wall}`) {
    problems.push({ field: timeField, code: 'TIME_SKIPPED' })
    return null
  }
  return local.toJSDate()
}
