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

/** A workshop session the advisor runs (or held at the site), with how full it is. */
export type WorkshopItem = {
  id: string
  /** The session's page. */
  link: string
  time: string
  topic: string
  site: string
  /** "3 / 8": seats taken of the total. */
  seats: string
  cancelled: boolean
  /** Who runs it, where several advisors share a column (a site's week). */
  advisors?: string
}

export type GridEntry =
  | { type: 'appointment'; appointment: AppointmentItem }
  | { type: 'absence'; absence: AbsenceItem }
  | { type: 'workshop'; workshop: WorkshopItem }

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
