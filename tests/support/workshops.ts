import type { ResidentContact } from '~/domain/booking/book'
import type { RegistrationRequest } from '~/features/workshops/index.server'
import type { Db } from '~/platform/database/client.server'

const HOUR = 3_600_000

/** Where a session goes: an organisation's collective topic at one of its sites. */
type SessionPlace = { organisation: { id: string }; topic: { id: string }; site: { id: string } }

/** A scheduled session of a collective topic with its seat rows, as the workspace writes it. */
export async function createWorkshopSession(
  db: Db,
  fixture: SessionPlace,
  options: { seats: number; startsAt: Date; seriesId?: string; minutes?: number },
) {
  const { startsAt, seats } = options
  const endsAt = new Date(startsAt.getTime() + (options.minutes ?? 120) * 60_000)
  return db.workshopSession.create({
    data: {
      organisationId: fixture.organisation.id,
      topicId: fixture.topic.id,
      siteId: fixture.site.id,
      seriesId: options.seriesId ?? null,
      startsAt,
      endsAt,
      seatCount: seats,
      seats: { create: Array.from({ length: seats }, (_, index) => ({ number: index + 1 })) },
    },
  })
}

/** A date `days` days from now at 09:00 UTC: far enough for any hold. */
export const daysAhead = (days: number, now = new Date()) =>
  new Date(Math.floor(now.getTime() / (24 * HOUR)) * 24 * HOUR + days * 24 * HOUR + 9 * HOUR)

let people = 0

/** A different person each call, reachable by SMS. */
export function someone(overrides: Partial<ResidentContact> = {}): ResidentContact {
  people += 1
  const number = String(people).padStart(4, '0')
  return {
    firstName: `Prénom${number}`,
    lastName: 'Participant',
    searchKey: `prenom${number} participant`,
    phoneE164: `+3361234${number}`,
    phoneType: 'MOBILE',
    email: null,
    language: 'fr',
    consent: true,
    ...overrides,
  }
}

/** What registering someone new online for this session asks of registerForSession. */
export const registrationRequest = (
  organisationId: string,
  sessionId: string,
  overrides: Partial<RegistrationRequest> = {},
): RegistrationRequest => ({
  organisationId,
  sessionId,
  resident: someone(),
  helper: null,
  companionName: null,
  createdVia: 'ONLINE',
  idempotencyKeyHash: null,
  actorAdvisorId: null,
  ...overrides,
})
