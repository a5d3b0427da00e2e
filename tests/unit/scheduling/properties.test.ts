// Invariants of the slot engine on generated rules, busy time, zones and `now`, each
// checked independently of the engine: wall times with luxon, holidays with date-holidays.
import Holidays from 'date-holidays'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import {
  computeSlots,
  findFirstAvailableSlot,
  schedulingDataWindow,
  type HolidayRegion,
  type OpeningRule,
  type SchedulingData,
  type SchedulingQuery,
  type Slot,
} from '~/domain/scheduling'
import { inMemoryLoader } from '../../bench/slot-fixtures'

const MINUTE = 60_000
const DAY = 86_400_000
const ADVISORS = ['adv-a', 'adv-b', 'adv-c']

type Place = { zone: string; region: HolidayRegion; state?: string }
const PLACES: Place[] = [
  { zone: 'Europe/Paris', region: 'FR-METRO' },
  { zone: 'Europe/Paris', region: 'FR-ALSACE-MOSELLE', state: '57' },
  { zone: 'America/Guadeloupe', region: 'FR-GP', state: 'GP' },
  { zone: 'America/Martinique', region: 'FR-MQ', state: 'MQ' },
  { zone: 'America/Cayenne', region: 'FR-GF', state: 'GF' },
  { zone: 'Indian/Reunion', region: 'FR-RE', state: 'RE' },
  { zone: 'Indian/Mayotte', region: 'FR-YT', state: 'YT' },
]
// Weeks holding clock changes and regional holidays.
const BASE_DATES = [
  '2026-03-25',
  '2026-05-20',
  '2026-10-21',
  '2026-12-19',
  '2027-03-24',
  '2027-10-27',
]

const every5 = (min: number, max: number) =>
  fc.integer({ min: min / 5, max: max / 5 }).map((n) => n * 5)

const ruleArb = fc.record({
  advisorId: fc.constantFrom(...ADVISORS),
  siteId: fc.constantFrom('site-1', 'site-2', null),
  weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
  // Usual opening times often, so that advisors share slots; night times for clock changes.
  startMinute: fc.oneof(every5(0, 1430), fc.constantFrom(60, 90, 120, 540, 600, 840)),
  minutes: every5(15, 600),
  everyNWeeks: fc.integer({ min: 1, max: 3 }),
  fromDays: fc.integer({ min: -30, max: 15 }),
  forDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  topicIds: fc.constantFrom([], ['topic'], ['other'], ['other', 'topic']),
})

const busyArb = (maxMinutes: number) =>
  fc.record({
    advisorId: fc.constantFrom(...ADVISORS),
    fromNow: every5(-1440, 16 * 1440),
    minutes: every5(5, maxMinutes),
  })

const scenarioArb = fc.record({
  organisation: fc.constantFrom(...PLACES),
  site1: fc.option(fc.constantFrom(...PLACES), { nil: null }),
  site2: fc.option(fc.constantFrom(...PLACES), { nil: null }),
  baseDate: fc.constantFrom(...BASE_DATES),
  nowMinutes: fc.integer({ min: 0, max: 7 * 1440 }),
  duration: fc.constantFrom(15, 20, 30, 45, 60, 90),
  buffer: fc.constantFrom(0, 5, 10, 15),
  notice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2880 })),
  horizon: fc.integer({ min: 1, max: 14 }),
  step: fc.constantFrom(null, 5, 10, 15, 20),
  mode: fc.constantFrom('IN_PERSON' as const, 'PHONE' as const),
  oneSite: fc.boolean(),
  oneAdvisor: fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    { arbitrary: fc.constantFrom(...ADVISORS), weight: 1 },
  ),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
  // Copies every rule for the next advisor, so that slots are shared and then split.
  twinRules: fc.boolean(),
  appointments: fc.array(busyArb(180), { maxLength: 20 }),
  absences: fc.array(busyArb(2 * 1440), { maxLength: 4 }),
})

type Generated = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never
type Scenario = {
  query: SchedulingQuery
  data: SchedulingData
  placeOf: (siteId: string | null) => Place
}

