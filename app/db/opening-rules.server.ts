import { validateOpeningRule, type OpeningRuleProblem } from '~/domain/scheduling'
import type { Db } from './client.server'

export type OpeningRuleInput = {
  advisorId: string
  siteId: string | null
  weekdays: number[]
  startTime: string
  endTime: string
  everyNWeeks: number
  validFrom: string
  validUntil: string | null
  topicIds: string[]
}

// Weekdays are stored as ISO digits ("135"), the one encoding of the column.
export const encodeWeekdays = (weekdays: readonly number[]) => [...weekdays].sort().join('')
export const decodeWeekdays = (stored: string) => [...stored].map(Number)

/**
 * Saves a rule only when it is well formed (end after start, at least one weekday, valid
 * dates and interval); otherwise returns its problems and writes nothing.
 */
export async function createOpeningRule(
  db: Db,
  rule: OpeningRuleInput,
): Promise<{ ok: true; id: string } | { ok: false; problems: OpeningRuleProblem[] }> {
  const problems = validateOpeningRule(rule)
  if (problems.length > 0) return { ok: false, problems }
  const created = await db.openingRule.create({
    data: {
      advisorId: rule.advisorId,
      siteId: rule.siteId,
      weekdays: encodeWeekdays(rule.weekdays),
      startTime: rule.startTime,
      endTime: rule.endTime,
      everyNWeeks: rule.everyNWeeks,
      validFrom: rule.validFrom,
      validUntil: rule.validUntil,
      topics: { create: rule.topicIds.map((topicId) => ({ topicId })) },
    },
    select: { id: true },
  })
  return { ok: true, id: created.id }
}
