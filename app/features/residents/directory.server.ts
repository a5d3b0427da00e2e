import { findDuplicates } from '~/domain/residents/duplicates'
import { planMerge, type MergeProblem } from '~/domain/residents/merge'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import { residentSearchWhere, residentsPage } from './search.server'

// The residents directory of the workspace: list, read, correct, merge. Scoped by
// organisation; the caller has checked the permission (app/domain/access/policy.ts).

export const DIRECTORY_PAGE_SIZE = 20
// Residents read to look for similar names: the same initial narrows it; past this many
// the page suggests fewer rather than get slow (phone and email matches are always read).
const SIMILAR_NAME_CANDIDATES = 2000

type Actor = { advisorId: string; organisationId: string }

/** Appointments booked from the workspace by this advisor (the audit trail says who). */
async function appointmentsBookedBy(db: Db, actor: Actor) {
  const events = await db.auditEvent.findMany({
    where: {
      organisationId: actor.organisationId,
      advisorId: actor.advisorId,
      entityType: 'Appointment',
      action: 'APPOINTMENT_BOOKED',
    },
    select: { entityId: true },
  })
  return events.map((event) => event.entityId)
}

/**
 * An advisor's own residents: an appointment with them, one they booked for them, or a
 * seat in a workshop session they lead.
 */
async function ownResidentsWhere(db: Db, actor: Actor) {
  const booked = await appointmentsBookedBy(db, actor)
  return {
    OR: [
      {
        appointments: {
          some: {
            OR: [
              { advisorId: actor.advisorId },
              ...(booked.length ? [{ id: { in: booked } }] : []),
            ],
          },
        },
      },
      {
        workshopRegistrations: {
          some: { session: { advisors: { some: { advisorId: actor.advisorId } } } },
        },
      },
    ],
  }
}

/** Whether the resident is this advisor's own (see ownResidentsWhere). */
export async function isOwnResident(db: Db, actor: Actor, residentId: string) {
  const where = await ownResidentsWhere(db, actor)
  return (await db.resident.count({ where: { AND: [{ id: residentId }, where] } })) > 0
}

/**
 * One page of the directory, by name, with each resident's next appointment. `onlyOwnOf`
 * limits it to an advisor's own residents.
 */
export async function listResidents(
  db: Db,
  input: {
    organisationId: string
    query: string
    page: number
    onlyOwnOf: Actor | null
    now: Date
  },
) {
  const search = input.query.trim() ? residentSearchWhere(input.organisationId, input.query) : null
  // Both conditions hold an OR of their own: joined with AND, neither replaces the other.
  const where = {
    AND: [
      search ?? { organisationId: input.organisationId },
      input.onlyOwnOf ? await ownResidentsWhere(db, input.onlyOwnOf) : {},
      // Anonymised records (erased, inactive, stand-ins) name nobody: not listed (decision 090).
      { anonymisedAt: null },
    ],
  }
  const [total, residents] = await Promise.all([
    db.resident.count({ where }),
    residentsPage(db, where, {
      skip: (input.page - 1) * DIRECTORY_PAGE_SIZE,
      take: DIRECTORY_PAGE_SIZE,
    }),
  ])
  const upcoming = await db.appointment.findMany({
    where: {
      residentId: { in: residents.map((resident) => resident.id) },
      status: 'BOOKED',
      startsAt: { gte: input.now },
    },
    orderBy: { startsAt: 'asc' },
    select: { residentId: true, startsAt: true, site: { select: { timeZone: true } } },
  })
  const next = new Map<string, (typeof upcoming)[number]>()
  for (const appointment of upcoming) {
    if (!next.has(appointment.residentId)) next.set(appointment.residentId, appointment)
  }
  return {
    total,
    pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    residents: residents.map(({ id, firstName, lastName, phoneE164, email }) => ({
      id,
      firstName,
      lastName,
      phoneE164,
      email,
      next: next.get(id) ?? null,
    })),
  }
}

