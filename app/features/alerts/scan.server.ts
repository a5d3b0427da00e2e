import { earliestOfferable, nextAlert, scanStep, worthAlerting } from '~/domain/alerts/earlier-slot'
import { endOfQuietHours } from '~/domain/notifications/policy'
import {
  canReach,
  cancelPendingAlerts,
  EARLIER_SLOT_PREFIX,
  earlierSlotTarget,
  MESSAGE_TARGET,
  notifyEarlierSlot,
} from '~/features/notifications/index.server'
import type { Db } from '~/platform/database/client.server'
import { isPlaceGone, placeFinder, REQUEST_PLACE } from './place.server'

// The worker's scan for earlier free times (docs/decisions/083-earlier-slot-alerts.md). It
// compares what is free now with what each active request was last offered, rather than
// reacting to the change that freed a time: a cancellation, a move, an absence removed or
// new opening hours all free time the same way, and a crash or a restart loses nothing
// the next scan will not see. Every instance runs it (app/main/background.ts); an alert is
// written by a conditional
// update of its request's count, so two scans at once write it once.

const ANY_TIME = { weekdays: [], partOfDay: null }

function activeRequests(db: Db) {
  return db.earlierSlotRequest.findMany({
    where: { status: 'ACTIVE' },
    // The oldest request first: its alert is written, and so sent, first.
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      ...REQUEST_PLACE,
      alertsSent: true,
      maxAlerts: true,
      offeredStartsAt: true,
      resident: MESSAGE_TARGET.resident,
      appointment: { select: { status: true, startsAt: true, ...MESSAGE_TARGET } },
      site: { select: { timeZone: true } },
      organisation: { select: { timeZone: true, quietHoursStart: true, quietHoursEnd: true } },
      notifications: {
        where: {
          kind: { startsWith: EARLIER_SLOT_PREFIX },
          status: { in: ['PENDING', 'SENDING'] },
        },
        select: { id: true },
        take: 1,
      },
    },
  })
}
type ActiveRequest = Awaited<ReturnType<typeof activeRequests>>[number]

/**
 * One scan: ends the requests whose appointment is no longer to come, then, per topic and
 * place, finds the earliest free time an alert could still offer and alerts every request
 * it is earlier for (the oldest first). Returns what it wrote.
 */
export async function scanEarlierSlots(db: Db, now: Date) {
  const looking = new Map<string, { request: ActiveRequest; before: Date | null }[]>()
  let ended = 0
  for (const request of await activeRequests(db)) {
    const step = scanStep(
      {
        ...request,
        alertPending: request.notifications.length > 0,
        reachable: canReach(earlierSlotTarget(request)),
      },
      now,
    )
    if (step.kind === 'END') ended += await endRequest(db, request.id)
    if (step.kind !== 'LOOK') continue
    const place = [request.organisationId, request.topicId, request.mode, request.siteId].join('|')
    looking.set(place, [...(looking.get(place) ?? []), { request, before: step.before }])
  }
  let alerts = 0
  const failures: unknown[] = []
  for (const group of looking.values()) {
    try {
      alerts += await alertGroup(db, group, now)
    } catch (error) {
      // One topic or place that cannot be computed does not hold back the others.
      failures.push(error)
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, 'earlier-slot scan: some places failed')
  return { alerts, ended }
}

async function alertGroup(
  db: Db,
  group: { request: ActiveRequest; before: Date | null }[],
  now: Date,
) {
  const { request: first } = group[0]!
  const zone = first.site?.timeZone ?? first.organisation.timeZone
  const quiet = { start: first.organisation.quietHoursStart, end: first.organisation.quietHoursEnd }
  // Written now, an alert waits for the end of quiet hours: it offers a time after that.
  const dueAt = endOfQuietHours(now, zone, quiet)
  const after = earliestOfferable(dueAt, now)
  let slot
  try {
    const finder = await placeFinder(db, first, now)
    ;[slot] = (await finder.search({ after, filter: ANY_TIME, limit: 1 })).slots
  } catch (error) {
    if (!isPlaceGone(error)) throw error
    for (const { request } of group) await endRequest(db, request.id)
    return 0
  }
  if (!slot) return 0
  let written = 0
  for (const { request, before } of group) {
    if (!worthAlerting(slot.start, request, before)) continue
    if (await writeAlert(db, request, slot.start, dueAt)) written += 1
  }
  return written
}

/** Rolls back an alert whose resident can no longer be reached (changed since the read). */
class NobodyToReach extends Error {}

/**
 * The alert and its count in one transaction: the update holds only if the request still
 * has the count this scan read, so a second scan at the same moment writes nothing (and
 * the outbox's unique request and kind would refuse a second row anyway).
 */
async function writeAlert(db: Db, request: ActiveRequest, start: Date, dueAt: Date) {
  const { number, last } = nextAlert(request)
  try {
    return await db.$transaction(async (tx) => {
      const { count } = await tx.earlierSlotRequest.updateMany({
        where: { id: request.id, status: 'ACTIVE', alertsSent: request.alertsSent },
        data: { alertsSent: number, offeredStartsAt: start, ...(last ? { status: 'DONE' } : {}) },
      })
      if (count === 0) return false
      if (!(await notifyEarlierSlot(tx, request.id, number, dueAt))) throw new NobodyToReach()
      return true
    })
  } catch (error) {
    if (error instanceof NobodyToReach) return false
    throw error
  }
}

/** Its appointment is no longer to come, or its place no longer offered: the request ends. */
async function endRequest(db: Db, requestId: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.earlierSlotRequest.updateMany({
      where: { id: requestId, status: 'ACTIVE' },
      data: { status: 'DONE', offeredStartsAt: null },
    })
    if (count > 0) await cancelPendingAlerts(tx, requestId, 'nothing left to offer')
    return count
  })
}
