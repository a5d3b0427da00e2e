import { describe, expect, test } from 'vitest'
import { absenceRange, parseTimeInput } from '~/domain/scheduling'

describe('parseTimeInput', () => {
  test.each([
    ['9:00', '09:00'],
    ['09:30', '09:30'],
    ['9h', '09:00'],
    ['9 h 30', '09:30'],
    ['14H30', '14:30'],
    [' 17 ', '17:00'],
  ])('%s reads as %s', (typed, time) => {
    expect(parseTimeInput(typed)).toBe(time)
  })

  test.each(['', '24:00', '12:60', 'midi', '9.30', '123'])('%s is not a time', (typed) => {
    expect(parseTimeInput(typed)).toBeNull()
  })
})

describe('absenceRange', () => {
  const zone = 'Europe/Paris'

  test('dates without times are whole local days', () => {
    const range = absenceRange(
      { startDate: '2027-03-08', startTime: '', endDate: '2027-03-09', endTime: '' },
      zone,
    )
    expect(range).toEqual({
      ok: true,
      start: new Date('2027-03-07T23:00:00Z'),
      end: new Date('2027-03-09T23:00:00Z'),
    })
  })

  test('the spring-forward night: a whole day is 23 hours, a skipped time is refused', () => {
    const day = absenceRange(
      { startDate: '2027-03-28', startTime: '', endDate: '2027-03-28', endTime: '' },
      zone,
    )
    expect(day.ok && day.end.getTime() - day.start.getTime()).toBe(23 * 3_600_000)
    const skipped = absenceRange(
      { startDate: '2027-03-28', startTime: '2:30', endDate: '2027-03-28', endTime: '10:00' },
      zone,
    )
    expect(skipped).toEqual({ ok: false, problems: [{ field: 'startTime', code: 'TIME_SKIPPED' }] })
  })

  test('hours are local, in the zone given', () => {
    const range = absenceRange(
      { startDate: '2027-07-01', startTime: '9h', endDate: '2027-07-01', endTime: '12:00' },
      'America/Cayenne',
    )
    expect(range).toEqual({
      ok: true,
      start: new Date('2027-07-01T12:00:00Z'),
      end: new Date('2027-07-01T15:00:00Z'),
    })
  })

  test('missing, malformed and reversed values are each reported', () => {
    expect(
      absenceRange({ startDate: '', startTime: 'x', endDate: '2027-02-30', endTime: '' }, zone),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'startDate', code: 'REQUIRED' },
        { field: 'endDate', code: 'INVALID_DATE' },
      ],
    })
    expect(
      absenceRange(
        { startDate: '2027-03-08', startTime: '14:00', endDate: '2027-03-08', endTime: '9:00' },
        zone,
      ),
    ).toEqual({ ok: false, problems: [{ field: 'endTime', code: 'END_BEFORE_START' }] })
  })
})
