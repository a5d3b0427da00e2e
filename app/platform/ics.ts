import { createEvent, createEvents, type EventAttributes } from 'ics'

// The one iCalendar builder: email attachments, the manage link's download and the
// advisors' feeds (docs/decisions/045-calendar-files.md).

export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL'

type Address = { name: string; email: string }

export type CalendarAppointment = {
  id: string
  startsAt: Date
  endsAt: Date
  title: string
  location: string
  description: string
  /** The appointment's page: the manage link for residents, the workspace for advisors. */
  url?: string | null
  /** RFC 5545 wants an ORGANIZER to be an address: without one there is none. */
  organizer?: Address | null
  /** Whom an invitation (REQUEST, CANCEL) is for. */
  attendee?: Address | null
  /** A reminder on the resident's device, that many minutes before, with this text. */
  alarm?: { minutesBefore: number; text: string } | null
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

/**
 * The method a file can honestly carry: an iTIP REQUEST or CANCEL (RFC 5546) needs an
 * ORGANIZER and an ATTENDEE; without both addresses the event is published (a calendar
 * still replaces it by UID and SEQUENCE, and shows STATUS:CANCELLED).
 */
export function methodFor(appointment: CalendarAppointment, wanted: CalendarMethod) {
  return appointment.organizer && appointment.attendee ? wanted : 'PUBLISH'
}

/** One appointment as a calendar file, with the method methodFor allows. */
export function appointmentIcs(
  appointment: CalendarAppointment,
  wanted: CalendarMethod = 'PUBLISH',
) {
  const { error, value } = createEvent(eventOf(appointment, methodFor(appointment, wanted)))
  if (error || !value) throw error ?? new Error('ics: no calendar produced')
  return foldInOctets(value)
}

/** A subscribed calendar (an advisor's feed): every appointment, one VEVENT each. */
export function feedIcs(appointments: CalendarAppointment[], calendarName: string) {
  const { error, value } = createEvents(
    appointments.map((appointment) => eventOf(appointment, 'PUBLISH')),
    { calName: calendarName, productId: 'permanence/ics', method: 'PUBLISH' },
  )
  if (error || !value) throw error ?? new Error('ics: no calendar produced')
  return foldInOctets(value)
}

const LINE_OCTETS = 75

/**
 * Lines of at most 75 octets, as RFC 5545 says: the ics library folds at 75 characters,
 * and "é" takes two octets. A fold never splits a character.
 */
function foldInOctets(calendar: string): string {
  return calendar
    .replace(/\r\n[ \t]/gu, '')
    .split('\r\n')
    .map((line) => {
      const parts: string[] = []
      let current = ''
      let octets = 0
      for (const char of line) {
        const size = Buffer.byteLength(char, 'utf8')
        if (octets + size > LINE_OCTETS) {
          parts.push(current)
          current = ' '
          octets = 1
        }
        current += char
        octets += size
      }
      parts.push(current)
      return parts.join('\r\n')
    })
    .join('\r\n')
}

function eventOf(appointment: CalendarAppointment, method: CalendarMethod): EventAttributes {
  const { organizer, attendee, alarm, url } = appointment
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
    ...(url ? { url } : {}),
    ...(organizer ? { organizer: { name: organizer.name, email: organizer.email } } : {}),
    ...(attendee && method !== 'PUBLISH'
      ? {
          attendees: [
            {
              name: attendee.name,
              email: attendee.email,
              rsvp: false,
              partstat: 'ACCEPTED',
              role: 'REQ-PARTICIPANT',
            },
          ],
        }
      : {}),
    ...(alarm && appointment.status === 'CONFIRMED'
      ? {
          alarms: [
            {
              action: 'display' as const,
              description: alarm.text,
              trigger: { minutes: alarm.minutesBefore, before: true },
            },
          ],
        }
      : {}),
    sequence: appointment.sequence,
    status: appointment.status,
    method,
    productId: 'permanence/ics',
  }
}
