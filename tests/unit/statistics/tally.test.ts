import { describe, expect, test } from 'vitest'
import { medianOf } from '~/domain/statistics/figures'
import { appointmentCounts, dayTally, leadDaysOf, sumTallies } from '~/domain/statistics/tally'

// The tallies add up to what one read of the whole period would count (decision 098).

const group = (
  status: string,
  createdVia: string,
  mode: string,
  topicId: string,
  count: number,
) => ({
  status,
  createdVia,
  mode,
  topicId,
  count,
})

describe('statistics tallies', () => {
  test('appointments grouped four ways are counted by each, honoured ones by topic too', () => {
    expect(
      appointmentCounts([
        group('HONOURED', 'ONLINE', 'IN_PERSON', 'caf', 3),
        group('NO_SHOW', 'ONLINE', 'PHONE', 'caf', 1),
        group('HONOURED', 'RECEPTION', 'PHONE', 'mail', 2),
      ]),
    ).toEqual({
      status: { HONOURED: 5, NO_SHOW: 1 },
      channel: { ONLINE: 4, RECEPTION: 2 },
      mode: { IN_PERSON: 3, PHONE: 3 },
      topic: { caf: 4, mail: 2 },
      honouredTopic: { caf: 3, mail: 2 },
    })
  })

  test('lead times in hours are counted again by whole day', () => {
    expect(
      leadDaysOf([
        { value: 0, count: 2 },
        { value: 23, count: 1 },
        { value: 24, count: 4 },
        { value: 75, count: 1 },
      ]),
    ).toEqual({
      '0': 3,
      '1': 4,
      '3': 1,
    })
  })

  test('days add up: counts, lead-time bins of a day, reminders by channel and status, segments', () => {
    const monday = dayTally(
      [group('HONOURED', 'ONLINE', 'IN_PERSON', 'caf', 2)],
      [{ value: 30, count: 2 }],
      { reminders: [{ channel: 'SMS', status: 'DELIVERED', count: 2 }], smsSegments: 2 },
    )
    const tuesday = dayTally(
      [group('EXCUSED', 'HELPER', 'PHONE', 'caf', 1)],
      [{ value: 50, count: 1 }],
      {
        reminders: [
          { channel: 'SMS', status: 'DELIVERED', count: 1 },
          { channel: 'EMAIL', status: 'FAILED', count: 1 },
        ],
        smsSegments: 3,
      },
    )
    const period = sumTallies([monday, tuesday])
    expect(period.appointments.status).toEqual({ HONOURED: 2, EXCUSED: 1 })
    expect(period.appointments.honouredTopic).toEqual({ caf: 2 })
    expect(period.lead).toEqual({
      binHours: 24,
      bins: [
        { value: 24, count: 2 },
        { value: 48, count: 1 },
      ],
    })
    expect(medianOf(period.lead.bins)).toBe(24)
    expect(period.messages.reminders).toEqual([
      { channel: 'SMS', status: 'DELIVERED', count: 3 },
      { channel: 'EMAIL', status: 'FAILED', count: 1 },
    ])
    expect(period.messages.smsSegments).toBe(5)
  })

  test('no day: nothing counted, no lead time', () => {
    const period = sumTallies([])
    expect(period.appointments.status).toEqual({})
    expect(medianOf(period.lead.bins)).toBeNull()
  })
})
