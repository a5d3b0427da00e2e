import { describe, expect, test } from 'vitest'
import {
  computeSlots,
  findFirstAvailableSlot,
  findNextAvailableDay,
  SchedulingError,
  searchSlots,
  type SchedulingData,
  type SchedulingQuery,
} from '~/domain/scheduling'
import {
  at,
  busy,
  inMemoryLoader,
  organisation,
  rule,
  site,
  topic,
} from '../../bench/slot-fixtures'

const DAY = 86_400_000
const now = at('2026-03-30 08:00') // Monday

const query = (overrides: Partial<SchedulingQuery> = {}): SchedulingQuery => ({
  organisation: organisation(),
  sites: [
    site('site-1'),
    site('site-reunion', { timeZone: 'Indian/Reunion', holidayRegion: 'FR-RE' }),
  ],
  topic: topic({ durationMinutes: 60, minNoticeMinutes: 120, horizonDays: 60 }),
  mode: 'IN_PERSON',
  now,
  ...overrides,
})

const mondayMornings = rule({ weekdays: [1], startTime: '09:00', endTime: '12:00' })
// Away the whole first week; the next Monday, 6 April 2026, is Easter Monday.
const awayFirstWeek: SchedulingData = {
  rules: [mondayMornings],
  absences: [busy('adv-a', at('2026-03-30 00:00'), 7 * 24 * 60)],
  appointments: [],
}

describe('findFirstAvailableSlot', () => {
  test('skips an empty week and a holiday, loading two chunks only', async () => {
    const { load, calls } = inMemoryLoader(awayFirstWeek)
    const slot = await findFirstAvailableSlot(query(), load)
    expect(slot).toEqual({
      start: at('2026-04-13 09:00'),
      end: at('2026-04-13 10:00'),
      siteId: 'site-1',
      advisorIds: ['adv-a'],
    })
    expect(calls).toHaveLength(2)
    expect(calls[1].to.getTime() - calls[0].to.getTime()).toBe(14 * DAY)
  })

  test('respects the minimum notice and stops at the first chunk with a slot', async () => {
    const { load, calls } = inMemoryLoader({
      rules: [mondayMornings],
      absences: [],
      appointments: [],
    })
    const slot = await findFirstAvailableSlot(query(), load)
    expect(slot?.start).toEqual(at('2026-03-30 10:00'))
    expect(calls).toHaveLength(1)
  })

  test('agrees with computeSlots over the whole horizon', async () => {
    const data: SchedulingData = {
      ...awayFirstWeek,
      appointments: [busy('adv-a', at('2026-04-13 09:00'), 45)],
    }
    const all = computeSlots({
      ...query(),
      range: { from: now, to: new Date(now.getTime() + 60 * DAY) },
      data,
    })
    const { load } = inMemoryLoader(data)
    expect(await findFirstAvailableSlot(query(), load)).toEqual(all[0])
    expect(all[0].start).toEqual(at('2026-04-13 09:45'))
  })

  test('returns null when the horizon is empty, scanning it in growing chunks', async () => {
    const { load, calls } = inMemoryLoader({ rules: [], absences: [], appointments: [] })
    expect(await findFirstAvailableSlot(query({ advisorIds: ['adv-a'] }), load)).toBeNull()
    const spans = calls.map((c) => Math.round((c.to.getTime() - c.from.getTime()) / DAY))
    expect(spans).toEqual([11, 18, 32, 15]) // 7, 14, 28 days and the rest, each plus margins
  })

  test('an advisor never seen in any rule nor listed is unknown', async () => {
    const { load } = inMemoryLoader(awayFirstWeek)
    const search = findFirstAvailableSlot(query({ advisorId: 'adv-z' }), load)
    await expect(search).rejects.toMatchObject({ code: 'UNKNOWN_ADVISOR' })
    await expect(search).rejects.toBeInstanceOf(SchedulingError)
    expect(
      await findFirstAvailableSlot(query({ advisorId: 'adv-z', advisorIds: ['adv-z'] }), load),
    ).toBeNull()
  })
})

