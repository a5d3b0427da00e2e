import { DateTime } from 'luxon'
import { isPlausibleYear } from '~/domain/time/plausible-years'

// The dates of a series of sessions: weekly for N weeks, or a list the admin types.

export const MAX_SESSIONS_PER_SERIES = 52

/** The same weekday and time, `weeks` weeks in a row from `firstDate` (YYYY-MM-DD). */
export function weeklyDates(firstDate: string, weeks: number): string[] {
  const first = DateTime.fromISO(firstDate, { zone: 'UTC' })
  if (!first.isValid || weeks < 1) return []
  return Array.from({ length: Math.min(weeks, MAX_SESSIONS_PER_SERIES) }, (_, index) =>
    first.plus({ weeks: index }).toISODate()!,
  )
}

export type DateListProblem = { kind: 'INVALID'; value: string } | { kind: 'TOO_MANY' } | null

/**
 * A list of dates typed in any of the ways people write them ("12/01/2027, 19/01/2027",
 * one per line, or ISO), sorted, without repeats; or what is wrong with it.
 */
export function parseDateList(
  text: string,
): { ok: true; dates: string[] } | { ok: false; problem: NonNullable<DateListProblem> } {
  const values = text
    .split(/[\s,;]+/)
    .map((value) => value.trim())
    .filter(Boolean)
  const dates = new Set<string>()
  for (const value of values) {
    const date = parseOneDate(value)
    if (!date) return { ok: false, problem: { kind: 'INVALID', value } }
    dates.add(date)
  }
  if (dates.size > MAX_SESSIONS_PER_SERIES) return { ok: false, problem: { kind: 'TOO_MANY' } }
  return { ok: true, dates: [...dates].sort() }
}

function parseOneDate(value: string): string | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: 'UTC' })
    : DateTime.fromFormat(value, 'd/M/yyyy', { zone: 'UTC' })
  return date.isValid && isPlausibleYear(date.year) ? date.toISODate() : null
}
