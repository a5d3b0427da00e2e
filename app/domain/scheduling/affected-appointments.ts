import { DateTime } from 'luxon'
import { parseLocalDate } from './calendar'
import { compileRule, ruleOpensOn } from './rules'
import type { Absence, OpeningRule } from './types'

/** A booked appointment as the orphan check needs it. */
export type HeldAppointment = {
  id: string
  advisorId: string
  /** Null: by phone. */
  siteId: string | null
  topicId: string
  start: Date
  end: Date
  /** Zone of the place (the site's, or the organisation's for phone help). */
  timeZone: string
}

export type Schedule = { rules: readonly OpeningRule[]; absences: readonly Absence[] }

/**
 * Whether the advisor's hours hold the appointment: a rule of its place and topic open
 * that local day from its start to its end, and no absence over it. Holidays are not
 * looked at: a booking on a holiday was the advisor's choice.
 */
export function isWithinHours(appointment: HeldAppointment, schedule: Schedule): boolean {
  const start = DateTime.fromJSDate(appointment.start, { zone: appointment.timeZone })
  const end = DateTime.fromJSDate(appointment.end, { zone: appointment.timeZone })
  const day = parseLocalDate(start.toISODate()!)
  if (day === null || end.toISODate() !== start.toISODate()) return false
  const startMinute = start.hour * 60 + start.minute
  const endMinute = end.hour * 60 + end.minute
  const open = schedule.rules.some((rule) => {
    if (rule.advisorId !== appointment.advisorId || rule.siteId !== appointment.siteId) return false
    if (rule.topicIds.length > 0 && !rule.topicIds.includes(appointment.topicId)) return false
    const compiled = compileRule(rule)
    return (
      compiled !== null &&
      ruleOpensOn(compiled, day) &&
      compiled.startMinute <= startMinute &&
      endMinute <= compiled.endMinute
    )
  })
  if (!open) return false
  return !schedule.absences.some(
    (absence) =>
      absence.advisorId === appointment.advisorId &&
      absence.start < appointment.end &&
      appointment.start < absence.end,
  )
}

/**
 * The appointments a change of hours would orphan: held by the hours before, not after.
 * One already outside the hours (booked by hand on a closed day) is not the change's doing.
 */
export function affectedAppointments<Appointment extends HeldAppointment>(
  appointments: readonly Appointment[],
  before: Schedule,
  after: Schedule,
): Appointment[] {
  return appointments.filter(
    (appointment) => isWithinHours(appointment, before) && !isWithinHours(appointment, after),
  )
}
