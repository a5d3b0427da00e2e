import type { OpeningRule } from '~/domain/scheduling'

// How an opening rule is stored: weekdays as ISO digits ("135"), topics as join rows. The
// one place that reads a row back as the slot engine's rule.

export const encodeWeekdays = (weekdays: readonly number[]) => [...weekdays].sort().join('')
export const decodeWeekdays = (stored: string) => [...stored].map(Number)

/** The columns a rule is read back from (Prisma select). */
export const RULE_ROW_SELECT = {
  id: true,
  advisorId: true,
  siteId: true,
  weekdays: true,
  startTime: true,
  endTime: true,
  everyNWeeks: true,
  validFrom: true,
  validUntil: true,
  topics: { select: { topicId: true } },
} as const

export type RuleRow = {
  id: string
  advisorId: string
  siteId: string | null
  weekdays: string
  startTime: string
  endTime: string
  everyNWeeks: number
  validFrom: string
  validUntil: string | null
  topics: { topicId: string }[]
}

/** The stored columns of a rule, but its advisor and topics. */
export function ruleColumns(rule: Omit<OpeningRule, 'id' | 'advisorId' | 'topicIds'>) {
  return {
    siteId: rule.siteId,
    weekdays: encodeWeekdays(rule.weekdays),
    startTime: rule.startTime,
    endTime: rule.endTime,
    everyNWeeks: rule.everyNWeeks,
    validFrom: rule.validFrom,
    validUntil: rule.validUntil,
  }
}

/** A stored rule as the slot engine reads it. */
export function ruleOfRow(row: RuleRow): OpeningRule {
  return {
    id: row.id,
    advisorId: row.advisorId,
    siteId: row.siteId,
    weekdays: decodeWeekdays(row.weekdays),
    startTime: row.startTime,
    endTime: row.endTime,
    everyNWeeks: row.everyNWeeks,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    topicIds: row.topics.map((topic) => topic.topicId),
  }
}
