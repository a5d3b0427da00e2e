import { describe, expect, test } from 'vitest'
import {
  computeSlots,
  type OpeningRule,
  type SchedulingData,
  type SchedulingQuery,
} from '~/domain/scheduling'
import { at, busy, organisation, rule, site, topic } from '../../bench/slot-fixtures'

const DAY = 86_400_000

/** Slots of one local day at site-1 (or by phone), as ISO instants. */
function startsOn(
  date: string,
  data: Partial<SchedulingData> & { rules: OpeningRule[] },
  query: Partial<SchedulingQuery> = {},
  zone = 'Europe/Paris',
): string[] {
  return slotsOn(date, data, query, zone).map((slot) => slot.start.toISOString())
}

function slotsOn(
  date: string,
  data: Partial<SchedulingData> & { rules: OpeningRule[] },
  query: Partial<SchedulingQuery> = {},
  zone = 'Europe/Paris',
) {
  const from = at(`${date} 00:00`, zone)
  return computeSlots({
    organisation: organisation(),
    sites: [site('site-1'), site('site-2')],
    topic: topic(),
    mode: 'IN_PERSON',
    now: new Date(from.getTime() - 7 * DAY),
    range: { from, to: new Date(from.getTime() + DAY) },
    data: { absences: [], appointments: [], ...data },
    ...query,
  })
}

const sunday = (overrides: Partial<OpeningRule>) => rule({ weekdays: [7], ...overrides })
const hour = topic({ durationMinutes: 60 })

describe('daylight saving time in Europe/Paris', () => {
  test('09:00 on the spring-forward days and around them', () => {
    const nine = { rules: [rule({ weekdays: [1, 6, 7], startTime: '09:00', endTime: '10:00' })] }
    const q = { topic: hour }
    expect(startsOn('2026-03-28', nine, q)).toEqual(['2026-03-28T08:00:00.000Z'])
    expect(startsOn('2026-03-29', nine, q)).toEqual(['2026-03-29T07:00:00.000Z'])
    expect(startsOn('2026-03-30', nine, q)).toEqual(['2026-03-30T07:00:00.000Z'])
    expect(startsOn('2027-03-27', nine, q)).toEqual(['2027-03-27T08:00:00.000Z'])
    expect(startsOn('2027-03-28', nine, q)).toEqual(['2027-03-28T07:00:00.000Z'])
  })

  test('09:00 on the fall-back days and around them', () => {
    const nine = { rules: [rule({ weekdays: [1, 6, 7], startTime: '09:00', endTime: '10:00' })] }
    const q = { topic: hour }
    expect(startsOn('2026-10-24', nine, q)).toEqual(['2026-10-24T07:00:00.000Z'])
    expect(startsOn('2026-10-25', nine, q)).toEqual(['2026-10-25T08:00:00.000Z'])
    expect(startsOn('2026-10-26', nine, q)).toEqual(['2026-10-26T08:00:00.000Z'])
    expect(startsOn('2027-10-30', nine, q)).toEqual(['2027-10-30T07:00:00.000Z'])
    expect(startsOn('2027-10-31', nine, q)).toEqual(['2027-10-31T08:00:00.000Z'])
  })

  test('a 02:00-04:00 rule on spring-forward day offers only the hour that exists', () => {
    const night = { rules: [sunday({ startTime: '02:00', endTime: '04:00' })] }
    for (const date of ['2026-03-29', '2027-03-28']) {
      const change = at(`${date} 03:00`).toISOString()
      const half = at(`${date} 03:30`).toISOString()
      expect(startsOn(date, night)).toEqual([change, half])
      expect(startsOn(date, night, { topic: hour })).toEqual([change])
    }
    expect(startsOn('2026-03-29', night)).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ])
  })

  test('no slot straddles or ends on the spring-forward jump', () => {
    const night = { rules: [sunday({ startTime: '01:00', endTime: '04:00' })] }
    // 01:30 + 30 min would read 03:00 on the clock: not offered.
    expect(startsOn('2026-03-29', night)).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ])
    expect(startsOn('2026-03-29', night, { topic: hour })).toEqual(['2026-03-29T01:00:00.000Z'])
  })

  test('on fall-back day the repeated hour means its first occurrence, offered once', () => {
    const night = { rules: [sunday({ startTime: '01:00', endTime: '04:00' })] }
    expect(startsOn('2026-10-25', night)).toEqual([
      '2026-10-24T23:00:00.000Z', // 01:00 CEST
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z', // 02:00 CEST, first occurrence
      // 02:30 CEST would end when the clock goes back to 02:00: not offered
      '2026-10-25T02:00:00.000Z', // 03:00 CET
      '2026-10-25T02:30:00.000Z',
    ])
    expect(startsOn('2027-10-31', night, { topic: hour })).toEqual([
      '2027-10-30T23:00:00.000Z',
      '2027-10-31T02:00:00.000Z',
    ])
  })

  test('every slot keeps the exact duration on change days', () => {
    const night = { rules: [sunday({ startTime: '00:00', endTime: '23:00' })] }
    for (const date of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']) {
      const slots = slotsOn(date, night, { topic: topic({ durationMinutes: 45 }) })
      expect(slots.length).toBeGreaterThan(25)
      for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(45 * 60_000)
    }
  })
})

