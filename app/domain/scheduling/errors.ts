/** Stable codes the UI translates; the message is for developers. */
export type SchedulingErrorCode =
  | 'UNKNOWN_TOPIC'
  | 'INVALID_TOPIC'
  | 'UNKNOWN_SITE'
  | 'UNKNOWN_ADVISOR'
  | 'MODE_NOT_ALLOWED'
  | 'INVALID_DATE'
  | 'RANGE_INVERTED'
  | 'RANGE_TOO_LONG'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_HOLIDAY_REGION'
  | 'INVALID_SLOT_STEP'
  | 'NO_ADVISOR'

export class SchedulingError extends Error {
  readonly code: SchedulingErrorCode
  constructor(code: SchedulingErrorCode, message: string) {
    super(message)
    this.name = 'SchedulingError'
    this.code = code
  }
}
