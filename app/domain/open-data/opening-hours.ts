import { DAY_MS, mondayOf, parseLocalDate, parseWallTime, yearOf } from '../scheduling/calendar'

// A site's opening rules as an OpenStreetMap `opening_hours` string (the standard's
// `horaires`). Weekly rules are merged by weekday across advisors; an every-N-weeks rule
// becomes `week WW-53/N`, anchored on the ISO week of its first day; public holidays are
// closed (`PH off`) as the booking engine closes them. Absences are one-off: left out.

export type HoursRule = {
  /** ISO weekdays, Monday = 1. */
  weekdays: readonly number[]
  startTime: string
  endTime: string
  everyNWeeks: number
  validFrom: string
}

type Range = { start: number; end: number }

const DAY_NAMES = ['', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
/** The last ISO week number a year may have. */
const LAST_WEEK = 53

/** The ISO week number (1..53) of a day number. */
export function isoWeekOf(day: number): number {
  // The Thursday of the week decides its year; its week is counted from that year's first.
  const thursday = mondayOf(day) + 3
  const januaryFirst = Date.UTC(yearOf(thursday), 0, 1) / DAY_MS
  return Math.floor((thursday - januaryFirst) / 7) + 1
}

/** Union of time ranges, sorted; ranges that touch become one. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const merged: Range[] = []
  for (const range of sorted) {
    const last = merged[merged.length - 1]
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

const rangesText = (ranges: readonly Range[]) =>
  ranges.map((range) => `${clock(range.start)}-${clock(range.end)}`).join(',')

/** "Mo-We", "Mo,We,Fr": consecutive weekdays as a range, others listed. */
function daysText(days: readonly number[]): string {
  const parts: string[] = []
  let first = days[0]!
  let previous = first
  const close = () =>
    parts.push(
      previous === first
        ? DAY_NAMES[first]!
        : `${DAY_NAMES[first]}${previous === first + 1 ? ',' : '-'}${DAY_NAMES[previous]}`,
    )
  for (const day of days.slice(1)) {
    if (day === previous + 1) {
      previous = day
      continue
    }
    close()
    first = day
    previous = day
  }
  close()
  return parts.join(',')
}

/** One week pattern's hours: weekdays with the same hours share one selector. */
function selectors(rules: readonly HoursRule[]): string[] {
  const byDay = new Map<number, Range[]>()
  for (const rule of rules) {
    const start = parseWallTime(rule.startTime)
    const end = parseWallTime(rule.endTime)
    if (start === null || end === null || end <= start) continue
    for (const day of rule.weekdays) byDay.set(day, [...(byDay.get(day) ?? []), { start, end }])
  }
  const daysByHours = new Map<string, number[]>()
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const text = rangesText(mergeRanges(byDay.get(day)!))
    daysByHours.set(text, [...(daysByHours.get(text) ?? []), day])
  }
  return [...daysByHours].map(([hours, days]) => `${daysText(days)} ${hours}`)
}

/** The weeks an every-N-weeks rule opens, as `week WW-53/N`: same N and anchor, same group. */
function weekSelector(rule: HoursRule): string {
  const day = parseLocalDate(rule.validFrom) ?? 0
  const first = ((isoWeekOf(day) - 1) % rule.everyNWeeks) + 1
  return `week ${String(first).padStart(2, '0')}-${LAST_WEEK}/${rule.everyNWeeks}`
}

/**
 * The rules in effect at a site as one `opening_hours` value, or null when none opens.
 * Weekly hours come first (`;` between weekday groups, which never share a day); the
 * every-N-weeks hours are added to them with `,` (an additional rule, which keeps the
 * weekly hours of that day); `PH off` last closes public holidays over everything.
 */
export function openingHoursOf(rules: readonly HoursRule[]): string | null {
  const weekly = rules.filter((rule) => rule.everyNWeeks <= 1)
  const groups = new Map<string, HoursRule[]>()
  for (const rule of rules.filter((candidate) => candidate.everyNWeeks > 1)) {
    const key = weekSelector(rule)
    groups.set(key, [...(groups.get(key) ?? []), rule])
  }
  const everyNWeeks = [...groups].flatMap(([week, group]) =>
    selectors(group).map((selector) => `${week} ${selector}`),
  )
  const weeklyText = selectors(weekly).join('; ')
  const additional = everyNWeeks.join(', ')
  const hours = [weeklyText, additional].filter(Boolean).join(weeklyText && additional ? ', ' : '')
  return hours ? `${hours}; PH off` : null
}
