// Calendar files: valid iCalendar (RFC 5545) and iTIP (RFC 5546), a reminder on the
// resident's device, the link to see, move or cancel.
import { createEvent } from 'ics'
import { describe, expect, test } from 'vitest'
import { calendarText } from '~/domain/notifications/calendar'
import type { AppointmentView } from '~/domain/notifications/templates'
import { appointmentIcs, feedIcs, methodFor, type CalendarAppointment } from '~/platform/ics'
import { eventProperty, icalendarProblems } from '../../support/icalendar'

const MANAGE = 'https://rdv.example.fr/r/AbCdEfGhIjKlMnOpQrStUvWx'

const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
  locale: 'fr',
  organisationName: 'Mairie de Vouvant, « accueil »; services',
  topicName: 'Déclarer mes impôts en ligne',
  startsAt: new Date('2026-12-02T09:30:00Z'),
  zone: 'Europe/Paris',
  mode: 'IN_PERSON',
  siteName: 'Médiathèque de Montval',
  siteAddress: '14 rue des Écoles, 39570 Montval',
  accessNotes: 'Salle informatique au premier étage, ascenseur au fond du hall.',
  instructions: 'Apportez votre numéro fiscal et votre dernier avis d’imposition.',
  manageUrl: MANAGE,
  cancelPhone: '03 65 71 02 02',
  ...overrides,
})

function event(overrides: Partial<CalendarAppointment> = {}, from = view()): CalendarAppointment {
  const text = calendarText(from)
  return {
    id: 'appt1',
    startsAt: from.startsAt,
    endsAt: new Date(from.startsAt.getTime() + 45 * 60_000),
    title: text.title,
    location: text.location,
    description: text.description,
    url: from.manageUrl,
    alarm: text.alarm,
    sequence: 3,
    status: 'CONFIRMED',
    ...overrides,
  }
}

const ORGANIZER = { name: 'Mairie de Vouvant', email: 'mairie@vouvant.example' }
const ATTENDEE = { name: 'Élodie Martin', email: 'elodie@example.test' }

