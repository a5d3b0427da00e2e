import { DAY_MS, MINUTE_MS } from '../scheduling/calendar'

// "Prévenez-moi si un créneau plus tôt se libère": who may ask, when the worker's scan
// alerts, which times an alert may offer (docs/decisions/083-earlier-slot-alerts.md).

/** No alert in the last days before the booked appointment: too late to reorganise. */
const NO_ALERT_WITHIN_DAYS = 7
/** An offered time starts at least this long after the alert leaves: time to read and answer. */
const ALERT_LEAD_MINUTES = 60
/** The earlier free times a stale alert offers instead. */
export const OTHER_EARLIER_TIMES = 3

type RequestedAppointment = { status: string; startsAt: Date }

/** Whether the appointment starts within the last seven days (or has started): no alert then. */
export function inLastDays(appointment: Pick<RequestedAppointment, 'startsAt'>, now: Date) {
  return appointment.startsAt.getTime() - now.getTime() < NO_ALERT_WITHIN_DAYS * DAY_MS
}

export type AskRefusal =
  /** Cancelled, over, or never booked: there is nothing to bring forward. */
  | 'NOT_BOOKED'
  /** Within the last seven days: no alert would be sent. */
  | 'TOO_CLOSE'
  /** One request per appointment (or per person, topic and place) at a time. */
  | 'ALREADY_ASKED'
  /** No phone nor email the alert could reach. */
  | 'UNREACHABLE'

/**
 * Why an alert cannot be asked now, or null. `appointment` is the booking it would
 * replace; null for a resident who found no free time.
 */
export function askRefusal(input: {
  appointment: RequestedAppointment | null
  alreadyAsked: boolean
  reachable: boolean
  now: Date
}): AskRefusal | null {
  const { appointment, now } = input
  if (appointment && (appointment.status !== 'BOOKED' || appointment.startsAt <= now))
    return 'NOT_BOOKED'
  if (appointment && inLastDays(appointment, now)) return 'TOO_CLOSE'
  if (input.alreadyAsked) return 'ALREADY_ASKED'
  if (!input.reachable) return 'UNREACHABLE'
  return null
}

export type ScannedRequest = {
  alertsSent: number
  maxAlerts: number
  /** The time the latest alert offered; null before the first, or once taken. */
  offeredStartsAt: Date | null
  /** An alert already written and not sent yet (waiting for the end of quiet hours). */
  alertPending: boolean
  reachable: boolean
  appointment: RequestedAppointment | null
}

/**
 * What one scan does with an active request: END it (its appointment is no longer to come,
 * or every alert was sent), leave it (an alert on its way, the last seven days, nobody to
 * reach), or LOOK for a free time before `before` (null: any time, nothing was booked).
 */
export function scanStep(
  request: ScannedRequest,
  now: Date,
): { kind: 'END' } | { kind: 'SKIP' } | { kind: 'LOOK'; before: Date | null } {
  const { appointment } = request
  if (appointment && (appointment.status !== 'BOOKED' || appointment.startsAt <= now))
    return { kind: 'END' }
  if (request.alertsSent >= request.maxAlerts) return { kind: 'END' }
  if (request.alertPending || !request.reachable) return { kind: 'SKIP' }
  if (appointment && inLastDays(appointment, now)) return { kind: 'SKIP' }
  return { kind: 'LOOK', before: appointment?.startsAt ?? null }
}

/**
 * Whether the earliest free time is worth an alert: before the appointment, and not the
 * time the last alert already offered (told once is enough; a time freed again after it
 * was taken, or an even earlier one, is news).
 */
export function worthAlerting(
  start: Date,
  request: Pick<ScannedRequest, 'offeredStartsAt'>,
  before: Date | null,
): boolean {
  if (before && start.getTime() >= before.getTime()) return false
  return request.offeredStartsAt?.getTime() !== start.getTime()
}

/** The earliest start an alert leaving at `dueAt` may offer. */
export function earliestOfferable(dueAt: Date, now: Date): Date {
  return new Date(Math.max(dueAt.getTime(), now.getTime()) + ALERT_LEAD_MINUTES * MINUTE_MS)
}

/** The alert's number once written, and whether it is the request's last. */
export function nextAlert(request: Pick<ScannedRequest, 'alertsSent' | 'maxAlerts'>) {
  const number = request.alertsSent + 1
  return { number, last: number >= request.maxAlerts }
}

/** Whether a time may be taken through the alert: before the appointment it replaces. */
export function isEarlier(start: Date, appointment: Pick<RequestedAppointment, 'startsAt'> | null) {
  return appointment === null || start.getTime() < appointment.startsAt.getTime()
}
