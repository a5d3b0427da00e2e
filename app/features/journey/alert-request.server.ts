import type { ResidentContact } from '~/domain/booking/book'
import { askWithoutAppointment } from '~/features/alerts/index.server'
import { db } from '~/platform/database/client.server'
import { consume } from '~/platform/rate-limit.server'
import { addressBudget } from './limits.server'
import type { requireWeekPage } from './lookups.server'

type Page = Awaited<ReturnType<typeof requireWeekPage>>

/**
 * "Prévenez-moi quand un créneau se libère" from the journey's page without free times:
 * counted against the address's bookings (a request is written as a booking is), then
 * the alerts feature records it.
 */
export async function askAlertOnline(input: {
  page: Page
  resident: ResidentContact
  clientAddress: string
}) {
  const { organisation, topic, site, isPhone } = input.page
  if (!(await consume(addressBudget(organisation), input.clientAddress)))
    return { ok: false as const, refusal: 'RATE_LIMITED' as const }
  return askWithoutAppointment(db(), {
    organisationId: organisation.id,
    topicId: topic.id,
    mode: isPhone ? 'PHONE' : 'IN_PERSON',
    siteId: site?.id ?? null,
    resident: input.resident,
  })
}