function build(s: Generated): Scenario {
  const now = DateTime.fromISO(s.baseDate, { zone: 'UTC' })
    .plus({ minutes: s.nowMinutes })
    .toJSDate()
  const nowDate = DateTime.fromJSDate(now, { zone: 'UTC' })
  const date = (days: number) => nowDate.plus({ days }).toISODate()!
  const time = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  const twin = (id: string) => ADVISORS[(ADVISORS.indexOf(id) + 1) % ADVISORS.length]
  const generated = s.twinRules
    ? [...s.rules, ...s.rules.map((r) => ({ ...r, advisorId: twin(r.advisorId) }))]
    : s.rules
  // By phone, site-2's rules become phone rules too, so that phone searches find slots.
  const rules: OpeningRule[] = generated.map((r) => ({
    advisorId: r.advisorId,
    siteId: s.mode === 'PHONE' && r.siteId === 'site-2' ? null : r.siteId,
    weekdays: r.weekdays,
    startTime: time(r.startMinute),
    endTime: time(Math.min(r.startMinute + r.minutes, 23 * 60 + 59)),
    everyNWeeks: r.everyNWeeks,
    validFrom: date(r.fromDays),
    validUntil: r.forDays === null ? null : date(r.fromDays + r.forDays),
    topicIds: r.topicIds,
  }))
  const interval = (b: { advisorId: string; fromNow: number; minutes: number }) => ({
    advisorId: b.advisorId,
    start: new Date(now.getTime() + b.fromNow * MINUTE),
    end: new Date(now.getTime() + (b.fromNow + b.minutes) * MINUTE),
  })
  const site = (id: string, place: Place | null) => ({
    id,
    timeZone: place?.zone ?? null,
    holidayRegion: place?.region ?? null,
  })
  const placeOf = (siteId: string | null) =>
    (siteId === 'site-1' ? s.site1 : siteId === 'site-2' ? s.site2 : null) ?? s.organisation
  return {
    query: {
      organisation: {
        id: 'org',
        timeZone: s.organisation.zone,
        holidayRegion: s.organisation.region,
        slotStepMinutes: s.step,
      },
      sites: [site('site-1', s.site1), site('site-2', s.site2)],
      topic: {
        id: 'topic',
        durationMinutes: s.duration,
        bufferMinutes: s.buffer,
        minNoticeMinutes: s.notice,
        horizonDays: s.horizon,
        allowsInPerson: true,
        allowsPhone: true,
      },
      mode: s.mode,
      siteId: s.mode === 'IN_PERSON' && s.oneSite ? 'site-1' : null,
      advisorId: s.oneAdvisor,
      advisorIds: ADVISORS,
      now,
    },
    data: { rules, appointments: s.appointments.map(interval), absences: s.absences.map(interval) },
    placeOf,
  }
}

const holidayCache = new Map<string, Set<string>>()
function isHoliday(place: Place, date: string): boolean {
  const key = `${place.region}${date.slice(0, 4)}`
  let dates = holidayCache.get(key)
  if (!dates) {
    const calendar = place.state ? new Holidays('FR', place.state) : new Holidays('FR')
    const list = calendar.getHolidays(Number(date.slice(0, 4))).filter((h) => h.type === 'public')
    holidayCache.set(key, (dates = new Set(list.map((h) => h.date.slice(0, 10)))))
  }
  return dates.has(date)
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))
// luxon's week arithmetic takes about 0.2 ms: remember each pair of dates.
const weeks = new Map<string, number>()
function weeksBetween(from: string, to: string): number {
  const key = `${from} ${to}`
  let count = weeks.get(key)
  if (count === undefined) {
    const monday = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).startOf('week')
    count = monday(to).diff(monday(from), 'weeks').weeks
    weeks.set(key, count)
  }
  return count
}

/** The rule of `advisorId` that holds the slot, checked with luxon wall times. */
function holdingRule(scenario: Scenario, slot: Slot, advisorId: string): OpeningRule | undefined {
  const { zone } = scenario.placeOf(slot.siteId)
  const start = DateTime.fromJSDate(slot.start, { zone })
  const end = DateTime.fromJSDate(slot.end, { zone })
  const date = start.toISODate()!
  if (end.toISODate() !== date) return undefined
  const [from, to] = [start.hour * 60 + start.minute, end.hour * 60 + end.minute]
  if (to - from !== scenario.query.topic!.durationMinutes) return undefined
  return scenario.data.rules.find(
    (r) =>
      r.advisorId === advisorId &&
      r.siteId === slot.siteId &&
      (r.topicIds.length === 0 || r.topicIds.includes('topic')) &&
      r.weekdays.includes(start.weekday) &&
      r.validFrom <= date &&
      (r.validUntil === null || date <= r.validUntil) &&
      weeksBetween(r.validFrom, date) % r.everyNWeeks === 0 &&
      minutesOf(r.startTime) <= from &&
      to <= minutesOf(r.endTime),
  )
}

const sameWallTime = (a: DateTime, b: DateTime) =>
  a.hour === b.hour && a.minute === b.minute && a.toISODate() === b.toISODate()

