// What the hours and absence pages receive from their loaders and actions: plain shapes,
// shared by the server modules that build them and the components that show them.

/** An appointment a change would leave outside the hours, as the confirmation lists it. */
export type AffectedItem = { id: string; label: string; choiceFor: string }

export type RuleFormValues = {
  weekdays: string[]
  startTime: string
  endTime: string
  everyNWeeks: string
  place: string
  validFrom: string
  validUntil: string
  topicIds: string[]
  confirmOverlap: string
}

export type RulePreview =
  | { kind: 'NO_TOPIC' }
  | { kind: 'SLOTS'; topic: string; days: { title: string; times: string[] }[] }

export type RuleFormResult = {
  form: 'rule' | 'end'
  values: RuleFormValues | null
  endDate?: string
  errors: Record<string, string>
  preview?: RulePreview
  overlaps?: { id: string; label: string }[]
  affected?: AffectedItem[]
  decisionValues?: DecisionValues | null
  changed?: boolean
  problem?: 'STALE'
}

export type AbsenceFormValues = {
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  reason: string
}

export type DecisionValues = {
  decisionAll: string
  reason: string
  choices: Record<string, string>
}

export type AbsenceActionData = {
  values: AbsenceFormValues | null
  errors: Record<string, string>
  affected?: AffectedItem[]
  decisionValues?: DecisionValues | null
  changed?: boolean
  problem?: 'GONE'
}
