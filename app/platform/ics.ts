import { createEvent, createEvents, type EventAttributes } from 'ics'

export type CalendarAppointment = {
  id: string
  startsAt: Date
  endsAt: Date
  title: string
  location: string
  description: string
  organisationName: string
  /** Bumped on each change, so calendars replace the event instead of adding one. */
  sequence: number
  status: 'CONFIRMED' | 'CANCELLED'
}

const parts = (date: Date): [number, number, number, number, number] => [
  date.getUTCFullYear(),
  date.getUTCMonth() + 1,
  date.getUTCDate(),
  date.getUTCHours(),
  date.getUTCMinutes(),
]

/** The one iCalendar builder: downloads now, email attachments and feeds later. */
export function appointmentIcs(
  appointment: CalendarAppointment,
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL' = 'PUBLISH',
) {
  const { error, value } = createEvent(eventOf(appointment, method))
  if (error || !value) throw error ?? new Error('ics: no calendar produced')
  return value
}

/** A subscribed calendar (an advisor's feed): every appointment, one VEVENT each. */
export function feedIcs(appointments: CalendarAppointment[], calendarName: string) {
  const { error, value } = createEvents(
    appointments.map((appointment) => eventOf(appointment, 'PUBLISH')),
    { calName: calendarName, productId: 'permanence/ics', method: 'PUBLISH' },
  )
  if (error || !value) throw error ?? new Error('ics: no calendar produced')
  return value
}

function eventOf(
  appointment: CalendarAppointment,
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL',
): EventAttributes {
  return {
    uid: `${appointment.id}@permanence`,
    start: parts(appointment.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: parts(appointment.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: appointment.title,
    location: appointment.location,
    description: appointment.description,
    organizer: { name: appointment.organisationName },
    sequence: appointment.sequence,
    status: appointment.status,
    method,
    productId: 'permanence/ics',
  }
}
