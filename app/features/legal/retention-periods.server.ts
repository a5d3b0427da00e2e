// The retention periods the privacy notice states. One function so the notice reads the
// organisation's own settings once they exist (issue 14, part 1); until then, the defaults
// taken from RDV Service Public's practice (decision 092).

export type RetentionPeriods = {
  /** An appointment's personal data, after the appointment. */
  appointmentsMonths: number
  /** Message contents (bodies, call scripts, recipients), after sending. */
  messageContentsMonths: number
  /** Personal fields of audit entries. */
  auditPersonalFieldsMonths: number
  /** A resident without any appointment for this long is anonymised. */
  inactiveResidentsMonths: number
}

export const DEFAULT_RETENTION_PERIODS: RetentionPeriods = {
  appointmentsMonths: 24,
  messageContentsMonths: 6,
  auditPersonalFieldsMonths: 12,
  inactiveResidentsMonths: 24,
}

export async function retentionPeriodsOf(_organisationId: string): Promise<RetentionPeriods> {
  return DEFAULT_RETENTION_PERIODS
}
