import type { Db } from '~/platform/database/client.server'
import type { BookingRequest } from '~/domain/booking/book'
import { idempotencyKeyHash } from '~/domain/booking/manage-token.server'
import { nameSearchKey } from '~/domain/residents/identity'
import { createOrganisationFixture } from './fixtures'

export const SECRET = 'integration-secret-0123456789abcdef0123'
/** Monday 3 March 2031, 08:00 in Paris. */
export const NOW = new Date('2031-03-03T07:00:00Z')
/** Tuesday 4 March 2031, 09:00 in Paris: the first slot of the weekday rule. */
export const TUESDAY_9 = new Date('2031-03-04T08:00:00Z')

/** An organisation whose advisor opens weekdays 09:00-12:00 at its site, 30-minute topic. */
export async function createBookableOrganisation(db: Db, advisors = 1) {
  const fixture = await createOrganisationFixture(db)
  const extra = await Promise.all(
    Array.from({ length: advisors - 1 }, (_, index) =>
      db.advisor.create({
        data: {
          organisationId: fixture.organisation.id,
          firstName: `Extra${index}`,
          lastName: 'Advisor',
          email: `extra-${index}-${fixture.organisation.id}@example.test`,
        },
      }),
    ),
  )
  for (const advisor of [fixture.advisor, ...extra]) {
    await db.openingRule.create({
      data: {
        advisorId: advisor.id,
        siteId: fixture.site.id,
        weekdays: '12345',
        startTime: '09:00',
        endTime: '12:00',
        validFrom: '2031-01-01',
      },
    })
  }
  return { ...fixture, advisors: [fixture.advisor, ...extra] }
}

let keys = 0
/** A resident's booking request at the fixture's (or any) organisation, topic and site. */
export function bookingRequest(
  fixture: { organisation: { id: string }; topic: { id: string }; site: { id: string } },
  overrides: Partial<BookingRequest> & {
    firstName?: string
    lastName?: string
    phone?: string
  } = {},
): BookingRequest {
  const firstName = overrides.firstName ?? 'Élodie'
  const lastName = overrides.lastName ?? 'Martin'
  return {
    organisationId: fixture.organisation.id,
    topicId: fixture.topic.id,
    mode: 'IN_PERSON',
    siteId: fixture.site.id,
    start: TUESDAY_9,
    resident: {
      firstName,
      lastName,
      searchKey: nameSearchKey(firstName, lastName),
      phoneE164: overrides.phone ?? '+33612345678',
      phoneType: 'MOBILE',
      email: null,
      language: 'fr',
      consent: true,
    },
    helper: null,
    note: null,
    createdVia: 'ONLINE',
    idempotencyKeyHash: idempotencyKeyHash(`fixture-nonce-${++keys}`, 'fixture'),
    maxUpcomingPerContact: 3,
    actorAdvisorId: null,
    ...overrides,
  }
}
