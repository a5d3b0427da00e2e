import { DateTime } from 'luxon'
import { isValidTimeZone } from '~/domain/scheduling/zone'

// When reminders go and by which channel (docs/decisions/021-reminder-policy.md).
// Wall-clock rules are computed in the organisation's zone, so "two days before at
// 10:00" stays 10:00 across a daylight-saving change.

/** A wall-clock time "HH:mm" in the organisation's zone. */
export type LocalTime = string

export type ReminderOffset =
  /** N days before, at a fixed local time (default 10:00). */
  | { kind: 'DAYS_BEFORE'; days: number; atLocalTime?: LocalTime }
  /** On the day, at `notBefore` (default: the end of quiet hours), but at least N hours before. */
  | { kind: 'SAME_DAY'; atLeastHoursBefore: number; notBefore?: LocalTime }

/** No message from `start` in the evening to `end` the next morning. */
export type QuietHours = { start: LocalTime; end: LocalTime }

export type ReminderSettings = {
  zone: string
  reminderOffsets: readonly ReminderOffset[]
  quietHours: QuietHours
  /** Closer to the appointment than this, a reminder is useless: it is skipped. */
  minLeadMinutes: number
}

export const DEFAULT_REMINDER_OFFSETS: readonly ReminderOffset[] = [
  { kind: 'DAYS_BEFORE', days: 2 },
  { kind: 'SAME_DAY', atLeastHoursBefore: 3 },
]
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '20:00', end: '08:30' }
export const DEFAULT_MIN_LEAD_MINUTES = 60
const DEFAULT_DAYS_BEFORE_TIME = '10:00'
// Limits an admin can set: beyond them a reminder is forgotten or useless.
const MAX_DAYS_BEFORE = 14
const MAX_HOURS_BEFORE = 12
const MAX_OFFSETS = 4

export function defaultReminderSettings(zone: string): ReminderSettings {
  return {
    zone,
    reminderOffsets: DEFAULT_REMINDER_OFFSETS,
    quietHours: DEFAULT_QUIET_HOURS,
    minLeadMinutes: DEFAULT_MIN_LEAD_MINUTES,
  }
}

export type ReminderKind = ReminderOffset['kind']
/** `key` names one reminder of an appointment ("DAYS_BEFORE_2", "SAME_DAY"): a sent
 * reminder is recorded under it, so a restart never sends it twice. */
export type PlannedReminder = { key: string; kind: ReminderKind; dueAt: Date }
export type SkipReason = 'PASSED' | 'TOO_CLOSE' | 'DUPLICATE'
export type SkippedReminder = PlannedReminder & { reason: SkipReason }
export type ReminderPlan = { reminders: PlannedReminder[]; skipped: SkippedReminder[] }

export function reminderKey(offset: ReminderOffset): string {
  return offset.kind === 'DAYS_BEFORE' ? `DAYS_BEFORE_${offset.days}` : 'SAME_DAY'
}

/**
 * The reminders of one appointment, earliest first. A reminder due in quiet hours moves
 * to the latest allowed time before it (22:00 → 20:00; 07:00 → 20:00 the evening before).
 * Those already past at `now` (a late booking, a move), too close to the start, or at the
 * same instant as another are skipped and reported, so the confirmation can say so.
 */
export function planReminders(
  appointment: { startsAt: Date },
  settings: ReminderSettings,
  now: Date,
): ReminderPlan {
  const problem = settingsProblem(settings)
  if (problem) throw new RangeError(`Invalid reminder settings: ${problem}`)
  const start = DateTime.fromJSDate(appointment.startsAt, { zone: settings.zone })
  const latest = start.minus({ minutes: settings.minLeadMinutes }).toMillis()
  const plan: ReminderPlan = { reminders: [], skipped: [] }
  const taken = new Set<number>()
  for (const offset of settings.reminderOffsets) {
    const due = outsideQuietHours(
      naturalDueTime(offset, start, settings.quietHours),
      settings.quietHours,
    )
    const at = due.toMillis()
    const reminder: PlannedReminder = {
      key: reminderKey(offset),
      kind: offset.kind,
      dueAt: due.toJSDate(),
    }
    const reason: SkipReason | null =
      at < now.getTime() ? 'PASSED' : at > latest ? 'TOO_CLOSE' : taken.has(at) ? 'DUPLICATE' : null
    if (reason) {
      plan.skipped.push({ ...reminder, reason })
    } else {
      plan.reminders.push(reminder)
      taken.add(at)
    }
  }
  plan.reminders.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
  return plan
}

