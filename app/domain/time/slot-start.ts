import { isPlausibleYear } from './plausible-years'
// Slot starts travel in URLs as compact UTC instants ("20261201T0900Z"): no colons, no zone.
const SLOT_START = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/

export function encodeSlotStart(start: Date | string): string {
  const iso = new Date(start).toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`
}

/** The instant of an encoded slot start, or null when the text is not one. */
export function decodeSlotStart(value: string | undefined): Date | null {
  const match = value ? SLOT_START.exec(value) : null
  if (!match) return null
  const [, year, month, day, hour, minute] = match
  if (!isPlausibleYear(Number(year))) return null
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:00.000Z`)
  return Number.isNaN(date.getTime()) || encodeSlotStart(date) !== value ? null : date
}
