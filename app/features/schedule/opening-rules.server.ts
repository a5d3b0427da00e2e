import {
  affectedAppointments,
  affectedSessions,
  computeSlots,
  schedulingDataWindow,
  validateOpeningRule,
  type HeldAppointment,
  type OpeningRule,
  type OpeningRuleProblem,
  type Schedule,
  type Slot,
} from '~/domain/scheduling'
import { ONE_TO_ONE } from '~/domain/topics/format'
import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { countCancellations } from '~/platform/metrics/activity.server'
import { notifyCancelled } from '~/features/notifications/index.server'
import { encodeWeekdays, RULE_ROW_SELECT, ruleColumns, ruleOfRow } from './rule-rows.server'
import { loadSchedulingContext, windowLoader } from './scheduling-context.server'
import { DAY_MS } from '~/domain/scheduling/calendar'

export type OpeningRuleInput = {
  advisorId: string
  siteId: string | null
  weekdays: number[]
  startTime: string
  endTime: string
  everyNWeeks: number
  validFrom: string
  validUntil: string | null
  topicIds: string[]
}

/**
 * Saves a rule only when it is well formed (end after start, at least one weekday, valid
 * dates and interval); otherwise returns its problems and writes nothing.
 */
export async function createOpeningRule(
  db: Db,
  rule: OpeningRuleInput,
): Promise<{ ok: true; id: string } | { ok: false; problems: OpeningRuleProblem[] }> {
  const problems = validateOpeningRule(rule)
  if (problems.length > 0) return { ok: false, problems }
  const created = await db.openingRule.create({
    data: {
      ...ruleColumns(rule),
      advisorId: rule.advisorId,
      topics: { create: rule.topicIds.map((topicId) => ({ topicId })) },
    },
    select: { id: true },
  })
  return { ok: true, id: created.id }
}

// The advisor workspace's hours (decisions 050–053): list, save (create or change, refused
// when stale), end, preview; and the one way a change of hours settles the appointments it
// would leave outside them, shared with absences.

const ruleSelect = {
  ...RULE_ROW_SELECT,
  updatedAt: true,
  site: { select: { id: true, name: true, timeZone: true } },
  topics: { select: { topicId: true, topic: { select: { name: true } } } },
} as const

/** Every rule of the advisors, the current ones first then by start date and time. */
export function advisorRules(db: Db, advisorIds: string[]) {
  return db.openingRule.findMany({
    where: { advisorId: { in: advisorIds } },
    orderBy: [{ validFrom: 'asc' }, { startTime: 'asc' }, { id: 'asc' }],
    select: ruleSelect,
  })
}

