import {
  addCounts,
  advisorDue,
  cutoffsOf,
  DEFAULT_PERIODS,
  noCounts,
  type RetentionCutoffs,
  type RetentionPeriods,
  type RunCount,
  type RunCounts,
} from '~/domain/retention/periods'
import type { Db } from '~/platform/database/client.server'
import { isUniqueViolation } from '~/platform/database/errors.server'
import {
  ANONYMOUS_NAME,
  anonymiseResident,
  eraseAppointment,
  eraseRegistration,
  type Tx,
} from './anonymise.server'

// The daily retention run (decision 090). One run per UTC day across every instance: the
// day is a unique row, claimed with a lease another worker may take over once it lapses.
// Each batch is one short transaction that finds rows still due, so a run stopped
// mid-batch loses nothing: the next claim finds the rest. Only counts are logged.

export const BATCH_SIZE = 50
export const LEASE_MS = 5 * 60_000

/** What is due in one organisation, per category. */
type Category = {
  count: RunCount
  /** Ids of due rows (at most `take`). */
  due: (
    db: Tx,
    organisationId: string,
    cutoffs: RetentionCutoffs,
    take: number,
  ) => Promise<string[]>
  /** Changes those rows (in the batch's transaction); how many changed. */
  apply: (tx: Tx, ids: string[], now: Date) => Promise<number>
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id)

export type AdvisorWarning = (advisor: { email: string; firstName: string }) => Promise<void>

function categories(warn: AdvisorWarning | null, now: Date): Category[] {
  return [
    {
      count: 'appointments',
      due: async (db, organisationId, cutoffs, take) =>
        ids(
          await db.appointment.findMany({
            where: {
              organisationId,
              startsAt: { lt: cutoffs.appointments },
              personalErasedAt: null,
            },
            select: { id: true },
            orderBy: { startsAt: 'asc' },
            take,
          }),
        ),
      apply: async (tx, list, at) => {
        const rows = await tx.appointment.findMany({
          where: { id: { in: list }, personalErasedAt: null },
          select: { id: true, residentId: true },
        })
        for (const row of rows) await eraseAppointment(tx, row, at)
        return rows.length
      },
    },
    {
      count: 'registrations',
      due: async (db, organisationId, cutoffs, take) =>
        ids(
          await db.workshopRegistration.findMany({
            where: {
              organisationId,
              personalErasedAt: null,
              session: { startsAt: { lt: cutoffs.appointments } },
            },
            select: { id: true },
            orderBy: { id: 'asc' },
            take,
          }),
        ),
      apply: async (tx, list, at) => {
        const rows = await tx.workshopRegistration.findMany({
          where: { id: { in: list }, personalErasedAt: null },
          select: { id: true, residentId: true, sessionId: true },
        })
        for (const row of rows) await eraseRegistration(tx, row, at)
        return rows.length
      },
    },
    {
      count: 'messages',
      due: async (db, organisationId, cutoffs, take) =>
        ids(
          await db.notification.findMany({
            where: {
              organisationId,
              dueAt: { lt: cutoffs.messages },
              status: { notIn: ['PENDING', 'SENDING'] },
              contentsErasedAt: null,
            },
            select: { id: true },
            orderBy: { dueAt: 'asc' },
            take,
          }),
        ),
      apply: async (tx, list, at) =>
        (
          await tx.notification.updateMany({
            where: { id: { in: list }, contentsErasedAt: null },
            data: { recipient: '', lastError: null, contentsErasedAt: at },
          })
        ).count,
    },
    {
      count: 'audit',
      due: async (db, organisationId, cutoffs, take) =>
        ids(
          await db.auditEvent.findMany({
            where: { organisationId, createdAt: { lt: cutoffs.audit }, summary: { not: '' } },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
            take,
          }),
        ),
      apply: async (tx, list) =>
        (await tx.auditEvent.updateMany({ where: { id: { in: list } }, data: { summary: '' } }))
          .count,
    },
    {
      count: 'residents',
      due: async (db, organisationId, cutoffs, take) =>
        ids(
          await db.resident.findMany({
            where: inactiveResidents(organisationId, cutoffs.residents),
            select: { id: true },
            orderBy: { id: 'asc' },
            take,
          }),
        ),
      apply: async (tx, list, at) => {
        let count = 0
        for (const id of list) {
          const still = await tx.resident.count({ where: { id, anonymisedAt: null } })
          if (still === 0) continue
          await anonymiseResident(tx, id, at)
          count += 1
        }
        return count
      },
    },
    {
      // The manage links of appointments long past: nothing left to change through them.
      count: 'links',
      due: async (db, organisationId, cutoffs, take) =>
        ids(
          await db.appointment.findMany({
            where: {
              organisationId,
              endsAt: { lt: cutoffs.expired },
              manageTokenHash: { not: null },
            },
            select: { id: true },
            take,
          }),
        ),
      apply: async (tx, list) =>
        (
          await tx.appointment.updateMany({
            where: { id: { in: list } },
            data: { manageTokenHash: null },
          })
        ).count,
    },
    {
      count: 'advisorsWarned',
      due: async (db, organisationId, cutoffs, take) => {
        if (!warn) return []
        const advisors = await db.advisor.findMany({
          where: {
            organisationId,
            active: false,
            anonymisedAt: null,
            retentionWarnedAt: null,
            deactivatedAt: { lt: cutoffs.advisorWarning },
          },
          select: { id: true, active: true, deactivatedAt: true, retentionWarnedAt: true },
          take,
        })
        return ids(advisors.filter((advisor) => advisorDue(advisor, cutoffs, now) === 'WARN'))
      },
      apply: async (tx, list, at) => {
        let count = 0
        for (const id of list) {
          const advisor = await tx.advisor.findUniqueOrThrow({
            where: { id },
            select: { email: true, firstName: true },
          })
          // Not marked when the email could not leave: the next run tries again.
          const sent = await warn!(advisor).then(
            () => true,
            () => false,
          )
          if (!sent) continue
          await tx.advisor.update({ where: { id }, data: { retentionWarnedAt: at } })
          count += 1
        }
        return count
      },
    },
    {
      count: 'advisors',
      due: async (db, organisationId, cutoffs, take) => {
        const advisors = await db.advisor.findMany({
          where: {
            organisationId,
            active: false,
            anonymisedAt: null,
            deactivatedAt: { lt: cutoffs.advisors },
            retentionWarnedAt: { not: null },
          },
          select: { id: true, active: true, deactivatedAt: true, retentionWarnedAt: true },
          take,
        })
        return ids(advisors.filter((advisor) => advisorDue(advisor, cutoffs, now) === 'ANONYMISE'))
      },
      apply: async (tx, list, at) => {
        for (const id of list) {
          await tx.advisorSession.deleteMany({ where: { advisorId: id } })
          await tx.advisorToken.deleteMany({ where: { advisorId: id } })
          await tx.advisor.update({
            where: { id },
            data: {
              firstName: ANONYMOUS_NAME,
              lastName: '',
              // Unique and never deliverable: the address of nobody.
              email: `anonyme-${id}@invalid`,
              phone: null,
              passwordHash: null,
              calendarFeedTokenHash: null,
              anonymisedAt: at,
            },
          })
        }
        return list.length
      },
    },
  ]
}