describe('overseas zones', () => {
  test.each([
    ['America/Guadeloupe', 'FR-GP', '2026-03-30T13:00:00.000Z'],
    ['America/Martinique', 'FR-MQ', '2026-03-30T13:00:00.000Z'],
    ['America/Cayenne', 'FR-GF', '2026-03-30T12:00:00.000Z'],
    ['Indian/Reunion', 'FR-RE', '2026-03-30T05:00:00.000Z'],
    ['Indian/Mayotte', 'FR-YT', '2026-03-30T06:00:00.000Z'],
  ] as const)('a site in %s opens at 09:00 local time all year', (zone, region, expected) => {
    const sites = [site('site-1', { timeZone: zone, holidayRegion: region })]
    const data = { rules: [rule({ weekdays: [1], startTime: '09:00', endTime: '10:00' })] }
    expect(startsOn('2026-03-30', data, { sites, topic: hour }, zone)).toEqual([expected])
    const autumn = startsOn('2026-10-26', data, { sites, topic: hour }, zone)
    expect(autumn[0].slice(11)).toBe(expected.slice(11))
  })

  test('phone help follows the organisation zone, not the sites', () => {
    const data = {
      rules: [rule({ siteId: null, weekdays: [1], startTime: '09:00', endTime: '10:00' })],
    }
    const query = {
      organisation: organisation({ timeZone: 'Indian/Reunion', holidayRegion: 'FR-RE' as const }),
      mode: 'PHONE' as const,
      topic: hour,
    }
    expect(slotsOn('2026-03-30', data, query, 'Indian/Reunion')).toEqual([
      {
        start: new Date('2026-03-30T05:00:00Z'),
        end: new Date('2026-03-30T06:00:00Z'),
        siteId: null,
        advisorIds: ['adv-a'],
      },
    ])
  })
})

describe('mixed durations and busy time', () => {
  const morning = rule({ weekdays: [1], startTime: '09:00', endTime: '12:00' })
  const monday = '2026-03-30'
  const local = (starts: string[]) => starts.map((time) => at(`${monday} ${time}`).toISOString())

  test('a 30-minute booking does not leave the morning off-grid for 60-minute topics', () => {
    const appointments = [busy('adv-a', at(`${monday} 09:00`), 30)]
    expect(startsOn(monday, { rules: [morning], appointments }, { topic: hour })).toEqual(
      local(['09:30', '10:00', '10:30', '11:00']),
    )
  })

  test('the buffer widens appointments on both sides and re-anchors after them', () => {
    const appointments = [busy('adv-a', at(`${monday} 10:00`), 30)]
    const buffered = topic({ durationMinutes: 60, bufferMinutes: 10 })
    expect(startsOn(monday, { rules: [morning], appointments }, { topic: buffered })).toEqual(
      local(['10:40', '11:00']),
    )
    const short = topic({ durationMinutes: 30, bufferMinutes: 10 })
    expect(startsOn(monday, { rules: [morning], appointments }, { topic: short })).toEqual(
      local(['09:00', '10:40', '11:00', '11:10', '11:30']),
    )
  })

  test('an absence blocks its time and the grid resumes where it ends', () => {
    const absences = [busy('adv-a', at(`${monday} 08:00`), 80)]
    expect(startsOn(monday, { rules: [morning], absences }, { topic: hour })).toEqual(
      local(['09:20', '10:00', '10:20', '11:00']),
    )
  })

  test("another advisor's appointment does not block", () => {
    const appointments = [busy('adv-b', at(`${monday} 09:00`), 180)]
    expect(startsOn(monday, { rules: [morning], appointments }, { topic: hour })).toEqual(
      local(['09:00', '10:00', '11:00']),
    )
  })

  test('the organisation step overrides the duration, slots still fit the rule', () => {
    const query = { organisation: organisation({ slotStepMinutes: 15 }), topic: hour }
    const rules = [rule({ weekdays: [1], startTime: '09:00', endTime: '10:30' })]
    expect(startsOn(monday, { rules }, query)).toEqual(local(['09:00', '09:15', '09:30']))
  })
})