/** When the organisation asked for the reminder, before quiet hours are applied. */
function naturalDueTime(offset: ReminderOffset, start: DateTime, quiet: QuietHours): DateTime {
  if (offset.kind === 'DAYS_BEFORE') {
    return atLocalTime(
      start.minus({ days: offset.days }),
      offset.atLocalTime ?? DEFAULT_DAYS_BEFORE_TIME,
    )
  }
  const morning = atLocalTime(start, offset.notBefore ?? quiet.end)
  const atLeast = start.minus({ hours: offset.atLeastHoursBefore })
  return morning < atLeast ? morning : atLeast
}

/** The local time a days-before reminder goes at. */
export function daysBeforeTime(
  offset: Extract<ReminderOffset, { kind: 'DAYS_BEFORE' }>,
): LocalTime {
  return offset.atLocalTime ?? DEFAULT_DAYS_BEFORE_TIME
}

/**
 * When a same-day reminder really goes, for the settings page to say it: in the morning,
 * unless `atLeastHoursBefore` falls in quiet hours, which move it to the evening before
 * (with the defaults, 08:30 on the day, or 20:00 the evening before for an appointment
 * before 11:30).
 */
export type SameDaySchedule =
  | {
      kind: 'MORNING_OR_EVENING_BEFORE'
      morning: LocalTime
      evening: LocalTime
      startsBefore: LocalTime
    }
  | { kind: 'EVENING_BEFORE'; evening: LocalTime }

export function sameDaySchedule(
  offset: Extract<ReminderOffset, { kind: 'SAME_DAY' }>,
  quiet: QuietHours,
): SameDaySchedule {
  const morning = offset.notBefore ?? quiet.end
  const threshold = minutes(quiet.end) + offset.atLeastHoursBefore * 60
  if (minutes(morning) < minutes(quiet.end) || threshold >= 24 * 60) {
    return { kind: 'EVENING_BEFORE', evening: quiet.start }
  }
  return {
    kind: 'MORNING_OR_EVENING_BEFORE',
    morning,
    evening: quiet.start,
    startsBefore: asLocalTime(threshold),
  }
}