function inactiveResidents(organisationId: string, cutoff: Date) {
  return {
    organisationId,
    anonymisedAt: null,
    isStandIn: false,
    createdAt: { lt: cutoff },
    appointments: { none: { startsAt: { gte: cutoff } } },
    workshopRegistrations: { none: { session: { startsAt: { gte: cutoff } } } },
  }
}

/** Ended sign-in sessions, one-time links and rate-limit counters: not the organisation's. */
async function purgeExpired(db: Db, now: Date, dryRun: boolean) {
  const before = cutoffsOf(DEFAULT_PERIODS, now).expired
  const sessions = { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] }
  const tokens = { OR: [{ expiresAt: { lt: before } }, { usedAt: { lt: before } }] }
  if (dryRun) {
    return {
      sessions: await db.advisorSession.count({ where: sessions }),
      tokens: await db.advisorToken.count({ where: tokens }),
    }
  }
  const [removedSessions, removedTokens] = await Promise.all([
    db.advisorSession.deleteMany({ where: sessions }),
    db.advisorToken.deleteMany({ where: tokens }),
    db.rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } }),
  ])
  return { sessions: removedSessions.count, tokens: removedTokens.count }
}

/** Advisors seen deactivated get the date it was first seen; one made active again loses it. */
async function stampDeactivations(db: Db, now: Date) {
  await db.advisor.updateMany({
    where: { active: false, deactivatedAt: null, anonymisedAt: null },
    data: { deactivatedAt: now },
  })
  await db.advisor.updateMany({
    where: { active: true, deactivatedAt: { not: null } },
    data: { deactivatedAt: null, retentionWarnedAt: null },
  })
}

export const periodsOf = (organisation: {
  retentionAppointmentMonths: number
  retentionMessageMonths: number
  retentionAuditMonths: number
  retentionResidentMonths: number
  retentionAdvisorMonths: number
}): RetentionPeriods => ({
  appointments: organisation.retentionAppointmentMonths,
  messages: organisation.retentionMessageMonths,
  audit: organisation.retentionAuditMonths,
  residents: organisation.retentionResidentMonths,
  advisors: organisation.retentionAdvisorMonths,
})

export const dayOf = (now: Date) => now.toISOString().slice(0, 10)

