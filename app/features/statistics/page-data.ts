import type { ChartLayout } from '~/domain/statistics/chart'

// The shapes the statistics page and its CSV receive (shared by server and components).

export type ValueFormat = 'count' | 'percent' | 'days'

export type FigureRow = {
  key: string
  label: string
  format: ValueFormat
  current: number | null
  previous: number | null
  difference: number | null
  /** As the page writes them, in the reader's language. */
  text: { current: string; previous: string; difference: string }
}

export type FigureTable = {
  /** The table's name in its CSV address: /espace/statistiques/<id>.csv. */
  id: TableId
  title: string
  note: string | null
  rows: FigureRow[]
  /** Null for the key figures, whose units differ from row to row. */
  chart: ChartLayout | null
  chartName: string
}

export const TABLE_IDS = [
  'indicateurs',
  'statuts',
  'canaux',
  'modalites',
  'themes',
  'rappels',
  'france-services',
] as const
export type TableId = (typeof TABLE_IDS)[number]