/** Active sites (with their zone) and topics of the organisation, by name. */
export async function ruleChoices(db: Db, organisationId: string) {
  const [sites, topics] = await Promise.all([
    db.site.findMany({
      where: { organisationId, active: true },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, timeZone: true },
    }),
    // Hours serve one-to-one topics; a workshop holds its advisors' time by itself.
    db.topic.findMany({
      where: { organisationId, active: true, ...ONE_TO_ONE },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ])
  return { sites, topics }
}

/** One rule with its advisor's organisation (the caller checks the permission). */
export function openingRuleById(db: Db, id: string) {
  return db.openingRule.findUnique({
    where: { id },
    select: { ...ruleSelect, advisor: { select: { organisationId: true } } },
  })
}

/** What the advisor chose for each appointment a change would orphan. */
export type Decisions = Record<string, 'CANCEL' | 'KEEP'>

export type AffectedAppointment = HeldAppointment & {
  resident: string
  topic: string
  siteName: string | null
}

/** The advisor's booked appointments from now on, with what the confirmation lists. */
export async function bookedAppointmentsFrom(
  db: Db,
  advisorId: string,
  organisationZone: string,
  now: Date,
): Promise<AffectedAppointment[]> {
  const rows = await db.appointment.findMany({
    where: { advisorId, status: 'BOOKED', startsAt: { gte: now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      advisorId: true,
      siteId: true,
      topicId: true,
      startsAt: true,
      endsAt: true,
      resident: { select: { firstName: true, lastName: true } },
      topic: { select: { name: true } },
      site: { select: { name: true, timeZone: true } },
    },
  })
  return rows.map((row) => ({
    id: row.id,
    advisorId: row.advisorId,
    siteId: row.siteId,
    topicId: row.topicId,
    start: row.startsAt,
    end: row.endsAt,
    timeZone: row.site?.timeZone ?? organisationZone,
    resident: `${row.resident.firstName} ${row.resident.lastName}`,
    topic: row.topic.name,
    siteName: row.site?.name ?? null,
  }))
}

/** A workshop session of the advisor a change would leave without them (decision 082). */
export type AffectedSession = HeldAppointment & { topic: string; siteName: string }

/** The workshop sessions the advisor runs from now on. */
export async function heldSessionsFrom(
  db: Db,
  advisorId: string,
  organisationZone: string,
  now: Date,
): Promise<AffectedSession[]> {
  const rows = await db.workshopSessionAdvisor.findMany({
    where: { advisorId, active: true, startsAt: { gte: now } },
    orderBy: [{ startsAt: 'asc' }, { sessionId: 'asc' }],
    select: {
      startsAt: true,
      endsAt: true,
      session: {
        select: {
          id: true,
          siteId: true,
          topic: { select: { name: true } },
          site: { select: { name: true, timeZone: true } },
        },
      },
    },
  })
  return rows.map((row) => ({
    id: row.session.id,
    advisorId,
    siteId: row.session.siteId,
    topicId: null,
    start: row.startsAt,
    end: row.endsAt,
    timeZone: row.session.site.timeZone ?? organisationZone,
    topic: row.session.topic.name,
    siteName: row.session.site.name,
  }))
}

/** The advisor's hours as they stand: every rule, and the absences not over yet. */
export async function advisorSchedule(db: Db, advisorId: string, now: Date): Promise<Schedule> {
  const [rules, absences] = await Promise.all([
    db.openingRule.findMany({ where: { advisorId }, select: ruleSelect }),
    db.absence.findMany({
      where: { advisorId, endsAt: { gt: now } },
      select: { advisorId: true, startsAt: true, endsAt: true },
    }),
  ])
  return {
    rules: rules.map(ruleOfRow),
    absences: absences.map((absence) => ({
      advisorId: absence.advisorId,
      start: absence.startsAt,
      end: absence.endsAt,
    })),
  }
}

/** Thrown inside a transaction to undo it: the change would orphan an undecided appointment. */
export class UndecidedAppointments extends Error {
  constructor(
    readonly affected: AffectedAppointment[],
    readonly sessions: AffectedSession[] = [],
  ) {
    super('appointments left outside the hours without a decision')
  }
}

/** Thrown inside a transaction to undo it: the record changed since the form was shown. */
export class StaleRecord extends Error {
  constructor() {
    super('stale record')
  }
}

type Actor = { advisorId: string; organisationId: string }

/**
 * Inside the change's transaction, after the change is written: finds the appointments
 * the hours held before and no longer do, and cancels (with the resident told) or
 * explicitly keeps each as decided. Any appointment without a decision (one booked while
 * the advisor read the confirmation) undoes the whole change; so does a workshop session
 * the change disturbs that the confirmation did not list (those listed are kept, to be
 * changed or cancelled from their page).
 */
export async function settleAffected(
  tx: Db,
  actor: Actor,
  change: {
    advisorId: string
    organisationZone: string
    before: Schedule
    decisions: Decisions
    reason: string
    /** The workshop sessions the confirmation listed. */
    keptSessions: readonly string[]
    now: Date
  },
): Promise<{ cancelled: number; kept: number }> {
  const after = await advisorSchedule(tx, change.advisorId, change.now)
  const [booked, held] = await Promise.all([
    bookedAppointmentsFrom(tx, change.advisorId, change.organisationZone, change.now),
    heldSessionsFrom(tx, change.advisorId, change.organisationZone, change.now),
  ])
  const affected = affectedAppointments(booked, change.before, after)
  const sessions = affectedSessions(held, change.before, after)
  if (
    affected.some((appointment) => !change.decisions[appointment.id]) ||
    sessions.some((session) => !change.keptSessions.includes(session.id))
  ) {
    throw new UndecidedAppointments(affected, sessions)
  }
  for (const session of sessions) {
    await recordAudit(tx, {
      actor,
      action: 'WORKSHOP_SESSION_KEPT_OUTSIDE_HOURS',
      entityType: 'WorkshopSession',
      entityId: session.id,
      summary: `advisor ${change.advisorId} away or out of hours: kept, to change later`,
    })
  }
  let cancelled = 0
  for (const appointment of affected) {
    const cancel = change.decisions[appointment.id] === 'CANCEL'
    if (cancel) {
      const updated = await tx.appointment.updateMany({
        where: { id: appointment.id, status: 'BOOKED' },
        data: {
          status: 'CANCELLED',
          cancellationReason: change.reason,
          version: { increment: 1 },
        },
      })
      if (updated.count === 0) throw new UndecidedAppointments(affected)
      await notifyCancelled(tx, appointment.id, 'SERVICE', change.now)
      cancelled += 1
    }
    await recordAudit(tx, {
      actor,
      action: cancel ? 'APPOINTMENT_CANCELLED' : 'APPOINTMENT_KEPT_OUTSIDE_HOURS',
      entityType: 'Appointment',
      entityId: appointment.id,
      summary: cancel
        ? `status BOOKED -> CANCELLED: ${change.reason}`
        : 'kept outside the new hours, to move later',
    })
  }
  return { cancelled, kept: affected.length - cancelled }
}

export type SaveRuleOutcome =
  | { kind: 'SAVED'; id: string; cancelled: number; kept: number }
  | { kind: 'PROBLEMS'; problems: OpeningRuleProblem[] }
  | { kind: 'STALE' }
  | { kind: 'UNDECIDED'; affected: AffectedAppointment[]; sessions: AffectedSession[] }

const describeRule = (rule: OpeningRuleInput) =>
  `${encodeWeekdays(rule.weekdays)} ${rule.startTime}-${rule.endTime} every ${rule.everyNWeeks} week(s) ${rule.validFrom}..${rule.validUntil ?? ''} ${rule.siteId ?? 'phone'}`

/**
 * Creates a rule, or changes one when `ruleId` is given (only if it still has the
 * `updatedAt` the form showed), settling the appointments the change would orphan, all
 * in one transaction with its audit events.
 */
export async function saveOpeningRule(
  db: Db,
  actor: Actor,
  input: {
    ruleId: string | null
    updatedAt: Date | null
    rule: OpeningRuleInput
    organisationZone: string
    decisions: Decisions
    reason: string
    keptSessions: readonly string[]
    /** Only its end date changes: logged as ending the rule. */
    ending?: boolean
  },
  now: Date,
): Promise<SaveRuleOutcome> {
  const problems = validateOpeningRule(input.rule)
  if (problems.length > 0) return { kind: 'PROBLEMS', problems }
  const { rule } = input
  const data = ruleColumns(rule)
  try {
    const saved = await db.$transaction(async (transaction) => {
      const tx = transaction as unknown as Db
      // Before reading what the change orphans: no booking of this advisor slips in between.
      await serialiseWrites(tx, { advisorIds: [rule.advisorId] })
      const before = await advisorSchedule(tx, rule.advisorId, now)
      let id = input.ruleId
      if (id) {
        const updated = await tx.openingRule.updateMany({
          where: { id, advisorId: rule.advisorId, updatedAt: input.updatedAt ?? new Date(0) },
          data,
        })
        if (updated.count === 0) throw new StaleRecord()
        await tx.openingRuleTopic.deleteMany({ where: { openingRuleId: id } })
        if (rule.topicIds.length > 0) {
          await tx.openingRuleTopic.createMany({
            data: rule.topicIds.map((topicId) => ({ openingRuleId: id!, topicId })),
          })
        }
      } else {
        const created = await tx.openingRule.create({
          data: {
            ...data,
            advisorId: rule.advisorId,
            topics: { create: rule.topicIds.map((topicId) => ({ topicId })) },
          },
          select: { id: true },
        })
        id = created.id
      }
      const settled = await settleAffected(tx, actor, {
        advisorId: rule.advisorId,
        organisationZone: input.organisationZone,
        before,
        decisions: input.decisions,
        reason: input.reason,
        keptSessions: input.keptSessions,
        now,
      })
      await recordAudit(tx, {
        actor,
        action: input.ending
          ? 'OPENING_RULE_ENDED'
          : input.ruleId
            ? 'OPENING_RULE_CHANGED'
            : 'OPENING_RULE_CREATED',
        entityType: 'OpeningRule',
        entityId: id,
        summary: describeRule(rule),
      })
      return { kind: 'SAVED' as const, id, ...settled }
    })
    // Counted once the transaction committed.
    countCancellations('SERVICE', saved.cancelled)
    return saved
  } catch (error) {
    if (error instanceof StaleRecord) return { kind: 'STALE' }
    if (error instanceof UndecidedAppointments) {
      return { kind: 'UNDECIDED', affected: error.affected, sessions: error.sessions }
    }
    throw error
  }
}

/**
 * The appointments a change would orphan and the workshop sessions it would disturb, read
 * outside any transaction: what the confirmation lists before anything is written.
 */
export async function wouldOrphan(
  db: Db,
  change: {
    advisorId: string
    organisationZone: string
    /** The advisor's hours once changed, from the hours as they stand. */
    after: (before: Schedule) => Schedule
  },
  now: Date,
): Promise<{ appointments: AffectedAppointment[]; sessions: AffectedSession[] }> {
  const before = await advisorSchedule(db, change.advisorId, now)
  const [booked, held] = await Promise.all([
    bookedAppointmentsFrom(db, change.advisorId, change.organisationZone, now),
    heldSessionsFrom(db, change.advisorId, change.organisationZone, now),
  ])
  const after = change.after(before)
  return {
    appointments: affectedAppointments(booked, before, after),
    sessions: affectedSessions(held, before, after),
  }
}

/** The advisor's hours with one rule added, or replacing the stored one of the same id. */
export function withRule(schedule: Schedule, rule: OpeningRule): Schedule {
  const others = schedule.rules.filter((other) => rule.id === undefined || other.id !== rule.id)
  return { rules: [...others, rule], absences: schedule.absences }
}

export const PREVIEW_DAYS = 14

/**
 * The slots a rule alone would offer over the next two weeks, through the slot engine
 * with the advisor's absences and appointments, without writing anything (decision 052).
 * Null when no active topic of the organisation can be booked at the rule's place.
 */
export async function previewRuleSlots(
  db: Db,
  organisationId: string,
  rule: OpeningRule,
  now: Date,
): Promise<{ topic: { id: string; name: string }; slots: Slot[] } | null> {
  const mode = rule.siteId === null ? 'PHONE' : 'IN_PERSON'
  const topics = await db.topic.findMany({
    where: {
      organisationId,
      active: true,
      ...ONE_TO_ONE,
      ...(rule.topicIds.length > 0 ? { id: { in: [...rule.topicIds] } } : {}),
      ...(mode === 'PHONE' ? { allowsPhone: true } : { allowsInPerson: true }),
    },
    orderBy: [{ durationMinutes: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true },
  })
  const topic = topics[0]
  if (!topic) return null
  const context = await loadSchedulingContext(db, organisationId, topic.id)
  if (!context?.topic) return null
  const range = { from: now, to: new Date(now.getTime() + PREVIEW_DAYS * DAY_MS) }
  const window = schedulingDataWindow(range, context.topic)
  const data = await windowLoader(
    db,
    { organisationId, mode, siteId: rule.siteId, advisorId: rule.advisorId },
    context.topic.bufferMinutes,
  )(window.from, window.to)
  const slots = computeSlots({
    organisation: context.organisation,
    sites: context.sites,
    topic: context.topic,
    mode,
    siteId: rule.siteId,
    advisorId: rule.advisorId,
    advisorIds: [...new Set([...context.advisorIds, rule.advisorId])],
    now,
    range,
    data: { ...data, rules: [rule] },
  })
  return { topic, slots }
}
