import { z } from 'zod'
import { isHolidayRegion, HOLIDAY_REGIONS } from '~/domain/scheduling/holidays'
import {
  isLocalTime,
  parseReminderOffsets,
  settingsProblem,
  DEFAULT_MIN_LEAD_MINUTES,
  type ReminderOffset,
} from '~/domain/notifications/policy'
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, normaliseEmail } from '~/domain/residents/identity'
import {
  DEFAULT_PHONE_REGIONS,
  normalisePhone,
  PHONE_INPUT_MAX_LENGTH,
} from '~/domain/residents/phone'
import { parseTimeInput } from '~/domain/scheduling/form-input'
import { TOPIC_FORMATS } from '~/domain/topics/format'
import { isTheme } from '~/domain/topics/themes'
import { COOP_THEMES, FRANCE_SERVICES_OPERATORS } from '~/domain/reports/coop'
import { storedCoopThemes } from '~/domain/reports/topic-themes'
import {
  SENDER_NAME_MAX_LENGTH,
  SENDER_NAME_MIN_LENGTH,
  senderNameProblem,
} from '~/domain/notifications/sender'
import { SITE_SHORT_NAME_MAX_LENGTH } from '~/domain/notifications/short-names'
import { isValidTimeZone } from '~/domain/scheduling/zone'
import { normalisePivot } from '~/domain/open-data/pivot'
import {
  addProblem,
  checkbox,
  choice,
  optionalText,
  requiredText,
  wholeNumber,
} from '~/platform/form-fields.server'

// The administration forms (sites, topics, advisors, organisation settings): what an admin
// may type, as zod schemas read by parseForm (app/platform/forms.server.ts). Pure: the
// routes parse, ./records.server.ts writes.

export {
  HOLIDAY_REGIONS,
  DEFAULT_PHONE_REGIONS as PHONE_REGIONS,
  SENDER_NAME_MAX_LENGTH,
  SENDER_NAME_MIN_LENGTH,
  senderNameProblem,
}

/** A name people read in a list: a site, a town, a topic. */
const LABEL_MAX_LENGTH = 120
const ADDRESS_MAX_LENGTH = 200
/** What a resident reads before coming: access notes, what to bring. */
const NOTES_MAX_LENGTH = 500
/** A SIRET as people copy it, with its spaces ("434 933 123 00029"). */
const PIVOT_INPUT_MAX_LENGTH = 24

/** The open-data pivot (SIRET or RNA, domain/open-data/pivot.ts); empty: none. */
const pivot = () =>
  optionalText(PIVOT_INPUT_MAX_LENGTH).transform((value, context) => {
    if (value === null) return null
    const result = normalisePivot(value)
    if (result.ok) return result.pivot
    addProblem(context, result.problem)
    return z.NEVER
  })

export const siteSchema = z.object({
  name: requiredText(LABEL_MAX_LENGTH),
  // Empty: SMS use the one derived from the name (domain/notifications/short-names.ts).
  shortName: optionalText(SITE_SHORT_NAME_MAX_LENGTH),
  address: requiredText(ADDRESS_MAX_LENGTH),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5}|2[AB]\d{3})$/u, 'INVALID_POSTAL_CODE'),
  city: requiredText(LABEL_MAX_LENGTH),
  // Stored in E.164 like every phone number of the app (shown in the national format).
  phone: optionalText(PHONE_INPUT_MAX_LENGTH).transform((value, context) => {
    if (value === null) return null
    const result = normalisePhone(value)
    if (result.ok) return result.phone.e164
    addProblem(context, result.problem)
    return z.NEVER
  }),
  accessNotes: optionalText(NOTES_MAX_LENGTH),
  accessibilityNotes: optionalText(NOTES_MAX_LENGTH),
  // Empty: the organisation's holiday region applies.
  holidayRegion: z
    .string()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isHolidayRegion(value), 'INVALID_CHOICE'),
  // Empty: the organisation's pivot. Listed: in the open-data feeds (decision 088).
  pivot: pivot(),
  openData: checkbox(),
})
export type SiteInput = z.infer<typeof siteSchema>

