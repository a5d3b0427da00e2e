import { describe, expect, test } from 'vitest'
import { sessionTimes } from '~/domain/workshops/times'

const NOW = new Date('2027-01-01T12:00:00Z')

describe('sessionTimes', () => {
  test('the same wall-clock times on each date, on the site’s clock across DST', () => {
    const read = sessionTimes(['2027-03-22', '2027-03-29'], '14:00', '16:00', 'Europe/Paris', NOW)
    expect(read).toEqual({
      ok: true,
      times: [
        {
          date: '2027-03-22',
          startsAt: new Date('2027-03-22T13:00:00Z'),
          endsAt: new Date('2027-03-22T15:00:00Z'),
        },
        // Summer time from 28 March: 14 h in Paris is 12 h UTC.
        {
          date: '2027-03-29',
          startsAt: new Date('2027-03-29T12:00:00Z'),
          endsAt: new Date('2027-03-29T14:00:00Z'),
        },
      ],
    })
  })

  test('an overseas site keeps its own clock', () => {
    const read = sessionTimes(['2027-02-03'], '09:00', '11:00', 'America/Cayenne', NOW)
    expect(read.ok && read.times[0]!.startsAt).toEqual(new Date('2027-02-03T12:00:00Z'))
  })

  test('an end not after the start, a skipped hour, a past date: the date is named', () => {
    expect(sessionTimes(['2027-02-03'], '11:00', '11:00', 'Europe/Paris', NOW)).toEqual({
      ok: false,
      problem: { field: 'endTime', code: 'END_BEFORE_START', date: '2027-02-03' },
    })
    expect(
      sessionTimes(['2027-03-21', '2027-03-28'], '02:30', '04:00', 'Europe/Paris', NOW),
    ).toEqual({
      ok: false,
      problem: { field: 'startTime', code: 'TIME_SKIPPED', date: '2027-03-28' },
    })
    expect(sessionTimes(['2026-12-31'], '10:00', '12:00', 'Europe/Paris', NOW)).toEqual({
      ok: false,
      problem: { field: 'date', code: 'WALK_IN_PAST', date: '2026-12-31' },
    })
  })
})
