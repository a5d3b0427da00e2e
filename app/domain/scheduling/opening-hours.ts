import { parseLocalDate } from './calendar'
import { compileRule, ruleOpensOn } from './rules'
import type { OpeningRule } from './types'

/** The rules open on a local date ("YYYY-MM-DD"), by start time: a calendar's background. */
export function rulesOpenOn<Rule extends OpeningRule>(
  rules: readonly Rule[],
  date: string,
): Rule[] {
  const day = parseLocalDate(date)
  if (day === null) return []
  return rules
    .filter((rule) => {
      const compiled = compileRule(rule)
      return compiled !== null && ruleOpensOn(compiled, day)
    })
    .sort((a, b) => a.startTime.localeCompare(b.startTime))
}
