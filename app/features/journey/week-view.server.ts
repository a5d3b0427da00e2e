import { DateTime } from 'luxon'
import { encodeSlotStart } from '~/domain/time/slot-start'
import type { availability } from '~/features/schedule/index.server'
import { formatDay, formatTime, localDateOf, type DisplayLanguage } from '~/domain/time/format'
import { isPlausibleYear } from '~/domain/time/plausible-years'
import { timeZone } from '~/domain/time/zones'

type Finder = Awaited<ReturnType<typeof availability>>
type Translate = (key: string, options?: Record<string, unknown>) => string

const WEEK = /^\d{4}-\d{2}-\d{2}$/

function mondayOf(localDate: string, zone: string) {
  return DateTime.fromISO(localDate, { zone: timeZone(zone) }).startOf('week')
}

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
  if (
    !requested ||
    wantFirst ||
    !WEEK.test(requested) ||
    !DateTime.fromISO(requested, { zone: timeZone(zone) }).isValid ||
    !isPlausibleYear(DateTime.fromISO(requested, { zone: timeZone(zone) }).year)
  ) {
    const first = wantFirst || !requested ? await finder.first() : null
    return { redirectTo: mondayOf(localDateOf(first?.start ?? now, zone), zone).toISODate()! }
  }
  const monday = mondayOf(requested, zone).toISODate()!
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
  const monday = mondayOf(week, zone)
  const range = { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() }
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
  const thisMonday = mondayOf(localDateOf(now, zone), zone)
  return {
    weekLabel: t('journey.slot.weekOf', { day: formatDay(monday.toJSDate(), zone, language) }),
    previousWeek: monday > thisMonday ? monday.minus({ weeks: 1 }).toISODate() : null,
    nextWeek: monday.plus({ weeks: 1 }).toISODate()!,
    nextDayWeek: nextDay ? mondayOf(nextDay, zone).toISODate() : null,
    nextDayLabel: nextDay
      ? formatDay(
          DateTime.fromISO(nextDay, { zone: timeZone(zone) })
            .set({ hour: 12 })
            .toJSDate(),
          zone,
          language,
        )
      : null,
    days: [...days.values()],
  }
}
export type WeekView = Awaited<ReturnType<typeof weekView>>
