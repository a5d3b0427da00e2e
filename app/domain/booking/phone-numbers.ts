// The two numbers a resident is given about an appointment, one home for each, so the
// manage page, the slips and the messages never disagree.

type WithPhone = { phone: string | null } | null | undefined

/**
 * The number to call to cancel, move or ask about an appointment: the site's own line
 * (the reception the resident will meet), else the organisation's. Phone appointments
 * have no site: the organisation's.
 */
export function numberToCall(appointment: {
  site: WithPhone
  organisation: { phone: string | null }
}): string | null {
  return appointment.site?.phone || appointment.organisation.phone || null
}

/**
 * The number a phone appointment's call comes from, so the resident picks up: the
 * advisor's own line when they have one, else the organisation's, which advisors call
 * from otherwise (decision 023).
 */
export function callerNumber(appointment: {
  advisor: WithPhone
  organisation: { phone: string | null }
}): string | null {
  return appointment.advisor?.phone || appointment.organisation.phone || null
}