const asLocalTime = (minuteOfDay: number): LocalTime =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`

/** That local day at that wall-clock time (luxon keeps the zone and handles DST). */
function atLocalTime(day: DateTime, time: LocalTime): DateTime {
  const [hour, minute] = time.split(':').map(Number)
  return day.set({ hour, minute, second: 0, millisecond: 0 })
}

/** Quiet hours run over midnight: after `start` or before `end`, local time. */
export function isInQuietHours(instant: Date, zone: string, quiet: QuietHours): boolean {
  return quietSide(DateTime.fromJSDate(instant, { zone }), quiet) !== null
}

function quietSide(time: DateTime, quiet: QuietHours): 'EVENING' | 'MORNING' | null {
  const minuteOfDay =
    time.hour * 60 + time.minute + (time.second * 1000 + time.millisecond) / 60_000
  if (minuteOfDay > minutes(quiet.start)) return 'EVENING'
  if (minuteOfDay < minutes(quiet.end)) return 'MORNING'
  return null
}

/**
 * The instant itself, or the end of the quiet hours it falls in: when a message that must
 * not wake anyone (a call, an offer to answer) may go.
 */
export function endOfQuietHours(instant: Date, zone: string, quiet: QuietHours): Date {
  const local = DateTime.fromJSDate(instant, { zone })
  const side = quietSide(local, quiet)
  if (side === null) return instant
  const morning = atLocalTime(side === 'EVENING' ? local.plus({ days: 1 }) : local, quiet.end)
  return morning.toJSDate()
}

function outsideQuietHours(due: DateTime, quiet: QuietHours): DateTime {
  const side = quietSide(due, quiet)
  if (side === null) return due
  // The evening before, for a message due in the early morning.
  return atLocalTime(side === 'MORNING' ? due.minus({ days: 1 }) : due, quiet.start)
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/u

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME.test(value)
}

function minutes(time: LocalTime): number {
  const [hour, minute] = time.split(':').map(Number)
  return hour * 60 + minute
}

/**
 * Why settings cannot be used, or null. Quiet hours are a night: they start in the
 * afternoon or evening and end by noon (so their start always exists on DST days).
 */
export function settingsProblem(settings: ReminderSettings): string | null {
  const { start, end } = settings.quietHours
  if (!isValidTimeZone(settings.zone)) return `unknown zone "${settings.zone}"`
  if (
    !isLocalTime(start) ||
    !isLocalTime(end) ||
    minutes(start) < 12 * 60 ||
    minutes(end) > 12 * 60
  ) {
    return 'quiet hours must start after noon and end by noon'
  }
  if (!Number.isInteger(settings.minLeadMinutes) || settings.minLeadMinutes < 0) {
    return 'minLeadMinutes must be a whole number of minutes'
  }
  return offsetsProblem(settings.reminderOffsets)
}

function offsetsProblem(offsets: readonly unknown[]): string | null {
  if (offsets.length > MAX_OFFSETS) return `at most ${MAX_OFFSETS} reminders`
  const keys = new Set<string>()
  for (const offset of offsets) {
    if (!isReminderOffset(offset)) return `not a reminder: ${JSON.stringify(offset)}`
    const key = reminderKey(offset)
    if (keys.has(key)) return `twice the same reminder: ${key}`
    keys.add(key)
  }
  return null
}

const wholeBetween = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

function isReminderOffset(value: unknown): value is ReminderOffset {
  if (typeof value !== 'object' || value === null) return false
  const offset = value as Record<string, unknown>
  if (offset.kind === 'DAYS_BEFORE') {
    return (
      wholeBetween(offset.days, 1, MAX_DAYS_BEFORE) &&
      (offset.atLocalTime === undefined || isLocalTime(offset.atLocalTime))
    )
  }
  return (
    offset.kind === 'SAME_DAY' &&
    wholeBetween(offset.atLeastHoursBefore, 1, MAX_HOURS_BEFORE) &&
    (offset.notBefore === undefined || isLocalTime(offset.notBefore))
  )
}

/** The organisation's stored setting (JSON text) as offsets, or why it is unusable. */
export function parseReminderOffsets(
  json: string,
): { ok: true; offsets: ReminderOffset[] } | { ok: false; problem: string } {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { ok: false, problem: 'not JSON' }
  }
  if (!Array.isArray(value)) return { ok: false, problem: 'not a list' }
  const problem = offsetsProblem(value)
  return problem ? { ok: false, problem } : { ok: true, offsets: value as ReminderOffset[] }
}

/** Why a confirmation or a move is not sent; recorded on its SKIPPED row. */
export type ServiceSkipReason =
  /** Booked by staff for someone at the desk or on the line, starting now. */
  | 'BOOKED_AT_THE_DESK'
  /** It could only leave once the appointment has started (a call held back by quiet hours). */
  | 'AFTER_START'

/**
 * Whether a confirmation (or a move) is worth sending. A booking made by an advisor or a
 * receptionist that starts within `minLeadMinutes` is a walk-in or a caller on the line:
 * the slip or the voice told them, and a call the next morning would come after the
 * appointment. Whatever the booking, a message that could only go after the start is
 * not sent.
 */
export function serviceMessageSkip(input: {
  kind: 'CONFIRMATION' | 'MOVED'
  bookedByStaff: boolean
  startsAt: Date
  dueAt: Date
  now: Date
  minLeadMinutes: number
}): ServiceSkipReason | null {
  const lead = input.startsAt.getTime() - input.now.getTime()
  if (input.kind === 'CONFIRMATION' && input.bookedByStaff && lead <= input.minLeadMinutes * 60_000)
    return 'BOOKED_AT_THE_DESK'
  if (input.dueAt >= input.startsAt) return 'AFTER_START'
  return null
}

export type Channel = 'SMS' | 'VOICE' | 'EMAIL'
/** Reminders need the resident's consent; messages about what they did or what changed
 * (confirmation, move, cancellation) are part of the booking they asked for. */
export type MessagePurpose = 'REMINDER' | 'SERVICE'

export type MessageContact = {
  phoneE164?: string | null
  phoneType?: 'MOBILE' | 'FIXED' | null
  email?: string | null
  /** Replied STOP: no more automated SMS or calls to that phone. */
  smsOptedOut?: boolean
  consent: boolean
}

/** The channels that can reach this contact, best first: SMS, then a call, then email. */
export function reachableChannels(contact: MessageContact, purpose: MessagePurpose): Channel[] {
  if (purpose === 'REMINDER' && !contact.consent) return []
  const phone = Boolean(contact.phoneE164) && !contact.smsOptedOut
  return [
    // A number of unknown kind gets calls only: a call reaches mobiles and landlines.
    ...(phone && contact.phoneType === 'MOBILE' ? (['SMS'] as const) : []),
    ...(phone ? (['VOICE'] as const) : []),
    ...(contact.email ? (['EMAIL'] as const) : []),
  ]
}

/** The next channel to try, after those that already failed; null when none is left. */
export function chooseChannel(
  contact: MessageContact,
  failedChannels: readonly Channel[] = [],
  purpose: MessagePurpose = 'REMINDER',
): Channel | null {
  return (
    reachableChannels(contact, purpose).find((channel) => !failedChannels.includes(channel)) ?? null
  )
}
