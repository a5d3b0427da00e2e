import type { LoaderFunctionArgs } from '@remix-run/node'
import { fixedT } from '~/i18n/i18n.server'
import { appointmentIcs } from '~/platform/ics'
import { requireManagedAppointment } from '~/features/manage/pages.server'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const t = await fixedT(request)
  const location = appointment.site
    ? `${appointment.site.name}, ${appointment.site.address}, ${appointment.site.postalCode} ${appointment.site.city}`
    : t('journey.summary.phoneMode')
  const ics = appointmentIcs({
    id: appointment.id,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    title: `${appointment.topic.name} · ${appointment.organisation.name}`,
    location,
    description: appointment.topic.instructions ?? '',
    organisationName: appointment.organisation.name,
    sequence: appointment.version,
    status: appointment.status === 'BOOKED' ? 'CONFIRMED' : 'CANCELLED',
  })
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="rendez-vous.ics"',
      'Cache-Control': 'no-store',
    },
  })
}
