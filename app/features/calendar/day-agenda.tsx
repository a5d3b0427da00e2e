import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import type { AbsenceItem, AppointmentItem } from './page-data'

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
            <li
              key={appointment.id}
              className={`workspace-appointment status-${appointment.status.toLowerCase()}`}
            >
              <p className="workspace-time">
                <strong>{appointment.time}</strong> ·{' '}
                {t(`workspace.calendar.status.${appointment.status}`)}
              </p>
              <p>
                <Link to={`/espace/rendez-vous/${appointment.id}`}>{appointment.resident}</Link>
              </p>
              <p>{appointment.topic}</p>
              <p>
                {appointment.mode === 'PHONE'
                  ? t('workspace.calendar.phone')
                  : t('workspace.calendar.inPerson', { site: appointment.site ?? '' })}
                {appointment.mode === 'PHONE' ? (
                  <>
                    {' · '}
                    {appointment.phone
                      ? t('workspace.calendar.callOn', { phone: appointment.phone })
                      : t('workspace.calendar.noPhone')}
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
