import {
  appointmentRow,
  registrationRow,
  reportRow,
  type AppointmentRecord,
  type RegistrationRecord,
  type ReportRecord,
} from '~/domain/exports/columns'
import type { ExportCell } from '~/domain/exports/formula-guard'
import type { Db } from '~/platform/database/client.server'
import type { ExportScope } from './scope.server'

// The rows of an export, read in batches by keyset pagination on (date, id), which the
// (organisationId, date) indexes serve: memory holds one batch, whatever the period.

export const BATCH_SIZE = 1000

type Keyed = { at: Date; id: string }

/**
 * The period's rows after the cursor in (at, id) order: from the cursor's instant on, less
 * the rows of that instant already read. A range on the date column (not an OR), so the
 * database walks its (organisationId, date) index from where the last batch ended.
 */
function keysetRange(column: string, scope: ExportScope, cursor: Keyed | null) {
  return {
    [column]: { gte: cursor?.at ?? scope.start, lt: scope.end },
    ...(cursor ? { NOT: { [column]: cursor.at, id: { lte: cursor.id } } } : {}),
  }
}

/** Filed activity reports only: a declined one is no activity to hand over to La Coop. */
export async function* reportRows(db: Db, scope: ExportScope): AsyncGenerator<ExportCell[]> {
  let cursor: Keyed | null = null
  for (;;) {
    const batch: ReportRecord[] = await db.activityReport.findMany({
      where: {
        organisationId: scope.organisationId,
        status: 'FILED',
        ...keysetRange('date', scope, cursor),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
        ...(scope.advisorId ? { advisorId: scope.advisorId } : {}),
      },
      orderBy: [{ date: 'asc' }, { id: 'asc' }],
      take: BATCH_SIZE,
      include: {
        site: { select: { name: true } },
        advisor: { select: { firstName: true, lastName: true } },
      },
    })
    for (const report of batch) yield reportRow(report, scope.zone)
    const last = batch.at(-1)
    if (!last || batch.length < BATCH_SIZE) return
    cursor = { at: last.date, id: last.id }
  }
}

type Dated = { at: Date; cells: ExportCell[] }

async function* appointments(db: Db, scope: ExportScope): AsyncGenerator<Dated> {
  let cursor: Keyed | null = null
  for (;;) {
    const batch: AppointmentRecord[] = await db.appointment.findMany({
      where: {
        organisationId: scope.organisationId,
        ...keysetRange('startsAt', scope, cursor),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
        ...(scope.advisorId ? { advisorId: scope.advisorId } : {}),
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: BATCH_SIZE,
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        mode: true,
        status: true,
        createdVia: true,
        residentId: true,
        site: { select: { name: true } },
        topic: { select: { name: true, theme: true } },
        advisor: { select: { firstName: true, lastName: true } },
      },
    })
    for (const row of batch) yield { at: row.startsAt, cells: appointmentRow(row, scope.zone) }
    const last = batch.at(-1)
    if (!last || batch.length < BATCH_SIZE) return
    cursor = { at: last.startsAt, id: last.id }
  }
}

type SessionRecord = RegistrationRecord['session'] & {
  id: string
  registrations: Omit<RegistrationRecord, 'session'>[]
}

/** Sessions per batch: each brings its participants, a few dozen at most. */
const SESSION_BATCH = 100

async function* participants(db: Db, scope: ExportScope): AsyncGenerator<Dated> {
  let cursor: Keyed | null = null
  for (;;) {
    const batch: SessionRecord[] = await db.workshopSession.findMany({
      where: {
        organisationId: scope.organisationId,
        ...keysetRange('startsAt', scope, cursor),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
        ...(scope.advisorId ? { advisors: { some: { advisorId: scope.advisorId } } } : {}),
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: SESSION_BATCH,
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        status: true,
        site: { select: { name: true } },
        topic: { select: { name: true, theme: true } },
        advisors: {
          select: { advisor: { select: { firstName: true, lastName: true } } },
          orderBy: { advisorId: 'asc' },
        },
        registrations: {
          select: { id: true, status: true, createdVia: true, residentId: true },
          orderBy: { id: 'asc' },
        },
      },
    })
    for (const session of batch) {
      for (const registration of session.registrations) {
        const record: RegistrationRecord = { ...registration, session }
        yield { at: session.startsAt, cells: registrationRow(record, scope.zone) }
      }
    }
    const last = batch.at(-1)
    if (!last || batch.length < SESSION_BATCH) return
    cursor = { at: last.startsAt, id: last.id }
  }
}

/** Appointments and workshop participants, merged in date order. */
export async function* appointmentRows(db: Db, scope: ExportScope): AsyncGenerator<ExportCell[]> {
  const left = appointments(db, scope)
  const right = participants(db, scope)
  let a = await left.next()
  let b = await right.next()
  while (!a.done || !b.done) {
    if (!a.done && (b.done || a.value.at <= b.value.at)) {
      yield a.value.cells
      a = await left.next()
    } else if (!b.done) {
      yield b.value.cells
      b = await right.next()
    }
  }
}
