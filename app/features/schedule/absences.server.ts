import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { countCancellations } from '~/platform/metrics/activity.server'
import {
  advisorSchedule,
  settleAffected,
  UndecidedAppointments,
  type AffectedAppointment,
  type AffectedSession,
  type Decisions,
} from './opening-rules.server'

// Absences of the advisor workspace (decision 053): added with the appointments they would
// orphan settled in the same transaction, removed without a question (removing one only
// frees time). Each change is audited.

/** The advisor's absences not over yet, by start. */
export function upcomingAbsences(db: Db, advisorId: string, now: Date) {
  return db.absence.findMany({
    where: { advisorId, endsAt: { gt: now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { id: true, advisorId: true, startsAt: true, endsAt: true, reason: true },
  })
}

export function absenceById(db: Db, id: string) {
  return db.absence.findUnique({
    where: { id },
    select: {
      id: true,
      advisorId: true,
      startsAt: true,
      endsAt: true,
      advisor: { select: { organisationId: true } },
    },
  })
}

type Actor = { advisorId: string; organisationId: string }

export type AddAbsenceOutcome =
  | { kind: 'SAVED'; id: string; cancelled: number; kept: number }
  | { kind: 'UNDECIDED'; affected: AffectedAppointment[]; sessions: AffectedSession[] }

export async function addAbsence(
  db: Db,
  actor: Actor,
  input: {
    advisorId: string
    startsAt: Date
    endsAt: Date
    reason: string | null
    organisationZone: string
    decisions: Decisions
    cancellationReason: string
    keptSessions: readonly string[]
  },
  now: Date,
): Promise<AddAbsenceOutcome> {
  try {
    const saved = await db.$transaction(async (transaction) => {
      const tx = transaction as unknown as Db
      // Before reading what the change orphans: no booking of this advisor slips in between.
      await serialiseWrites(tx, { advisorIds: [input.advisorId] })
      const before = await advisorSchedule(tx, input.advisorId, now)
      const created = await tx.absence.create({
        data: {
          advisorId: input.advisorId,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          reason: input.reason,
        },
        select: { id: true },
      })
      const settled = await settleAffected(tx, actor, {
        advisorId: input.advisorId,
        organisationZone: input.organisationZone,
        before,
        decisions: input.decisions,
        reason: input.cancellationReason,
        keptSessions: input.keptSessions,
        now,
      })
      await recordAudit(tx, {
        actor,
        action: 'ABSENCE_CREATED',
        entityType: 'Absence',
        entityId: created.id,
        summary: `${input.startsAt.toISOString()}..${input.endsAt.toISOString()}`,
      })
      return { kind: 'SAVED' as const, id: created.id, ...settled }
    })
    // Counted once the transaction committed.
    countCancellations('SERVICE', saved.cancelled)
    return saved
  } catch (error) {
    if (error instanceof UndecidedAppointments) {
      return { kind: 'UNDECIDED', affected: error.affected, sessions: error.sessions }
    }
    throw error
  }
}

/** Removes an absence of the advisor; false when it was already gone. */
export async function removeAbsence(
  db: Db,
  actor: Actor,
  absence: { id: string; advisorId: string },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.absence.deleteMany({
      where: { id: absence.id, advisorId: absence.advisorId },
    })
    if (count === 0) return false
    await recordAudit(tx, {
      actor,
      action: 'ABSENCE_DELETED',
      entityType: 'Absence',
      entityId: absence.id,
      summary: 'absence removed',
    })
    return true
  })
}
