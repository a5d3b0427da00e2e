import type { Role } from './policy'

// Who of the team receives appointments, and so is offered as an advisor (decision 065).

/**
 * Reception never receives; an advisor always does, even before publishing hours; an
 * admin only when they also hold opening hours (a coordinator who is also an advisor).
 */
/** Who may hold opening hours: everyone but reception (the hours page, the slot engine). */
export const mayHoldOpeningHours = (role: Role): boolean => role !== 'RECEPTION'

export function receivesAppointments(member: { role: Role; openingRules: number }): boolean {
  if (!mayHoldOpeningHours(member.role)) return false
  if (member.role === 'ADVISOR') return true
  return member.openingRules > 0
}
