import {
  hashManageToken,
  isWellFormedToken,
  manageTokenFor,
} from '~/domain/booking/manage-token.server'
import { formatDayTime, type DisplayLanguage } from '~/domain/time/format'
import { giveBackRefusal } from '~/domain/workshops/participants'
import { manageLinkNotFound } from '~/features/manage/index.server'
import { config } from '~/platform/config/config.server'
import { db } from '~/platform/database/client.server'
import { findPublicSession } from './public-sessions.server'
import { giveBackSeat } from './registration.server'
import { acceptOffer, leaveWaitlist } from './waitlist.server'

// The resident's links of workshops (decision 084): /atelier/<token> for a registration
// (its seat, and giving it back), /attente/<token> for a place on a waiting list (the
// offer of a freed seat, and leaving). Looked up by the token's hash, as /r/ is: the
// database holds no link.

const ORGANISATION = { select: { id: true, name: true, slug: true, phone: true } } as const

const notFound = (request: Request) => manageLinkNotFound(request, null, 'publicWorkshops.notFound')

/** The registration behind a link, or the "this link does not work" 404 page. */
export async function requireRegistration(token: string | undefined, request: Request) {
  const registration =
    token && isWellFormedToken(token)
      ? await db().workshopRegistration.findUnique({
          where: { manageTokenHash: hashManageToken(token) },
          select: {
            id: true,
            organisationId: true,
            sessionId: true,
            residentId: true,
            status: true,
            helperName: true,
            resident: { select: { firstName: true, lastName: true } },
            companions: {
              where: { status: { not: 'CANCELLED' } },
              select: { companionName: true },
            },
            session: { select: { startsAt: true, seriesId: true } },
            organisation: ORGANISATION,
          },
        })
      : null
  if (!registration) throw await notFound(request)
  return registration
}
type Registration = Awaited<ReturnType<typeof requireRegistration>>

/** The session of a link, as its public page shows it. */
async function sessionOf(
  organisationId: string,
  sessionId: string,
  language: DisplayLanguage,
  request: Request,
) {
  const found = await findPublicSession(organisationId, sessionId, language, new Date(), {
    linked: true,
  })
  if (!found) throw await notFound(request)
  return found
}

export type RegistrationState = 'REGISTERED' | 'GIVEN_BACK' | 'SESSION_CANCELLED' | 'PAST'

/** What the registration page shows: the session, who comes, and what may still be done. */
export async function registrationView(
  registration: Registration,
  language: DisplayLanguage,
  request: Request,
  now: Date,
) {
  const { session, seriesDates } = await sessionOf(
    registration.organisationId,
    registration.sessionId,
    language,
    request,
  )
  const state: RegistrationState =
    registration.status === 'CANCELLED'
      ? 'GIVEN_BACK'
      : session.cancelled
        ? 'SESSION_CANCELLED'
        : registration.session.startsAt <= now
          ? 'PAST'
          : 'REGISTERED'
  return {
    organisation: registration.organisation,
    session,
    seriesDates,
    state,
    canGiveBack:
      !session.cancelled && giveBackRefusal(registration, registration.session, now) === null,
    residentName: `${registration.resident.firstName} ${registration.resident.lastName}`,
    /** Set when a helper registered the resident: the page then names the person. */
    helperName: registration.helperName,
    companions: registration.companions.flatMap((companion) =>
      companion.companionName ? [companion.companionName] : [],
    ),
  }
}

/**
 * Gives the seat back from the resident's link, with the companion's; for a series joined
 * whole, the seats of every session of it to come, since one registration covered them.
 */
export async function giveBackFromLink(registration: Registration, now: Date) {
  const ids = [registration.id]
  if (registration.session.seriesId) {
    const others = await db().workshopRegistration.findMany({
      where: {
        id: { not: registration.id },
        residentId: registration.residentId,
        companionOfId: null,
        status: { not: 'CANCELLED' },
        session: {
          seriesId: registration.session.seriesId,
          series: { enrolment: 'WHOLE' },
          startsAt: { gt: now },
        },
      },
      select: { id: true },
    })
    ids.push(...others.map((other) => other.id))
  }
  let first: Awaited<ReturnType<typeof giveBackSeat>> | null = null
  for (const registrationId of ids) {
    const outcome = await giveBackSeat(
      db(),
      {
        organisationId: registration.organisationId,
        registrationId,
        by: 'RESIDENT',
        actorAdvisorId: null,
        reason: null,
      },
      now,
    )
    first ??= outcome
  }
  return first!
}

