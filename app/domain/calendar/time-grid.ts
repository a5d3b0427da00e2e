// The layout of a calendar as a time grid (decision 065): one column per advisor or per
// day, one row per quarter of an hour, each appointment or absence a block spanning its
// rows, the opening hours marked, the free time in cells of a bookable length. Pure: it
// works on minutes of the local day, so the page and its tests see the same grid.

/** Minutes since the local midnight, end excluded. */
export type Span = { start: number; end: number }

export const ROW_MINUTES = 15
const DEFAULT_DAY: Span = { start: 8 * 60, end: 18 * 60 }

/** Something that takes time in a column; an inactive one (cancelled, excused) frees it. */
export type Placed<T> = Span & { active: boolean; item: T }

export type GridCell<T> =
  /** Outside the opening hours. */
  | { kind: 'closed'; row: number; rows: number; start: number }
  /** Open and free; bookable unless already past. */
  | { kind: 'free'; row: number; rows: number; start: number; bookable: boolean }
  /** One or more overlapping blocks; `free` when open and only inactive ones are there. */
  | {
      kind: 'busy'
      row: number
      rows: number
      start: number
      items: T[]
      open: boolean
      free: boolean
      bookable: boolean
    }

/**
 * The hours a grid shows: whole hours around everything in it, at least 8 h to 18 h so
 * that columns of different days or advisors line up.
 */
export function gridBounds(spans: readonly Span[]): Span {
  let { start, end } = DEFAULT_DAY
  for (const span of spans) {
    start = Math.min(start, Math.floor(Math.max(span.start, 0) / 60) * 60)
    end = Math.max(end, Math.ceil(Math.min(span.end, 24 * 60) / 60) * 60)
  }
  return { start, end }
}

/** How many rows a grid of these bounds has. */
export function rowCount(bounds: Span): number {
  return (bounds.end - bounds.start) / ROW_MINUTES
}

/** The row a minute falls in, or null outside the grid. */
export function rowOf(minute: number, bounds: Span): number | null {
  if (minute < bounds.start || minute >= bounds.end) return null
  return Math.floor((minute - bounds.start) / ROW_MINUTES)
}

/**
 * One column's cells, top to bottom, covering every row exactly once. Overlapping blocks
 * share one cell (a cancelled appointment and the one booked in its place); free time
 * inside the opening hours is cut into cells ending on multiples of `cellMinutes` of the
 * clock (9 h 45 – 10 h, then 10 h – 10 h 30), bookable from `notBefore`
 * (null: any time).
 */
export function gridColumn<T>(input: {
  bounds: Span
  open: readonly Span[]
  placed: readonly Placed<T>[]
  cellMinutes: number
  notBefore: number | null
}): GridCell<T>[] {
  const { bounds, open, notBefore } = input
  const total = rowCount(bounds)
  const minuteOfRow = (row: number) => bounds.start + row * ROW_MINUTES
  const isOpen = (row: number) =>
    open.some((span) => span.start <= minuteOfRow(row) && minuteOfRow(row + 1) <= span.end)
  const bookableAt = (minute: number) => notBefore === null || minute >= notBefore
  const clusters = clustersOf(input.placed, bounds)
  const cells: GridCell<T>[] = []
  let row = 0
  let next = 0
  while (row < total) {
    const cluster = clusters[next]
    if (cluster && cluster.from === row) {
      const rows = cluster.to - cluster.from
      const allOpen = Array.from({ length: rows }, (_, i) => isOpen(row + i)).every(Boolean)
      const free = allOpen && cluster.placed.every((placed) => !placed.active)
      const start = minuteOfRow(row)
      cells.push({
        kind: 'busy',
        row,
        rows,
        start,
        items: cluster.placed.map((placed) => placed.item),
        open: allOpen,
        free,
        bookable: free && bookableAt(start),
      })
      row = cluster.to
      next += 1
      continue
    }
    const stop = cluster ? cluster.from : total
    const opened = isOpen(row)
    let end = row + 1
    // Free cells end on the clock's half hours (with 30-minute cells), whatever came before.
    const cellEnds = (at: number) => minuteOfRow(at) % input.cellMinutes === 0
    while (end < stop && isOpen(end) === opened && (!opened || !cellEnds(end))) end += 1
    const start = minuteOfRow(row)
    cells.push(
      opened
        ? { kind: 'free', row, rows: end - row, start, bookable: bookableAt(start) }
        : { kind: 'closed', row, rows: end - row, start },
    )
    row = end
  }
  return cells
}

/** Blocks merged where their rows overlap, in time order, clipped to the grid. */
function clustersOf<T>(placed: readonly Placed<T>[], bounds: Span) {
  const total = rowCount(bounds)
  const sorted = [...placed]
    .map((block) => ({
      block,
      from: Math.max(0, Math.floor((block.start - bounds.start) / ROW_MINUTES)),
      to: Math.min(total, Math.ceil((block.end - bounds.start) / ROW_MINUTES)),
    }))
    .filter(({ from, to }) => to > from)
    .sort((a, b) => a.from - b.from || a.to - b.to)
  const clusters: { from: number; to: number; placed: Placed<T>[] }[] = []
  for (const { block, from, to } of sorted) {
    const last = clusters.at(-1)
    if (last && from < last.to) {
      last.to = Math.max(last.to, to)
      last.placed.push(block)
    } else clusters.push({ from, to, placed: [block] })
  }
  return clusters
}
