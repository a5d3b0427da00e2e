import type { BookingChannel, ResidentContact } from '~/domain/booking/book'
import type { Db } from '~/platform/database/client.server'

/**
 * Whom a booking or a workshop registration is for, written in its transaction. The same
 * person is the same resident: same name and same phone, or same name and same
 * email. A shared landline with another name is someone else (a couple, a neighbour).
 */
export async function findOrCreateResident(
  db: Pick<Db, 'resident'>,
  booking: { organisationId: string; resident: ResidentContact; createdVia: BookingChannel },
): Promise<string> {
  const { resident, organisationId } = booking
  const sameContact = [
    ...(resident.phoneE164 ? [{ phoneE164: resident.phoneE164 }] : []),
    ...(resident.email ? [{ email: resident.email }] : []),
  ]
  const existing = await db.resident.findFirst({
    where: { organisationId, searchKey: resident.searchKey, OR: sameContact },
    orderBy: { createdAt: 'asc' },
    select: { id: true, phoneE164: true, email: true },
  })
  if (existing) {
    await db.resident.update({
      where: { id: existing.id },
      data: {
        phoneE164: existing.phoneE164 ?? resident.phoneE164,
        phoneType: existing.phoneE164 ? undefined : resident.phoneType,
        email: existing.email ?? resident.email,
        preferredLanguage: resident.language,
        notificationConsent: resident.consent,
      },
    })
    return existing.id
  }
  const created = await db.resident.create({
    data: {
      organisationId,
      firstName: resident.firstName,
      lastName: resident.lastName,
      searchKey: resident.searchKey,
      phoneE164: resident.phoneE164,
      phoneType: resident.phoneType,
      email: resident.email,
      preferredLanguage: resident.language,
      notificationConsent: resident.consent,
      createdVia: booking.createdVia,
    },
    select: { id: true },
  })
  return created.id
}