/** The waiting-list place behind a link, or the "this link does not work" 404 page. */
export async function requireWaitlistEntry(token: string | undefined, request: Request) {
  const entry =
    token && isWellFormedToken(token)
      ? await db().waitlistEntry.findUnique({
          where: { manageTokenHash: hashManageToken(token) },
          select: {
            id: true,
            organisationId: true,
            sessionId: true,
            status: true,
            heldSeatId: true,
            holdUntil: true,
            registrationId: true,
            createdAt: true,
            helperName: true,
            resident: { select: { firstName: true, lastName: true } },
            session: { select: { startsAt: true, site: { select: { timeZone: true } } } },
            organisation: { select: { ...ORGANISATION.select, timeZone: true } },
          },
        })
      : null
  if (!entry) throw await notFound(request)
  return entry
}
type WaitlistEntry = Awaited<ReturnType<typeof requireWaitlistEntry>>

export type WaitlistState =
  | { kind: 'WAITING'; position: number }
  /** A seat is held for them: until `until` once the offer went out, else not yet timed. */
  | { kind: 'OFFERED'; until: string | null }
  | { kind: 'EXPIRED' }
  | { kind: 'REGISTERED'; registrationToken: string }
  | { kind: 'LEFT' }
  | { kind: 'CLOSED' }

async function waitlistState(entry: WaitlistEntry, now: Date, language: DisplayLanguage) {
  const zone = entry.session.site.timeZone ?? entry.organisation.timeZone
  if (entry.status === 'REGISTERED' && entry.registrationId)
    return {
      kind: 'REGISTERED',
      registrationToken: manageTokenFor(entry.registrationId, config().sessionSecret).token,
    } as const
  if (entry.status === 'LEFT') return { kind: 'LEFT' } as const
  if (entry.session.startsAt <= now) return { kind: 'CLOSED' } as const
  if (entry.status === 'OFFERED' && entry.heldSeatId) {
    if (entry.holdUntil && entry.holdUntil <= now) return { kind: 'EXPIRED' } as const
    return {
      kind: 'OFFERED',
      until: entry.holdUntil ? formatDayTime(entry.holdUntil, zone, language) : null,
    } as const
  }
  if (entry.status === 'WAITING') {
    const ahead = await db().waitlistEntry.count({
      where: {
        sessionId: entry.sessionId,
        status: 'WAITING',
        OR: [
          { createdAt: { lt: entry.createdAt } },
          { createdAt: entry.createdAt, id: { lt: entry.id } },
        ],
      },
    })
    return { kind: 'WAITING', position: ahead + 1 } as const
  }
  return { kind: 'EXPIRED' } as const
}

/** What the waiting-list page shows: the session and where this place stands. */
export async function waitlistView(
  entry: WaitlistEntry,
  language: DisplayLanguage,
  request: Request,
  now: Date,
) {
  const { session } = await sessionOf(entry.organisationId, entry.sessionId, language, request)
  const state: WaitlistState =
    session.cancelled && entry.status !== 'REGISTERED'
      ? { kind: 'CLOSED' }
      : await waitlistState(entry, now, language)
  return {
    organisation: entry.organisation,
    session,
    state,
    residentName: `${entry.resident.firstName} ${entry.resident.lastName}`,
    helperName: entry.helperName,
  }
}

/** "Je prends la place": the held seat becomes a registration. */
export const takeOfferedSeat = (entry: WaitlistEntry, now: Date) =>
  acceptOffer(db(), entry.id, now, config().sessionSecret)

/** "Je quitte la liste": a seat held for this place goes to the next person. */
export const leaveFromLink = (entry: WaitlistEntry, now: Date) => leaveWaitlist(db(), entry.id, now)
