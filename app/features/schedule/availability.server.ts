import {
  computeSlots,
  findFirstAvailableSlot,
  findNextAvailableDay,
  localDayRange,
  schedulingDataWindow,
  searchSlots,
  slotTimeZone,
  SchedulingError,
  type DateRange,
  type Mode,
  type SchedulingQuery,
  type Slot,
  type SlotFilter,
} from '~/domain/scheduling'
import { MINUTE_MS } from '~/domain/scheduling/calendar'
import type { Db } from '~/platform/database/client.server'
import {
  ACTIVE_STATUSES,
  loadSchedulingContext,
  windowLoader,
  type SchedulingContext,
} from './scheduling-context.server'

export type AvailabilityRequest = {
  organisationId: string
  topicId: string
  mode: Mode
  siteId?: string | null
  advisorId?: string | null
  now: Date
}

/**
 * The one door from the app to the slot engine: every caller (public journey, booking
 * checks, moves, advisor views) asks here, with data read from the database. A caller
 * that has just read the organisation, topic and place itself (the week page) gives them
 * as `known` instead of having them read again.
 */
export async function availability(
  db: Db,
  request: AvailabilityRequest,
  known?: SchedulingContext,
) {
  const context =
    known ?? (await loadSchedulingContext(db, request.organisationId, request.topicId))
  if (!context)
    throw new SchedulingError('UNKNOWN_TOPIC', `Unknown organisation ${request.organisationId}`)
  const query: SchedulingQuery = {
    organisation: context.organisation,
    sites: context.sites,
    topic: context.topic,
    mode: request.mode,
    siteId: request.siteId ?? null,
    advisorId: request.advisorId ?? null,
    advisorIds: context.advisorIds,
    now: request.now,
  }
  const load = windowLoader(db, {
    organisationId: request.organisationId,
    mode: request.mode,
    siteId: request.siteId,
    advisorId: request.advisorId,
  })
  const slots = async (range: DateRange): Promise<Slot[]> => {
    const window = schedulingDataWindow(range, context.topic ?? { bufferMinutes: 0 })
    return computeSlots({ ...query, range, data: await load(window.from, window.to) })
  }
  return {
    query,
    /** What was read for the query: a second finder of the same topic can be given it. */
    context,
    /** Slots starting within the range. */
    slots,
    /** The slot starting exactly at `start` at this site (null: by phone), if one is free. */
    slotAt: async (start: Date, siteId: string | null): Promise<Slot | null> =>
      (await slots({ from: start, to: new Date(start.getTime() + MINUTE_MS) })).find(
        (slot) => slot.siteId === siteId && slot.start.getTime() === start.getTime(),
      ) ?? null,
    first: () => findFirstAvailableSlot(query, load),
    nextDay: (after: Date) => findNextAvailableDay(query, after, load),
    /** One page of matching slots from `after` (the phone booking search). */
    search: (search: { after: Date; filter: SlotFilter; limit: number }) =>
      searchSlots(query, load, search),
    /** Active appointments of the slot's advisors that local day: the assignment policy's input. */
    dayLoad: (slot: Slot) => {
      const day = localDayRange(slot.start, slotTimeZone(query, slot.siteId))
      return db.appointment.findMany({
        where: {
          advisorId: { in: slot.advisorIds },
          status: { in: [...ACTIVE_STATUSES] },
          startsAt: { gte: day.from, lt: day.to },
        },
        select: { advisorId: true },
      })
    },
  }
}
