import Holidays from 'date-holidays'
import { parseLocalDate, yearOf } from './calendar'

export const HOLIDAY_REGIONS = [
  'FR-METRO',
  'FR-ALSACE-MOSELLE',
  'FR-GP',
  'FR-MQ',
  'FR-GF',
  'FR-RE',
  'FR-YT',
  'FR-PM',
  'FR-BL',
  'FR-MF',
  'FR-NC',
  'FR-PF',
  'FR-WF',
] as const

export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number]

/**
 * date-holidays country and state of each region. Moselle (57), Bas-Rhin (67) and
 * Haut-Rhin (68) share the same extra days (Good Friday, 26 December), so 57 stands for
 * Alsace-Moselle. The overseas collectivities have calendars of their own (New
 * Caledonia's 24 September, French Polynesia's 5 March, Wallis-et-Futuna's 29 July,
 * Saint-Barthélemy's 9 October…). An unknown state makes date-holidays fall back silently
 * to the whole country, hence this closed list.
 */
export const DATE_HOLIDAYS_CODES: Record<HolidayRegion, { country: string; state?: string }> = {
  'FR-METRO': { country: 'FR' },
  'FR-ALSACE-MOSELLE': { country: 'FR', state: '57' },
  'FR-GP': { country: 'FR', state: 'GP' },
  'FR-MQ': { country: 'FR', state: 'MQ' },
  'FR-GF': { country: 'FR', state: 'GF' },
  'FR-RE': { country: 'FR', state: 'RE' },
  'FR-YT': { country: 'FR', state: 'YT' },
  'FR-PM': { country: 'PM' },
  'FR-BL': { country: 'BL' },
  'FR-MF': { country: 'MF' },
  'FR-NC': { country: 'NC' },
  'FR-PF': { country: 'PF' },
  'FR-WF': { country: 'WF' },
}

export function isHolidayRegion(value: unknown): value is HolidayRegion {
  return typeof value === 'string' && (HOLIDAY_REGIONS as readonly string[]).includes(value)
}

// Building a date-holidays calendar and listing a year take milliseconds: both are cached.
const calendars = new Map<HolidayRegion, Holidays>()
const holidayDays = new Map<string, Set<number>>()

function calendarOf(region: HolidayRegion): Holidays {
  let calendar = calendars.get(region)
  if (!calendar) {
    const { country, state } = DATE_HOLIDAYS_CODES[region]
    calendar = state ? new Holidays(country, state) : new Holidays(country)
    calendars.set(region, calendar)
  }
  return calendar
}

function holidaysOfYear(region: HolidayRegion, year: number): ReadonlySet<number> {
  const key = `${region}:${year}`
  let days = holidayDays.get(key)
  if (!days) {
    // Only days off by law: date-holidays also lists observances such as Mother's Day.
    const publicDays = calendarOf(region)
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => parseLocalDate(holiday.date.slice(0, 10)))
    days = new Set(publicDays.filter((day): day is number => day !== null))
    holidayDays.set(key, days)
  }
  return days
}

/** Public holidays of the region from one local day to another (day numbers). */
export function holidaysBetween(
  region: HolidayRegion,
  firstDay: number,
  lastDay: number,
): ReadonlySet<number> {
  const [firstYear, lastYear] = [yearOf(firstDay), yearOf(lastDay)]
  if (firstYear === lastYear) return holidaysOfYear(region, firstYear)
  const days = new Set<number>()
  for (let year = firstYear; year <= lastYear; year++) {
    for (const day of holidaysOfYear(region, year)) days.add(day)
  }
  return days
}

/** Whether a local date ("YYYY-MM-DD") is a public holiday in the region. */
export function isPublicHoliday(region: HolidayRegion, localDate: string): boolean {
  const day = parseLocalDate(localDate)
  return day !== null && holidaysOfYear(region, yearOf(day)).has(day)
}
