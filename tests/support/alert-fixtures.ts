import { DateTime } from 'luxon'
import { book } from '~/domain/booking/book'
import { isPublicHoliday } from '~/domain/scheduling'
import { bookingPorts } from '~/features/journey/index.server'
import type { Db } from '~/platform/database/client.server'
import { bookingRequest } from './booking-fixtures'
import { createOrganisationFixture } from './fixtures'

// Earlier-slot alerts need days that are full and days that free up: an organisation whose
// one advisor opens 09:00-10:00 (two 30-minute slots) on the days given, and nothing else.

export const PARIS = 'Europe/Paris'
/** An instant given as wall-clock time in Paris. */
export const inParis = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toJSDate()

export async function openOnDays(db: Db, days: string[]) {
  const fixture = await createOrganisationFixture(db)
  for (const day of days) {
    await db.openingRule.create({
      data: {
        advisorId: fixture.advisor.id,
        siteId: fixture.site.id,
        weekdays: String(DateTime.fromISO(day).weekday),
        startTime: '09:00',
        endTime: '10:00',
        validFrom: day,
        validUntil: day,
      },
    })
  }
  return { ...fixture, advisors: [fixture.advisor] }
}
export type OpenDays = Awaited<ReturnType<typeof openOnDays>>

let people = 0
/** Books `start` online for a new person (a phone of their own); returns the appointment. */
export async function bookFor(
  db: Db,
  fixture: OpenDays,
  start: Date,
  { now, secret }: { now: Date; secret: string },
) {
  people += 1
  const request = bookingRequest(fixture, {
    start,
    firstName: `Personne${people}`,
    phone: `+33612${String(people).padStart(6, '0')}`,
  })
  const { appointmentId } = await book(request, now, await bookingPorts(db, request, now, secret))
  return appointmentId
}

/** The first day `days` ahead or after that opens in Paris: no Sunday, no public holiday. */
export function openDayAhead(days: number) {
  let day = DateTime.now().setZone(PARIS).startOf('day').plus({ days })
  while (day.weekday === 7 || isPublicHoliday('FR-METRO', day.toISODate()!))
    day = day.plus({ days: 1 })
  return day.toISODate()!
}