describe('findNextAvailableDay', () => {
  test('the local date of the next slot after an empty week', async () => {
    const { load } = inMemoryLoader(awayFirstWeek)
    expect(await findNextAvailableDay(query(), at('2026-04-06 00:00'), load)).toBe('2026-04-13')
    expect(await findNextAvailableDay(query(), at('2026-04-13 11:30'), load)).toBe('2026-04-20')
  })

  test("the date is the site's, even when UTC is still on the day before", async () => {
    const night = rule({
      siteId: 'site-reunion',
      weekdays: [2],
      startTime: '01:00',
      endTime: '02:00',
    })
    const { load } = inMemoryLoader({ rules: [night], absences: [], appointments: [] })
    const q = query({ siteId: 'site-reunion' })
    expect(await findNextAvailableDay(q, now, load)).toBe('2026-03-31')
    expect((await findFirstAvailableSlot(q, load))?.start.toISOString()).toBe(
      '2026-03-30T21:00:00.000Z',
    )
  })

  test('null when nothing is left before the horizon', async () => {
    const { load } = inMemoryLoader(awayFirstWeek)
    const late = new Date(now.getTime() + 59 * DAY)
    expect(await findNextAvailableDay(query(), late, load)).toBeNull()
  })
})

describe('searchSlots: the phone booking search', () => {
  // Every weekday 9–12 and 14–17, one-hour slots; Thursday 2 April 2026 onwards.
  const days = {
    rules: [
      rule({ startTime: '09:00', endTime: '12:00' }),
      rule({ startTime: '14:00', endTime: '17:00' }),
      rule({ advisorId: 'adv-b', startTime: '14:00', endTime: '16:00', weekdays: [4] }),
    ],
    absences: [],
    appointments: [busy('adv-a', at('2026-04-02 14:00'), 60)],
  }
  const thursdayAfternoons = { weekdays: [4], partOfDay: 'AFTERNOON' as const }

  test('"jeudi après-midi": only Thursday afternoons, earliest first, over several weeks', async () => {
    const { load } = inMemoryLoader(days)
    const { slots, next } = await searchSlots(query({ siteId: 'site-1' }), load, {
      after: now,
      filter: thursdayAfternoons,
      limit: 7,
    })
    expect(slots.map((slot) => [slot.start, slot.advisorIds])).toEqual([
      [at('2026-04-02 14:00'), ['adv-b']],
      [at('2026-04-02 15:00'), ['adv-a', 'adv-b']],
      [at('2026-04-02 16:00'), ['adv-a']],
      [at('2026-04-09 14:00'), ['adv-a', 'adv-b']],
      [at('2026-04-09 15:00'), ['adv-a', 'adv-b']],
      [at('2026-04-09 16:00'), ['adv-a']],
      [at('2026-04-16 14:00'), ['adv-a', 'adv-b']],
    ])
    expect(next).toEqual(at('2026-04-16 15:00'))
  })

  test('pages follow on without repeating or skipping a slot', async () => {
    const { load } = inMemoryLoader(days)
    const all = await searchSlots(query({ siteId: 'site-1' }), load, {
      after: now,
      filter: { weekdays: [], partOfDay: 'MORNING' },
      limit: 1000,
    })
    const paged = []
    let after: Date | null = now
    while (after) {
      const page = await searchSlots(query({ siteId: 'site-1' }), load, {
        after,
        filter: { weekdays: [], partOfDay: 'MORNING' },
        limit: 10,
      })
      paged.push(...page.slots)
      after = page.next
    }
    expect(paged).toEqual(all.slots)
    expect(all.next).toBeNull()
    expect(all.slots.every((slot) => slot.start.getUTCHours() < 11)).toBe(true)
  })

  test('one advisor only when asked', async () => {
    const { load } = inMemoryLoader(days)
    const { slots } = await searchSlots(query({ siteId: 'site-1', advisorId: 'adv-b' }), load, {
      after: now,
      filter: { weekdays: [], partOfDay: null },
      limit: 3,
    })
    expect(slots.map((slot) => slot.start)).toEqual([
      at('2026-04-02 14:00'),
      at('2026-04-02 15:00'),
      at('2026-04-09 14:00'),
    ])
  })
})
