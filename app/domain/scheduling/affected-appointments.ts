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
  /** Null: a workshop session, which any rule of its place holds whatever its topics. */
  topicId: string | null
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
    const { topicId } = appointment
    if (topicId !== null && rule.topicIds.length > 0 && !rule.topicIds.includes(topicId)) {
      return false
    }
    const compiled = compileRule(rule)
    return (
      compiled !== null &&
      ruleOpensOn(compiled, day) &&
      compiled.startMinute <= startMinute &&
      endMinute <= compiled.endMinute
    )
  })
  if (!open) return false
  return !meetsAbsence(appointment, schedule)
}

function meetsAbsence(held: HeldAppointment, schedule: Schedule): boolean {
  return schedule.absences.some(
    (absence) =>
      absence.advisorId === held.advisorId && absence.start < held.end && held.start < absence.end,
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

/**
 * The workshop sessions of an advisor a change would leave them unable to hold (decision
 * 082): an absence now over one, or hours that held it and no longer do. A session need
 * not sit within the hours (it holds the advisor's time by itself), so one outside them
 * is listed only when an absence comes over it.
 */
export function affectedSessions<Session extends HeldAppointment>(
  sessions: readonly Session[],
  before: Schedule,
  after: Schedule,
): Session[] {
  return sessions.filter(
    (session) =>
      (meetsAbsence(session, after) && !meetsAbsence(session, before)) ||
      (isWithinHours(session, before) && !isWithinHours(session, after)),
  )
}