describe('a resident’s calendar file', () => {
  test('is valid iCalendar, reminds an hour before and links to the manage page', () => {
    const ics = appointmentIcs(event())
    expect(icalendarProblems(ics)).toEqual([])
    expect(ics).toContain('METHOD:PUBLISH')
    expect(ics).not.toContain('ORGANIZER')
    expect(eventProperty(ics, 'URL')).toBe(MANAGE)
    expect(eventProperty(ics, 'DESCRIPTION')).toBe(
      [
        'Pour venir : Salle informatique au premier étage, ascenseur au fond du hall.',
        'À apporter : Apportez votre numéro fiscal et votre dernier avis d’imposition.',
        `Voir, déplacer ou annuler : ${MANAGE}`,
        'Ou appelez le 03 65 71 02 02.',
      ].join('\n'),
    )
    expect(ics).toContain('BEGIN:VALARM')
    expect(ics).toContain('TRIGGER:-PT60M')
    expect(ics).toContain('DESCRIPTION:Rendez-vous dans une heure : Déclarer mes impôts en ligne')
  })

  test('an invitation names its organiser and attendee by address (RFC 5546)', () => {
    const invitation = event({ organizer: ORGANIZER, attendee: ATTENDEE })
    expect(methodFor(invitation, 'REQUEST')).toBe('REQUEST')
    const ics = appointmentIcs(invitation, 'REQUEST')
    expect(icalendarProblems(ics)).toEqual([])
    expect(ics).toContain('METHOD:REQUEST')
    expect(eventProperty(ics, 'ORGANIZER')).toBe('MAILTO:mairie@vouvant.example')
  })

  test('without an organiser address, an invitation is published instead', () => {
    const withoutOrganizer = event({ attendee: ATTENDEE })
    expect(methodFor(withoutOrganizer, 'CANCEL')).toBe('PUBLISH')
    const ics = appointmentIcs(withoutOrganizer, 'CANCEL')
    expect(icalendarProblems(ics)).toEqual([])
    expect(ics).toContain('METHOD:PUBLISH')
    expect(ics).not.toMatch(/ORGANIZER|ATTENDEE/u)
  })

  test('a cancelled event keeps its UID, has a higher SEQUENCE and no reminder', () => {
    const ics = appointmentIcs(
      event({ status: 'CANCELLED', sequence: 4, organizer: ORGANIZER, attendee: ATTENDEE }),
      'CANCEL',
    )
    expect(icalendarProblems(ics)).toEqual([])
    expect(ics).toContain('METHOD:CANCEL')
    expect(ics).toContain('STATUS:CANCELLED')
    expect(ics).toContain('UID:appt1@permanence')
    expect(ics).toContain('SEQUENCE:4')
    expect(ics).not.toContain('VALARM')
  })

  test('by phone: the call, what to have at hand, never "apportez"', () => {
    const phone = view({
      mode: 'PHONE',
      siteName: null,
      siteAddress: null,
      residentPhoneDisplay: '06 12 34 56 78',
      advisorPhoneDisplay: '03 65 71 00 10',
      locale: 'en',
    })
    const ics = appointmentIcs(event({}, phone))
    expect(icalendarProblems(ics)).toEqual([])
    expect(eventProperty(ics, 'LOCATION')).toBe('By phone, on 06 12 34 56 78')
    const description = eventProperty(ics, 'DESCRIPTION')!
    expect(description).toContain('The call will come from 03 65 71 00 10.')
    expect(description).toContain('For the call: Ayez sous la main votre numéro fiscal')
    expect(description).not.toMatch(/apport/iu)
  })

  test('a helper’s file says whose appointment it is', () => {
    const text = calendarText(view({ helped: { firstName: 'Jeanne', lastName: 'Martin' } }))
    expect(text.title).toBe(
      'Jeanne Martin · Déclarer mes impôts en ligne · Mairie de Vouvant, « accueil »; services',
    )
  })
})

describe('an advisor’s feed', () => {
  test('is valid, links each appointment to the workspace, and sets no alarm', () => {
    const ics = feedIcs(
      [
        event({ alarm: null, url: 'https://rdv.example.fr/espace/rendez-vous/appt1' }),
        event({ id: 'appt2', alarm: null, url: null, status: 'CANCELLED' }),
      ],
      'Agenda de Karim Benali',
    )
    expect(icalendarProblems(ics)).toEqual([])
    expect(ics).not.toMatch(/ORGANIZER|VALARM/u)
    expect(ics).toContain('URL:https://rdv.example.fr/espace/rendez-vous/appt1')
  })
})

describe('the checker itself', () => {
  test('finds the ORGANIZER without a value the ics library writes from a name alone', () => {
    const { value } = createEvent({
      start: [2026, 12, 2, 9, 30],
      duration: { minutes: 30 },
      title: 'x',
      organizer: { name: 'Mairie' },
      method: 'REQUEST',
    })
    expect(icalendarProblems(value!)).toEqual(
      expect.arrayContaining([
        'not a content line: ORGANIZER;CN="Mairie"',
        'METHOD:REQUEST without ORGANIZER',
        'METHOD:REQUEST without ATTENDEE',
      ]),
    )
  })

  test('finds long lines, unescaped text and a missing UID', () => {
    const broken = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:x',
      'BEGIN:VEVENT',
      'DTSTAMP:20261201T000000Z',
      'DTSTART:20261202T093000Z',
      `SUMMARY:Impôts, CAF; ${'x'.repeat(80)}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n')
    expect(icalendarProblems(broken)).toEqual(
      expect.arrayContaining([
        'VEVENT has no UID',
        'SUMMARY has an unescaped ; or ,',
        expect.stringMatching(/^line 7 is \d+ octets long/u),
      ]),
    )
  })
})
