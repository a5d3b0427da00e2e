import { requireAdmin } from '~/features/access/index.server'
import type { UnpublishedReason } from '~/domain/open-data/places'
import { db } from '~/platform/database/client.server'
import { organisationFeeds } from './paths'
import { sitePublications } from './places.server'

// What a site's admin page says of open data: published or why not, and the feeds.

export type SiteOpenData = {
  /** Null for a site not saved yet. */
  published: boolean | null
  reason: UnpublishedReason | null
  feeds: { json: string; csv: string }
}

export async function siteOpenData(
  request: Request,
  siteId: string | undefined,
): Promise<SiteOpenData> {
  const { signedIn } = await requireAdmin(request)
  const [organisation] = await sitePublications(db(), { id: signedIn.actor.organisationId })
  const site = organisation!.sites.find((candidate) => candidate.siteId === siteId)
  return {
    published: site ? site.reason === null : null,
    reason: site?.reason ?? null,
    feeds: organisationFeeds(organisation!.slug),
  }
}
