import { DAY_MS, MINUTE_MS, formatLocalDate } from './calendar'
import { checkedInstant, isKnownAdvisor, resolveQuery, slotTimeZone, unknownAdvisor } from './query'
import { slotsBetween } from './slots'
import type { DateRange, LoadWindow, SchedulingQuery, SchedulingTopic, Slot } from './types'
import { localDay } from './zone'

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

/** Scans forward in growing chunks and stops at the first chunk holding a slot. */
async function firstSlotFrom(
  query: SchedulingQuery,
  after: Date,
  loadWindow: LoadWindow,
): Promise<Slot | null> {
  const resolved = resolveQuery(query)
  let from = Math.max(checkedInstant(after, 'after'), resolved.earliest)
  let chunkDays = FIRST_CHUNK_DAYS
  let advisorKnown = isKnownAdvisor(query, [])
  while (from < resolved.latest) {
    const to = Math.min(from + chunkDays * DAY_MS, resolved.latest)
    const window = schedulingDataWindow({ from: new Date(from), to: new Date(to) }, query.topic!)
    const data = await loadWindow(window.from, window.to)
    advisorKnown ||= isKnownAdvisor(query, data.rules)
    const slots = slotsBetween(resolved, from, to, data, true)
    if (slots.length > 0) return slots[0]
    from = to
    chunkDays = Math.min(chunkDays * 2, MAX_CHUNK_DAYS)
  }
  if (!advisorKnown) throw unknownAdvisor(query.advisorId)
  return null
}
