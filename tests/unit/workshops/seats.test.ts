import { describe, expect, test } from 'vitest'
import { holdEndsAt, mayOffer } from '~/domain/workshops/hold'
import { attendanceRefusal, giveBackRefusal } from '~/domain/workshops/participants'
import { seatAvailability, seatChange } from '~/domain/workshops/seats'
import { parseDateList, weeklyDates } from '~/domain/workshops/series'

const NOW = new Date('2027-03-01T10:00:00Z')
const hoursLater = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000)

describe('seats left as the public sees them', () => {
  const session = (taken: number, held = 0, startsAt = hoursLater(48)) => ({
    seatCount: 6,
    taken,
    held,
    startsAt,
    status: 'SCHEDULED' as const,
  })

  test('open with the seats neither taken nor held for someone waiting', () => {
    expect(seatAvailability(session(3, 1), NOW)).toEqual({ kind: 'OPEN', left: 2 })
    expect(seatAvailability(session(5, 1), NOW)).toEqual({ kind: 'FULL' })
    expect(seatAvailability(session(6), NOW)).toEqual({ kind: 'FULL' })
  })

  test('closed once started, and when cancelled', () => {
    expect(seatAvailability(session(0, 0, NOW), NOW)).toEqual({ kind: 'CLOSED' })
    expect(seatAvailability({ ...session(0), status: 'CANCELLED' }, NOW)).toEqual({
      kind: 'CLOSED',
    })
  })
})

describe('changing the number of seats', () => {
  const seats = (free: boolean[]) =>
    free.map((isFree, index) => ({ number: index + 1, free: isFree }))

  test('more seats add the next numbers', () => {
    expect(seatChange(seats([false, true]), 4)).toEqual({ add: [3, 4], remove: [] })
  })

  test('fewer seats remove the highest free ones only', () => {
    expect(seatChange(seats([true, false, true, false, true]), 3)).toEqual({
      add: [],
      remove: [5, 3],
    })
  })

  test('fewer seats than people holding one is refused', () => {
    expect(seatChange(seats([false, false, true]), 1)).toBeNull()
  })
})

describe('the hold of an offered seat', () => {
  test('12 hours from the moment the offer is sent, when the session is far', () => {
    expect(holdEndsAt(NOW, hoursLater(72), 12)).toEqual(hoursLater(12))
  })

  test('ends two hours before the session when that comes first', () => {
    expect(holdEndsAt(NOW, hoursLater(6), 12)).toEqual(hoursLater(4))
  })

  test('no hold under half an hour: the seat is simply free', () => {
    expect(holdEndsAt(NOW, hoursLater(2.4), 12)).toBeNull()
    expect(mayOffer(NOW, hoursLater(2.4))).toBe(false)
    expect(mayOffer(NOW, hoursLater(3))).toBe(true)
  })
})

describe('participants', () => {
  const session = { startsAt: hoursLater(1) }

  test('attendance only once the session has begun, never for a seat given back', () => {
    expect(attendanceRefusal({ status: 'REGISTERED' }, session, NOW)).toBe('NOT_STARTED')
    expect(attendanceRefusal({ status: 'REGISTERED' }, session, hoursLater(1))).toBeNull()
    expect(attendanceRefusal({ status: 'CANCELLED' }, session, hoursLater(2))).toBe('CANCELLED')
  })

  test('a seat is given back only before the start, and once', () => {
    expect(giveBackRefusal({ status: 'REGISTERED' }, session, NOW)).toBeNull()
    expect(giveBackRefusal({ status: 'REGISTERED' }, session, hoursLater(1))).toBe('STARTED')
    expect(giveBackRefusal({ status: 'CANCELLED' }, session, NOW)).toBe('ALREADY_CANCELLED')
  })
})

describe('dates of a series', () => {
  test('weekly for N weeks, across the change to summer time', () => {
    expect(weeklyDates('2027-03-16', 3)).toEqual(['2027-03-16', '2027-03-23', '2027-03-30'])
  })

  test('a typed list in French or ISO, sorted, without repeats', () => {
    expect(parseDateList('19/01/2027, 12/01/2027\n2027-01-26 12/01/2027')).toEqual({
      ok: true,
      dates: ['2027-01-12', '2027-01-19', '2027-01-26'],
    })
  })

  test('a date that is no date, or of an implausible year, is named', () => {
    expect(parseDateList('12/01/2027, 31/02/2027')).toEqual({
      ok: false,
      problem: { kind: 'INVALID', value: '31/02/2027' },
    })
    expect(parseDateList('12/01/0027')).toEqual({
      ok: false,
      problem: { kind: 'INVALID', value: '12/01/0027' },
    })
  })
})
