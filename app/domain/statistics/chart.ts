// The geometry of a horizontal bar chart drawn on the server as SVG: one row per bar, the
// label above its bar, the value written after it (the figure never rests on colour or
// length alone).

export type Bar = { label: string; value: number }

export type ChartLayout = {
  width: number
  height: number
  rows: Array<{
    label: string
    value: number
    /** Baseline of the label's text. */
    labelY: number
    barY: number
    barWidth: number
    /** Where the value's text starts: just after the bar. */
    valueX: number
  }>
}

export const CHART = {
  width: 600,
  barHeight: 18,
  labelHeight: 18,
  gap: 12,
  padding: 4,
  /** Room kept at the right for the longest value's text. */
  valueRoom: 80,
} as const

/** Bars scaled to the largest value (zero bars stay visible as a hairline). */
export function barChart(bars: readonly Bar[]): ChartLayout {
  const max = Math.max(0, ...bars.map((bar) => bar.value))
  const track = CHART.width - CHART.valueRoom - CHART.padding
  const rowHeight = CHART.labelHeight + CHART.barHeight + CHART.gap
  const rows = bars.map((bar, index) => {
    const top = CHART.padding + index * rowHeight
    const barWidth = max > 0 ? Math.max(1, (bar.value / max) * track) : 1
    return {
      label: bar.label,
      value: bar.value,
      labelY: top + CHART.labelHeight - 5,
      barY: top + CHART.labelHeight,
      barWidth: Math.round(barWidth * 10) / 10,
      valueX: Math.round((CHART.padding + barWidth + 6) * 10) / 10,
    }
  })
  return {
    width: CHART.width,
    height: Math.max(rowHeight, CHART.padding * 2 + bars.length * rowHeight - CHART.gap),
    rows,
  }
}
