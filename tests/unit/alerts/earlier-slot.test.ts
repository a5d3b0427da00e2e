// Who may ask for earlier-slot alerts, when the scan alerts and which times it offers.
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import {
  askRefusal,
  earliestOfferable,
  inLastDays,
  isEarlier,
  nextAlert,
  scanStep,
  worthAlerting,
  type ScannedRequest,
} from '~/domain/alerts/earlier-slot'

const PARIS = 'Europe/Paris'
const local = (iso: string, zone = PARIS) => DateTime.fromISO(iso, { zone }).toJSDate()
const NOW = local('2031-03-03T10:00')
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000)
const booked = (startsAt: Date) => ({ status: 'BOOKED', startsAt })

const request = (overrides: Partial<ScannedRequest> = {}): ScannedRequest => ({
  alertsSent: 0,
  maxAlerts: 3,
  offeredStartsAt: null,
  alertPending: false,
  reachable: true,
  appointment: booked(days(20)),
  ...overrides,
})

describe('asking for alerts', () => {
  test('a booked appointment more than seven days away may have one', () => {
    const ask = { alreadyAsked: false, reachable: true, now: NOW }
    expect(askRefusal({ ...ask, appointment: booked(days(8)) })).toBeNull()
    expect(askRefusal({ ...ask, appointment: null })).toBeNull()
  })

  test('not in the last seven days, not for a cancelled or past appointment', () => {
    const ask = { alreadyAsked: false, reachable: true, now: NOW }
    expect(askRefusal({ ...ask, appointment: booked(days(6.9)) })).toBe('TOO_CLOSE')
    expect(askRefusal({ ...ask, appointment: booked(days(-1)) })).toBe('NOT_BOOKED')
    expect(askRefusal({ ...ask, appointment: { status: 'EXCUSED', startsAt: days(20) } })).toBe(
      'NOT_BOOKED',
    )
  })

  test('one at a time, and only for someone a message reaches', () => {
    const appointment = booked(days(20))
    expect(askRefusal({ appointment, alreadyAsked: true, reachable: true, now: NOW })).toBe(
      'ALREADY_ASKED',
    )
    expect(askRefusal({ appointment, alreadyAsked: false, reachable: false, now: NOW })).toBe(
      'UNREACHABLE',
    )
  })

  test('the seven days are counted to the instant', () => {
    expect(inLastDays({ startsAt: days(7) }, NOW)).toBe(false)
    expect(inLastDays({ startsAt: new Date(days(7).getTime() - 1) }, NOW)).toBe(true)
  })
})

describe('what a scan does with a request', () => {
  test('looks for a time before the appointment, or any time without one', () => {
    expect(scanStep(request(), NOW)).toEqual({ kind: 'LOOK', before: days(20) })
    expect(scanStep(request({ appointment: null }), NOW)).toEqual({ kind: 'LOOK', before: null })
  })

  test('ends when the appointment is no longer to come or every alert went', () => {
    expect(
      scanStep(request({ appointment: { status: 'CANCELLED', startsAt: days(20) } }), NOW),
    ).toEqual({ kind: 'END' })
    expect(scanStep(request({ appointment: booked(days(-0.1)) }), NOW)).toEqual({ kind: 'END' })
    expect(scanStep(request({ alertsSent: 3 }), NOW)).toEqual({ kind: 'END' })
  })

  test('waits in the last seven days, while an alert is on its way, or with nobody to reach', () => {
    expect(scanStep(request({ appointment: booked(days(6)) }), NOW)).toEqual({ kind: 'SKIP' })
    expect(scanStep(request({ alertPending: true }), NOW)).toEqual({ kind: 'SKIP' })
    expect(scanStep(request({ reachable: false }), NOW)).toEqual({ kind: 'SKIP' })
  })

  test('a time is news when earlier than the appointment and not the one already offered', () => {
    const offered = days(5)
    expect(worthAlerting(days(5), request(), days(20))).toBe(true)
    expect(worthAlerting(days(20), request(), days(20))).toBe(false)
    expect(worthAlerting(days(25), request({ appointment: null }), null)).toBe(true)
    expect(worthAlerting(offered, request({ offeredStartsAt: offered }), days(20))).toBe(false)
    expect(worthAlerting(days(4), request({ offeredStartsAt: offered }), days(20))).toBe(true)
  })

  test('alerts are numbered; the last one ends the request', () => {
    expect(nextAlert({ alertsSent: 0, maxAlerts: 3 })).toEqual({ number: 1, last: false })
    expect(nextAlert({ alertsSent: 2, maxAlerts: 3 })).toEqual({ number: 3, last: true })
  })

  test('an offered time leaves an hour to answer after the alert goes', () => {
    const morning = local('2031-03-04T08:30')
    expect(earliestOfferable(morning, NOW)).toEqual(local('2031-03-04T09:30'))
    expect(earliestOfferable(NOW, NOW)).toEqual(local('2031-03-03T11:00'))
  })

  test('a time may be taken if it is earlier than the appointment', () => {
    expect(isEarlier(days(3), { startsAt: days(20) })).toBe(true)
    expect(isEarlier(days(20), { startsAt: days(20) })).toBe(false)
    expect(isEarlier(days(30), null)).toBe(true)
  })
})
