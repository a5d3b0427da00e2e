// What other features and their routes use of opening hours: free slots (the one slot
// computation over the database), and rules as the calendars and the seed write them.
export { availability } from './availability.server'
export {
  ACTIVE_STATUSES,
  holidayRegionOf,
  type SchedulingContext,
} from './scheduling-context.server'
export { advisorRules, createOpeningRule } from './opening-rules.server'
export { RULE_ROW_SELECT, ruleOfRow } from './rule-rows.server'
