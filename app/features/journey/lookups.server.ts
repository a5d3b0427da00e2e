import { decodeSlotStart } from '~/domain/time/slot-start'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { findActiveSite, findPublicOrganisation, findPublicTopic } from './queries.server'
import { cached } from '~/platform/cache/micro-cache.server'

const notFound = () => new Response('Not found', { status: 404 })

/** The organisation of the URL, or a 404 page. */
export async function requireOrganisation(slug: string | undefined) {
  const organisation = slug ? await findPublicOrganisation(slug) : null
  if (!organisation) throw notFound()
  return organisation
}

/** The organisation and one of its public topics, or a 404 page (ids of others find nothing). */
export async function requireTopic(params: { organisationSlug?: string; topicId?: string }) {
  const organisation = await requireOrganisation(params.organisationSlug)
  const topic = params.topicId ? await findPublicTopic(organisation.id, params.topicId) : null
  if (!topic) throw notFound()
  return { organisation, topic }
}

// The week page's organisation, topic and site, shared like its week of free times
// (decision 015): stale for at most these seconds after an admin edit. Steps that write
// (contact, confirm) read them fresh.
const WEEK_PAGE_LOOKUPS_MS = 3_000

/** Organisation, topic and place (a site or phone) of the week page, or a 404 page. */
export async function requireWeekPage(params: {
  organisationSlug?: string
  topicId?: string
  place?: string
}) {
  const key = `week-page:${params.organisationSlug}:${params.topicId}:${params.place}`
  const found = await cached('week-page-lookups', key, WEEK_PAGE_LOOKUPS_MS, async () => {
    const { organisation, topic } = await requireTopic(params)
    const isPhone = params.place === PHONE_PLACE
    const site = isPhone ? null : await findActiveSite(organisation.id, params.place ?? '')
    const modeAllowed = isPhone ? topic.allowsPhone : topic.allowsInPerson
    if ((!isPhone && !site) || !modeAllowed) return null
    return { organisation, topic, site, isPhone, zone: site?.timeZone ?? organisation.timeZone }
  }).catch((error: unknown) => {
    if (error instanceof Response) return null
    throw error
  })
  if (!found) throw notFound()
  return found
}

/**
 * Organisation, topic, place (a site or phone) and slot start of the contact and review
 * steps, checked against each other; anything tampered with is a 404, never a booking.
 */
export async function requireSlotStep(params: {
  organisationSlug?: string
  topicId?: string
  place?: string
  start?: string
}) {
  const { organisation, topic } = await requireTopic(params)
  const isPhone = params.place === PHONE_PLACE
  const site = isPhone ? null : await findActiveSite(organisation.id, params.place ?? '')
  const start = decodeSlotStart(params.start)
  const modeAllowed = isPhone ? topic.allowsPhone : topic.allowsInPerson
  if ((!isPhone && !site) || !modeAllowed || !start) throw notFound()
  return {
    organisation,
    topic,
    site,
    place: params.place!,
    mode: (isPhone ? 'PHONE' : 'IN_PERSON') as 'PHONE' | 'IN_PERSON',
    start,
    zone: site?.timeZone ?? organisation.timeZone,
    journeyKey: `${organisation.id}|${topic.id}|${params.place}`,
  }
}
