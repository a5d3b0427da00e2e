// Builders and seeded data generators for the slot engine's tests and benchmarks. The
// generators return plain engine inputs, so a database variant can insert the same data.
import { DateTime } from 'luxon'
import type {
  Absence,
  ActiveAppointment,
  HolidayRegion,
  LoadWindow,
  OpeningRule,
  SchedulingData,
  SchedulingOrganisation,
  SchedulingQuery,
  SchedulingSite,
  SchedulingTopic,
} from '~/domain/scheduling'

export function organisation(
  overrides: Partial<SchedulingOrganisation> = {},
): SchedulingOrganisation {
  return {
    id: 'org',
    timeZone: 'Europe/Paris',
    holidayRegion: 'FR-METRO',
    slotStepMinutes: null,
    ...overrides,
  }
}

export function site(id: string, overrides: Partial<SchedulingSite> = {}): SchedulingSite {
  return { id, timeZone: null, holidayRegion: null, ...overrides }
}

export function topic(overrides: Partial<SchedulingTopic> = {}): SchedulingTopic {
  return {
    id: 'topic',
    durationMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 60,
    allowsInPerson: true,
    allowsPhone: true,
    ...overrides,
  }
}

export function rule(overrides: Partial<OpeningRule> = {}): OpeningRule {
  return {
    advisorId: 'adv-a',
    siteId: 'site-1',
    weekdays: [1, 2, 3, 4, 5],
    startTime: '09:00',
    endTime: '12:00',
    everyNWeeks: 1,
    validFrom: '2026-01-01',
    validUntil: null,
    topicIds: [],
    ...overrides,
  }
}

/** An instant from a local wall time: at('2026-03-30 09:00', 'Europe/Paris'). */
export function at(local: string, zone = 'Europe/Paris'): Date {
  const instant = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone })
  if (!instant.isValid) throw new Error(`Bad local time ${local} in ${zone}`)
  return instant.toJSDate()
}

export function busy(advisorId: string, start: Date, minutes: number): ActiveAppointment & Absence {
  return { advisorId, start, end: new Date(start.getTime() + minutes * 60_000) }
}

export const noData: SchedulingData = { rules: [], absences: [], appointments: [] }

/** An in-memory LoadWindow over fixed data that records the windows asked for. */
export function inMemoryLoader(data: SchedulingData) {
  const calls: { from: Date; to: Date }[] = []
  const load: LoadWindow = async (from, to) => {
    calls.push({ from, to })
    // Milliseconds, not Date objects: comparing Dates converts them on every test.
    const [fromMs, toMs] = [from.getTime(), to.getTime()]
    const overlaps = (i: { start: Date; end: Date }) =>
      i.start.getTime() < toMs && i.end.getTime() > fromMs
    return {
      rules: data.rules,
      absences: data.absences.filter(overlaps),
      appointments: data.appointments.filter(overlaps),
    }
  }
  return { load, calls }
}

/** Small, fast, seeded PRNG (mulberry32): the same data on every run and machine. */
export function randomSource(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]
  return { next, int, pick }
}

type Random = ReturnType<typeof randomSource>

export type Scenario = {
  query: SchedulingQuery
  range: { from: Date; to: Date }
  data: SchedulingData
}

const BENCH_NOW = '2026-03-02 08:00'

/**
 * Bench (a): one site, `advisors` advisors working weekday mornings and afternoons (every
 * fourth one every other week), with non-overlapping appointments of 30 to 60 minutes
 * and half-day or full-day absences, over `weeks` weeks from Monday 2 March 2026.
 */
export function oneSiteScenario(
  options: {
    seed?: number
    advisors?: number
    weeks?: number
    appointments?: number
    absences?: number
  } = {},
): Scenario {
  const { seed = 1, advisors = 20, weeks = 8, appointments = 2_000, absences = 100 } = options
  const random = randomSource(seed)
  const advisorIds = Array.from(
    { length: advisors },
    (_, i) => `adv-${String(i + 1).padStart(2, '0')}`,
  )
  const rules = advisorIds.flatMap((advisorId, i) =>
    ['09:00-12:30', '13:30-17:00'].map((hours) => {
      const [startTime, endTime] = hours.split('-')
      const everyNWeeks = i % 4 === 3 ? 2 : 1
      return rule({
        advisorId,
        siteId: 'site-1',
        startTime,
        endTime,
        everyNWeeks,
        validFrom: '2026-01-05',
      })
    }),
  )
  const now = at(BENCH_NOW)
  const workdays = weekdaysFrom(BENCH_NOW.slice(0, 10), weeks)
  return {
    query: {
      organisation: organisation(),
      sites: [site('site-1')],
      topic: topic({
        durationMinutes: 30,
        bufferMinutes: 5,
        minNoticeMinutes: 120,
        horizonDays: weeks * 7 + 4,
      }),
      mode: 'IN_PERSON',
      now,
    },
    range: { from: now, to: new Date(now.getTime() + weeks * 7 * 86_400_000) },
    data: {
      rules,
      appointments: bookedAppointments(random, advisorIds, workdays, 'Europe/Paris', appointments),
      absences: Array.from({ length: absences }, () =>
        absence(random, advisorIds, workdays, 'Europe/Paris'),
      ),
    },
  }
}