/** Every invariant the slot breaks, by name: one `expect` per slot keeps runs fast. */
function brokenInvariants(scenario: Scenario, slot: Slot): string[] {
  const { query, data } = scenario
  const topic = query.topic!
  const [start, end] = [slot.start.getTime(), slot.end.getTime()]
  const place = scenario.placeOf(slot.siteId)
  const local = DateTime.fromJSDate(slot.start, { zone: place.zone })
  const hourBefore = DateTime.fromMillis(start - 3_600_000, { zone: place.zone })
  const buffer = topic.bufferMinutes * MINUTE
  const meets = (a: { start: Date; end: Date }, margin: number) =>
    a.start.getTime() - margin < end && a.end.getTime() + margin > start
  const checks: [string, boolean][] = [
    ['duration', end - start === topic.durationMinutes * MINUTE],
    ['notice', start >= query.now.getTime() + topic.minNoticeMinutes * MINUTE],
    ['horizon', end <= query.now.getTime() + topic.horizonDays * DAY],
    ['mode', (slot.siteId === null) === (query.mode === 'PHONE')],
    ['site filter', !query.siteId || slot.siteId === query.siteId],
    ['advisor filter', !query.advisorId || slot.advisorIds.join() === query.advisorId],
    ['advisors sorted', slot.advisorIds.join() === [...new Set(slot.advisorIds)].sort().join()],
    ['holiday', !isHoliday(place, local.toISODate()!)],
    // A wall time of the repeated hour means its first occurrence.
    ['first occurrence', !sameWallTime(hourBefore, local)],
  ]
  for (const advisorId of slot.advisorIds) {
    const mine = <T extends { advisorId: string }>(list: readonly T[]) =>
      list.filter((item) => item.advisorId === advisorId)
    checks.push(
      [`rule of ${advisorId}`, holdingRule(scenario, slot, advisorId) !== undefined],
      [`appointments of ${advisorId}`, !mine(data.appointments).some((a) => meets(a, buffer))],
      [`absences of ${advisorId}`, !mine(data.absences).some((a) => meets(a, 0))],
    )
  }
  return checks.filter(([, ok]) => !ok).map(([name]) => name)
}

function horizonSlots(scenario: Scenario): Slot[] {
  const { now, topic } = scenario.query
  const range = { from: now, to: new Date(now.getTime() + topic!.horizonDays * DAY) }
  return computeSlots({ ...scenario.query, range, data: scenario.data })
}

// Generous timeouts: a loaded CI machine runs these several times slower.
const slow = { timeout: 30_000 }

describe('slot engine invariants', () => {
  test(
    'slots avoid busy time and holidays, fit a valid rule, the window and the duration',
    slow,
    () => {
      fc.assert(
        fc.property(scenarioArb, (s) => {
          const scenario = build(s)
          const slots = horizonSlots(scenario)
          for (const slot of slots)
            expect(brokenInvariants(scenario, slot), slot.start.toISOString()).toEqual([])
          const keys = slots.map((slot) => `${slot.start.toISOString()} ${slot.siteId}`)
          expect(new Set(keys).size).toBe(keys.length)
          const starts = slots.map((slot) => slot.start.getTime())
          expect(starts).toEqual([...starts].sort((a, b) => a - b))
        }),
        { numRuns: 150 },
      )
    },
  )

  test('a sub-range computed from its data window gives the same slots', slow, () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 14 * 1440 }),
        fc.integer({ min: 1, max: 5 * 1440 }),
        (s, offset, length) => {
          const scenario = build(s)
          const from = new Date(scenario.query.now.getTime() + offset * MINUTE)
          const minutes = Math.min(length, s.horizon * 1440)
          const range = { from, to: new Date(from.getTime() + minutes * MINUTE) }
          const window = schedulingDataWindow(range, scenario.query.topic!)
          const overlaps = (i: { start: Date; end: Date }) =>
            i.start < window.to && i.end > window.from
          const data = {
            rules: scenario.data.rules,
            appointments: scenario.data.appointments.filter(overlaps),
            absences: scenario.data.absences.filter(overlaps),
          }
          const expected = horizonSlots(scenario).filter(
            (slot) => slot.start >= range.from && slot.start < range.to,
          )
          expect(computeSlots({ ...scenario.query, range, data })).toEqual(expected)
        },
      ),
      { numRuns: 100 },
    )
  })

  test('the first available slot is the first of the whole horizon', slow, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const scenario = build(s)
        const { load } = inMemoryLoader(scenario.data)
        expect(await findFirstAvailableSlot(scenario.query, load)).toEqual(
          horizonSlots(scenario)[0] ?? null,
        )
      }),
      { numRuns: 100 },
    )
  })
})
