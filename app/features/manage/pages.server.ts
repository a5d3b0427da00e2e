import { data } from '@remix-run/node'
import { availability } from '~/features/schedule/index.server'
import { journeyPaths } from '~/features/journey/index.server'
import { db } from '~/platform/database/client.server'
import { findByManageToken, type ManagedAppointmentRecord } from './commands.server'
import { canChangeOnline, managePageParts, manageState } from '~/domain/booking/manage'
import { callerNumber, numberToCall } from '~/domain/booking/phone-numbers'
import { topicInLanguage } from '~/domain/topics/language'
import { formatAppointmentDate, type DisplayLanguage } from '~/domain/time/format'
import { fixedT } from '~/i18n/i18n.server'
import type { LinkNotFound, LinkTexts } from '~/components/link-pages'

/**
 * The "this link does not work" page: a 404 with a title, and the organisation's number
 * when the row is known (a link with a wrong end), general help otherwise. `texts` words
 * it for the kind of link (an appointment's by default).
 */
export async function manageLinkNotFound(
  request: Request,
  organisation: { name: string; slug: string; phone: string | null } | null,
  texts: LinkTexts = 'manage.notFound',
) {
  const t = await fixedT(request)
  const body: LinkNotFound = {
    linkNotFound: true,
    title: t(`${texts}.title`),
    texts,
    organisation: organisation
      ? { name: organisation.name, slug: organisation.slug, phone: organisation.phone }
      : null,
  }
  return data(body, { status: 404 })
}

/** The appointment behind a manage link, or the "this link does not work" 404 page. */
export async function requireManagedAppointment(token: string | undefined, request: Request) {
  const appointment = token ? await findByManageToken(db(), token) : null
  if (!appointment) throw await manageLinkNotFound(request, null)
  return appointment
}

/** What the manage, cancel, print and move pages show of an appointment. */
export function managedView(
  appointment: ManagedAppointmentRecord,
  language: DisplayLanguage,
  now: Date,
) {
  const zone = appointment.site?.timeZone ?? appointment.organisation.timeZone
  const state = manageState(appointment, now)
  const { topic, organisation } = appointment
  const paths = journeyPaths(organisation.slug, topic.id)
  const helped = appointment.helperName !== null
  return {
    id: appointment.id,
    organisation: { name: organisation.name, slug: organisation.slug },
    topic: topicInLanguage(topic, language),
    site: appointment.site,
    mode: appointment.mode,
    residentPhone: appointment.resident.phoneE164,
    residentName: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
    /** Set when someone booked for the resident: the pages then name the person helped. */
    helperName: helped ? appointment.helperName : null,
    when: formatAppointmentDate(appointment.startsAt, zone, language),
    state,
    parts: managePageParts(state),
    canChange: canChangeOnline(
      { ...appointment, cancellationDeadlineMinutes: topic.cancellationDeadlineMinutes },
      now,
    ),
    contactPhone: numberToCall(appointment),
    callerPhone: appointment.mode === 'PHONE' ? callerNumber(appointment) : null,
    // The same topic when it is still offered, else the organisation's list of topics.
    bookAgainPath: topic.active && topic.isPublic ? paths.mode : paths.topics,
  }
}
export type ManagedView = ReturnType<typeof managedView>

/** The slot finder for moving this appointment: same organisation, topic, mode and place. */
export function moveFinder(appointment: ManagedAppointmentRecord, now: Date) {
  return availability(db(), {
    organisationId: appointment.organisationId,
    topicId: appointment.topicId,
    mode: appointment.mode,
    siteId: appointment.siteId,
    now,
  })
}
