import { consume } from '~/platform/rate-limit.server'

// The budgets of what residents ask for online without an account (decision 014): per
// client address per hour, per phone or email per day, both set by the organisation. A
// booking and a workshop registration or waiting-list place draw on the same budgets.

type Budgets = { id: string; bookingsPerIpPerHour: number; bookingsPerPhonePerDay: number }

/** The budget of one client address: requests an hour, as the organisation sets it. */
export const addressBudget = (organisation: Pick<Budgets, 'bookingsPerIpPerHour'>) => ({
  name: 'booking-ip',
  points: organisation.bookingsPerIpPerHour,
  seconds: 3600,
})

/** Counts one request; false when the address or the contact has used its budget. */
export async function withinBookingLimits(
  organisation: Budgets,
  contact: { phoneE164: string | null; email: string | null },
  clientAddress: string,
): Promise<boolean> {
  const contactKey = contact.phoneE164 ?? contact.email ?? ''
  return (
    (await consume(addressBudget(organisation), clientAddress)) &&
    (await consume(
      { name: 'booking-contact', points: organisation.bookingsPerPhonePerDay, seconds: 86_400 },
      `${organisation.id}:${contactKey}`,
    ))
  )
}
