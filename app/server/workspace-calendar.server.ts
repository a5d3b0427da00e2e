import { DateTime } from 'luxon'
import type { CalendarAppointment } from '~/db/workspace-calendar.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatDay, formatTime, localDateOf, startOfLocalDay } from '~/domain/time/format'
import type { Language } from '~/i18n/config'

/** The requested local date, or today at the place when missing or not a real date. */
export function requestedDate(value: string | null, zone: string, now = new Date()): string {
  if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      startOfLocalDay(value, zone)
      return value
    } catch {
      // Not a date: fall back to today.
    }
  }
  return localDateOf(now, zone)
}

export function dayRange(date: string, zone: string) {
  const next = DateTime.fromISO(date, { zone }).plus({ days: 1 }).toISODate()!
  return { from: startOfLocalDay(date, zone), to: startOfLocalDay(next, zone) }
}

/** The seven local dates of the ISO week (Monday first) holding `date`. */
export function weekDates(date: string, zone: string): string[] {
  const monday = DateTime.fromISO(date, { zone }).startOf('week')
  return Array.from({ length: 7 }, (_, index) => monday.plus({ days: index }).toISODate()!)
}

export function shiftDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!
}

export function dayTitle(date: string, zone: string, language: Language): string {
  const start = startOfLocalDay(date, zone)
  return `${formatDay(start, zone, language)} ${DateTime.fromISO(date).year}`
}

/** What a calendar shows of one appointment, in the place's local time. */
export function appointmentView(
  appointment: CalendarAppointment,
  organisationZone: string,
  language: Language,
) {
  const zone = appointment.site?.timeZone ?? organisationZone
  const phone = appointment.resident.phoneE164
  return {
    id: appointment.id,
    advisorId: appointment.advisorId,
    date: localDateOf(appointment.startsAt, zone),
    time: `${formatTime(appointment.startsAt, zone, language)} – ${formatTime(appointment.endsAt, zone, language)}`,
    resident: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
    topic: appointment.topic.name,
    mode: appointment.mode,
    site: appointment.site?.name ?? null,
    phone: appointment.mode === 'PHONE' && phone ? formatPhoneForDisplay(phone) : null,
    status: appointment.status,
  }
}

export type AppointmentView = ReturnType<typeof appointmentView>

export function absenceView(
  absence: { id: string; advisorId: string; startsAt: Date; endsAt: Date; reason: string | null },
  zone: string,
  language: Language,
  day: { from: Date; to: Date },
) {
  // An absence longer than the day shows the day's bounds.
  const start = absence.startsAt < day.from ? day.from : absence.startsAt
  const end = absence.endsAt > day.to ? day.to : absence.endsAt
  return {
    id: absence.id,
    advisorId: absence.advisorId,
    from: formatTime(start, zone, language),
    to: end.getTime() === day.to.getTime() ? '24 h' : formatTime(end, zone, language),
    reason: absence.reason,
  }
}

export type AbsenceView = ReturnType<typeof absenceView>
