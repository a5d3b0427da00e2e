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

// The rows of an export, read in batches by keyset pagination on the date: memory holds one
// batch, whatever the period. Each batch is a range of the (organisationId, date) index in
// its own order (ORDER BY date alone: adding the id would make the database sort the whole
// rest of the period for every batch). The rows of the batch's last instant are read again
// all together, so a tie at the boundary is neither lost nor repeated; rows come out in
// (date, id) order.

export const BATCH_SIZE = 1000

/** The rows of the period after `after` (exclusive), or exactly at `at`, in date order. */
type Page<T> = (range: { after?: Date; at?: Date }) => Promise<T[]>

const byDateThenId =
  <T extends { id: string }>(dateOf: (row: T) => Date) =>
  (a: T, b: T) =>
    dateOf(a).getTime() - dateOf(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

async function* byDate<T extends { id: string }>(
  page: Page<T>,
  dateOf: (row: T) => Date,
  size: number,
): AsyncGenerator<T> {
  const order = byDateThenId(dateOf)
  let after: Date | undefined
  for (;;) {
    const batch = await page({ after })
    if (batch.length < size) {
      yield* batch.sort(order)
      return
    }
    const last = dateOf(batch.at(-1)!)
    const before = batch.filter((row) => dateOf(row).getTime() !== last.getTime())
    yield* [...before, ...(await page({ at: last }))].sort(order)
    after = last
  }
}

/** The date condition of a page: the period, after the last batch, or one instant. */
const dateRange = (scope: ExportScope, range: { after?: Date; at?: Date }) =>
  range.at ?? {
    ...(range.after ? { gt: range.after } : { gte: scope.start }),
    lt: scope.end,
  }

/** Filed activity reports only: a declined one is no activity to hand over to La Coop. */
export async function* reportRows(db: Db, scope: ExportScope): AsyncGenerator<ExportCell[]> {
  const page: Page<ReportRecord> = (range) =>
    db.activityReport.findMany({
      where: {
        organisationId: scope.organisationId,
        status: 'FILED',
        date: dateRange(scope, range),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
        ...(scope.advisorId ? { advisorId: scope.advisorId } : {}),
      },
      orderBy: { date: 'asc' },
      ...(range.at ? {} : { take: BATCH_SIZE }),
      include: {
        site: { select: { name: true } },
        advisor: { select: { firstName: true, lastName: true } },
      },
    })
  for await (const report of byDate(page, (row) => row.date, BATCH_SIZE)) {
    yield reportRow(report, scope.zone)
  }
}

type Dated = { at: Date; cells: ExportCell[] }

async function* appointments(db: Db, scope: ExportScope): AsyncGenerator<Dated> {
  const page: Page<AppointmentRecord> = (range) =>
    db.appointment.findMany({
      where: {
        organisationId: scope.organisationId,
        startsAt: dateRange(scope, range),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
        ...(scope.advisorId ? { advisorId: scope.advisorId } : {}),
      },
      orderBy: { startsAt: 'asc' },
      ...(range.at ? {} : { take: BATCH_SIZE }),
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
  for await (const row of byDate(page, (found) => found.startsAt, BATCH_SIZE)) {
    yield { at: row.startsAt, cells: appointmentRow(row, scope.zone) }
  }
}

type SessionRecord = RegistrationRecord['session'] & {
  id: string
  registrations: Omit<RegistrationRecord, 'session'>[]
}

/** Sessions per batch: each brings its participants, a few dozen at most. */
const SESSION_BATCH = 100

async function* participants(db: Db, scope: ExportScope): AsyncGenerator<Dated> {
  const page: Page<SessionRecord> = (range) =>
    db.workshopSession.findMany({
      where: {
        organisationId: scope.organisationId,
        startsAt: dateRange(scope, range),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
        ...(scope.advisorId ? { advisors: { some: { advisorId: scope.advisorId } } } : {}),
      },
      orderBy: { startsAt: 'asc' },
      ...(range.at ? {} : { take: SESSION_BATCH }),
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
  for await (const session of byDate(page, (found) => found.startsAt, SESSION_BATCH)) {
    for (const registration of session.registrations) {
      const record: RegistrationRecord = { ...registration, session }
      yield { at: session.startsAt, cells: registrationRow(record, scope.zone) }
    }
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
