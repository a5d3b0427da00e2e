import { db } from '~/platform/database/client.server'
import type { DisplayLanguage } from '~/domain/time/format'
import { listActiveSites, listPublicTopics } from './queries.server'

export function listOrganisations() {
  return db().organisation.findMany({
    select: { slug: true, name: true, kind: true },
    orderBy: { name: 'asc' },
  })
}

/** What the public home page of an organisation shows: active sites and public topics. */
export async function findOrganisationHome(slug: string, language: DisplayLanguage) {
  const organisation = await db().organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, phone: true },
  })
  if (!organisation) return null
  const [sites, topics] = await Promise.all([
    listActiveSites(organisation.id),
    listPublicTopics(organisation.id, language),
  ])
  return { ...organisation, sites, topics }
}
