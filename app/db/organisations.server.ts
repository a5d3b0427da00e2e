import { db } from './client.server'

export function listOrganisations() {
  return db().organisation.findMany({
    select: { slug: true, name: true, kind: true },
    orderBy: { name: 'asc' },
  })
}

/** What the public home page of an organisation shows: active sites and public topics. */
export async function findOrganisationHome(slug: string) {
  return db().organisation.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      phone: true,
      timeZone: true,
      sites: {
        where: { active: true },
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          address: true,
          postalCode: true,
          city: true,
          accessNotes: true,
          accessibilityNotes: true,
        },
      },
      topics: {
        where: { active: true, isPublic: true },
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          theme: true,
          durationMinutes: true,
          allowsInPerson: true,
          allowsPhone: true,
          instructions: true,
        },
      },
    },
  })
}
