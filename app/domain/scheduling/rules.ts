import { isoWeekday, mondayOf, parseLocalDate, parseWallTime } from './calendar'
import type { ProblemCode } from '~/domain/input/problems'
import type { OpeningRule } from './types'

export type OpeningRuleProblemCode = Extract<
  ProblemCode,
  | 'END_BEFORE_START'
  | 'REQUIRED'
  | 'INVALID_CHOICE'
  | 'INVALID_TIME'
  | 'INVALID_DATE'
  | 'VALID_UNTIL_BEFORE_FROM'
>

export type OpeningRuleProblem = {
  field: 'weekdays' | 'startTime' | 'endTime' | 'everyNWeeks' | 'validFrom' | 'validUntil'
  code: OpeningRuleProblemCode
}

export type OpeningRuleFields = Pick<
  OpeningRule,
  'weekdays' | 'startTime' | 'endTime' | 'everyNWeeks' | 'validFrom' | 'validUntil'
>

export const MAX_EVERY_N_WEEKS = 12

/** Everything wrong with a rule, empty when it can be saved. */
export function validateOpeningRule(rule: OpeningRuleFields): OpeningRuleProblem[] {
  const problems = [...weekdayProblems(rule.weekdays), ...timeProblems(rule)]
  if (!isValidInterval(rule.everyNWeeks))
    problems.push({ field: 'everyNWeeks', code: 'INVALID_CHOICE' })
  return [...problems, ...dateProblems(rule)]
}

function weekdayProblems(weekdays: readonly number[]): OpeningRuleProblem[] {
  if (weekdays.length === 0) return [{ field: 'weekdays', code: 'REQUIRED' }]
  const valid = weekdays.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)
  const distinct = new Set(weekdays).size === weekdays.length
  return valid && distinct ? [] : [{ field: 'weekdays', code: 'INVALID_CHOICE' }]
}

function timeProblems(rule: OpeningRuleFields): OpeningRuleProblem[] {
  const start = parseWallTime(rule.startTime)
  const end = parseWallTime(rule.endTime)
  const problems: OpeningRuleProblem[] = []
  if (start === null) problems.push({ field: 'startTime', code: 'INVALID_TIME' })
  if (end === null) problems.push({ field: 'endTime', code: 'INVALID_TIME' })
  if (start !== null && end !== null && end <= start) {
    problems.push({ field: 'endTime', code: 'END_BEFORE_START' })
  }
  return problems
}

function dateProblems(rule: OpeningRuleFields): OpeningRuleProblem[] {
  const from = parseLocalDate(rule.validFrom)
  const until = rule.validUntil === null ? null : parseLocalDate(rule.validUntil)
  const problems: OpeningRuleProblem[] = []
  if (from === null) problems.push({ field: 'validFrom', code: 'INVALID_DATE' })
  if (rule.validUntil !== null && until === null) {
    problems.push({ field: 'validUntil', code: 'INVALID_DATE' })
  }
  if (from !== null && until !== null && until < from) {
    problems.push({ field: 'validUntil', code: 'VALID_UNTIL_BEFORE_FROM' })
  }
  return problems
}

function isValidInterval(weeks: number): boolean {
  return Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_EVERY_N_WEEKS
}

/** A rule parsed once per computation, in day numbers and minutes. */
export type CompiledRule = {
  advisorId: string
  siteId: string | null
  /** Index 1..7: open on that ISO weekday. */
  onWeekday: readonly boolean[]
  startMinute: number
  endMinute: number
  everyNWeeks: number
  firstDay: number
  lastDay: number
  firstMonday: number
}

// A search compiles the rules of each chunk it loads, often the very same objects.
const compiled = new WeakMap<OpeningRule, CompiledRule | null>()

/** Null for a malformed rule: the engine skips it rather than failing every search. */
export function compileRule(rule: OpeningRule): CompiledRule | null {
  let result = compiled.get(rule)
  if (result === undefined) {
    result = validateOpeningRule(rule).length > 0 ? null : parseRule(rule)
    compiled.set(rule, result)
  }
  return result
}

function parseRule(rule: OpeningRule): CompiledRule {
  const firstDay = parseLocalDate(rule.validFrom)!
  const onWeekday = Array.from({ length: 8 }, (_, day) => rule.weekdays.includes(day))
  return {
    advisorId: rule.advisorId,
    siteId: rule.siteId,
    onWeekday,
    startMinute: parseWallTime(rule.startTime)!,
    endMinute: parseWallTime(rule.endTime)!,
    everyNWeeks: rule.everyNWeeks,
    firstDay,
    lastDay: rule.validUntil === null ? Infinity : parseLocalDate(rule.validUntil)!,
    firstMonday: mondayOf(firstDay),
  }
}

/** Validity, weekday and week interval; holidays are the caller's business. */
export function ruleOpensOn(rule: CompiledRule, day: number): boolean {
  if (day < rule.firstDay || day > rule.lastDay || !rule.onWeekday[isoWeekday(day)]) return false
  const weeksSinceStart = (mondayOf(day) - rule.firstMonday) / 7
  return weeksSinceStart % rule.everyNWeeks === 0
}
