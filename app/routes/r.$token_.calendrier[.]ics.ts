import type { LoaderFunctionArgs } from '@remix-run/node'
import { languageOf } from '~/i18n/i18n.server'
import { config } from '~/platform/config/config.server'
import { requireManagedAppointment } from '~/features/manage/pages.server'
import { residentCalendarFile } from '~/features/notifications/index.server'
import { db } from '~/platform/database/client.server'

// The manage link's calendar file: the same event as the emails' attachment, with its
// reminder and this link to see, move or cancel.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const { publicUrl } = config()
  const ics = await residentCalendarFile(
    db(),
    appointment.id,
    await languageOf(request),
    `${publicUrl}/r/${params.token}`,
    publicUrl,
  )
  if (!ics) throw new Response('Invalid link', { status: 404 })
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="rendez-vous.ics"',
      'Cache-Control': 'no-store',
    },
  })
}
