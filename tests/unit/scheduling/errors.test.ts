import { describe, expect, test } from 'vitest'
import {
  computeSlots,
  localDayRange,
  SchedulingError,
  type HolidayRegion,
  type SchedulingErrorCode,
} from '~/domain/scheduling'
import { at, noData, organisation, rule, site, topic } from '../../bench/slot-fixtures'

const now = at('2026-03-30 08:00')
const valid = {
  organisation: organisation(),
  sites: [site('site-1')],
  topic: topic(),
  mode: 'IN_PERSON' as const,
  now,
  range: { from: now, to: new Date(now.getTime() + 86_400_000) },
  data: noData,
}
type Input = Parameters<typeof computeSlots>[0]

function codeOf(input: Input): SchedulingErrorCode | undefined {
  try {
    computeSlots(input)
  } catch (error) {
    expect(error).toBeInstanceOf(SchedulingError)
    expect((error as Error).message.length).toBeGreaterThan(10)
    return (error as SchedulingError).code
  }
}

describe('computeSlots refuses bad input with a stable code', () => {
  const day = 86_400_000
  test.each<[string, Partial<Input>, SchedulingErrorCode]>([
    ['missing topic', { topic: null }, 'UNKNOWN_TOPIC'],
    ['zero duration', { topic: topic({ durationMinutes: 0 }) }, 'INVALID_TOPIC'],
    ['negative buffer', { topic: topic({ bufferMinutes: -5 }) }, 'INVALID_TOPIC'],
    ['site not given', { siteId: 'site-9' }, 'UNKNOWN_SITE'],
    ['advisor without rule', { advisorId: 'adv-z' }, 'UNKNOWN_ADVISOR'],
    [
      'phone not allowed',
      { mode: 'PHONE', topic: topic({ allowsPhone: false }) },
      'MODE_NOT_ALLOWED',
    ],
    ['in person not allowed', { topic: topic({ allowsInPerson: false }) }, 'MODE_NOT_ALLOWED'],
    ['phone with a site', { mode: 'PHONE', siteId: 'site-1' }, 'MODE_NOT_ALLOWED'],
    ['inverted range', { range: { from: now, to: new Date(now.getTime() - 1) } }, 'RANGE_INVERTED'],
    [
      'range past horizon',
      { range: { from: now, to: new Date(now.getTime() + 62 * day) } },
      'RANGE_TOO_LONG',
    ],
    ['invalid now', { now: new Date('nope') }, 'INVALID_DATE'],
    ['invalid range end', { range: { from: now, to: new Date(NaN) } }, 'INVALID_DATE'],
    [
      'bad organisation zone',
      { organisation: organisation({ timeZone: 'Europe/Pariss' }) },
      'INVALID_TIME_ZONE',
    ],
    ['bad site zone', { sites: [site('site-1', { timeZone: 'GMT+25' })] }, 'INVALID_TIME_ZONE'],
    [
      'bad region',
      { organisation: organisation({ holidayRegion: 'FR-971' as HolidayRegion }) },
      'INVALID_HOLIDAY_REGION',
    ],
    ['zero step', { organisation: organisation({ slotStepMinutes: 0 }) }, 'INVALID_SLOT_STEP'],
  ])('%s', (_, change, code) => {
    expect(codeOf({ ...valid, ...change })).toBe(code)
  })

  test('the valid baseline, a range of horizon plus one day, and a known advisor pass', () => {
    expect(codeOf(valid)).toBeUndefined()
    expect(
      codeOf({ ...valid, range: { from: now, to: new Date(now.getTime() + 61 * 86_400_000) } }),
    ).toBeUndefined()
    expect(codeOf({ ...valid, advisorId: 'adv-z', advisorIds: ['adv-z'] })).toBeUndefined()
    const data = { ...noData, rules: [rule({ advisorId: 'adv-z' })] }
    expect(codeOf({ ...valid, advisorId: 'adv-z', data })).toBeUndefined()
  })

  test("another site's bad zone does not break a search at one site", () => {
    const sites = [site('site-1'), site('site-2', { timeZone: 'Nowhere/City' })]
    expect(codeOf({ ...valid, sites, siteId: 'site-1' })).toBeUndefined()
    expect(codeOf({ ...valid, sites })).toBe('INVALID_TIME_ZONE')
  })

  test('localDayRange checks its zone too', () => {
    expect(() => localDayRange(now, 'Mars/Olympus')).toThrow(SchedulingError)
  })
})
