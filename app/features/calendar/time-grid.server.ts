import {
  gridBounds,
  gridColumn,
  rowCount,
  rowOf,
  ROW_MINUTES,
  type Placed,
  type Span,
} from '~/domain/calendar/time-grid'
import { isCancelled } from '~/domain/booking/attendance'
import { formatClock } from '~/domain/time/format'
import type { Language } from '~/i18n/config'
import type { AbsenceView, AppointmentView } from './agenda.server'
import type { GridColumnData, GridEntry, TimeGridData, WorkshopItem } from './page-data'

/** Free cells are half an hour: the length most topics take (decision 065). */
const CELL_MINUTES = 30

/** One column as loadAgenda gives a day of it. */
export type ColumnInput = {
  key: string
  title: string
  hours: (Span & { siteId: string | null })[]
  appointments: (AppointmentView & Span)[]
  absences: (AbsenceView & Span)[]
  /** Workshop sessions held in the column (a cancelled one frees its time). */
  workshops: (WorkshopItem & Span)[]
  /** Where the free cell starting at this minute books, or null: not bookable here. */
  bookLink: ((start: number, siteId: string | null) => string) | null
  /** Minute of the column's day from which free time may be booked; null: never today's past. */
  notBefore: number | null
}

/**
 * The time grid of several columns (advisors of a day, or days of an advisor), every
 * column on the same rows so that they read across; `now` marks the current row.
 */
export function timeGrid(
  columns: ColumnInput[],
  language: Language,
  now: number | null,
): TimeGridData {
  const bounds = gridBounds(
    columns.flatMap((column) => [
      ...column.hours,
      ...column.appointments,
      ...column.absences,
      ...column.workshops,
    ]),
  )
  const nowRow = now === null ? null : rowOf(now, bounds)
  return {
    rows: Array.from({ length: rowCount(bounds) }, (_, row) => {
      const minute = bounds.start + row * ROW_MINUTES
      return {
        row,
        label: formatClock(Math.floor(minute / 60), minute % 60, language),
        hour: minute % 60 === 0,
        now: row === nowRow,
      }
    }),
    columns: columns.map((column) => gridColumnData(column, bounds, language)),
  }
}

function gridColumnData(column: ColumnInput, bounds: Span, language: Language): GridColumnData {
  const placed: Placed<GridEntry>[] = [
    ...column.appointments.map((appointment) => ({
      start: appointment.start,
      end: appointment.end,
      active: !isCancelled(appointment.status),
      item: { type: 'appointment' as const, appointment },
    })),
    ...column.absences.map((absence) => ({
      start: absence.start,
      end: absence.end,
      active: true,
      item: { type: 'absence' as const, absence },
    })),
    ...column.workshops.map(({ start, end, ...workshop }) => ({
      start,
      end,
      active: !workshop.cancelled,
      item: { type: 'workshop' as const, workshop },
    })),
  ]
  const cells = gridColumn({
    bounds,
    open: column.hours,
    placed,
    cellMinutes: CELL_MINUTES,
    notBefore: column.notBefore,
  })
  const linkAt = (start: number) => {
    const hours = column.hours.find((span) => span.start <= start && start < span.end)
    return column.bookLink && hours ? column.bookLink(start, hours.siteId) : null
  }
  return {
    key: column.key,
    title: column.title,
    cells: cells.map((cell) => {
      const label = formatClock(Math.floor(cell.start / 60), cell.start % 60, language)
      if (cell.kind === 'closed') return { kind: 'closed', row: cell.row, rows: cell.rows }
      if (cell.kind === 'free') {
        const link = cell.bookable ? linkAt(cell.start) : null
        return { kind: 'free', row: cell.row, rows: cell.rows, label, link }
      }
      return {
        kind: 'busy',
        row: cell.row,
        rows: cell.rows,
        label,
        open: cell.open,
        entries: cell.items,
        link: cell.bookable ? linkAt(cell.start) : null,
      }
    }),
  }
}
