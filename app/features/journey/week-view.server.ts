import { HOUR_MS, formatLocalDate, mondayOf, parseLocalDate } from '~/domain/scheduling/calendar'
import { dayStart, localDay } from '~/domain/scheduling/zone'
import { encodeSlotStart } from '~/domain/time/slot-start'
import type { availability } from '~/features/schedule/index.server'
import { formatDay, formatTime, localDateOf, type DisplayLanguage } from '~/domain/time/format'

type Finder = Awaited<ReturnType<typeof availability>>
type Translate = (key: string, options?: Record<string, unknown>) => string

// Weeks are local dates counted as day numbers (calendar.ts): only the week's two bounds
// need the zone, where building luxon dates for each step cost 0.1 ms a view.

/** The Monday of the local week of an instant at a place, as a day number. */
const mondayAt = (instant: Date, zone: string) => mondayOf(localDay(instant.getTime(), zone))

/**
 * Which week to show: the requested one, or (none asked, or "first available") the week of
 * the first free slot. Returns the Monday to redirect to when the URL must change.
 */
export async function resolveWeek(
  finder: Finder,
  requested: string | null,
  wantFirst: boolean,
  zone: string,
  now: Date,
) {
  // Not a real date of a plausible year: the current week.
  const day = requested && !wantFirst ? parseLocalDate(requested) : null
  if (day === null) {
    const first = wantFirst || !requested ? await finder.first() : null
    return { redirectTo: formatLocalDate(mondayAt(first?.start ?? now, zone)) }
  }
  const monday = formatLocalDate(mondayOf(day))
  return monday === requested ? { week: monday } : { redirectTo: monday }
}

/** One week of free slots, day by day, in the place's zone and the reader's language. */
export async function weekView(
  finder: Finder,
  week: string,
  zone: string,
  language: DisplayLanguage,
  t: Translate,
  now: Date,
) {
  const monday = parseLocalDate(week)!
  const range = {
    from: new Date(dayStart(monday, zone)),
    to: new Date(dayStart(monday + 7, zone)),
  }
  // The engine clips to the booking window: past weeks and weeks past the horizon are empty.
  const slots = await finder.slots(range)
  const days = new Map<
    string,
    { label: string; slots: { start: string; time: string; label: string }[] }
  >()
  for (const slot of slots) {
    const date = localDateOf(slot.start, zone)
    const day = days.get(date) ?? { label: formatDay(slot.start, zone, language), slots: [] }
    const time = formatTime(slot.start, zone, language)
    day.slots.push({
      start: encodeSlotStart(slot.start),
      time,
      label: t('journey.slot.chooseLabel', { day: day.label, time }),
    })
    days.set(date, day)
  }
  const nextDay = slots.length === 0 ? await finder.nextDay(range.to) : null
  const nextDayNumber = nextDay ? parseLocalDate(nextDay) : null
  return {
    weekLabel: t('journey.slot.weekOf', { day: formatDay(range.from, zone, language) }),
    previousWeek: monday > mondayAt(now, zone) ? formatLocalDate(monday - 7) : null,
    nextWeek: formatLocalDate(monday + 7),
    nextDayWeek: nextDayNumber === null ? null : formatLocalDate(mondayOf(nextDayNumber)),
    // Its noon: the day's name whatever its clock change.
    nextDayLabel:
      nextDayNumber === null
        ? null
        : formatDay(new Date(dayStart(nextDayNumber, zone) + 12 * HOUR_MS), zone, language),
    days: [...days.values()],
  }
}
export type WeekView = Awaited<ReturnType<typeof weekView>>
