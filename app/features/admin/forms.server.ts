import { z } from 'zod'
import { isHolidayRegion, HOLIDAY_REGIONS } from '~/domain/scheduling/holidays'
import {
  isLocalTime,
  parseReminderOffsets,
  settingsProblem,
  DEFAULT_MIN_LEAD_MINUTES,
  type ReminderOffset,
} from '~/domain/notifications/policy'
import { DEFAULT_PHONE_REGIONS, normalisePhone } from '~/domain/residents/phone'
import { isTheme } from '~/domain/topics/themes'
import { isValidTimeZone } from '~/domain/scheduling/zone'

// The administration forms (sites, topics, advisors, organisation settings): what an admin
// may type, as zod schemas whose messages are error codes translated under
// `workspace.admin.errors`. Pure: the routes parse, app/db/admin.server.ts writes.

export { HOLIDAY_REGIONS, DEFAULT_PHONE_REGIONS as PHONE_REGIONS }

/** Field name to error code, the first problem of each field. */
export type FieldErrors = Record<string, string>

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    errors[key] ??= issue.message
  }
  return errors
}

const text = (max: number) =>
  z
    .string({ required_error: 'REQUIRED', invalid_type_error: 'REQUIRED' })
    .trim()
    .min(1, 'REQUIRED')
    .max(max, 'TOO_LONG')

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'TOO_LONG')
    .optional()
    .transform((value) => (value ? value : null))

const whole = (min: number, max: number) =>
  z
    .string({ required_error: 'REQUIRED' })
    .trim()
    .min(1, 'REQUIRED')
    .regex(/^\d+$/u, 'NOT_A_NUMBER')
    .transform(Number)
    .refine((value) => value >= min && value <= max, `BETWEEN_${min}_${max}`)

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on')

export const siteSchema = z.object({
  name: text(120),
  address: text(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5}|2[AB]\d{3})$/u, 'POSTAL_CODE'),
  city: text(120),
  // Stored in E.164 like every phone number of the app (shown in the national format).
  phone: optionalText(40).transform((value, context) => {
    if (value === null) return null
    const result = normalisePhone(value)
    if (result.ok) return result.phone.e164
    context.addIssue({ code: 'custom', message: 'PHONE' })
    return z.NEVER
  }),
  accessNotes: optionalText(500),
  accessibilityNotes: optionalText(500),
})
export type SiteInput = z.infer<typeof siteSchema>

export const topicSchema = z
  .object({
    name: text(120),
    theme: z.string().refine(isTheme, 'THEME'),
    durationMinutes: whole(5, 480),
    allowsInPerson: checkbox,
    allowsPhone: checkbox,
    minNoticeMinutes: whole(0, 43_200),
    horizonDays: whole(1, 365),
    bufferMinutes: whole(0, 120),
    cancellationDeadlineMinutes: whole(0, 10_080),
    isPublic: checkbox,
    instructions: optionalText(500),
  })
  .refine((topic) => topic.allowsInPerson || topic.allowsPhone, {
    message: 'MODE_REQUIRED',
    path: ['allowsInPerson'],
  })
export type TopicInput = z.infer<typeof topicSchema>

export const ROLES = ['ADMIN', 'ADVISOR', 'RECEPTION'] as const

export const inviteSchema = z.object({
  firstName: text(80),
  lastName: text(80),
  email: z.string().trim().toLowerCase().min(1, 'REQUIRED').max(254, 'TOO_LONG').email('EMAIL'),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'ROLE' }) }),
})
export type InviteInput = z.infer<typeof inviteSchema>

/**
 * Twilio's rules for an alphanumeric sender: 3 to 11 characters, letters (A–Z, a–z),
 * digits and spaces, at least one letter. Carriers show nothing else reliably.
 */
export function senderNameProblem(name: string): 'SENDER_LENGTH' | 'SENDER_CHARACTERS' | null {
  if (name.length < 3 || name.length > 11) return 'SENDER_LENGTH'
  if (!/^[A-Za-z0-9 ]+$/u.test(name) || !/[A-Za-z]/u.test(name)) return 'SENDER_CHARACTERS'
  return null
}

/** The simple reminder form: one reminder days before, one the same day. */
export type ReminderForm = {
  daysBeforeOn: boolean
  days: number
  sameDayOn: boolean
  hours: number
}

