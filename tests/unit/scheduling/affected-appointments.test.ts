import { describe, expect, test } from 'vitest'
import {
  affectedAppointments,
  affectedSessions,
  isWithinHours,
  rulesOpenOn,
  type HeldAppointment,
  type OpeningRule,
} from '~/domain/scheduling'

const rule = (overrides: Partial<OpeningRule> = {}): OpeningRule => ({
  id: 'r1',
  advisorId: 'karim',
  siteId: 'town-hall',
  weekdays: [1, 3],
  startTime: '09:00',
  endTime: '12:00',
  everyNWeeks: 1,
  validFrom: '2027-01-04',
  validUntil: null,
  topicIds: [],
  ...overrides,
})

const appointment = (
  id: string,
  start: string,
  minutes = 30,
  overrides: Partial<HeldAppointment> = {},
): HeldAppointment => ({
  id,
  advisorId: 'karim',
  siteId: 'town-hall',
  topicId: 'taxes',
  start: new Date(start),
  end: new Date(new Date(start).getTime() + minutes * 60_000),
  timeZone: 'Europe/Paris',
  ...overrides,
})

describe('isWithinHours', () => {
  const schedule = { rules: [rule()], absences: [] }

  test('inside a rule of its place, weekday and topic', () => {
    // Monday 8 March 2027, 10:00 in Paris (UTC+1).
    expect(isWithinHours(appointment('a', '2027-03-08T09:00:00Z'), schedule)).toBe(true)
    // Ends at 12:00 exactly.
    expect(isWithinHours(appointment('a', '2027-03-08T10:30:00Z'), schedule)).toBe(true)
  })

  test('not past the end, not another day, place or topic', () => {
    expect(isWithinHours(appointment('a', '2027-03-08T10:45:00Z'), schedule)).toBe(false)
    expect(isWithinHours(appointment('a', '2027-03-09T09:00:00Z'), schedule)).toBe(false)
    const byPhone = appointment('a', '2027-03-08T09:00:00Z', 30, { siteId: null })
    expect(isWithinHours(byPhone, schedule)).toBe(false)
    const topicRule = { rules: [rule({ topicIds: ['papers'] })], absences: [] }
    expect(isWithinHours(appointment('a', '2027-03-08T09:00:00Z'), topicRule)).toBe(false)
  })

  test('not during an absence of the advisor', () => {
    const away = {
      rules: [rule()],
      absences: [
        {
          advisorId: 'karim',
          start: new Date('2027-03-08T09:15:00Z'),
          end: new Date('2027-03-08T11:00:00Z'),
        },
      ],
    }
    expect(isWithinHours(appointment('a', '2027-03-08T09:00:00Z'), away)).toBe(false)
    expect(isWithinHours(appointment('b', '2027-03-08T08:00:00Z'), away)).toBe(true)
  })

  test('on the spring-forward day the local hours still hold (UTC+2 from 2:00)', () => {
    // Sunday 28 March 2027 is the change; the rule opens on Sundays 09:00-12:00.
    const sunday = { rules: [rule({ weekdays: [7] })], absences: [] }
    expect(isWithinHours(appointment('a', '2027-03-28T07:00:00Z'), sunday)).toBe(true)
    expect(isWithinHours(appointment('b', '2027-03-28T06:30:00Z'), sunday)).toBe(false)
  })

  test('on the fall-back day (UTC+1 from 3:00) the local hours still hold', () => {
    // Sunday 31 October 2027: 09:00 local is 08:00 UTC.
    const sunday = { rules: [rule({ weekdays: [7] })], absences: [] }
    expect(isWithinHours(appointment('a', '2027-10-31T08:00:00Z'), sunday)).toBe(true)
    expect(isWithinHours(appointment('b', '2027-10-31T07:30:00Z'), sunday)).toBe(false)
  })
})

describe('affectedAppointments', () => {
  const before = { rules: [rule()], absences: [] }

  test('ending a rule orphans what it held after its last day', () => {
    const after = { rules: [rule({ validUntil: '2027-03-08' })], absences: [] }
    const kept = appointment('kept', '2027-03-08T09:00:00Z')
    const orphan = appointment('orphan', '2027-03-10T09:00:00Z')
    expect(affectedAppointments([kept, orphan], before, after)).toEqual([orphan])
  })

  test('shorter hours orphan what no longer fits; another rule can still hold it', () => {
    const shorter = { rules: [rule({ endTime: '10:00' })], absences: [] }
    const late = appointment('late', '2027-03-08T09:00:00Z', 60)
    expect(affectedAppointments([late], before, shorter)).toEqual([late])
    const covered = {
      rules: [rule({ endTime: '10:00' }), rule({ id: 'r2', startTime: '09:30' })],
      absences: [],
    }
    expect(affectedAppointments([late], before, covered)).toEqual([])
  })

  test('an appointment already outside the hours is not the change’s doing', () => {
    const sunday = appointment('sunday', '2027-03-07T09:00:00Z')
    expect(affectedAppointments([sunday], before, { rules: [], absences: [] })).toEqual([])
  })

  test('a new absence across the autumn clock change orphans what it covers', () => {
    const sunday = { rules: [rule({ weekdays: [7] })], absences: [] }
    const morning = appointment('morning', '2027-10-31T08:00:00Z')
    const absent = {
      rules: sunday.rules,
      absences: [
        {
          advisorId: 'karim',
          start: new Date('2027-10-30T22:00:00Z'),
          end: new Date('2027-10-31T23:00:00Z'),
        },
      ],
    }
    expect(affectedAppointments([morning], sunday, absent)).toEqual([morning])
  })
})

describe('rulesOpenOn', () => {
  test('the rules open that local date, by start time; none on a bad date', () => {
    const afternoon = rule({ id: 'pm', startTime: '13:30', endTime: '17:00' })
    const fortnightly = rule({ id: 'even', everyNWeeks: 2 })
    expect(rulesOpenOn([afternoon, rule(), fortnightly], '2027-03-08')).toEqual([rule(), afternoon])
    expect(rulesOpenOn([fortnightly], '2027-03-15')).toEqual([fortnightly])
    expect(rulesOpenOn([rule()], 'not a date')).toEqual([])
  })
})

describe('affectedSessions', () => {
  const before = { rules: [rule({ topicIds: ['taxes'] })], absences: [] }
  // Monday 8 March 2027, 10:00 to 11:00 in Paris: a workshop, whatever the rule's topics.
  const inHours = appointment('w1', '2027-03-08T09:00:00Z', 60, { topicId: null })
  // Monday 8 March 2027, 14:00 in Paris: outside every rule.
  const outside = appointment('w2', '2027-03-08T13:00:00Z', 60, { topicId: null })

  test('an absence over a session lists it, inside the hours or not', () => {
    const absent = {
      rules: before.rules,
      absences: [
        {
          advisorId: 'karim',
          start: new Date('2027-03-08T08:00:00Z'),
          end: new Date('2027-03-08T17:00:00Z'),
        },
      ],
    }
    expect(affectedSessions([inHours, outside], before, absent)).toEqual([inHours, outside])
  })

  test('hours that held a session and no longer do list it; one never within them is not', () => {
    const ended = { rules: [], absences: [] }
    expect(affectedSessions([inHours, outside], before, ended)).toEqual([inHours])
  })
})
