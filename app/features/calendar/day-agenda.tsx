import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import type { AbsenceItem, AppointmentItem, WorkshopItem } from './page-data'
import { AbsenceText, AppointmentBlock, WorkshopBlock } from './time-grid'

/**
 * One column of a calendar: the opening hours of the day and the absences as a
 * background, the workshops held, then each appointment in time order.
 */
export function DayAgenda({
  hours = [],
  appointments,
  absences,
  workshops = [],
}: {
  hours?: { id: string; text: string }[]
  appointments: AppointmentItem[]
  absences: AbsenceItem[]
  workshops?: WorkshopItem[]
}) {
  const { t } = useTranslation()
  return (
    <>
      {hours.map((hour) => (
        <p key={hour.id} className="workspace-hours">
          {hour.text}
        </p>
      ))}
      {absences.map((absence) => (
        <p key={absence.id} className="workspace-absence">
          <AbsenceText absence={absence} />
        </p>
      ))}
      {workshops.length > 0 ? (
        <ul className="workspace-agenda">
          {workshops.map((workshop) => (
            <li key={workshop.id}>
              <WorkshopBlock workshop={workshop} />
            </li>
          ))}
        </ul>
      ) : null}
      {appointments.length === 0 ? (
        <p className="workspace-empty">{t('workspace.calendar.empty')}</p>
      ) : (
        <ul className="workspace-agenda">
          {appointments.map((appointment) => (
            <li key={appointment.id}>
              <AppointmentBlock appointment={appointment} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

type AdvisorDay = {
  id: string
  name: string
  hours: { id: string; text: string }[]
  appointments: AppointmentItem[]
  absences: AbsenceItem[]
  workshops: WorkshopItem[]
  /** Where to book with this advisor on this day, when it may still be booked. */
  bookLink?: string | null
}

/** Several advisors' days one after the other, each under its advisor's name. */
export function AdvisorDays({ columns, idPrefix }: { columns: AdvisorDay[]; idPrefix: string }) {
  const { t } = useTranslation()
  return columns.map((column) => (
    <section key={column.id} aria-labelledby={`${idPrefix}-${column.id}`}>
      <h2 id={`${idPrefix}-${column.id}`}>{column.name}</h2>
      {column.bookLink ? (
        <p className="no-print">
          <Link to={column.bookLink}>{t('workspace.grid.bookWith', { name: column.name })}</Link>
        </p>
      ) : null}
      <DayAgenda
        hours={column.hours}
        appointments={column.appointments}
        absences={column.absences}
        workshops={column.workshops}
      />
    </section>
  ))
}