/**
 * Bench (b): `sites` sites (every tenth overseas, in its own zone and holiday region),
 * two advisors each holding a weekly half-day there, and appointments over 8 weeks.
 * `awayDays` puts every advisor on leave for that many first days, so the search for
 * the first slot has to move past empty chunks.
 */
export function networkScenario(
  options: {
    seed?: number
    sites?: number
    appointments?: number
    awayDays?: number
  } = {},
): Scenario {
  const { seed = 2, sites: siteCount = 50, appointments = 3_000, awayDays = 0 } = options
  const random = randomSource(seed)
  const overseas: [string, HolidayRegion][] = [
    ['America/Guadeloupe', 'FR-GP'],
    ['Indian/Reunion', 'FR-RE'],
    ['America/Cayenne', 'FR-GF'],
  ]
  const sites: SchedulingSite[] = []
  const rules: OpeningRule[] = []
  const zoneOfAdvisor = new Map<string, string>()
  for (let i = 1; i <= siteCount; i++) {
    const siteId = `site-${String(i).padStart(2, '0')}`
    const [timeZone, holidayRegion] =
      i % 10 === 0 ? overseas[(i / 10) % overseas.length] : [null, null]
    sites.push(site(siteId, { timeZone, holidayRegion }))
    for (const n of [1, 2]) {
      const advisorId = `${siteId}-adv-${n}`
      zoneOfAdvisor.set(advisorId, timeZone ?? 'Europe/Paris')
      const [startTime, endTime] = random
        .pick(['09:00-12:00', '14:00-17:00', '08:30-12:30'] as const)
        .split('-')
      rules.push(
        rule({
          advisorId,
          siteId,
          weekdays: [random.int(1, 5)],
          startTime,
          endTime,
          validFrom: '2026-01-05',
        }),
      )
    }
  }
  const now = at(BENCH_NOW)
  const advisorIds = [...zoneOfAdvisor.keys()]
  const workdays = weekdaysFrom(BENCH_NOW.slice(0, 10), 8)
  const booked = advisorIds.flatMap((advisorId) =>
    bookedAppointments(
      random,
      [advisorId],
      workdays,
      zoneOfAdvisor.get(advisorId)!,
      Math.round(appointments / advisorIds.length),
    ),
  )
  const away = advisorIds.map((advisorId) => busy(advisorId, now, awayDays * 24 * 60))
  return {
    query: {
      organisation: organisation(),
      sites,
      topic: topic({
        durationMinutes: 45,
        bufferMinutes: 0,
        minNoticeMinutes: 120,
        horizonDays: 60,
      }),
      mode: 'IN_PERSON',
      now,
    },
    range: { from: now, to: new Date(now.getTime() + 56 * 86_400_000) },
    data: { rules, appointments: booked, absences: awayDays > 0 ? away : [] },
  }
}

function weekdaysFrom(firstDate: string, weeks: number): string[] {
  const first = DateTime.fromISO(firstDate, { zone: 'UTC' })
  return Array.from({ length: weeks * 7 }, (_, i) => first.plus({ days: i }))
    .filter((day) => day.weekday <= 5)
    .map((day) => day.toISODate()!)
}

/** Appointments on a quarter-hour grid between 09:00 and 17:00, never overlapping per advisor. */
function bookedAppointments(
  random: Random,
  advisorIds: string[],
  days: string[],
  zone: string,
  count: number,
): ActiveAppointment[] {
  const taken = new Map<string, { start: number; end: number }[]>()
  const result: ActiveAppointment[] = []
  for (let attempt = 0; result.length < count && attempt < count * 20; attempt++) {
    const advisorId = random.pick(advisorIds)
    const minutes = random.pick([30, 30, 45, 60])
    const quarter = random.int(0, (8 * 60 - minutes) / 15)
    const start = at(`${random.pick(days)} 09:00`, zone).getTime() + quarter * 15 * 60_000
    const end = start + minutes * 60_000
    const mine = taken.get(advisorId) ?? []
    if (mine.some((b) => b.start < end && b.end > start)) continue
    taken.set(advisorId, [...mine, { start, end }])
    result.push({ advisorId, start: new Date(start), end: new Date(end) })
  }
  return result
}

function absence(random: Random, advisorIds: string[], days: string[], zone: string): Absence {
  const day = random.pick(days)
  const [from, to] = random.pick([
    ['08:00', '18:00'],
    ['09:00', '12:30'],
    ['13:30', '17:00'],
  ])
  return {
    advisorId: random.pick(advisorIds),
    start: at(`${day} ${from}`, zone),
    end: at(`${day} ${to}`, zone),
  }
}
