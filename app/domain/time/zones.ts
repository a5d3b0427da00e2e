import { IANAZone } from 'luxon'
import { DAY_MS } from '../scheduling/calendar'

// luxon asks Intl for a zone's offset each time it builds a DateTime (about 10 µs), and a
// week of free times builds several hundred. A zone here remembers the offset of each UTC
// day over which it does not change, so a page asks Intl a few times per day shown; a day
// holding a clock change is answered instant by instant. Like DayClock (scheduling/zone.ts)
// it assumes at most one clock change within a day, true of every zone for decades.

const DAYS_PER_ZONE_LIMIT = 20_000
const ZONES_LIMIT = 1_000
const CHANGES_WITHIN_DAY = null

class RememberingZone extends IANAZone {
  private readonly offsetOfDay = new Map<number, number | typeof CHANGES_WITHIN_DAY>()

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY_MS)
    let offset = this.offsetOfDay.get(day)
    if (offset === undefined) {
      const atStart = super.offset(day * DAY_MS)
      offset = atStart === super.offset((day + 1) * DAY_MS - 1) ? atStart : CHANGES_WITHIN_DAY
      if (this.offsetOfDay.size >= DAYS_PER_ZONE_LIMIT) this.offsetOfDay.clear()
      this.offsetOfDay.set(day, offset)
    }
    return offset === CHANGES_WITHIN_DAY || Number.isNaN(offset) ? super.offset(ts) : offset
  }
}

const zones = new Map<string, RememberingZone>()

/** The IANA zone of this name, to pass to luxon wherever the zone is a place's name. */
export function timeZone(name: string): IANAZone {
  let zone = zones.get(name)
  if (!zone) {
    if (zones.size >= ZONES_LIMIT) zones.clear()
    zone = new RememberingZone(name)
    zones.set(name, zone)
  }
  return zone
}
