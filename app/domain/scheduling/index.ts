// The slot engine: pure functions of rules, absences, appointments and `now`.
export {
  affectedAppointments,
  affectedSessions,
  isWithinHours,
  type HeldAppointment,
  type Schedule,
} from './affected-appointments'
export { assignAdvisor } from './assign'
export { SchedulingError, type SchedulingErrorCode } from './errors'
export {
  DATE_HOLIDAYS_CODES,
  HOLIDAY_REGIONS,
  isHolidayRegion,
  isPublicHoliday,
  type HolidayRegion,
} from './holidays'
export {
  MAX_EVERY_N_WEEKS,
  validateOpeningRule,
  type OpeningRuleFields,
  type OpeningRuleProblem,
  type OpeningRuleProblemCode,
} from './rules'
export { absenceRange, parseTimeInput, type AbsenceInputProblem } from './form-input'
export { rulesOpenOn } from './opening-hours'
export { slotTimeZone } from './query'
export { overlappingRules } from './rule-overlaps'
export {
  findFirstAvailableSlot,
  findNextAvailableDay,
  schedulingDataWindow,
  searchSlots,
  slotMatches,
  type PartOfDay,
  type SlotFilter,
} from './search'
export { computeSlots } from './slots'
export type * from './types'
export { isValidTimeZone, localDayRange } from './zone'
