import { describe, expect, test } from 'vitest'
import {
  computeSlots,
  HOLIDAY_REGIONS,
  isHolidayRegion,
  isPublicHoliday,
  type HolidayRegion,
} from '~/domain/scheduling'
import { at, organisation, rule, site, topic } from '../../bench/slot-fixtures'

const ZONES: Record<HolidayRegion, string> = {
  'FR-METRO': 'Europe/Paris',
  'FR-ALSACE-MOSELLE': 'Europe/Paris',
  'FR-GP': 'America/Guadeloupe',
  'FR-MQ': 'America/Martinique',
  'FR-GF': 'America/Cayenne',
  'FR-RE': 'Indian/Reunion',
  'FR-YT': 'Indian/Mayotte',
  'FR-PM': 'America/Miquelon',
  'FR-BL': 'America/St_Barthelemy',
  'FR-MF': 'America/Marigot',
  'FR-NC': 'Pacific/Noumea',
  'FR-PF': 'Pacific/Tahiti',
  'FR-WF': 'Pacific/Wallis',
}

/** Whether a site of the region, open every day 09:00-10:00, offers a slot that date. */
function openOn(region: HolidayRegion, date: string): boolean {
  const zone = ZONES[region]
  const from = at(`${date} 00:00`, zone)
  return (
    computeSlots({
      organisation: organisation(),
      sites: [site('site-1', { timeZone: zone, holidayRegion: region })],
      topic: topic({ durationMinutes: 60 }),
      mode: 'IN_PERSON',
      now: new Date(from.getTime() - 86_400_000),
      range: { from, to: at(`${date} 23:59`, zone) },
      data: {
        rules: [rule({ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00', endTime: '10:00' })],
        absences: [],
        appointments: [],
      },
    }).length > 0
  )
}

describe('public holidays by region', () => {
  test.each<[HolidayRegion, string, string]>([
    ['FR-ALSACE-MOSELLE', '2026-04-03', 'Good Friday'],
    ['FR-ALSACE-MOSELLE', '2026-12-26', 'Saint Stephen'],
    ['FR-ALSACE-MOSELLE', '2027-03-26', 'Good Friday'],
    ['FR-GP', '2026-05-27', 'abolition of slavery'],
    ['FR-MQ', '2026-05-22', 'abolition of slavery'],
    ['FR-GF', '2026-06-10', 'abolition of slavery'],
    ['FR-RE', '2026-12-20', 'abolition of slavery'],
    ['FR-YT', '2026-04-27', 'abolition of slavery'],
    ['FR-BL', '2026-10-09', 'abolition of slavery'],
    ['FR-MF', '2026-05-27', 'abolition of slavery'],
    ['FR-NC', '2026-09-24', 'citizenship day'],
    ['FR-PF', '2026-03-05', 'arrival of the Gospel'],
    ['FR-PF', '2026-11-20', 'Matari’i'],
    ['FR-WF', '2026-07-29', 'territory day'],
    ['FR-WF', '2026-04-28', 'Saint Pierre Chanel'],
  ])('%s is closed on %s (%s), metropolitan France is open', (region, date) => {
    expect(isPublicHoliday(region, date)).toBe(true)
    expect(openOn(region, date)).toBe(false)
    expect(isPublicHoliday('FR-METRO', date)).toBe(false)
    expect(openOn('FR-METRO', date)).toBe(true)
  })

  test.each(HOLIDAY_REGIONS)('%s closes on the national holidays', (region) => {
    for (const date of ['2026-01-01', '2026-05-01', '2026-07-14', '2026-12-25', '2027-05-06']) {
      expect(openOn(region, date)).toBe(false)
    }
    expect(openOn(region, '2026-07-15')).toBe(true)
  })

  test('Saint-Pierre-et-Miquelon has the national holidays in its own zone', () => {
    // Its calendar adds no day of its own; Easter Monday and Whit Monday are off there too.
    for (const date of ['2026-04-06', '2026-05-25', '2026-11-11']) {
      expect(isPublicHoliday('FR-PM', date)).toBe(true)
      expect(openOn('FR-PM', date)).toBe(false)
    }
  })

  test('observances such as Pentecost Sunday or Mothers’ Day are working days', () => {
    expect(isPublicHoliday('FR-METRO', '2026-05-24')).toBe(false)
    expect(isPublicHoliday('FR-METRO', '2026-05-31')).toBe(false)
  })

  test('region names are a closed list', () => {
    expect(HOLIDAY_REGIONS.every(isHolidayRegion)).toBe(true)
    expect(isHolidayRegion('FR')).toBe(false)
    expect(isHolidayRegion('FR-971')).toBe(false)
  })
})
