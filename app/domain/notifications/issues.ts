// What went wrong with a message, in words the team understands. The outbox and the
// dispatcher record a technical note (`lastError`, for the logs and support); the
// workspace shows its kind instead, with the note only as a detail.

export type MessageIssue =
  | 'PASSED'
  | 'TOO_CLOSE'
  | 'DUPLICATE'
  | 'CHANNEL_OFF'
  | 'DAILY_CAP'
  | 'NOT_DELIVERED'
  | 'INVALID_NUMBER'
  | 'SEND_FAILED'
  | 'RETRYING'
  | 'APPOINTMENT_CHANGED'
  | 'OTHER'

const PATTERNS: [RegExp, MessageIssue][] = [
  [/^skipped at planning: PASSED/, 'PASSED'],
  [/^skipped at planning: TOO_CLOSE/, 'TOO_CLOSE'],
  [/^skipped at planning: DUPLICATE/, 'DUPLICATE'],
  [/turned off on this server/, 'CHANNEL_OFF'],
  [/daily SMS cap/, 'DAILY_CAP'],
  [/\(2121[1-7]\)|invalid (to )?number/i, 'INVALID_NUMBER'],
  [/^provider: /, 'NOT_DELIVERED'],
  [/^(permanent|gave up after)/, 'SEND_FAILED'],
  [/^attempt \d+:/, 'RETRYING'],
  [/^(excused|appointment moved|appointment cancelled)/, 'APPOINTMENT_CHANGED'],
]

/** The kind of a recorded problem, or null when there is none. */
export function messageIssue(lastError: string | null): MessageIssue | null {
  if (!lastError) return null
  return PATTERNS.find(([pattern]) => pattern.test(lastError))?.[1] ?? 'OTHER'
}
