import { z } from 'zod'
import type { Decisions, OpeningRuleInput } from './opening-rules.server'
import { parseTimeInput, validateOpeningRule } from '~/domain/scheduling'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { REASON_MAX } from './limits'

// The hours and absence forms of the workspace (decisions 050–053): what was typed, kept
// as typed for the page, and what it means once checked.

const text = z.string().trim().max(REASON_MAX, 'TEXT_TOO_LONG').optional().default('')

const ruleShape = z.object({
  startTime: z.string().trim().default(''),
  endTime: z.string().trim().default(''),
  everyNWeeks: z.string().trim().default('1'),
  place: z.string().trim().default(''),
  validFrom: z.string().trim().default(''),
  validUntil: z.string().trim().default(''),
  confirmOverlap: z.string().optional().default(''),
})

export type RuleValues = z.infer<typeof ruleShape> & { weekdays: string[]; topicIds: string[] }

/** What the rule form holds, as typed (to show again). */
export function ruleValues(form: FormData): RuleValues {
  const single = Object.fromEntries(
    [...form.entries()].filter(([, value]) => typeof value === 'string'),
  )
  const strings = (name: string) =>
    form.getAll(name).filter((value): value is string => typeof value === 'string')
  return {
    ...ruleShape.parse(single),
    weekdays: strings('weekdays'),
    topicIds: strings('topicIds'),
  }
}

/**
 * The rule the values describe, or the field errors; `foreign` when a site or topic is
 * not one of the organisation's (the caller answers 404 and writes nothing).
 */
export function parseRule(
  values: RuleValues,
  context: { advisorId: string; siteIds: string[]; topicIds: string[] },
): { rule: OpeningRuleInput | null; errors: Record<string, string>; foreign: boolean } {
  const foreign =
    (values.place !== PHONE_PLACE &&
      values.place !== '' &&
      !context.siteIds.includes(values.place)) ||
    values.topicIds.some((topicId) => !context.topicIds.includes(topicId))
  const errors: Record<string, string> = {}
  const startTime = parseTimeInput(values.startTime)
  const endTime = parseTimeInput(values.endTime)
  if (values.place === '') errors.place = 'PLACE_REQUIRED'
  if (values.validFrom === '') errors.validFrom = 'DATE_REQUIRED'
  const rule: OpeningRuleInput = {
    advisorId: context.advisorId,
    siteId: values.place === PHONE_PLACE ? null : values.place,
    weekdays: values.weekdays.map(Number),
    startTime: startTime ?? values.startTime,
    endTime: endTime ?? values.endTime,
    everyNWeeks: Number(values.everyNWeeks),
    validFrom: values.validFrom,
    validUntil: values.validUntil === '' ? null : values.validUntil,
    topicIds: [...new Set(values.topicIds)],
  }
  for (const problem of validateOpeningRule(rule)) errors[problem.field] ??= problem.code
  return { rule: Object.keys(errors).length === 0 ? rule : null, errors, foreign }
}

export type DecisionValues = {
  decisionAll: string
  reason: string
  choices: Record<string, string>
}

/** The advisor's answers on the confirmation, as typed. */
export function decisionValues(form: FormData): DecisionValues {
  const choices: Record<string, string> = {}
  for (const [name, value] of form.entries()) {
    if (name.startsWith('decision-') && typeof value === 'string') {
      choices[name.slice('decision-'.length)] = value
    }
  }
  const decisionAll = form.get('decisionAll')
  const reason = form.get('cancellationReason')
  return {
    decisionAll: typeof decisionAll === 'string' ? decisionAll : '',
    reason: typeof reason === 'string' ? reason.trim() : '',
    choices,
  }
}

/**
 * The decision for each affected appointment ("for all" wins over one by one), or the
 * errors: an appointment without a decision, a cancellation without a reason.
 */
export function parseDecisions(
  values: DecisionValues,
  affectedIds: string[],
): { decisions: Decisions; errors: Record<string, string> } {
  const decisions: Decisions = {}
  for (const id of affectedIds) {
    const choice =
      values.decisionAll === 'CANCEL' || values.decisionAll === 'KEEP'
        ? values.decisionAll
        : values.choices[id]
    if (choice === 'CANCEL' || choice === 'KEEP') decisions[id] = choice
  }
  const errors: Record<string, string> = {}
  if (Object.keys(decisions).length < affectedIds.length) errors.decisions = 'DECISION_REQUIRED'
  const reason = text.safeParse(values.reason)
  if (!reason.success) errors.cancellationReason = 'TEXT_TOO_LONG'
  else if (Object.values(decisions).includes('CANCEL') && reason.data === '') {
    errors.cancellationReason = 'REASON_REQUIRED'
  }
  return { decisions, errors }
}
