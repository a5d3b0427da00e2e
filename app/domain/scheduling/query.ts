import { DAY_MS, MINUTE_MS } from './calendar'
import { SchedulingError } from './errors'
import { isHolidayRegion, type HolidayRegion } from './holidays'
import type { DateRange, OpeningRule, SchedulingQuery, SchedulingTopic } from './types'
import { isValidTimeZone } from './zone'

/** Where slots are held: a site, or phone help (siteId null). */
export type Place = { siteId: string | null; timeZone: string; region: HolidayRegion }

/** A checked query in milliseconds, ready for the slot loop. */
export type ResolvedQuery = {
  topicId: string
  durationMs: number
  stepMs: number
  bufferMs: number
  /** Earliest slot start: now plus the minimum notice. */
  earliest: number
  /** Latest slot end: now plus the horizon. */
  latest: number
  places: ReadonlyMap<string | null, Place>
  advisorId: string | null
}

export function resolveQuery(query: SchedulingQuery): ResolvedQuery {
  const topic = checkedTopic(query.topic)
  const now = checkedInstant(query.now, 'now')
  checkMode(query, topic)
  const stepMinutes = query.organisation.slotStepMinutes ?? topic.durationMinutes
  if (!isPositiveInteger(stepMinutes)) {
    throw new SchedulingError(
      'INVALID_SLOT_STEP',
      `Slot step must be a positive whole number of minutes, got ${stepMinutes}.`,
    )
  }
  return {
    topicId: topic.id,
    durationMs: topic.durationMinutes * MINUTE_MS,
    stepMs: stepMinutes * MINUTE_MS,
    bufferMs: topic.bufferMinutes * MINUTE_MS,
    earliest: now + topic.minNoticeMinutes * MINUTE_MS,
    latest: now + topic.horizonDays * DAY_MS,
    places: placesOf(query),
    advisorId: query.advisorId ?? null,
  }
}

function checkedTopic(topic: SchedulingTopic | null | undefined): SchedulingTopic {
  if (!topic) throw new SchedulingError('UNKNOWN_TOPIC', 'No topic was given, or it was not found.')
  const { durationMinutes, bufferMinutes, minNoticeMinutes, horizonDays } = topic
  const valid =
    isPositiveInteger(durationMinutes) &&
    [bufferMinutes, minNoticeMinutes, horizonDays].every((n) => Number.isInteger(n) && n >= 0)
  if (!valid) {
    throw new SchedulingError(
      'INVALID_TOPIC',
      `Topic ${topic.id} needs a positive whole duration and whole, non-negative buffer, notice and horizon.`,
    )
  }
  return topic
}

export function checkedInstant(value: Date, name: string): number {
  const time = value instanceof Date ? value.getTime() : NaN
  if (Number.isNaN(time)) throw new SchedulingError('INVALID_DATE', `${name} is not a valid Date.`)
  return time
}

function checkMode(query: SchedulingQuery, topic: SchedulingTopic) {
  const allowed = query.mode === 'PHONE' ? topic.allowsPhone : topic.allowsInPerson
  if (!allowed) {
    throw new SchedulingError(
      'MODE_NOT_ALLOWED',
      `Topic ${topic.id} cannot be booked ${query.mode}.`,
    )
  }
  if (query.mode === 'PHONE' && query.siteId) {
    throw new SchedulingError('MODE_NOT_ALLOWED', 'A phone booking cannot have a site.')
  }
}

function placesOf(query: SchedulingQuery): Map<string | null, Place> {
  const { organisation } = query
  const fallback = place(null, organisation.timeZone, organisation.holidayRegion)
  if (query.mode === 'PHONE') return new Map([[null, fallback]])
  const sites = query.siteId ? query.sites.filter((s) => s.id === query.siteId) : query.sites
  if (query.siteId && sites.length === 0) {
    throw new SchedulingError('UNKNOWN_SITE', `Site ${query.siteId} is not among the given sites.`)
  }
  return new Map(
    sites.map((site) => [
      site.id,
      place(site.id, site.timeZone ?? fallback.timeZone, site.holidayRegion ?? fallback.region),
    ]),
  )
}

function place(siteId: string | null, timeZone: string, region: HolidayRegion): Place {
  const where = siteId ? `site ${siteId}` : 'the organisation'
  if (!isValidTimeZone(timeZone)) {
    throw new SchedulingError(
      'INVALID_TIME_ZONE',
      `Time zone "${timeZone}" of ${where} is not IANA.`,
    )
  }
  if (!isHolidayRegion(region)) {
    throw new SchedulingError(
      'INVALID_HOLIDAY_REGION',
      `Holiday region "${region}" of ${where} is unknown.`,
    )
  }
  return { siteId, timeZone, region }
}

/** The requested range in milliseconds; it may not exceed the horizon plus one day. */
export function checkedRange(
  range: DateRange,
  topic: SchedulingTopic,
): { from: number; to: number } {
  const from = checkedInstant(range.from, 'range.from')
  const to = checkedInstant(range.to, 'range.to')
  if (to < from) throw new SchedulingError('RANGE_INVERTED', 'range.to is before range.from.')
  if (to - from > (topic.horizonDays + 1) * DAY_MS) {
    throw new SchedulingError(
      'RANGE_TOO_LONG',
      `The range exceeds the topic's horizon of ${topic.horizonDays} days plus one day.`,
    )
  }
  return { from, to }
}

/** Known: listed among advisorIds, or has a rule in the data. */
export function isKnownAdvisor(query: SchedulingQuery, rules: readonly OpeningRule[]): boolean {
  const { advisorId } = query
  if (!advisorId) return true
  return !!query.advisorIds?.includes(advisorId) || rules.some((r) => r.advisorId === advisorId)
}

export function unknownAdvisor(advisorId: string | null | undefined): SchedulingError {
  return new SchedulingError(
    'UNKNOWN_ADVISOR',
    `Advisor ${advisorId} is not among the known advisors and has no opening rule.`,
  )
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0
}

/** The zone a slot is shown in: its site's, the organisation's for phone help. */
export function slotTimeZone(
  query: Pick<SchedulingQuery, 'organisation' | 'sites'>,
  siteId: string | null,
): string {
  const site = siteId ? query.sites.find((s) => s.id === siteId) : undefined
  return site?.timeZone ?? query.organisation.timeZone
}
