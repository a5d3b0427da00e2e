import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { topicCoopThemes } from '~/domain/reports/coop'
import { siteSchema, topicSchema } from './forms.server'
import { SITE_FIELDS, SITES_PATH, TOPIC_FIELDS, TOPICS_PATH } from './record-fields'
import type { RecordKind } from './record-pages.server'
import {
  createSite,
  createTopic,
  findSite,
  findTopic,
  updateSite,
  updateTopic,
} from './records.server'

// What the shared edit pages (record-pages.server.ts) need to know of each record kind.

const pick = <Field extends string>(record: Record<Field, unknown>, fields: readonly Field[]) =>
  Object.fromEntries(fields.map((field) => [field, record[field]]))

type Site = NonNullable<Awaited<ReturnType<typeof findSite>>>
type Topic = NonNullable<Awaited<ReturnType<typeof findTopic>>>

export const SITES: RecordKind<Site, (typeof siteSchema)['_output']> = {
  path: SITES_PATH,
  section: 'sites',
  schema: siteSchema,
  find: findSite,
  create: createSite,
  update: updateSite,
  // Stored in E.164, shown as people write it.
  valuesOf: (site) => ({
    ...pick(site, SITE_FIELDS),
    phone: site.phone ? formatPhoneForDisplay(site.phone) : null,
  }),
  // Listed in the open-data feeds unless the admin says otherwise, as stored sites are.
  defaults: { openData: 'on' },
}

export const TOPICS: RecordKind<Topic, (typeof topicSchema)['_output']> = {
  path: TOPICS_PATH,
  section: 'topics',
  schema: topicSchema,
  find: findTopic,
  create: createTopic,
  update: updateTopic,
  // The themes ticked are the topic's own, or the defaults of its national theme.
  valuesOf: (topic) => ({ ...pick(topic, TOPIC_FIELDS), coopThemes: topicCoopThemes(topic) }),
  defaults: {
    format: 'INDIVIDUAL',
    theme: 'PAPERS_CITIZENSHIP',
    durationMinutes: '30',
    allowsInPerson: 'on',
    minNoticeMinutes: '120',
    horizonDays: '60',
    bufferMinutes: '0',
    cancellationDeadlineMinutes: '120',
    isPublic: 'on',
  },
}
