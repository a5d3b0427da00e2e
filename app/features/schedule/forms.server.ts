import { z } from 'zod'
import { CANCELLATION_REASON_MAX_LENGTH } from '~/domain/booking/limits'
import type { FormValues } from '~/domain/input/problems'
import {
  absenceRange,
  parseTimeInput,
  validateOpeningRule,
  type OpeningRule,
} from '~/domain/scheduling'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { addProblem, checkbox, optionalText, plainText } from '~/platform/form-fields.server'
import type { Decisions, OpeningRuleInput } from './opening-rules.server'

// The hours and absence forms of the workspace (decisions 050–053), read by parseForm.
// The domain's rules say what is wrong with a rule or an absence, so the fields are plain
// text to zod and every problem of one submission is reported at once.

/** Why an advisor is away, as the hours pages show it: short, one line. */
const ABSENCE_REASON_MAX_LENGTH = 200

const ruleFields = z.object({
  weekdays: z.array(z.string()),
  startTime: plainText(),
  endTime: plainText(),
  everyNWeeks: z.string().trim().default('1'),
  place: plainText(),
  validFrom: plainText(),
  validUntil: plainText(),
  topicIds: z.array(z.string()),
  confirmOverlap: checkbox(),
})

/** The rule form: the rule it describes, and whether the advisor confirmed an overlap. */
export function ruleSchema(advisorId: string) {
  return ruleFields.transform((values, context) => {
    if (values.place === '') addProblem(context, 'REQUIRED', 'place')
    if (values.validFrom === '') addProblem(context, 'REQUIRED', 'validFrom')
    const rule: OpeningRuleInput = {
      advisorId,
      siteId: values.place === PHONE_PLACE ? null : values.place,
      weekdays: values.weekdays.map(Number),
      startTime: parseTimeInput(values.startTime) ?? values.startTime,
      endTime: parseTimeInput(values.endTime) ?? values.endTime,
      everyNWeeks: Number(values.everyNWeeks),
      validFrom: values.validFrom,
      validUntil: values.validUntil === '' ? null : values.validUntil,
      topicIds: [...new Set(values.topicIds)],
    }
    const problems = validateOpeningRule(rule)
    for (const problem of problems) addProblem(context, problem.code, problem.field)
    if (values.place === '' || values.validFrom === '' || problems.length > 0) return z.NEVER
    return { rule, overlapConfirmed: values.confirmOverlap }
  })
}

/** Whether the form names a site or topic that is not the organisation's (a 404). */
export function namesForeignPlace(
  values: FormValues,
  context: { siteIds: string[]; topicIds: string[] },
): boolean {
  const place = typeof values.place === 'string' ? values.place : ''
  const topicIds = [values.topicIds ?? []].flat()
  return (
    (place !== PHONE_PLACE && place !== '' && !context.siteIds.includes(place)) ||
    topicIds.some((topicId) => !context.topicIds.includes(topicId))
  )
}

/** The end form of a rule: its last day, checked as the rule's end date. */
export function endRuleSchema(stored: OpeningRule) {
  return z.object({ endDate: plainText() }).transform(({ endDate }, context) => {
    const rule: OpeningRuleInput = {
      ...stored,
      weekdays: [...stored.weekdays],
      topicIds: [...stored.topicIds],
      validUntil: endDate,
    }
    const problem = validateOpeningRule(rule).find((found) => found.field === 'validUntil')
    if (endDate === '' || problem) {
      addProblem(context, endDate === '' ? 'REQUIRED' : problem!.code, 'endDate')
      return z.NEVER
    }
    return rule
  })
}

/** The absence form: its instants in the organisation's zone, and why (optional). */
export function absenceSchema(zone: string) {
  return z
    .object({
      startDate: plainText(),
      startTime: plainText(),
      endDate: plainText(),
      endTime: plainText(),
      reason: optionalText(ABSENCE_REASON_MAX_LENGTH),
    })
    .transform((values, context) => {
      const range = absenceRange(values, zone)
      if (range.ok) return { start: range.start, end: range.end, reason: values.reason }
      for (const problem of range.problems) addProblem(context, problem.code, problem.field)
      return z.NEVER
    })
}

const DECISION = z.enum(['CANCEL', 'KEEP'])

/**
 * The advisor's answers on the confirmation of orphaned appointments: a decision for
 * each ("for all" wins over one by one), and a reason when one is cancelled.
 */
export function decisionsSchema(affectedIds: string[]) {
  const perAppointment = Object.fromEntries(
    affectedIds.map((id) => [`decision-${id}`, DECISION.optional()]),
  )
  return z
    .object({
      decisionAll: z.string().optional(),
      cancellationReason: optionalText(CANCELLATION_REASON_MAX_LENGTH),
      ...perAppointment,
    })
    .transform((form, context) => {
      const answers = form as Record<string, string | undefined>
      const all = DECISION.safeParse(form.decisionAll)
      const decisions: Decisions = {}
      for (const id of affectedIds) {
        const choice = all.success ? all.data : answers[`decision-${id}`]
        if (choice === 'CANCEL' || choice === 'KEEP') decisions[id] = choice
      }
      const undecided = Object.keys(decisions).length < affectedIds.length
      const unexplained = Object.values(decisions).includes('CANCEL') && !form.cancellationReason
      if (undecided) addProblem(context, 'REQUIRED', 'decisions')
      if (unexplained) addProblem(context, 'REQUIRED', 'cancellationReason')
      if (undecided || unexplained) return z.NEVER
      return { decisions, reason: form.cancellationReason ?? '' }
    })
}
