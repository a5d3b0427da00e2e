import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { dayTitle } from '~/domain/time/days'
import { formatTime, localDateOf } from '~/domain/time/format'
import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'
import type { SessionDetail, SessionSummary } from './queries.server'

// How the workspace shows a session: always on its site's clock, "3 / 8" seats taken.

type Summary = Pick<
  SessionSummary,
  'id' | 'startsAt' | 'endsAt' | 'status' | 'seatCount' | 'topic' | 'site' | 'advisors' | '_count'
>

export function sessionZone(session: Pick<Summary, 'site'>, organisationZone: string) {
  return session.site.timeZone ?? organisationZone
}

/** A session in a list or a calendar. */
export function sessionSummaryView(
  session: Summary,
  organisationZone: string,
  language: Language,
  t: Translate,
) {
  const zone = sessionZone(session, organisationZone)
  const date = localDateOf(session.startsAt, zone)
  const time = `${formatTime(session.startsAt, zone, language)} – ${formatTime(session.endsAt, zone, language)}`
  return {
    id: session.id,
    date,
    day: dayTitle(date, zone, language),
    time,
    topic: session.topic.name,
    siteId: session.site.id,
    site: session.site.name,
    advisorIds: session.advisors.map((row) => row.advisorId),
    advisors: session.advisors
      .map((row) => `${row.advisor.firstName} ${row.advisor.lastName}`)
      .join(', '),
    cancelled: session.status === 'CANCELLED',
    seats: t('workspace.workshops.seatsTaken', {
      taken: session._count.registrations,
      total: session.seatCount,
    }),
    waiting: session._count.waitlist,
  }
}

export type SessionSummaryView = ReturnType<typeof sessionSummaryView>

/** The participants of a session: each person, and who they came with. */
export function participantsView(session: SessionDetail) {
  const byId = new Map(session.registrations.map((row) => [row.id, row]))
  return session.registrations.map((row) => {
    const resident = `${row.resident.firstName} ${row.resident.lastName}`
    const companionOf = row.companionOfId ? byId.get(row.companionOfId) : undefined
    return {
      id: row.id,
      version: row.version,
      residentId: row.resident.id,
      name: row.companionOfId && row.companionName ? row.companionName : resident,
      /** Whom a companion came with. */
      with: companionOf
        ? `${companionOf.resident.firstName} ${companionOf.resident.lastName}`
        : null,
      /** The named companion a resident brings, on a seat of their own. */
      companion: session.registrations.find(
        (other) => other.companionOfId === row.id && other.status !== 'CANCELLED',
      )?.companionName,
      phone: row.resident.phoneE164 ? formatPhoneForDisplay(row.resident.phoneE164) : null,
      email: row.resident.email,
      helper: row.helperName,
      status: row.status,
    }
  })
}