export type RunOptions = {
  now: Date
  owner: string
  dryRun?: boolean
  batchSize?: number
  warnAdvisor?: AdvisorWarning | null
  /** True once the worker is stopping: the run hands its lease back before the next batch. */
  stopping?: () => boolean
  /** Tests: called after each committed batch (a crash is simulated by throwing). */
  afterBatch?: (count: RunCount) => void
}

export type RunOutcome =
  | { ran: true; counts: RunCounts; dryRun: boolean }
  | { ran: false; reason: 'DONE_TODAY' | 'TAKEN' | 'LEASE_LOST' | 'STOPPED' }

class LeaseLost extends Error {}

/** Claims today's run: created, or taken over from a worker whose lease lapsed. */
async function claim(db: Db, day: string, owner: string, now: Date) {
  const leaseUntil = new Date(now.getTime() + LEASE_MS)
  try {
    return await db.retentionRun.create({ data: { day, leaseOwner: owner, leaseUntil } })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
  const taken = await db.retentionRun.updateMany({
    where: {
      day,
      finishedAt: null,
      OR: [{ leaseOwner: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseUntil },
  })
  if (taken.count === 1) return db.retentionRun.findUniqueOrThrow({ where: { day } })
  return (await db.retentionRun.findUnique({ where: { day } }))?.finishedAt ? 'DONE' : 'TAKEN'
}

/** Today's run, once across instances; or with `dryRun`, what it would change (nothing). */
export async function runRetention(db: Db, options: RunOptions): Promise<RunOutcome> {
  const { now, owner } = options
  const size = options.batchSize ?? BATCH_SIZE
  const day = dayOf(now)
  // Every worker tick asks: one read once today's run is done.
  const today = options.dryRun ? null : await db.retentionRun.findUnique({ where: { day } })
  if (today?.finishedAt) return { ran: false, reason: 'DONE_TODAY' }
  const organisations = await db.organisation.findMany({ orderBy: { id: 'asc' } })
  if (options.dryRun) {
    let counts = noCounts()
    for (const organisation of organisations) {
      const cutoffs = cutoffsOf(periodsOf(organisation), now)
      for (const category of categories(options.warnAdvisor ?? null, now)) {
        const due = await category.due(db, organisation.id, cutoffs, 1_000_000)
        counts = addCounts(counts, { [category.count]: due.length })
      }
    }
    return { ran: true, dryRun: true, counts: addCounts(counts, await purgeExpired(db, now, true)) }
  }
  const run = await claim(db, day, owner, now)
  if (run === 'DONE') return { ran: false, reason: 'DONE_TODAY' }
  if (run === 'TAKEN') return { ran: false, reason: 'TAKEN' }
  let counts = addCounts(noCounts(), JSON.parse(run.counts) as Partial<RunCounts>)
  // The lease is renewed on the run's clock (tests move it), plus the time really spent.
  const began = Date.now()
  const leaseFrom = () => new Date(now.getTime() + (Date.now() - began) + LEASE_MS)
  await stampDeactivations(db, now)
  try {
    for (const organisation of organisations) {
      const cutoffs = cutoffsOf(periodsOf(organisation), now)
      for (const category of categories(options.warnAdvisor ?? null, now)) {
        for (;;) {
          if (options.stopping?.()) {
            // Committed batches are in its counts: the next worker resumes from them now.
            await db.retentionRun.updateMany({
              where: { id: run.id, leaseOwner: owner },
              data: { leaseOwner: null, leaseUntil: null },
            })
            return { ran: false, reason: 'STOPPED' }
          }
          const due = await category.due(db, organisation.id, cutoffs, size)
          if (due.length === 0) break
          counts = await db.$transaction(async (tx) => {
            const changed = await category.apply(tx, due, now)
            const next = addCounts(counts, { [category.count]: changed })
            const renewed = await tx.retentionRun.updateMany({
              where: { id: run.id, leaseOwner: owner },
              data: {
                counts: JSON.stringify(next),
                leaseUntil: leaseFrom(),
              },
            })
            if (renewed.count === 0) throw new LeaseLost()
            return next
          })
          options.afterBatch?.(category.count)
          if (due.length < size) break
        }
      }
    }
  } catch (error) {
    if (error instanceof LeaseLost) return { ran: false, reason: 'LEASE_LOST' }
    throw error
  }
  counts = addCounts(counts, await purgeExpired(db, now, false))
  await db.retentionRun.updateMany({
    where: { id: run.id, leaseOwner: owner },
    data: {
      counts: JSON.stringify(counts),
      finishedAt: new Date(),
      leaseOwner: null,
      leaseUntil: null,
    },
  })
  return { ran: true, dryRun: false, counts }
}

/** The last finished run: its day, when it ended, and its counts (the settings page). */
export async function lastRun(db: Db) {
  const run = await db.retentionRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { day: 'desc' },
  })
  if (!run) return null
  return {
    finishedAt: run.finishedAt!,
    counts: addCounts(noCounts(), JSON.parse(run.counts) as Partial<RunCounts>),
  }
}
