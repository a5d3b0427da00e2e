import { nameSearchKey } from '~/domain/residents/identity'
import type { Db } from '~/platform/database/client.server'

type DemoPerson = {
  firstName: string
  lastName: string
  phoneE164: string
  phoneType?: 'MOBILE' | 'FIXED'
  createdVia: 'ONLINE' | 'RECEPTION'
}

/** A demo resident who agreed to be sent messages; returns their id. */
export async function createDemoResident(db: Db, organisationId: string, person: DemoPerson) {
  const { firstName, lastName, phoneE164, phoneType = 'MOBILE', createdVia } = person
  const row = await db.resident.create({
    data: {
      organisationId,
      firstName,
      lastName,
      searchKey: nameSearchKey(firstName, lastName),
      phoneE164,
      phoneType,
      notificationConsent: true,
      createdVia,
    },
    select: { id: true },
  })
  return row.id
}
