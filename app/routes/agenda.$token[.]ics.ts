import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedContents } from '~/features/calendar/feed.server'
import { db } from '~/platform/database/client.server'
import { fixedT } from '~/i18n/i18n.server'
import { feedIcs } from '~/platform/ics'
import { config } from '~/platform/config/config.server'
import { workspaceUrlOf } from '~/features/notifications/index.server'
import { workspaceSessionPath } from '~/features/workshops/index.server'
import { DAY_MS } from '~/domain/scheduling/calendar'

// /agenda/<token>.ics: an advisor's appointments and workshop sessions for their phone's
// calendar (decision 070).
// No session: the secret URL is the credential. Minimal personal data: the resident's
// first name and initial, the topic, the site or "téléphone". Unknown or revoked: 404.
const PAST_DAYS = 30
const AHEAD_DAYS = 90

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = Date.now()
  const feed = await feedContents(
    db(),
    params.token ?? '',
    new Date(now - PAST_DAYS * DAY_MS),
    new Date(now + AHEAD_DAYS * DAY_MS),
  )
  if (!feed) throw new Response('Not found', { status: 404 })
  const t = await fixedT(request)
  const placeOf = (site: { name: string; address: string; city: string }) =>
    `${site.name}, ${site.address}, ${site.city}`
  const sessions = feed.sessions.map((session) => ({
    id: session.id,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    title: t('workspace.agenda.feed.workshop', {
      topic: session.topic.name,
      taken: session._count.registrations,
      seats: session.seatCount,
    }),
    location: placeOf(session.site),
    description: '',
    url: `${config().publicUrl}${workspaceSessionPath(session.id)}`,
    sequence: session.version,
    status: session.status === 'CANCELLED' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
  }))
  const ics = feedIcs(
    [
      ...feed.appointments.map((appointment) => {
        const who = `${appointment.resident.firstName} ${appointment.resident.lastName.slice(0, 1)}.`
        const place = appointment.site
          ? placeOf(appointment.site)
          : t('workspace.agenda.feed.phone')
        return {
          id: appointment.id,
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
          title: `${appointment.topic.name} · ${who}`,
          location: place,
          description: '',
          url: workspaceUrlOf(appointment.id, config()),
          sequence: appointment.version,
          status:
            appointment.status === 'CANCELLED' || appointment.status === 'EXCUSED'
              ? ('CANCELLED' as const)
              : ('CONFIRMED' as const),
        }
      }),
      ...sessions,
    ],
    feed.organisationName,
  )
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, no-store',
      'X-Robots-Tag': 'noindex',
    },
  })
}
