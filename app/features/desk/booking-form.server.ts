import { z } from 'zod'
import { NOTE_MAX_LENGTH } from '~/domain/booking/limits'
import { parseTimeInput } from '~/domain/scheduling'
import { parseLocalDate } from '~/domain/scheduling/calendar'
import { localInstant } from '~/domain/scheduling/form-input'
import { checkbox, fieldProblems, optionalText, plainText } from '~/platform/form-fields.server'
import { WALK_IN } from './walk-in'

// The slot part of booking on behalf (/espace/reserver): a free slot, or a walk-in at a
// time the agent types; and the note. A new resident's details are the contact schema's.

type Context = {
  /** The clock of the place, for a walk-in's time. */
  zone: string
  /** Who may take a walk-in: the organisation's active advisors. */
  advisorIds: string[]
  /** A known resident without a phone cannot be booked for a call. */
  phoneMissingForCall: boolean
}

export type BookingChoice =
  | { kind: 'slot'; start: Date; note: string | null }
  | {
      kind: 'walkIn'
      start: Date
      advisorId: string
      confirmedOutsideHours: boolean
      note: string | null
    }

export const bookingFields = z.object({
  start: z.string(),
  walkInDate: plainText(),
  walkInTime: plainText(),
  walkInAdvisor: plainText(),
  walkInConfirm: checkbox(),
  note: optionalText(NOTE_MAX_LENGTH),
})

export function bookingSchema({ zone, advisorIds, phoneMissingForCall }: Context) {
  return bookingFields.transform((form, context): BookingChoice => {
    const problems = fieldProblems(context)
    if (phoneMissingForCall) problems.add('PHONE_REQUIRED_FOR_CALL', 'start')
    if (form.start !== WALK_IN) {
      const start = new Date(form.start)
      if (Number.isNaN(start.getTime())) problems.add('REQUIRED', 'start')
      return problems.any() ? z.NEVER : { kind: 'slot', start, note: form.note }
    }
    const start = walkInStart(form.walkInDate, form.walkInTime, zone, problems)
    if (!advisorIds.includes(form.walkInAdvisor)) problems.add('REQUIRED', 'walkInAdvisor')
    if (!start || problems.any()) return z.NEVER
    return {
      kind: 'walkIn',
      start,
      advisorId: form.walkInAdvisor,
      confirmedOutsideHours: form.walkInConfirm,
      note: form.note,
    }
  })
}

/** The instant a walk-in's date and time name at the place, or null after saying why not. */
function walkInStart(
  date: string,
  time: string,
  zone: string,
  problems: ReturnType<typeof fieldProblems>,
) {
  if (parseLocalDate(date) === null) {
    problems.add('INVALID_DATE', 'walkInDate')
    return null
  }
  const wall = parseTimeInput(time)
  if (wall === null) {
    problems.add('INVALID_TIME', 'walkInTime')
    return null
  }
  const start = localInstant(date, wall, zone)
  if (!start) problems.add('TIME_SKIPPED', 'walkInTime')
  return start
}
