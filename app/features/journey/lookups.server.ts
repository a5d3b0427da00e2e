import { decodeSlotStart } from '~/domain/time/slot-start'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { holidayRegionOf, type SchedulingContext } from '~/features/schedule/index.server'
import {
  findActiveSite,
  findPublicOrganisation,
  findPublicTopic,
  findWeekPageParts,
  type PublicSite,
} from './queries.server'

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

/**
 * Organisation, topic and place (a site or phone) of the week page and its alert page, or
 * a 404 page; with what the slot engine reads of them (`scheduling`, for availability),
 * all in one read.
 */
export async function requireWeekPage(params: {
  organisationSlug?: string
  topicId?: string
  place?: string
}) {
  const isPhone = params.place === PHONE_PLACE
  const found =
    params.organisationSlug && params.topicId && params.place
      ? await findWeekPageParts(
          params.organisationSlug,
          params.topicId,
          isPhone ? null : params.place,
        )
      : null
  if (!found) throw notFound()
  const { organisation, topic, site } = found
  const modeAllowed = isPhone ? topic.allowsPhone : topic.allowsInPerson
  if ((!isPhone && !site) || !modeAllowed) throw notFound()
  const { holidayRegion, slotStepMinutes, ...publicOrganisation } = organisation
  const { bufferMinutes, minNoticeMinutes, horizonDays, ...publicTopic } = topic
  const { holidayRegion: siteRegion, ...publicSite } = site ?? { holidayRegion: null }
  // The engine's view of this one place: its site only, and no advisor is asked for.
  const scheduling: SchedulingContext = {
    organisation: {
      id: organisation.id,
      timeZone: organisation.timeZone,
      holidayRegion: holidayRegionOf(holidayRegion, 'organisation')!,
      slotStepMinutes,
    },
    sites: site
      ? [
          {
            id: site.id,
            timeZone: site.timeZone,
            holidayRegion: holidayRegionOf(siteRegion, `site ${site.id}`),
          },
        ]
      : [],
    topic: {
      id: topic.id,
      durationMinutes: topic.durationMinutes,
      bufferMinutes,
      minNoticeMinutes,
      horizonDays,
      allowsInPerson: topic.allowsInPerson,
      allowsPhone: topic.allowsPhone,
    },
    advisorIds: [],
  }
  return {
    organisation: publicOrganisation,
    topic: publicTopic,
    site: site ? (publicSite as PublicSite) : null,
    isPhone,
    zone: site?.timeZone ?? organisation.timeZone,
    scheduling,
  }
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
