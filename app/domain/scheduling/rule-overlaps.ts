import { mondayOf, parseLocalDate, parseWallTime } from './calendar'
import type { OpeningRule } from './types'

/**
 * The advisor's other rules that may hold the same hours as `rule`: a shared weekday,
 * overlapping times and overlapping validity. Every-N-weeks rules are compared loosely:
 * two rules meet unless their week cycles can never fall on the same week (decision 051).
 * Malformed rules are never reported; validation reports them.
 */
export function overlappingRules<Rule extends OpeningRule>(
  rule: OpeningRule,
  others: readonly Rule[],
): Rule[] {
  return others.filter(
    (other) =>
      other !== rule &&
      (rule.id === undefined || other.id !== rule.id) &&
      other.advisorId === rule.advisorId &&
      rulesMeet(rule, other),
  )
}

function rulesMeet(a: OpeningRule, b: OpeningRule): boolean {
  const times = [a.startTime, a.endTime, b.startTime, b.endTime].map(parseWallTime)
  const [aFrom, aUntil, bFrom, bUntil] = [a.validFrom, a.validUntil, b.validFrom, b.validUntil].map(
    (value) => (value === null ? Infinity : parseLocalDate(value)),
  )
  if (times.some((time) => time === null) || [aFrom, aUntil, bFrom, bUntil].includes(null)) {
    return false
  }
  const [aStart, aEnd, bStart, bEnd] = times as number[]
  if (!(aStart! < bEnd! && bStart! < aEnd!)) return false
  if (!a.weekdays.some((day) => b.weekdays.includes(day))) return false
  const first = Math.max(aFrom!, bFrom!)
  const last = Math.min(aUntil!, bUntil!)
  if (first > last) return false
  return cyclesMeet(a, aFrom!, b, bFrom!)
}

// Rule a is open the weeks w with (w - wa) % na = 0, b with (w - wb) % nb = 0: such a
// week exists iff the gcd divides wa - wb (the shared validity is not checked week by week).
function cyclesMeet(a: OpeningRule, aFrom: number, b: OpeningRule, bFrom: number): boolean {
  const step = gcd(a.everyNWeeks, b.everyNWeeks)
  const weeksApart = (mondayOf(aFrom) - mondayOf(bFrom)) / 7
  return ((weeksApart % step) + step) % step === 0
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.max(1, a) : gcd(b, a % b)
}