export function residentRecord(db: Db, id: string) {
  return db.resident.findUnique({ where: { id } })
}

/** Past and upcoming appointments of the resident, latest first. */
export function residentAppointments(db: Db, residentId: string) {
  return db.appointment.findMany({
    where: { residentId },
    orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      startsAt: true,
      status: true,
      mode: true,
      advisorId: true,
      topic: { select: { name: true } },
      site: { select: { name: true, timeZone: true } },
      advisor: { select: { firstName: true, lastName: true } },
    },
  })
}

const SESSION_FACTS = {
  id: true,
  startsAt: true,
  topic: { select: { name: true } },
  site: { select: { name: true, timeZone: true } },
} as const

/** The resident's workshop seats and waiting-list places, latest session first. */
export async function residentWorkshops(db: Db, residentId: string) {
  const [registrations, entries] = await Promise.all([
    db.workshopRegistration.findMany({
      where: { residentId, companionOfId: null },
      select: {
        id: true,
        status: true,
        companions: { select: { companionName: true, status: true } },
        session: { select: SESSION_FACTS },
      },
    }),
    db.waitlistEntry.findMany({
      // A place that became a seat is listed as the seat.
      where: { residentId, status: { not: 'REGISTERED' } },
      select: { id: true, status: true, session: { select: SESSION_FACTS } },
    }),
  ])
  return [
    ...registrations.map((row) => ({
      id: row.id,
      status: row.status,
      companion: row.companions.find((companion) => companion.status !== 'CANCELLED')
        ?.companionName,
      session: row.session,
    })),
    ...entries.map((row) => ({
      id: row.id,
      status: row.status,
      companion: null,
      session: row.session,
    })),
  ].sort((a, b) => b.session.startsAt.getTime() - a.session.startsAt.getTime())
}