const DEFAULT_REMINDER_FORM: ReminderForm = {
  daysBeforeOn: false,
  days: 2,
  sameDayOn: false,
  hours: 3,
}

/**
 * The stored offsets as the form shows them. Offsets the form cannot show (a second
 * days-before reminder, a fixed time) keep their first days-before and same-day values.
 */
export function reminderFormOf(json: string): ReminderForm {
  const parsed = parseReminderOffsets(json)
  const form = { ...DEFAULT_REMINDER_FORM }
  if (!parsed.ok) return form
  for (const offset of parsed.offsets) {
    if (offset.kind === 'DAYS_BEFORE' && !form.daysBeforeOn) {
      form.daysBeforeOn = true
      form.days = offset.days
    }
    if (offset.kind === 'SAME_DAY' && !form.sameDayOn) {
      form.sameDayOn = true
      form.hours = offset.atLeastHoursBefore
    }
  }
  return form
}

/** The form's choices as the offsets stored on the organisation. */
export function reminderOffsetsOf(form: ReminderForm): ReminderOffset[] {
  const offsets: ReminderOffset[] = []
  if (form.daysBeforeOn) offsets.push({ kind: 'DAYS_BEFORE', days: form.days })
  if (form.sameDayOn) offsets.push({ kind: 'SAME_DAY', atLeastHoursBefore: form.hours })
  return offsets
}

export const settingsSchema = z
  .object({
    timeZone: z.string().trim().refine(isValidTimeZone, 'TIME_ZONE'),
    holidayRegion: z.string().refine(isHolidayRegion, 'HOLIDAY_REGION'),
    daysBeforeOn: checkbox,
    days: whole(1, 14),
    sameDayOn: checkbox,
    hours: whole(1, 12),
    quietHoursStart: z.string().trim().refine(isLocalTime, 'LOCAL_TIME'),
    quietHoursEnd: z.string().trim().refine(isLocalTime, 'LOCAL_TIME'),
    smsSenderName: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : null))
      .superRefine((value, context) => {
        const problem = value === null ? null : senderNameProblem(value)
        if (problem) context.addIssue({ code: 'custom', message: problem })
      }),
    allowedPhoneRegions: z
      .array(z.string())
      .refine((regions) => regions.length > 0, 'REGIONS_REQUIRED')
      .refine((regions) => regions.every((r) => DEFAULT_PHONE_REGIONS.includes(r)), 'REGIONS'),
    maxUpcomingPerContact: whole(1, 50),
    bookingsPerIpPerHour: whole(1, 1000),
    bookingsPerPhonePerDay: whole(1, 100),
    dailySmsCap: whole(0, 100_000),
  })
  .superRefine((settings, context) => {
    const problem = settingsProblem({
      zone: settings.timeZone,
      quietHours: { start: settings.quietHoursStart, end: settings.quietHoursEnd },
      reminderOffsets: reminderOffsetsOf(settings),
      minLeadMinutes: DEFAULT_MIN_LEAD_MINUTES,
    })
    if (problem?.startsWith('quiet hours')) {
      context.addIssue({ code: 'custom', message: 'QUIET_HOURS', path: ['quietHoursStart'] })
    }
  })
export type SettingsInput = z.infer<typeof settingsSchema>

/** The settings form as stored columns. */
export function settingsColumns(input: SettingsInput) {
  return {
    timeZone: input.timeZone,
    holidayRegion: input.holidayRegion,
    reminderOffsets: JSON.stringify(reminderOffsetsOf(input)),
    quietHoursStart: input.quietHoursStart,
    quietHoursEnd: input.quietHoursEnd,
    smsSenderName: input.smsSenderName,
    // Kept in the order of the list, so the stored text does not depend on the form.
    allowedPhoneRegions: DEFAULT_PHONE_REGIONS.filter((region) =>
      input.allowedPhoneRegions.includes(region),
    ).join(','),
    maxUpcomingPerContact: input.maxUpcomingPerContact,
    bookingsPerIpPerHour: input.bookingsPerIpPerHour,
    bookingsPerPhonePerDay: input.bookingsPerPhonePerDay,
    dailySmsCap: input.dailySmsCap,
  }
}
