import { z } from 'zod'
import { CANCELLATION_REASON_MAX_LENGTH } from '~/domain/booking/limits'
import { parseTimeInput } from '~/domain/scheduling'
import { parseLocalDate } from '~/domain/scheduling/calendar'
import {
  SERIES_ENROLMENTS,
  SERIES_REPEATS,
  WORKSHOP_LEVELS,
  type WorkshopLevel,
} from '~/domain/workshops/choices'
import { MAX_SEATS_PER_SESSION } from '~/domain/workshops/seats'
import { MAX_SESSIONS_PER_SERIES, parseDateList, weeklyDates } from '~/domain/workshops/series'
import { sessionTimes, type SessionTime } from '~/domain/workshops/times'
import {
  checkbox,
  choice,
  fieldProblems,
  optionalText,
  plainText,
  wholeNumber,
} from '~/platform/form-fields.server'

// The workshop forms of the workspace (decision 082), read by parseForm: a session (or a
// series) to create, a session to change, a cancellation. Ids of another organisation's
// topic, site or advisor are refused as choices that are not offered.

/** What a resident reads before coming: the same limit as a topic's instructions. */
const WHAT_TO_BRING_MAX_LENGTH = 500
const DATE_LIST_MAX_LENGTH = 2_000

/** What the choices of the form are checked against: the organisation's own. */
export type SessionChoices = {
  topicIds: readonly string[]
  /** Each active site and its clock. */
  sites: readonly { id: string; timeZone: string }[]
  advisorIds: readonly string[]
}

const sessionFields = {
  siteId: plainText(),
  advisorIds: z.array(z.string()).default([]),
  date: plainText(),
  startTime: plainText(),
  endTime: plainText(),
  seatCount: wholeNumber(1, MAX_SEATS_PER_SESSION),
  level: choice(WORKSHOP_LEVELS),
  whatToBring: optionalText(WHAT_TO_BRING_MAX_LENGTH),
  whatToBringEn: optionalText(WHAT_TO_BRING_MAX_LENGTH),
}

export const createSessionFields = z.object({
  topicId: plainText(),
  ...sessionFields,
  repeat: choice(SERIES_REPEATS).default('ONCE'),
  weeks: plainText(),
  dates: plainText(DATE_LIST_MAX_LENGTH),
  enrolment: choice(SERIES_ENROLMENTS).default('PER_SESSION'),
})

export const changeSessionFields = z.object({ ...sessionFields, version: z.number().int() })

/** What every session of a creation or a change has in common. */
export type SessionDetails = {
  siteId: string
  advisorIds: string[]
  seatCount: number
  level: WorkshopLevel
  whatToBring: string | null
  whatToBringEn: string | null
}

export type SessionPlan = SessionDetails & {
  topicId: string
  times: SessionTime[]
  /** Null for a single session. */
  enrolment: (typeof SERIES_ENROLMENTS)[number] | null
}

type Problems = ReturnType<typeof fieldProblems>
type Fields = z.infer<z.ZodObject<typeof sessionFields>>

/** The site, advisors and times of a form, or null after reporting what is wrong. */
function readDetails(
  form: Fields,
  dates: string[] | null,
  choices: SessionChoices,
  now: Date,
  problems: Problems,
): { details: SessionDetails; times: SessionTime[] } | null {
  const site = choices.sites.find((candidate) => candidate.id === form.siteId)
  if (!site) problems.add(form.siteId ? 'INVALID_CHOICE' : 'REQUIRED', 'siteId')
  const advisorIds = [...new Set(form.advisorIds)]
  if (advisorIds.length === 0) problems.add('REQUIRED', 'advisorIds')
  else if (advisorIds.some((id) => !choices.advisorIds.includes(id))) {
    problems.add('INVALID_CHOICE', 'advisorIds')
  }
  if (form.date === '') problems.add('REQUIRED', 'date')
  else if (parseLocalDate(form.date) === null) problems.add('INVALID_DATE', 'date')
  const startTime = parseTimeInput(form.startTime)
  const endTime = parseTimeInput(form.endTime)
  if (startTime === null) problems.add(form.startTime ? 'INVALID_TIME' : 'REQUIRED', 'startTime')
  if (endTime === null) problems.add(form.endTime ? 'INVALID_TIME' : 'REQUIRED', 'endTime')
  if (problems.any() || !site || !dates || startTime === null || endTime === null) return null
  const read = sessionTimes(dates, startTime, endTime, site.timeZone, now)
  if (!read.ok) {
    // A date of the list typed, not the first one, is the list's problem.
    const { field, code, date } = read.problem
    problems.add(code, field === 'date' && date !== form.date ? 'dates' : field)
    return null
  }
  return {
    details: {
      siteId: site.id,
      advisorIds,
      seatCount: form.seatCount,
      level: form.level,
      whatToBring: form.whatToBring,
      whatToBringEn: form.whatToBringEn,
    },
    times: read.times,
  }
}

