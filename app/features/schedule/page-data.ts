import type { FormReply } from '~/domain/input/problems'

// What the hours and absence pages receive from their loaders and actions: plain shapes,
// shared by the server modules that build them and the components that show them.

/**
 * An appointment a change would leave outside the hours, as the confirmation lists it; or
 * a workshop session it disturbs, with the page where it is changed or cancelled.
 */
export type AffectedItem = { id: string; label: string; choiceFor: string; workshopLink?: string }

export type RulePreview =
  | { kind: 'NO_TOPIC' }
  | { kind: 'SLOTS'; topic: string; days: { title: string; times: string[] }[] }

/** The confirmation of orphaned appointments, when a change would leave some. */
type Affected = { affected?: AffectedItem[]; changed?: boolean }

export type RuleFormResult = FormReply &
  Affected & {
    form: 'rule' | 'end'
    preview?: RulePreview
    overlaps?: { id: string; label: string }[]
    problem?: 'STALE'
  }

export type AbsenceActionData = FormReply & Affected & { problem?: 'GONE' }
