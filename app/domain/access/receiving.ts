import type { Role } from './policy'

// Who of the team receives appointments, and so is offered as an advisor (decision 065).

/**
 * Reception never receives; an advisor always does, even before publishing hours; an
 * admin only when they also hold opening hours (a coordinator who is also an advisor).
 */
/** Who may hold opening hours: everyone but reception (the hours page, the slot engine). */
export const mayHoldOpeningHours = (role: Role): boolean => role !== 'RECEPTION'

/** The same rule as a filter on the team, for the queries that read hours or columns. */
export const HOLDS_OPENING_HOURS = { role: { not: 'RECEPTION' } } as const

export function receivesAppointments(member: { role: Role; openingRules: number }): boolean {
  if (!mayHoldOpeningHours(member.role)) return false
  if (member.role === 'ADVISOR') return true
  return member.openingRules > 0
}
