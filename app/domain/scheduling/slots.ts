import { BusyTimeline, NOTHING_BUSY, busyTimelines } from './busy'
import { MINUTE_MS } from './calendar'
import { holidaysBetween } from './holidays'
import {
  checkedRange,
  isKnownAdvisor,
  resolveQuery,
  unknownAdvisor,
  type ResolvedQuery,
} from './query'
import { compileRule, ruleOpensOn, type CompiledRule } from './rules'
import type { DateRange, SchedulingData, SchedulingQuery, Slot } from './types'
import { dayClock, localDay, type DayClock } from './zone'

/**
 * Every bookable slot starting within [range.from, range.to), sorted by start then site.
 * `data` must cover schedulingDataWindow(range, topic).
 */
export function computeSlots(
  input: SchedulingQuery & { range: DateRange; data: SchedulingData },
): Slot[] {
  const query = resolveQuery(input)
  const { from, to } = checkedRange(input.range, input.topic!)
  if (!isKnownAdvisor(input, input.data.rules)) throw unknownAdvisor(input.advisorId)
  return slotsBetween(query, from, to, input.data)
}

/**
 * The slot loop, on an already checked query; starts within [from, to). With
 * `firstDayOnly`, each place stops after its first local day with a slot: enough to
 * know the earliest slot, for a fraction of the work.
 */
export function slotsBetween(
  query: ResolvedQuery,
  from: number,
  to: number,
  data: SchedulingData,
  firstDayOnly = false,
): Slot[] {
  const bounds = { from: Math.max(from, query.earliest), to, latestEnd: query.latest }
  if (bounds.from >= bounds.to) return []
  const rules = applicableRules(query, data)
  const busy = busyTimelines(data, query.bufferMs, new Set(rules.map((r) => r.advisorId)))
  const found = new SlotCollector(query.durationMs)
  for (const [siteId, placeRules] of groupBy(rules, (rule) => rule.siteId)) {
    const place = query.places.get(siteId)!
    const [firstDay, lastDay] = [
      localDay(bounds.from, place.timeZone),
      localDay(bounds.to, place.timeZone),
    ]
    const holidays = holidaysBetween(place.region, firstDay, lastDay)
    // Days outside, rules inside: one clock and one holiday look-up per place and day.
    for (let day = firstDay; day <= lastDay; day++) {
      if (holidays.has(day)) continue
      const clock = dayClock(place.timeZone, day)
      for (const rule of placeRules) {
        if (!ruleOpensOn(rule, day)) continue
        const timeline = busy.get(rule.advisorId) ?? NOTHING_BUSY
        addDaySlots(rule, clock, timeline, query, bounds, found)
      }
      if (firstDayOnly && found.has(siteId)) break
    }
  }
  return found.sorted()
}

type Bounds = { from: number; to: number; latestEnd: number }

function applicableRules(query: ResolvedQuery, data: SchedulingData): CompiledRule[] {
  const rules: CompiledRule[] = []
  for (const rule of data.rules) {
    if (!query.places.has(rule.siteId)) continue
    if (query.advisorId && rule.advisorId !== query.advisorId) continue
    if (rule.topicIds.length > 0 && !rule.topicIds.includes(query.topicId)) continue
    const compiled = compileRule(rule)
    if (compiled) rules.push(compiled)
  }
  return rules
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

function addDaySlots(
  rule: CompiledRule,
  clock: DayClock,
  busy: BusyTimeline,
  query: ResolvedQuery,
  bounds: Bounds,
  found: SlotCollector,
) {
  const duration = query.durationMs
  for (const wall of candidateStarts(rule, clock, busy, duration, query.stepMs)) {
    const start = clock.toInstant(wall)
    if (start === null || start < bounds.from || start >= bounds.to) continue
    const end = start + duration
    if (end > bounds.latestEnd || busy.overlaps(start, end)) continue
    // Decision 010: the clock must read start + duration at the end, so a slot never
    // straddles or ends on a clock change.
    if (clock.toWall(end) !== wall + duration) continue
    found.add(start, rule.siteId, rule.advisorId)
  }
}

/**
 * Wall starts to try in one rule interval: the grid anchored at the rule's start, plus a
 * grid re-anchored where each busy interval ends (decision 010), so that a short booking
 * does not leave the rest of the interval off-grid for longer topics.
 */
function candidateStarts(
  rule: CompiledRule,
  clock: DayClock,
  busy: BusyTimeline,
  duration: number,
  step: number,
): number[] {
  const open = clock.midnight + rule.startMinute * MINUTE_MS
  const lastStart = clock.midnight + rule.endMinute * MINUTE_MS - duration
  const starts: number[] = []
  pushGrid(starts, open, lastStart, step)
  // Two grids may share points; the collector ignores an advisor's repeated start.
  for (const busyEnd of busy.endsBetween(
    clock.earliestInstant(open),
    clock.latestInstant(lastStart),
  )) {
    const wall = clock.toWall(busyEnd)
    if (wall <= open || wall > lastStart || (wall - open) % step === 0) continue
    pushGrid(starts, wall, lastStart, step)
  }
  return starts
}

function pushGrid(starts: number[], first: number, last: number, step: number) {
  for (let wall = first; wall <= last; wall += step) starts.push(wall)
}

/** Merges the advisors free at the same start and place into one slot. */
class SlotCollector {
  private readonly byPlace = new Map<string | null, Map<number, string[]>>()

  constructor(private readonly durationMs: number) {}

  has(siteId: string | null): boolean {
    return this.byPlace.has(siteId)
  }

  add(start: number, siteId: string | null, advisorId: string) {
    let byStart = this.byPlace.get(siteId)
    if (!byStart) this.byPlace.set(siteId, (byStart = new Map()))
    const advisors = byStart.get(start)
    if (!advisors) byStart.set(start, [advisorId])
    else if (!advisors.includes(advisorId)) advisors.push(advisorId)
  }

  sorted(): Slot[] {
    const slots: Slot[] = []
    for (const [siteId, byStart] of this.byPlace) {
      for (const [start, advisorIds] of byStart) {
        slots.push({
          start: new Date(start),
          end: new Date(start + this.durationMs),
          siteId,
          advisorIds: advisorIds.sort(compareIds),
        })
      }
    }
    return slots.sort(
      (a, b) => a.start.getTime() - b.start.getTime() || compareIds(a.siteId ?? '', b.siteId ?? ''),
    )
  }
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
