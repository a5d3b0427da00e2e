import { db } from '~/platform/database/client.server'
import { organisationSites, receivingAdvisors, siteById } from '~/features/admin/index.server'
import { requirePermission, type SignedIn } from '~/features/access/index.server'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import {
  dayTitle,
  instantAtMinute,
  minuteOfLocalDay,
  requestedDate,
  shiftDate,
} from '~/domain/time/days'
import { localDateOf } from '~/domain/time/format'
import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'
import { loadAgenda } from './agenda.server'
import { siteAdvisors } from './queries.server'
import { timeGrid } from './time-grid.server'

const FULL_DAY_MINUTES = 24 * 60

/** The minute of `date` from which free time may still be booked at a place. */
export function bookableFrom(date: string, zone: string, now: Date): number | null {
  const today = localDateOf(now, zone)
  if (date < today) return FULL_DAY_MINUTES
  return date === today ? minuteOfLocalDay(now, date, zone) : null
}

/** Where an advisor's day books on a phone: the booking page with advisor, day and place. */
function dayBookingLink(advisorId: string, date: string, place: string) {
  const query = new URLSearchParams({ conseiller: advisorId, jour: date })
  if (place) query.set('lieu', place)
  return `/espace/reserver?${query.toString()}`
}

/** Where a free cell of an advisor's column books: the booking page, prefilled. */
export function bookingLink(advisorId: string, date: string, zone: string) {
  return (start: number, siteId: string | null) =>
    `/espace/reserver?${new URLSearchParams({
      conseiller: advisorId,
      lieu: siteId ?? PHONE_PLACE,
      jour: date,
      creneau: instantAtMinute(date, start, zone).toISOString(),
    }).toString()}`
}

/**
 * Reception's day (/espace/aujourdhui): every advisor who receives, side by side on one
 * time grid, for all places, one site (?lieu=<site>) or phone help (?lieu=telephone).
 */
export async function receptionDay(input: {
  signedIn: SignedIn
  url: URL
  language: Language
  t: Translate
  now: Date
}) {
  const { signedIn, url, language, t, now } = input
  const organisationId = signedIn.organisation.id
  requirePermission(signedIn.actor, 'calendar.viewSite', { organisationId })
  const place = url.searchParams.get('lieu') ?? ''
  const site = place && place !== PHONE_PLACE ? await siteById(db(), place) : null
  if (site) {
    requirePermission(signedIn.actor, 'calendar.viewSite', {
      organisationId: site.organisationId,
    })
  } else if (place && place !== PHONE_PLACE) throw new Response('Not found', { status: 404 })
  const phoneOnly = place === PHONE_PLACE
  const zone = site?.timeZone ?? signedIn.organisation.timeZone
  const date = requestedDate(url.searchParams.get('date'), zone, now)
  const advisors = site
    ? await siteAdvisors(db(), organisationId, site.id)
    : await receivingAdvisors(db(), organisationId)
  const agenda = await loadAgenda({
    organisationId,
    zone,
    dates: [date],
    advisors,
    siteId: site?.id,
    phoneOnly,
    language,
    t,
  })
  // By phone, only those who hold phone hours or a call that day.
  const columns = agenda
    .map((column) => ({ ...column, day: column.days[0]! }))
    .filter(
      (column) => !phoneOnly || column.day.hours.length > 0 || column.day.appointments.length > 0,
    )
  const notBefore = bookableFrom(date, zone, now)
  const today = localDateOf(now, zone)
  const day = dayTitle(date, zone, language)
  return {
    title: t('workspace.grid.title', { day }),
    caption: t('workspace.grid.caption', { day }),
    date,
    today,
    previous: shiftDate(date, -1),
    next: shiftDate(date, 1),
    place,
    sites: await organisationSites(db(), organisationId),
    grid: timeGrid(
      columns.map((column) => ({
        key: column.id,
        title: column.name,
        hours: column.day.hours,
        appointments: column.day.appointments,
        absences: column.day.absences,
        workshops: column.day.workshops,
        bookLink: bookingLink(column.id, date, zone),
        notBefore,
      })),
      language,
      date === today ? minuteOfLocalDay(now, date, zone) : null,
    ),
    // The same day as lists, for a phone's width: each advisor's free times are one link
    // away, on the booking page with the advisor and the day chosen.
    lists: columns.map((column) => ({
      id: column.id,
      name: column.name,
      ...column.day,
      bookLink: notBefore === FULL_DAY_MINUTES ? null : dayBookingLink(column.id, date, place),
    })),
  }
}
