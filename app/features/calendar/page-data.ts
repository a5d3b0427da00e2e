// What the calendar pages receive, shared by the server that shapes it and the components.

export type AppointmentItem = {
  id: string
  time: string
  resident: string
  topic: string
  mode: 'IN_PERSON' | 'PHONE'
  site: string | null
  phone: string | null
  status: string
  /** Where several advisors share a column (a site's week). */
  advisorName?: string
}

export type AbsenceItem = { id: string; from: string; to: string; reason: string | null }

export type GridEntry =
  { type: 'appointment'; appointment: AppointmentItem } | { type: 'absence'; absence: AbsenceItem }

export type GridCellData =
  | { kind: 'closed'; row: number; rows: number }
  | { kind: 'free'; row: number; rows: number; label: string; link: string | null }
  | {
      kind: 'busy'
      row: number
      rows: number
      label: string
      open: boolean
      entries: GridEntry[]
      link: string | null
    }

export type GridColumnData = { key: string; title: string; cells: GridCellData[] }

export type TimeGridData = {
  rows: { row: number; label: string; hour: boolean; now: boolean }[]
  columns: GridColumnData[]
}
