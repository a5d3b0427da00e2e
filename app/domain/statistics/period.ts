import { DateTime } from 'luxon'
import { startOfLocalDay } from '../time/format'
import { isPlausibleYear } from '../time/plausible-years'

// The period of the statistics page: whole local days [first, last] in the organisation's
// zone, and the period of the same number of days just before it, to compare with.

export const PERIOD_PRESETS = [
  'thisMonth',
  'lastMonth',
  'thisYear',
  'last12Months',
  'custom',
] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]

/** Local dates "YYYY-MM-DD", both included. */
export type LocalPeriod = { first: string; last: string }
/** The instants a period covers: from included, to excluded. */
export type InstantRange = { from: Date; to: Date }

/** A custom period may not reach further than this: the page stays an overview. */
export const MAX_PERIOD_DAYS = 3 * 366

const DATE = /^\d{4}-\d{2}-\d{2}$/

const iso = (day: DateTime) => day.toISODate()!

/** A real local date of a plausible year, or null. */
export function parseLocalDate(value: string | null | undefined): string | null {
  if (!value || !DATE.test(value) || !isPlausibleYear(Number(value.slice(0, 4)))) return null
  const day = DateTime.fromISO(value, { zone: 'UTC' })
  return day.isValid && iso(day) === value ? value : null
}

/** The days of a preset, as seen on `today` (a local date at the organisation). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): LocalPeriod {
  const day = DateTime.fromISO(today, { zone: 'UTC' })
  switch (preset) {
    case 'thisMonth':
      return { first: iso(day.startOf('month')), last: iso(day.endOf('month')) }
    case 'lastMonth': {
      const month = day.minus({ months: 1 })
      return { first: iso(month.startOf('month')), last: iso(month.endOf('month')) }
    }
    case 'thisYear':
      return { first: iso(day.startOf('year')), last: iso(day.endOf('year')) }
    case 'last12Months':
      return { first: iso(day.minus({ months: 12 }).plus({ days: 1 })), last: today }
  }
}

export type PeriodChoice =
  | { ok: true; preset: PeriodPreset; period: LocalPeriod }
  | { ok: false; preset: 'custom'; problem: 'INVALID_DATE' | 'REVERSED' | 'TOO_LONG' }

/** The period asked for: a preset, or custom dates checked (this month when none is asked). */
export function choosePeriod(
  input: { preset: string | null; first: string | null; last: string | null },
  today: string,
): PeriodChoice {
  const preset = (PERIOD_PRESETS as readonly string[]).includes(input.preset ?? '')
    ? (input.preset as PeriodPreset)
    : 'thisMonth'
  if (preset !== 'custom') return { ok: true, preset, period: presetPeriod(preset, today) }
  const first = parseLocalDate(input.first)
  const last = parseLocalDate(input.last)
  if (!first || !last) return { ok: false, preset, problem: 'INVALID_DATE' }
  if (last < first) return { ok: false, preset, problem: 'REVERSED' }
  if (dayCount({ first, last }) > MAX_PERIOD_DAYS) return { ok: false, preset, problem: 'TOO_LONG' }
  return { ok: true, preset, period: { first, last } }
}

/** How many days a period holds, both ends included. */
export function dayCount(period: LocalPeriod): number {
  const first = DateTime.fromISO(period.first, { zone: 'UTC' })
  const last = DateTime.fromISO(period.last, { zone: 'UTC' })
  return Math.round(last.diff(first, 'days').days) + 1
}

/** The same number of days, ending the day before the period starts. */
export function previousPeriod(period: LocalPeriod): LocalPeriod {
  const first = DateTime.fromISO(period.first, { zone: 'UTC' })
  const days = dayCount(period)
  return { first: iso(first.minus({ days })), last: iso(first.minus({ days: 1 })) }
}

/** The instants of a period at a place: its first midnight to the midnight after its last day. */
export function instantRange(period: LocalPeriod, zone: string): InstantRange {
  const after = iso(DateTime.fromISO(period.last, { zone: 'UTC' }).plus({ days: 1 }))
  return { from: startOfLocalDay(period.first, zone), to: startOfLocalDay(after, zone) }
}

/** "1 décembre 2026" / "1 December 2026": a period's ends as the page writes them. */
export function formatLocalDate(date: string, language: 'fr' | 'en'): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(language === 'fr' ? 'fr-FR' : 'en-GB')
    .toLocaleString(DateTime.DATE_FULL)
}