describe('several advisors and places', () => {
  const monday = '2026-03-30'

  test('advisors free at the same time and site share one slot, ids sorted', () => {
    const rules = ['adv-c', 'adv-a', 'adv-b'].map((advisorId) =>
      rule({ advisorId, weekdays: [1], startTime: '09:00', endTime: '10:00' }),
    )
    const appointments = [busy('adv-a', at(`${monday} 09:30`), 30)]
    expect(slotsOn(monday, { rules, appointments }).map((s) => [s.start, s.advisorIds])).toEqual([
      [at(`${monday} 09:00`), ['adv-a', 'adv-b', 'adv-c']],
      [at(`${monday} 09:30`), ['adv-b', 'adv-c']],
    ])
  })

  test('the same time at two sites gives two slots, sorted by site', () => {
    const rules = [
      rule({
        advisorId: 'adv-b',
        siteId: 'site-2',
        weekdays: [1],
        startTime: '09:00',
        endTime: '09:30',
      }),
      rule({
        advisorId: 'adv-a',
        siteId: 'site-1',
        weekdays: [1],
        startTime: '09:00',
        endTime: '09:30',
      }),
    ]
    expect(slotsOn(monday, { rules }).map((s) => [s.siteId, s.advisorIds])).toEqual([
      ['site-1', ['adv-a']],
      ['site-2', ['adv-b']],
    ])
    expect(slotsOn(monday, { rules }, { siteId: 'site-2' }).map((s) => s.siteId)).toEqual([
      'site-2',
    ])
  })

  test('an advisor filter, a topic filter and the mode select rules', () => {
    const rules = [
      rule({ advisorId: 'adv-a', weekdays: [1], startTime: '09:00', endTime: '09:30' }),
      rule({
        advisorId: 'adv-b',
        weekdays: [1],
        startTime: '10:00',
        endTime: '10:30',
        topicIds: ['other'],
      }),
      rule({
        advisorId: 'adv-c',
        weekdays: [1],
        startTime: '11:00',
        endTime: '11:30',
        topicIds: ['topic'],
      }),
      rule({
        advisorId: 'adv-d',
        siteId: null,
        weekdays: [1],
        startTime: '12:00',
        endTime: '12:30',
      }),
    ]
    const advisors = (query: Partial<SchedulingQuery>) =>
      slotsOn(monday, { rules }, query).flatMap((s) => s.advisorIds)
    expect(advisors({})).toEqual(['adv-a', 'adv-c'])
    expect(advisors({ advisorId: 'adv-c' })).toEqual(['adv-c'])
    expect(advisors({ mode: 'PHONE' })).toEqual(['adv-d'])
  })
})

describe('booking window and rule validity', () => {
  const rules = [rule({ weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '12:00' })]

  test('nothing before the minimum notice nor past the horizon', () => {
    const now = at('2026-03-30 10:10')
    const slots = computeSlots({
      organisation: organisation(),
      sites: [site('site-1')],
      topic: topic({ durationMinutes: 60, minNoticeMinutes: 30, horizonDays: 1 }),
      mode: 'IN_PERSON',
      now,
      range: { from: at('2026-03-30 00:00'), to: at('2026-04-01 00:00') },
      data: { rules, absences: [], appointments: [] },
    })
    // 10:40 is the earliest start, so 11:00 on the grid. Tomorrow 09:00-10:00 ends before
    // now + 24 h; 10:00-11:00 would end after.
    expect(slots.map((s) => s.start)).toEqual([at('2026-03-30 11:00'), at('2026-03-31 09:00')])
  })

  test('validFrom and validUntil are inclusive local dates', () => {
    const bounded = [
      rule({
        weekdays: [1, 2, 3],
        startTime: '09:00',
        endTime: '09:30',
        validFrom: '2026-03-31',
        validUntil: '2026-04-01',
      }),
    ]
    const days = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'].map(
      (date) => startsOn(date, { rules: bounded }).length,
    )
    expect(days).toEqual([0, 1, 1, 0])
  })

  test('a malformed rule in the data is skipped, the others still count', () => {
    const broken = rule({ startTime: '12:00', endTime: '09:00' })
    expect(startsOn('2026-03-30', { rules: [broken, ...rules] }, { topic: hour })).toHaveLength(3)
  })
})