/** The resident record's audit events, oldest first. */
export function residentHistory(db: Db, organisationId: string, residentId: string) {
  return db.auditEvent.findMany({
    where: { organisationId, entityType: 'Resident', entityId: residentId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { advisor: { select: { firstName: true, lastName: true } } },
  })
}

/** Other residents of the organisation that may be the same person. */
export async function possibleDuplicates(
  db: Db,
  resident: {
    id: string
    organisationId: string
    searchKey: string
    phoneE164: string | null
    email: string | null
  },
) {
  const candidates = await db.resident.findMany({
    where: {
      organisationId: resident.organisationId,
      id: { not: resident.id },
      anonymisedAt: null,
      OR: [
        ...(resident.phoneE164 ? [{ phoneE164: resident.phoneE164 }] : []),
        ...(resident.email ? [{ email: resident.email }] : []),
        { searchKey: { startsWith: resident.searchKey.slice(0, 1) } },
      ],
    },
    orderBy: { id: 'asc' },
    take: SIMILAR_NAME_CANDIDATES,
    select: {
      id: true,
      firstName: true,
      lastName: true,
      searchKey: true,
      phoneE164: true,
      email: true,
    },
  })
  return findDuplicates(resident, candidates)
}

export type ResidentChanges = {
  firstName: string
  lastName: string
  searchKey: string
  phoneE164: string | null
  phoneType: 'MOBILE' | 'FIXED' | null
  email: string | null
  preferredLanguage: 'fr' | 'en'
  notificationConsent: boolean
}

/**
 * Writes the corrected details unless the record changed since the form was shown
 * (`updatedAt` it rendered): a stale edit is refused, never overwritten.
 */
export async function updateResident(
  db: Db,
  actor: Actor,
  input: { id: string; updatedAt: Date; changes: ResidentChanges },
): Promise<'CHANGED' | 'STALE'> {
  return db.$transaction(async (tx) => {
    const before = await tx.resident.findFirst({
      where: { id: input.id, organisationId: actor.organisationId },
    })
    if (!before) return 'STALE'
    const updated = await tx.resident.updateMany({
      where: { id: input.id, organisationId: actor.organisationId, updatedAt: input.updatedAt },
      data: input.changes,
    })
    if (updated.count === 0) return 'STALE'
    const changed = (Object.keys(input.changes) as (keyof ResidentChanges)[]).filter(
      (key) => key !== 'searchKey' && before[key] !== input.changes[key],
    )
    await tx.auditEvent.create({
      data: {
        organisationId: actor.organisationId,
        advisorId: actor.advisorId,
        actorKind: 'ADVISOR',
        action: 'RESIDENT_UPDATED',
        entityType: 'Resident',
        entityId: input.id,
        summary: changed.length ? `changed ${changed.join(', ')}` : 'saved without change',
      },
    })
    return 'CHANGED'
  })
}

export type MergeOutcome = { ok: true } | { ok: false; problem: MergeProblem | 'STALE' }

/**
 * Merges the duplicate into the kept record in one transaction: its appointments, workshop
 * seats, waiting-list places and earlier-slot requests (and with them their notifications)
 * and its history move, the kept record's empty contact
 * fields are filled, both records get an audit event, and the duplicate is deleted.
 */
export async function mergeResidents(
  db: Db,
  actor: Actor,
  input: { keptId: string; duplicateId: string; keptUpdatedAt: Date; duplicateUpdatedAt: Date },
): Promise<MergeOutcome> {
  return db.$transaction(async (tx) => {
    const [kept, duplicate] = await Promise.all([
      tx.resident.findUnique({ where: { id: input.keptId } }),
      tx.resident.findUnique({ where: { id: input.duplicateId } }),
    ])
    if (!kept || !duplicate) return { ok: false, problem: 'STALE' }
    if (duplicate.updatedAt.getTime() !== input.duplicateUpdatedAt.getTime()) {
      return { ok: false, problem: 'STALE' }
    }
    if (kept.organisationId !== actor.organisationId)
      return { ok: false, problem: 'OTHER_ORGANISATION' }
    const plan = planMerge(kept, duplicate)
    if (!plan.ok) return plan
    // The duplicate's appointments change rows on their advisors' time: after those
    // advisors' other writes, and before this transaction locks any resident row.
    const advisors = await tx.appointment.findMany({
      where: { residentId: duplicate.id },
      distinct: ['advisorId'],
      select: { advisorId: true },
    })
    await serialiseWrites(tx, { advisorIds: advisors.map((row) => row.advisorId) })
    const touched = await tx.resident.updateMany({
      where: { id: kept.id, updatedAt: input.keptUpdatedAt },
      // Always a write (an empty one touches nothing, and counts 0): the record changed.
      data: { ...plan.fill, updatedAt: new Date() },
    })
    if (touched.count === 0) return { ok: false, problem: 'STALE' }
    const moved = { where: { residentId: duplicate.id }, data: { residentId: kept.id } }
    await tx.appointment.updateMany(moved)
    await tx.workshopRegistration.updateMany(moved)
    await tx.waitlistEntry.updateMany(moved)
    await tx.earlierSlotRequest.updateMany(moved)
    await tx.auditEvent.updateMany({
      where: {
        organisationId: actor.organisationId,
        entityType: 'Resident',
        entityId: duplicate.id,
      },
      data: { entityId: kept.id },
    })
    const event = {
      organisationId: actor.organisationId,
      advisorId: actor.advisorId,
      actorKind: 'ADVISOR',
      entityType: 'Resident',
    }
    await tx.auditEvent.create({
      data: { ...event, action: 'RESIDENT_MERGED', entityId: kept.id, summary: plan.keptSummary },
    })
    await tx.auditEvent.create({
      data: {
        ...event,
        action: 'RESIDENT_MERGED_INTO',
        entityId: duplicate.id,
        summary: plan.duplicateSummary,
      },
    })
    await tx.resident.delete({ where: { id: duplicate.id } })
    return { ok: true }
  })
}
