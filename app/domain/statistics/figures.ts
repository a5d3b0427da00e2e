// The arithmetic of the statistics page: rates, the comparison with the previous period,
// the median of a histogram. Counts come from the database already grouped.

/** A share in [0, 1], or null when there is nothing to divide (shown as "—", never 0 %). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** Absent out of those who were expected: NO_SHOW / (HONOURED + NO_SHOW). */
export function noShowRate(counts: { honoured: number; noShow: number }): number | null {
  return rate(counts.noShow, counts.honoured + counts.noShow)
}

export type Change = {
  current: number | null
  previous: number | null
  /** current − previous; null when either is unknown. */
  difference: number | null
}

export function change(current: number | null, previous: number | null): Change {
  return {
    current,
    previous,
    difference: current === null || previous === null ? null : current - previous,
  }
}

/** Counts of values: value → how many times it was seen. */
export type Histogram = ReadonlyArray<{ value: number; count: number }>

/** The median of the values a histogram counts (the mean of the two middle ones), or null. */
export function medianOf(histogram: Histogram): number | null {
  const sorted = histogram.filter((bin) => bin.count > 0).toSorted((a, b) => a.value - b.value)
  const total = sorted.reduce((sum, bin) => sum + bin.count, 0)
  if (total === 0) return null
  const lower = valueAtRank(sorted, Math.floor((total - 1) / 2))
  const upper = valueAtRank(sorted, Math.floor(total / 2))
  return (lower + upper) / 2
}

/** The value of the rank-th smallest element (0-based). */
function valueAtRank(sorted: Histogram, rank: number): number {
  let seen = 0
  for (const bin of sorted) {
    seen += bin.count
    if (rank < seen) return bin.value
  }
  return sorted[sorted.length - 1]!.value
}

/** A mean from a sum and a count, or null with nothing counted. */
export function mean(sum: number, count: number): number | null {
  return count > 0 ? sum / count : null
}
