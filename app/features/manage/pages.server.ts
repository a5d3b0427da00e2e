import { availability } from '~/features/schedule/index.server'
import { db } from '~/platform/database/client.server'
import { findByManageToken } from './commands.server'
import { canChangeOnline, manageState } from '~/domain/booking/manage'
import { formatAppointmentDate, type DisplayLanguage } from '~/domain/time/format'

/** The appointment behind a manage link, or the "invalid link" 404 page. */
export async function requireManagedAppointment(token: string | undefined) {
  const appointment = token ? await findByManageToken(db(), token) : null
  if (!appointment) throw new Response('Invalid link', { status: 404 })
  return appointment
}

/** What the manage, print and move pages show of an appointment. */
export function managedView(
  appointment: Awaited<ReturnType<typeof requireManagedAppointment>>,
  language: DisplayLanguage,
  now: Date,
) {
  const zone = appointment.site?.timeZone ?? appointment.organisation.timeZone
  return {
    id: appointment.id,
    organisation: appointment.organisation,
    topic: appointment.topic,
    site: appointment.site,
    mode: appointment.mode,
    residentPhone: appointment.resident.phoneE164,
    residentName: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
    when: formatAppointmentDate(appointment.startsAt, zone, language),
    state: manageState(appointment, now),
    canChange: canChangeOnline(
      {
        ...appointment,
        cancellationDeadlineMinutes: appointment.topic.cancellationDeadlineMinutes,
      },
      now,
    ),
    contactPhone: appointment.site?.phone ?? appointment.organisation.phone,
  }
}

/** The slot finder for moving this appointment: same organisation, topic, mode and place. */
export function moveFinder(
  appointment: Awaited<ReturnType<typeof requireManagedAppointment>>,
  now: Date,
) {
  return availability(db(), {
    organisationId: appointment.organisationId,
    topicId: appointment.topicId,
    mode: appointment.mode,
    siteId: appointment.siteId,
    now,
  })
}
