import type { ResidentContact } from '~/domain/booking/book'
import { nameSearchKey } from '~/domain/residents/identity'
import { normalisePhone } from '~/domain/residents/phone'
import type { Db } from '~/platform/database/client.server'

// Finding a resident by name or phone: the directory and booking on behalf search the
// same way. Scoped by organisation; the caller has checked the permission.

export const residentSelect = {
  id: true,
  organisationId: true,
  firstName: true,
  lastName: true,
  searchKey: true,
  phoneE164: true,
  phoneType: true,
  email: true,
  preferredLanguage: true,
  notificationConsent: true,
} as const

/**
 * Residents whose name contains the words typed (accents and case ignored), or whose
 * phone is the number typed in any usual spelling; null when too short to search.
 */
export function residentSearchWhere(organisationId: string, query: string) {
  const text = query.trim()
  if (text.length < 2) return null
  const phone = normalisePhone(text)
  const key = nameSearchKey(text)
  return {
    organisationId,
    OR: [
      ...(phone.ok ? [{ phoneE164: phone.phone.e164 }] : []),
      ...(key.length >= 2 ? [{ searchKey: { contains: key } }] : []),
    ],
  }
}

type ResidentWhere = NonNullable<Parameters<Db['resident']['findMany']>[0]>['where']

/**
 * One page of residents by name, read in two steps: the page's ids from the directory
 * index alone (Resident_directory_idx holds every column a search filters and sorts on),
 * then those rows. Filtering the organisation's rows themselves read one heap page per
 * resident, which grew with the instance (decision 105).
 */
export async function residentsPage(
  db: Db,
  where: ResidentWhere,
  page: { skip: number; take: number },
) {
  const ids = (
    await db.resident.findMany({
      where,
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
      ...page,
      select: { id: true },
    })
  ).map((row) => row.id)
  if (ids.length === 0) return []
  const rows = await db.resident.findMany({
    where: { id: { in: ids } },
    select: residentSelect,
  })
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** The residents matching what was typed (residentSearchWhere). At most 20, by name. */
export async function searchResidents(db: Db, organisationId: string, query: string) {
  const where = residentSearchWhere(organisationId, query)
  if (!where) return []
  return residentsPage(db, where, { skip: 0, take: 20 })
}

export function residentById(db: Db, id: string) {
  return db.resident.findUnique({ where: { id }, select: residentSelect })
}

/** A known resident's details, as a booking or a registration records them. */
export function residentContactOf(
  known: NonNullable<Awaited<ReturnType<typeof residentById>>>,
): ResidentContact {
  return {
    firstName: known.firstName,
    lastName: known.lastName,
    searchKey: known.searchKey,
    phoneE164: known.phoneE164,
    phoneType: known.phoneType,
    email: known.email,
    language: known.preferredLanguage === 'en' ? 'en' : 'fr',
    consent: known.notificationConsent,
  }
}
