import { SchedulingError } from '~/domain/scheduling'
import { availability } from '~/features/schedule/index.server'
import type { Db } from '~/platform/database/client.server'

/** What says where a request's alerts look (its appointment's has the same columns). */
export const REQUEST_PLACE = {
  id: true,
  organisationId: true,
  topicId: true,
  mode: true,
  siteId: true,
} as const

type Place = {
  organisationId: string
  topicId: string
  mode: 'IN_PERSON' | 'PHONE'
  siteId: string | null
}

/** The free times of the request's topic at its place (a site, or by phone). */
export function placeFinder(db: Db, place: Place, now: Date) {
  return availability(db, {
    organisationId: place.organisationId,
    topicId: place.topicId,
    mode: place.mode,
    siteId: place.siteId,
    now,
  })
}

/**
 * Whether the engine refused the place itself: the topic deactivated, the site closed, the
 * mode no longer allowed. Nothing will free up there: the request is over.
 */
export function isPlaceGone(error: unknown): boolean {
  return (
    error instanceof SchedulingError &&
    ['UNKNOWN_TOPIC', 'UNKNOWN_SITE', 'MODE_NOT_ALLOWED'].includes(error.code)
  )
}
