import { db, providerOfClient } from '~/platform/database/client.server'
import { readRows, Sql } from '~/platform/database/sql.server'
import type { DisplayLanguage } from '~/domain/time/format'
import { ONE_TO_ONE } from '~/domain/topics/format'
import { topicInLanguage } from '~/domain/topics/language'

const PUBLIC_ORGANISATION_FIELDS = {
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
} as const

/** An organisation as the public journey needs it, or null (unknown slug). */
export function findPublicOrganisation(slug: string) {
  return db().organisation.findUnique({ where: { slug }, select: PUBLIC_ORGANISATION_FIELDS })
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

/** What the slot engine reads of the organisation, topic and site beside the public fields. */
const SCHEDULING_FIELDS = {
  organisation: ['holidayRegion', 'slotStepMinutes'],
  topic: ['bufferMinutes', 'minNoticeMinutes', 'horizonDays'],
  site: ['holidayRegion'],
} as const

type Scheduling = {
  organisation: { holidayRegion: string; slotStepMinutes: number | null }
  topic: { bufferMinutes: number; minNoticeMinutes: number; horizonDays: number }
  site: { holidayRegion: string | null } | null
}

// Each part's fields, and the statement's column list, are the same on every view.
const PARTS = (
  [
    { alias: 'o', part: 'organisation', fields: Object.keys(PUBLIC_ORGANISATION_FIELDS) },
    { alias: 't', part: 'topic', fields: Object.keys(TOPIC_FIELDS) },
    { alias: 's', part: 'site', fields: Object.keys(PUBLIC_SITE_FIELDS) },
  ] as const
).map(({ alias, part, fields }) => ({
  alias,
  part,
  fields: [...fields, ...SCHEDULING_FIELDS[part]],
}))
const COLUMNS = PARTS.flatMap(({ alias, part, fields }) =>
  fields.map((field) => `${alias}."${field}" AS "${part}.${field}"`),
).join(', ')

/** One part's fields of the row, under their own names. */
function partOf(row: Record<string, unknown>, part: (typeof PARTS)[number]) {
  const values: Record<string, unknown> = {}
  for (const field of part.fields) values[field] = row[`${part.part}.${field}`]
  return values
}

/**
 * The organisation, one of its public one-to-one topics and one of its active sites (none
 * asked: phone help), with what the slot engine reads of them, in one statement: the week
 * page and its alert page ask for all three on every view (decision 097). Null when the
 * organisation or the topic is not found; `site` null when it is not.
 */
export async function findWeekPageParts(slug: string, topicId: string, siteId: string | null) {
  const sql = new Sql(providerOfClient(db()))
  const [row] = await readRows<Record<string, unknown>>(
    db(),
    `SELECT ${COLUMNS}
       FROM "Organisation" AS o
       JOIN "Topic" AS t ON t."organisationId" = o."id" AND t."id" = ${sql.param(topicId)}
        AND t."active" = true AND t."isPublic" = true AND t."format" = '${ONE_TO_ONE.format}'
       LEFT JOIN "Site" AS s ON s."organisationId" = o."id" AND s."id" = ${sql.param(siteId)}
        AND s."active" = true
      WHERE o."slug" = ${sql.param(slug)}`,
    sql.params,
  )
  if (!row) return null
  const [organisation, topic, site] = PARTS.map((part) => partOf(row, part))
  const found = site.id === null ? null : site
  return {
    organisation: organisation as PublicOrganisation & Scheduling['organisation'],
    topic: topic as PublicTopic & Scheduling['topic'],
    site: found as (PublicSite & NonNullable<Scheduling['site']>) | null,
  }
}
