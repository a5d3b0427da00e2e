import { askRefusal, isEarlier, OTHER_EARLIER_TIMES } from '~/domain/alerts/earlier-slot'
import {
  hashManageToken,
  isWellFormedToken,
  manageTokenFor,
  tokenMatches,
} from '~/domain/booking/manage-token.server'
import { numberToCall } from '~/domain/booking/phone-numbers'
import { formatAppointmentDate, type DisplayLanguage } from '~/domain/time/format'
import { encodeSlotStart } from '~/domain/time/slot-start'
import { topicInLanguage } from '~/domain/topics/language'
import { journeyPaths } from '~/features/journey/index.server'
import { canReach, MESSAGE_TARGET } from '~/features/notifications/index.server'
import { config } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import { isPlaceGone, placeFinder, REQUEST_PLACE } from './place.server'
import { runningRequestOf } from './requests.server'

/** Where an appointment stands for alerts: its running request, or why none can be asked. */
export async function alertStateOf(db: Db, appointmentId: string, now: Date) {
  const [appointment, running] = await Promise.all([
    db.appointment.findUnique({
      where: { id: appointmentId },
      select: {
        status: true,
        startsAt: true,
        ...MESSAGE_TARGET,
        organisation: { select: { earlierSlotAlerts: true } },
      },
    }),
    runningRequestOf(db, appointmentId),
  ])
  if (!appointment) return null
  return {
    running: running ? { alertsSent: running.alertsSent } : null,
    /** The running request's limit, or the one a request asked now would get. */
    maxAlerts: running?.maxAlerts ?? appointment.organisation.earlierSlotAlerts,
    refusal: askRefusal({
      appointment,
      alreadyAsked: running !== null,
      reachable: canReach(appointment),
      now,
    }),
  }
}

/** The request an alert link points to, or null; the token is compared in constant time. */
export async function findByAlertToken(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null
  const request = await db.earlierSlotRequest.findUnique({
    where: { manageTokenHash: hashManageToken(token) },
    select: {
      ...REQUEST_PLACE,
      status: true,
      alertsSent: true,
      maxAlerts: true,
      offeredStartsAt: true,
      manageTokenHash: true,
      topic: { select: { id: true, name: true, nameEn: true, instructions: true } },
      site: {
        select: {
          name: true,
          address: true,
          postalCode: true,
          city: true,
          timeZone: true,
          phone: true,
        },
      },
      organisation: { select: { slug: true, name: true, phone: true, timeZone: true } },
      appointment: {
        select: { id: true, status: true, startsAt: true, manageTokenHash: true },
      },
    },
  })
  if (!request?.manageTokenHash || !tokenMatches(token, request.manageTokenHash)) return null
  return request
}
type AlertRecord = NonNullable<Awaited<ReturnType<typeof findByAlertToken>>>

/**
 * What the alert page says: the offered time while it is free (OFFER), else the earlier
 * times free now (STALE); the request waiting for its first alert (WAITING); answered
 * (TAKEN) or over (ENDED, STOPPED).
 */
export async function alertPageView(
  db: Db,
  request: AlertRecord,
  language: DisplayLanguage,
  now: Date,
) {
  const zone = request.site?.timeZone ?? request.organisation.timeZone
  const format = (start: Date) => formatAppointmentDate(start, zone, language)
  const booked = request.appointment?.status === 'BOOKED' ? request.appointment : null
  const common = {
    organisation: { name: request.organisation.name, slug: request.organisation.slug },
    topic: topicInLanguage(request.topic, language),
    site: request.site,
    current: booked && booked.startsAt > now ? format(booked.startsAt) : null,
    manageLink: booked ? manageLinkOf(booked) : null,
    contactPhone: numberToCall(request),
    bookAgainPath: journeyPaths(request.organisation.slug, request.topic.id).mode,
    alertsSent: request.alertsSent,
    maxAlerts: request.maxAlerts,
  }
  const offered = request.offeredStartsAt
  const canStop = request.status === 'ACTIVE' || (request.status === 'DONE' && offered !== null)
  if (request.status === 'CANCELLED') return { ...common, state: 'STOPPED' as const, canStop }
  if (request.appointment && !booked) return { ...common, state: 'ENDED' as const, canStop: false }
  if (request.status === 'DONE' && !offered)
    return { ...common, state: booked ? ('TAKEN' as const) : ('ENDED' as const), canStop }
  if (!offered) return { ...common, state: 'WAITING' as const, canStop }
  let finder: Awaited<ReturnType<typeof placeFinder>>
  let offeredSlot
  try {
    finder = await placeFinder(db, request, now)
    offeredSlot = await finder.slotAt(offered, request.siteId)
  } catch (error) {
    // The topic deactivated or the site closed since: nothing can be taken there.
    if (isPlaceGone(error)) return { ...common, state: 'ENDED' as const, canStop: false }
    throw error
  }
  const stillFree = offeredSlot !== null && isEarlier(offered, booked)
  if (stillFree)
    return {
      ...common,
      state: 'OFFER' as const,
      canStop,
      offer: { start: encodeSlotStart(offered), when: format(offered) },
    }
  const { slots } = await finder.search({
    after: now,
    filter: { weekdays: [], partOfDay: null },
    limit: OTHER_EARLIER_TIMES,
  })
  const others = slots
    .filter((slot) => isEarlier(slot.start, booked))
    .map((slot) => ({ start: encodeSlotStart(slot.start), when: format(slot.start) }))
  return { ...common, state: 'STALE' as const, canStop, offered: format(offered), others }
}

/** The appointment's manage link, when it has one (the demo's seeded rows do not). */
function manageLinkOf(appointment: { id: string; manageTokenHash: string | null }) {
  const { token, hash } = manageTokenFor(appointment.id, config().sessionSecret)
  return appointment.manageTokenHash === hash ? `/r/${token}` : null
}

/** The manage link of an appointment an alert just moved or booked, else the alert page. */
export async function pageAfterTaking(db: Db, appointmentId: string, moved: boolean) {
  const appointment = await db.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    select: { id: true, manageTokenHash: true },
  })
  const link = manageLinkOf(appointment)
  return link ? `${link}?${moved ? 'deplace' : 'nouveau'}=1` : null
}
