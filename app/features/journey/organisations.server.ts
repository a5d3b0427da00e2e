import { db } from '~/platform/database/client.server'
import type { DisplayLanguage } from '~/domain/time/format'
import { upcomingWorkshopsPreview, workshopPaths } from '~/features/workshops/index.server'
import { listActiveSites, listPublicTopics } from './queries.server'

export function listOrganisations() {
  return db().organisation.findMany({
    select: { slug: true, name: true, kind: true },
    orderBy: { name: 'asc' },
  })
}

/**
 * What the public home page of an organisation shows: active sites, the topics booked one
 * to one, and its next workshop sessions.
 */
export async function findOrganisationHome(slug: string, language: DisplayLanguage, now: Date) {
  const organisation = await db().organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, phone: true },
  })
  if (!organisation) return null
  const [sites, topics, workshops] = await Promise.all([
    listActiveSites(organisation.id),
    listPublicTopics(organisation.id, language),
    upcomingWorkshopsPreview(organisation.id, language, now),
  ])
  return { ...organisation, sites, topics, workshops, workshopsPath: workshopPaths(slug).list() }
}
