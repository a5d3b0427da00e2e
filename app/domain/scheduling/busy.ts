import type { SchedulingData } from './types'

/** One advisor's busy time as sorted, disjoint, half-open intervals [start, end). */
export class BusyTimeline {
  constructor(
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
  ) {}

  static of(intervals: { start: number; end: number }[]): BusyTimeline {
    const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start)
    const starts: number[] = []
    const ends: number[] = []
    for (const { start, end } of sorted) {
      const last = ends.length - 1
      // Touching intervals merge too: the advisor is not free in between.
      if (last >= 0 && start <= ends[last]) {
        ends[last] = Math.max(ends[last], end)
      } else {
        starts.push(start)
        ends.push(end)
      }
    }
    return new BusyTimeline(starts, ends)
  }

  /** Whether [start, end) meets busy time; touching it is fine. */
  overlaps(start: number, end: number): boolean {
    const index = this.firstEndingAfter(start)
    return index < this.ends.length && this.starts[index] < end
  }

  /** Ends of busy intervals within [low, high]: where the advisor becomes free. */
  endsBetween(low: number, high: number): number[] {
    const found: number[] = []
    for (
      let i = this.firstEndingAfter(low - 1);
      i < this.ends.length && this.ends[i] <= high;
      i++
    ) {
      found.push(this.ends[i])
    }
    return found
  }

  /** Index of the first interval whose end is after the instant (ends are sorted too). */
  private firstEndingAfter(instant: number): number {
    let low = 0
    let high = this.ends.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.ends[middle] > instant) high = middle
      else low = middle + 1
    }
    return low
  }
}

export const NOTHING_BUSY = new BusyTimeline([], [])

/** Busy time per advisor: appointments widened by the buffer on both sides, and absences. */
export function busyTimelines(
  data: SchedulingData,
  bufferMs: number,
  advisorIds: ReadonlySet<string>,
): Map<string, BusyTimeline> {
  const intervals = new Map<string, { start: number; end: number }[]>()
  const add = (advisorId: string, start: number, end: number) => {
    if (!advisorIds.has(advisorId)) return
    let list = intervals.get(advisorId)
    if (!list) intervals.set(advisorId, (list = []))
    list.push({ start, end })
  }
  for (const a of data.appointments) {
    add(a.advisorId, a.start.getTime() - bufferMs, a.end.getTime() + bufferMs)
  }
  for (const a of data.absences) add(a.advisorId, a.start.getTime(), a.end.getTime())
  const timelines = new Map<string, BusyTimeline>()
  for (const [advisorId, list] of intervals) timelines.set(advisorId, BusyTimeline.of(list))
  return timelines
}
