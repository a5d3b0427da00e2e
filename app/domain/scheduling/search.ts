import { DAY_MS, MINUTE_MS, formatLocalDate, isoWeekday } from './calendar'
import { checkedInstant, isKnownAdvisor, resolveQuery, slotTimeZone, unknownAdvisor } from './query'
import { slotsBetween } from './slots'
import type { DateRange, LoadWindow, SchedulingQuery, SchedulingTopic, Slot } from './types'
import { dayClock, localDay } from './zone'

const FIRST_CHUNK_DAYS = 7
const MAX_CHUNK_DAYS = 28
/** A local day spans at most 26 h away from any UTC instant of it; two days cover that. */
const DATA_MARGIN_MS = 2 * DAY_MS

/**
 * The window whose data computeSlots needs for slots starting within `range`: busy time
 * anywhere in the local days concerned re-anchors the grid, and buffers reach further.
 */
export function schedulingDataWindow(
  range: DateRange,
  topic: Pick<SchedulingTopic, 'bufferMinutes'>,
): DateRange {
  const margin = DATA_MARGIN_MS + topic.bufferMinutes * MINUTE_MS
  return {
    from: new Date(range.from.getTime() - margin),
    to: new Date(range.to.getTime() + margin),
  }
}

/** The earliest bookable slot, or null when the whole booking window is full. */
export function findFirstAvailableSlot(
  query: SchedulingQuery,
  loadWindow: LoadWindow,
): Promise<Slot | null> {
  return firstSlotFrom(query, query.now, loadWindow)
}

/**
 * The local date ("YYYY-MM-DD", at the slot's place) of the first slot starting at or
 * after `after`, or null. The public week view uses it to jump over an empty week.
 */
export async function findNextAvailableDay(
  query: SchedulingQuery,
  after: Date,
  loadWindow: LoadWindow,
): Promise<string | null> {
  const slot = await firstSlotFrom(query, after, loadWindow)
  if (!slot) return null
  return formatLocalDate(localDay(slot.start.getTime(), slotTimeZone(query, slot.siteId)))
}

async function firstSlotFrom(
  query: SchedulingQuery,
  after: Date,
  loadWindow: LoadWindow,
): Promise<Slot | null> {
  const [first] = await scanSlots(query, after, loadWindow, { wanted: 1, firstDayOnly: true })
  return first ?? null
}

/** Morning is before noon on the clock of the slot's place; afternoon from noon. */
export type PartOfDay = 'MORNING' | 'AFTERNOON'
const NOON_MINUTE = 12 * 60

/** The way callers narrow a search: some weekdays (ISO, empty: any), a part of the day. */
export type SlotFilter = { weekdays: readonly number[]; partOfDay: PartOfDay | null }

/** Whether a slot falls on one of the weekdays and in the part of the day, at its place. */
export function slotMatches(slot: Slot, timeZone: string, filter: SlotFilter): boolean {
  const start = slot.start.getTime()
  const wall = dayClock(timeZone, Math.floor(start / DAY_MS)).toWall(start)
  const day = Math.floor(wall / DAY_MS)
  if (filter.weekdays.length > 0 && !filter.weekdays.includes(isoWeekday(day))) return false
  if (filter.partOfDay === null) return true
  const afternoon = (wall - day * DAY_MS) / MINUTE_MS >= NOON_MINUTE
  return filter.partOfDay === 'AFTERNOON' ? afternoon : !afternoon
}

/**
 * One page of the slots a caller could take, earliest first: those starting at or after
 * `after` that match the filter, up to `limit`, over the whole booking window. A page
 * never cuts between slots of the same start, so `next` (where the following page
 * starts, null at the end) repeats and skips nothing (decision 066).
 */
export async function searchSlots(
  query: SchedulingQuery,
  loadWindow: LoadWindow,
  search: { after: Date; filter: SlotFilter; limit: number },
): Promise<{ slots: Slot[]; next: Date | null }> {
  const matches = (slot: Slot) => slotMatches(slot, slotTimeZone(query, slot.siteId), search.filter)
  const found = await scanSlots(query, search.after, loadWindow, {
    wanted: search.limit + 1,
    firstDayOnly: false,
    matches,
  })
  if (found.length <= search.limit) return { slots: found, next: null }
  const cut = found[search.limit]!.start.getTime()
  const page = found.filter((slot) => slot.start.getTime() < cut)
  if (page.length > 0) return { slots: page, next: new Date(cut) }
  // More slots share one start than a page holds: that start alone makes the page.
  const same = found.filter((slot) => slot.start.getTime() === cut)
  return { slots: same, next: new Date(cut + 1) }
}

/**
 * Scans forward in growing chunks from `after` until `wanted` matching slots are found
 * or the booking window ends. With `firstDayOnly`, each chunk stops at its first day with
 * a slot: enough when only the earliest slot is wanted.
 */
async function scanSlots(
  query: SchedulingQuery,
  after: Date,
  loadWindow: LoadWindow,
  scan: { wanted: number; firstDayOnly: boolean; matches?: (slot: Slot) => boolean },
): Promise<Slot[]> {
  const resolved = resolveQuery(query)
  let from = Math.max(checkedInstant(after, 'after'), resolved.earliest)
  let chunkDays = FIRST_CHUNK_DAYS
  let advisorKnown = isKnownAdvisor(query, [])
  const found: Slot[] = []
  while (from < resolved.latest) {
    const to = Math.min(from + chunkDays * DAY_MS, resolved.latest)
    const window = schedulingDataWindow({ from: new Date(from), to: new Date(to) }, query.topic!)
    const data = await loadWindow(window.from, window.to)
    advisorKnown ||= isKnownAdvisor(query, data.rules)
    const slots = slotsBetween(resolved, from, to, data, scan.firstDayOnly)
    found.push(...(scan.matches ? slots.filter(scan.matches) : slots))
    if (found.length >= scan.wanted) return found.slice(0, scan.wanted)
    from = to
    chunkDays = Math.min(chunkDays * 2, MAX_CHUNK_DAYS)
  }
  if (!advisorKnown) throw unknownAdvisor(query.advisorId)
  return found
}
