import { db } from '~/platform/database/client.server'
import type { DisplayLanguage } from '~/domain/time/format'
import { ONE_TO_ONE } from '~/domain/topics/format'
import { topicInLanguage } from '~/domain/topics/language'

/** An organisation as the public journey needs it, or null (unknown slug). */
export function findPublicOrganisation(slug: string) {
  return db().organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      phone: true,
      timeZone: true,
      allowedPhoneRegions: true,
      maxUpcomingPerContact: true,
      bookingsPerIpPerHour: true,
      bookingsPerPhonePerDay: true,
      earlierSlotAlerts: true,
    },
  })
}
export type PublicOrganisation = NonNullable<Awaited<ReturnType<typeof findPublicOrganisation>>>

const TOPIC_FIELDS = {
  id: true,
  name: true,
  theme: true,
  durationMinutes: true,
  allowsInPerson: true,
  allowsPhone: true,
  instructions: true,
  nameEn: true,
  instructionsEn: true,
  cancellationDeadlineMinutes: true,
} as const

/** The public topics in the reader's language (French where no English was given). */
export async function listPublicTopics(organisationId: string, language: DisplayLanguage) {
  const topics = await db().topic.findMany({
    where: { organisationId, active: true, isPublic: true, ...ONE_TO_ONE },
    orderBy: { name: 'asc' },
    select: TOPIC_FIELDS,
  })
  return topics
    .map((topic) => topicInLanguage(topic, language))
    .sort((a, b) => a.name.localeCompare(b.name, language))
}

/** A public topic of this organisation only: ids of other organisations find nothing. */
export function findPublicTopic(organisationId: string, topicId: string) {
  return db().topic.findFirst({
    where: { id: topicId, organisationId, active: true, isPublic: true, ...ONE_TO_ONE },
    select: TOPIC_FIELDS,
  })
}
export type PublicTopic = NonNullable<Awaited<ReturnType<typeof findPublicTopic>>>

/** What public pages show of a site: where it is, how to get in, its phone and zone. */
export const PUBLIC_SITE_FIELDS = {
  id: true,
  name: true,
  address: true,
  postalCode: true,
  city: true,
  phone: true,
  accessNotes: true,
  accessibilityNotes: true,
  timeZone: true,
} as const

export function listActiveSites(organisationId: string) {
  return db().site.findMany({
    where: { organisationId, active: true },
    orderBy: { name: 'asc' },
    select: PUBLIC_SITE_FIELDS,
  })
}

export function findActiveSite(organisationId: string, siteId: string) {
  return db().site.findFirst({
    where: { id: siteId, organisationId, active: true },
    select: PUBLIC_SITE_FIELDS,
  })
}
export type PublicSite = NonNullable<Awaited<ReturnType<typeof findActiveSite>>>