/** The dates a creation asks for: the first one, then weekly or the dates typed. */
function datesOf(form: z.infer<typeof createSessionFields>, problems: Problems): string[] | null {
  if (parseLocalDate(form.date) === null) return null
  if (form.repeat === 'ONCE') return [form.date]
  if (form.repeat === 'WEEKLY') {
    const weeks = /^\d+$/.test(form.weeks) ? Number(form.weeks) : Number.NaN
    if (!(weeks >= 2 && weeks <= MAX_SESSIONS_PER_SERIES)) {
      const problem = { code: 'OUT_OF_RANGE' as const, min: 2, max: MAX_SESSIONS_PER_SERIES }
      problems.add(form.weeks ? problem : 'REQUIRED', 'weeks')
      return null
    }
    return weeklyDates(form.date, weeks)
  }
  const list = parseDateList(form.dates)
  if (!list.ok) {
    problems.add(
      list.problem.kind === 'TOO_MANY'
        ? { code: 'OUT_OF_RANGE', min: 1, max: MAX_SESSIONS_PER_SERIES }
        : 'INVALID_DATE',
      'dates',
    )
    return null
  }
  const dates = [...new Set([form.date, ...list.dates])].sort()
  if (dates.length < 2) problems.add('REQUIRED', 'dates')
  else if (dates.length > MAX_SESSIONS_PER_SERIES) {
    problems.add({ code: 'OUT_OF_RANGE', min: 1, max: MAX_SESSIONS_PER_SERIES }, 'dates')
  }
  return problems.any() ? null : dates
}

/** A new session, or a series of them. */
export function createSessionSchema(choices: SessionChoices, now: Date) {
  return createSessionFields.transform((form, context): SessionPlan => {
    const problems = fieldProblems(context)
    if (!choices.topicIds.includes(form.topicId)) {
      problems.add(form.topicId ? 'INVALID_CHOICE' : 'REQUIRED', 'topicId')
    }
    const dates = datesOf(form, problems)
    const read = readDetails(form, dates, choices, now, problems)
    if (!read || problems.any()) return z.NEVER
    return {
      ...read.details,
      topicId: form.topicId,
      times: read.times,
      enrolment: read.times.length > 1 ? form.enrolment : null,
    }
  })
}

export type SessionChange = SessionDetails & { time: SessionTime; version: number }

/** A change of one session: its time, place, advisors, seats, level, what to bring. */
export function changeSessionSchema(choices: SessionChoices, now: Date) {
  return changeSessionFields.transform((form, context): SessionChange => {
    const problems = fieldProblems(context)
    const read = readDetails(form, [form.date], choices, now, problems)
    if (!read || problems.any()) return z.NEVER
    return { ...read.details, time: read.times[0]!, version: form.version }
  })
}

/** A cancellation: why (told to every participant), this session or the rest of its series. */
export const cancelSessionSchema = z.object({
  version: z.number().int(),
  reason: z.string().trim().min(1).max(CANCELLATION_REASON_MAX_LENGTH),
  scope: choice(['SESSION', 'SERIES']).default('SESSION'),
  confirmed: checkbox(),
})
