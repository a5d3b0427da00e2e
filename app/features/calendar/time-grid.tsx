import { Link } from '@remix-run/react'
import { Fragment } from 'react'
import { isCancelled } from '~/domain/booking/attendance'
import { useTranslation } from '~/i18n/use-translation'
import type {
  AbsenceItem,
  AppointmentItem,
  GridCellData,
  GridEntry,
  TimeGridData,
  WorkshopItem,
} from './page-data'

/**
 * A calendar as a table (decision 065): a column per advisor or per day, a row per quarter
 * of an hour, each appointment a cell spanning its rows. A table reads cell by cell with
 * its headers in a screen reader and prints as it looks; the opening hours are shaded, a
 * cancelled or excused appointment is struck through with its status written, and the
 * current time is a marked row with the word "maintenant".
 */
export function TimeGrid({ grid, caption }: { grid: TimeGridData; caption: string }) {
  const { t } = useTranslation()
  const starting = grid.columns.map(
    (column) => new Map(column.cells.map((cell) => [cell.row, cell])),
  )
  return (
    <div className="time-grid-frame" role="region" aria-label={caption}>
      <table className="time-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <td />
            {grid.columns.map((column) => (
              <th key={column.key} scope="col">
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.row} className={row.hour ? 'time-grid-hour' : undefined}>
              <th scope="row" className={row.now ? 'time-grid-now' : undefined}>
                <span className={row.hour || row.now ? undefined : 'visually-hidden'}>
                  {row.label}
                </span>
                {row.now ? <strong> {t('workspace.grid.now')}</strong> : null}
              </th>
              {starting.map((cells, index) => {
                const cell = cells.get(row.row)
                return cell ? (
                  <GridCell
                    key={grid.columns[index]!.key}
                    cell={cell}
                    now={row.now}
                    column={grid.columns[index]!.title}
                  />
                ) : null
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function GridCell({ cell, now, column }: { cell: GridCellData; now: boolean; column: string }) {
  const { t } = useTranslation()
  const nowClass = now ? ' time-grid-now' : ''
  if (cell.kind === 'closed') {
    return (
      <td rowSpan={cell.rows} className={`time-grid-closed${nowClass}`}>
        <span className="visually-hidden">{t('workspace.grid.closed')}</span>
      </td>
    )
  }
  if (cell.kind === 'free') {
    return (
      <td rowSpan={cell.rows} className={`time-grid-open${nowClass}`}>
        <BookLink link={cell.link} label={cell.label} column={column} />
      </td>
    )
  }
  return (
    <td
      rowSpan={cell.rows}
      className={`time-grid-busy${cell.open ? ' time-grid-open' : ''}${nowClass}`}
    >
      {cell.entries.map((entry) => (
        <GridEntryBlock key={entryKey(entry)} entry={entry} />
      ))}
      {cell.link ? <BookLink link={cell.link} label={cell.label} column={column} /> : null}
    </td>
  )
}

function BookLink({ link, label, column }: { link: string | null; label: string; column: string }) {
  const { t } = useTranslation()
  if (!link) return <span className="time-grid-free">{t('workspace.grid.free')}</span>
  return (
    <Link to={link} className="time-grid-book">
      {t('workspace.grid.book', { time: label })}
      <span className="visually-hidden"> ({column})</span>
    </Link>
  )
}

const entryKey = (entry: GridEntry) =>
  entry.type === 'appointment'
    ? entry.appointment.id
    : entry.type === 'absence'
      ? entry.absence.id
      : entry.workshop.id

function GridEntryBlock({ entry }: { entry: GridEntry }) {
  if (entry.type === 'absence') {
    return (
      <p className="time-grid-absence">
        <AbsenceText absence={entry.absence} />
      </p>
    )
  }
  if (entry.type === 'workshop') return <WorkshopBlock workshop={entry.workshop} />
  return <AppointmentBlock appointment={entry.appointment} />
}

/**
 * A workshop session in a grid cell or a day's list: marked as a workshop, with its seats
 * taken; a cancelled one struck through with its status written.
 */
export function WorkshopBlock({ workshop }: { workshop: WorkshopItem }) {
  const { t } = useTranslation()
  const title = t('workspace.grid.workshop', { topic: workshop.topic })
  return (
    <div className={`time-grid-workshop${workshop.cancelled ? ' time-grid-gone' : ''}`}>
      <p>
        <strong>{workshop.time}</strong> ·{' '}
        <span className="time-grid-status">
          {workshop.cancelled
            ? t('workspace.workshops.cancelled')
            : t('workspace.grid.workshopSeats', { seats: workshop.seats })}
        </span>
      </p>
      <p>
        {workshop.cancelled ? (
          <s>
            <Link to={workshop.link}>{title}</Link>
          </s>
        ) : (
          <Link to={workshop.link}>{title}</Link>
        )}
      </p>
      <p>
        {workshop.advisors ? `${t('workspace.grid.with', { name: workshop.advisors })} · ` : ''}
        {workshop.site}
      </p>
    </div>
  )
}

/** One appointment in a grid cell: time and status first, then who, what and how. */
export function AppointmentBlock({ appointment }: { appointment: AppointmentItem }) {
  const { t } = useTranslation()
  const gone = isCancelled(appointment.status)
  return (
    <div
      className={`time-grid-appointment status-${appointment.status.toLowerCase()}${gone ? ' time-grid-gone' : ''}`}
    >
      <p>
        <strong>{appointment.time}</strong> ·{' '}
        <span className="time-grid-status">
          {t(`workspace.calendar.status.${appointment.status}`)}
        </span>
      </p>
      <p>
        {gone ? (
          <s>
            <Link to={`/espace/rendez-vous/${appointment.id}`}>{appointment.resident}</Link>
          </s>
        ) : (
          <Link to={`/espace/rendez-vous/${appointment.id}`}>{appointment.resident}</Link>
        )}
      </p>
      {appointment.advisorName ? (
        <p>{t('workspace.grid.with', { name: appointment.advisorName })}</p>
      ) : null}
      <p>
        {appointment.topic} ·{' '}
        {appointment.mode === 'PHONE'
          ? t('workspace.calendar.phone')
          : t('workspace.calendar.inPerson', { site: appointment.site ?? '' })}
        {appointment.mode === 'PHONE' && appointment.phone ? (
          <Fragment> · {t('workspace.calendar.callOn', { phone: appointment.phone })}</Fragment>
        ) : null}
      </p>
    </div>
  )
}

/** An absence in words: from when to when, and why when a reason was given. */
export function AbsenceText({ absence }: { absence: AbsenceItem }) {
  const { t } = useTranslation()
  const { from, to, reason } = absence
  return reason
    ? t('workspace.calendar.absenceReason', { from, to, reason })
    : t('workspace.calendar.absence', { from, to })
}