export const topicSchema = z
  .object({
    name: requiredText(LABEL_MAX_LENGTH),
    // Individual: booked one to one; collective: workshop sessions with seats (decision 082).
    format: choice(TOPIC_FORMATS).default('INDIVIDUAL'),
    theme: z.string().refine(isTheme, 'INVALID_CHOICE'),
    durationMinutes: wholeNumber(5, 480),
    allowsInPerson: checkbox(),
    allowsPhone: checkbox(),
    minNoticeMinutes: wholeNumber(0, 43_200),
    horizonDays: wholeNumber(1, 365),
    bufferMinutes: wholeNumber(0, 120),
    cancellationDeadlineMinutes: wholeNumber(0, 10_080),
    isPublic: checkbox(),
    instructions: optionalText(NOTES_MAX_LENGTH),
    // Shown to English readers; left empty, they read the French (domain/topics/language).
    nameEn: optionalText(LABEL_MAX_LENGTH),
    instructionsEn: optionalText(NOTES_MAX_LENGTH),
    // What its activity reports count (decision 085): La Coop's themes, and the France
    // Services partner operator its requests are for.
    coopThemes: z
      .array(choice(COOP_THEMES))
      .optional()
      .transform((codes) => [...new Set(codes ?? [])]),
    franceServicesOperator: choice(FRANCE_SERVICES_OPERATORS)
      .optional()
      .transform((code) => code ?? null),
  })
  // The modes are two checkboxes under one legend: the first carries the group's error.
  .refine((topic) => topic.allowsInPerson || topic.allowsPhone, {
    message: 'REQUIRED',
    path: ['allowsInPerson'],
  })
  .transform((topic) => ({ ...topic, coopThemes: storedCoopThemes(topic.theme, topic.coopThemes) }))
export type TopicInput = z.infer<typeof topicSchema>

export const ROLES = ['ADMIN', 'ADVISOR', 'RECEPTION'] as const

export const inviteSchema = z.object({
  firstName: requiredText(NAME_MAX_LENGTH),
  lastName: requiredText(NAME_MAX_LENGTH),
  // The residents' email rule (domain/residents/identity), lowercased like theirs.
  email: z
    .string()
    .max(EMAIL_MAX_LENGTH)
    .transform((value, context) => {
      const result = normaliseEmail(value)
      if (result.ok) return result.email
      addProblem(context, result.problem)
      return z.NEVER
    }),
  role: choice(ROLES),
})
export type InviteInput = z.infer<typeof inviteSchema>

/** "20:00", "20h", "8 h 30" as the stored "HH:mm". */
const localTime = () =>
  z.string().transform((value, context) => {
    const time = parseTimeInput(value)
    if (time !== null && isLocalTime(time)) return time
    addProblem(context, 'INVALID_TIME')
    return z.NEVER
  })

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
    timeZone: z.string().trim().refine(isValidTimeZone, 'INVALID_TIME_ZONE'),
    holidayRegion: z.string().refine(isHolidayRegion, 'INVALID_CHOICE'),
    daysBeforeOn: checkbox(),
    days: wholeNumber(1, 14),
    sameDayOn: checkbox(),
    hours: wholeNumber(1, 12),
    quietHoursStart: localTime(),
    quietHoursEnd: localTime(),
    smsSenderName: optionalText(SENDER_NAME_MAX_LENGTH).superRefine((value, context) => {
      const problem = value === null ? null : senderNameProblem(value)
      if (problem) addProblem(context, problem)
    }),
    allowedPhoneRegions: z
      .array(z.string())
      .min(1)
      .refine(
        (regions) => regions.every((r) => DEFAULT_PHONE_REGIONS.includes(r)),
        'INVALID_CHOICE',
      ),
    maxUpcomingPerContact: wholeNumber(1, 50),
    bookingsPerIpPerHour: wholeNumber(1, 1000),
    bookingsPerPhonePerDay: wholeNumber(1, 100),
    dailySmsCap: wholeNumber(0, 100_000),
    pivot: pivot(),
  })
  .superRefine((settings, context) => {
    const problem = settingsProblem({
      zone: settings.timeZone,
      quietHours: { start: settings.quietHoursStart, end: settings.quietHoursEnd },
      reminderOffsets: reminderOffsetsOf(settings),
      minLeadMinutes: DEFAULT_MIN_LEAD_MINUTES,
    })
    if (problem?.startsWith('quiet hours')) addProblem(context, 'QUIET_HOURS', 'quietHoursStart')
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
    pivot: input.pivot,
  }
}
