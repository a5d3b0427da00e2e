// The geometry of a horizontal bar chart drawn on the server as SVG: one row per bar, its
// label (with the value written out, so the figure never rests on length or colour alone)
// above the bar. Bar lengths are percentages of the chart's width, so the SVG fills any
// screen while its text keeps the page's size.

export type Bar = { label: string; value: number }

export type ChartLayout = {
  height: number
  rows: Array<{
    label: string
    value: number
    /** Baseline of the label's text. */
    labelY: number
    barY: number
    /** Share of the width, 0–100; a zero stays visible as a hairline. */
    barPercent: number
  }>
}

export const CHART = {
  barHeight: 16,
  labelHeight: 20,
  gap: 10,
  /** The thinnest bar drawn, so that a zero still shows where its bar would be. */
  minimumPercent: 0.4,
} as const

/** Bars scaled to the largest value. */
export function barChart(bars: readonly Bar[]): ChartLayout {
  const max = Math.max(0, ...bars.map((bar) => bar.value))
  const rowHeight = CHART.labelHeight + CHART.barHeight + CHART.gap
  const rows = bars.map((bar, index) => {
    const top = index * rowHeight
    const share = max > 0 ? (bar.value / max) * 100 : 0
    return {
      label: bar.label,
      value: bar.value,
      labelY: top + CHART.labelHeight - 6,
      barY: top + CHART.labelHeight,
      barPercent: Math.round(Math.max(CHART.minimumPercent, share) * 10) / 10,
    }
  })
  return { height: Math.max(rowHeight - CHART.gap, bars.length * rowHeight - CHART.gap), rows }
}
