import { useTranslation } from '~/i18n/use-translation'
import type { AbsenceItem, AppointmentItem } from './page-data'
import { AppointmentBlock } from './time-grid'

/**
 * One column of a calendar: the opening hours of the day and the absences as a
 * background, then each appointment in time order.
 */
export function DayAgenda({
  hours = [],
  appointments,
  absences,
}: {
  hours?: { id: string; text: string }[]
  appointments: AppointmentItem[]
  absences: AbsenceItem[]
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
          {absence.reason
            ? t('workspace.calendar.absenceReason', {
                from: absence.from,
                to: absence.to,
                reason: absence.reason,
              })
            : t('workspace.calendar.absence', { from: absence.from, to: absence.to })}
        </p>
      ))}
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
