import { DateTime } from 'luxon'
import { z } from 'zod'
import type { Actor } from '~/domain/access'
import { can } from '~/domain/access'
import type { FormReply } from '~/domain/input/problems'
import type { ExportCell } from '~/domain/exports/formula-guard'
import {
  formatAppointmentDate,
  isLocalDate,
  localDateOf,
  startOfLocalDay,
} from '~/domain/time/format'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { downloadResponse, exportFile } from '~/features/exports/index.server'
import { aboutSubjects, residentSubjects } from '~/features/residents/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { recordAudit } from '~/platform/audit.server'
import { db as database, type Db } from '~/platform/database/client.server'
import { fieldProblems } from '~/platform/form-fields.server'
import { parseForm } from '~/platform/forms.server'
import { logger } from '~/platform/logging.server'
import { HOUR_MS } from '~/domain/scheduling/calendar'

// The audit log page and its CSV (decision 091): the organisation's audit events, newest
// first, filtered by period, advisor, resident and action, read by keyset on (createdAt,
// id). Residents' names and the free-text summaries are personal data: only who may
// `audit.viewPersonal` sees them; the others see ids.

export const AUDIT_PAGE_SIZE = 50
const CSV_BATCH = 500

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null)

/** The filters, as the page's GET form and the CSV's URL carry them. */
function filterSchema(zone: string) {
  return z
    .object({
      du: optional(10),
      au: optional(10),
      conseiller: optional(64),
      usager: optional(64),
      action: optional(64),
      avant: optional(100),
    })
    .superRefine((value, context) => {
      const problems = fieldProblems(context)
      if (value.du && !isLocalDate(value.du, zone)) problems.add('INVALID_DATE', 'du')
      if (value.au && !isLocalDate(value.au, zone)) problems.add('INVALID_DATE', 'au')
      if (!problems.any() && value.du && value.au && value.au < value.du) {
        problems.add('END_BEFORE_START', 'au')
      }
    })
}

export type AuditFilters = z.output<ReturnType<typeof filterSchema>>

/** A position in the log: the last row shown, as `<epoch ms>~<id>` (ids are opaque). */
function cursorOf(cursor: string | null) {
  const match = cursor ? /^(\d{1,15})~([A-Za-z0-9_-]{1,64})$/.exec(cursor) : null
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : null
}

async function whereOf(db: Db, organisationId: string, zone: string, filters: AuditFilters) {
  const about = filters.usager
    ? aboutSubjects(await residentSubjects(db, organisationId, filters.usager))
    : null
  const and: object[] = []
  if (about) and.push({ OR: about })
  return {
    organisationId,
    ...(filters.du || filters.au
      ? {
          createdAt: {
            ...(filters.du ? { gte: startOfLocalDay(filters.du, zone) } : {}),
            // The end day included: up to the next midnight.
            ...(filters.au ? { lt: endOfDay(filters.au, zone) } : {}),
          },
        }
      : {}),
    ...(filters.conseiller ? { advisorId: filters.conseiller } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    AND: and,
  }
}

/** The day after, at midnight: a DST day is 23 or 25 hours long, so the day is looked up. */
function endOfDay(date: string, zone: string) {
  const later = new Date(startOfLocalDay(date, zone).getTime() + 36 * HOUR_MS)
  return startOfLocalDay(localDateOf(later, zone), zone)
}

async function eventsPage(
  db: Db,
  where: Awaited<ReturnType<typeof whereOf>>,
  after: { at: Date; id: string } | null,
  take: number,
) {
  const and = [...where.AND]
  if (after) {
    and.push({
      OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }],
    })
  }
  return db.auditEvent.findMany({
    where: { ...where, AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    include: { advisor: { select: { firstName: true, lastName: true } } },
  })
}

type Event = Awaited<ReturnType<typeof eventsPage>>[number]

/** The resident each event is about, when it is about one (looked up for a page at once). */
async function residentsOf(db: Db, organisationId: string, events: Event[], withNames: boolean) {
  const idsOf = (type: string) =>
    events.filter((event) => event.entityType === type).map((event) => event.entityId)
  const where = (type: string) => ({ organisationId, id: { in: idsOf(type) } })
  const select = { id: true, residentId: true } as const
  const [appointments, registrations, entries, requests] = await Promise.all([
    db.appointment.findMany({ where: where('Appointment'), select }),
    db.workshopRegistration.findMany({ where: where('WorkshopRegistration'), select }),
    db.waitlistEntry.findMany({ where: where('WaitlistEntry'), select }),
    db.earlierSlotRequest.findMany({ where: where('EarlierSlotRequest'), select }),
  ])
  const byEntity = new Map<string, string>()
  for (const id of idsOf('Resident')) byEntity.set(`Resident:${id}`, id)
  const add = (type: string, rows: { id: string; residentId: string }[]) => {
    for (const row of rows) byEntity.set(`${type}:${row.id}`, row.residentId)
  }
  add('Appointment', appointments)
  add('WorkshopRegistration', registrations)
  add('WaitlistEntry', entries)
  add('EarlierSlotRequest', requests)
  const names = new Map<string, string>()
  if (withNames) {
    const residents = await db.resident.findMany({
      where: { organisationId, id: { in: [...new Set(byEntity.values())] } },
      select: { id: true, firstName: true, lastName: true },
    })
    for (const r of residents) names.set(r.id, `${r.firstName} ${r.lastName}`)
  }
  return (event: Event) => {
    const id = byEntity.get(`${event.entityType}:${event.entityId}`) ?? null
    return { id, name: id ? (names.get(id) ?? null) : null }
  }
}

const who = (event: Event) =>
  event.advisor ? `${event.advisor.firstName} ${event.advisor.lastName}` : null

async function reader(request: Request) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'audit.view', { organisationId: signedIn.actor.organisationId })
  return signedIn
}

const personalFor = (actor: Actor) => can(actor, 'audit.viewPersonal')

/** The query string of these filters (the CSV's URL, the next page's). */
export function filterQuery(filters: Partial<AuditFilters>) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value)
  return params.toString()
}

/** The page: the filter form (refused with what was typed), one page of events. */
export async function auditLogPage(request: Request) {
  const signedIn = await reader(request)
  const db = database()
  const { organisation, actor } = signedIn
  const zone = organisation.timeZone
  const [t, language, advisors, actions] = await Promise.all([
    fixedT(request),
    languageOf(request),
    // Former members too: the log outlives them.
    db.advisor.findMany({
      where: { organisationId: organisation.id },
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
      select: { id: true, firstName: true, lastName: true },
    }),
    // GROUP BY in the database, on the (organisationId, action, …) index: Prisma's
    // `distinct` would read every event.
    db.auditEvent.groupBy({
      by: ['action'],
      where: { organisationId: organisation.id },
      orderBy: { action: 'asc' },
    }),
  ])
  const personal = personalFor(actor)
  const actionName = (code: string) => {
    const name = t(`auditLog.actionNames.${code}`)
    return name.startsWith('auditLog.') ? code : name
  }
  const choices = {
    zone,
    personal,
    organisation: organisation.name,
    advisors: advisors.map((a) => ({ value: a.id, label: `${a.firstName} ${a.lastName}` })),
    actions: actions.map((a) => ({ value: a.action, label: actionName(a.action) })),
  }
  const parsed = parseForm(new URL(request.url).searchParams, filterSchema(zone))
  if (!parsed.ok) {
    return { ...choices, reply: parsed.reply, events: [], next: null, first: null, csv: null }
  }
  const filters = parsed.value
  const where = await whereOf(db, organisation.id, zone, filters)
  const rows = await eventsPage(db, where, cursorOf(filters.avant), AUDIT_PAGE_SIZE + 1)
  const shown = rows.slice(0, AUDIT_PAGE_SIZE)
  const residentOf = await residentsOf(db, organisation.id, shown, personal)
  const last = shown.at(-1)
  const { avant: _ignored, ...rest } = filters
  return {
    ...choices,
    reply: { values: parsed.values, errors: {} } satisfies FormReply,
    events: shown.map((event) => {
      const resident = residentOf(event)
      return {
        id: event.id,
        when: formatAppointmentDate(event.createdAt, zone, language),
        who:
          who(event) ??
          (event.actorKind === 'RESIDENT' ? t('auditLog.residentSelf') : t('auditLog.system')),
        action: event.action,
        actionName: actionName(event.action),
        entity: `${event.entityType} ${event.entityId}`,
        residentId: resident.id,
        residentName: personal ? resident.name : null,
        summary: personal ? event.summary : null,
      }
    }),
    next:
      rows.length > AUDIT_PAGE_SIZE && last
        ? `?${filterQuery({ ...rest, avant: `${last.createdAt.getTime()}~${last.id}` })}`
        : null,
    csv: `/espace/admin/journal/fichier?${filterQuery(rest)}`,
    first: filters.avant ? `?${filterQuery(rest)}` : null,
  }
}

export const AUDIT_COLUMNS = [
  'Date',
  'Heure',
  'Horodatage (UTC)',
  'Action',
  'Par',
  'Type',
  'Identifiant',
  'Usager (identifiant)',
] as const
export const AUDIT_PERSONAL_COLUMNS = ['Usager', 'Détail'] as const

async function* csvRows(
  db: Db,
  signedIn: SignedIn,
  where: Awaited<ReturnType<typeof whereOf>>,
  personal: boolean,
): AsyncGenerator<ExportCell[]> {
  const zone = signedIn.organisation.timeZone
  let after: { at: Date; id: string } | null = null
  for (;;) {
    const batch = await eventsPage(db, where, after, CSV_BATCH)
    const residentOf = await residentsOf(db, signedIn.organisation.id, batch, personal)
    for (const event of batch) {
      const resident = residentOf(event)
      const local = formatClockParts(event.createdAt, zone)
      const cells: ExportCell[] = [
        { kind: 'date', iso: local.date },
        { kind: 'time', iso: local.time },
        event.createdAt.toISOString(),
        event.action,
        who(event) ?? event.actorKind,
        event.entityType,
        event.entityId,
        resident.id,
      ]
      yield personal ? [...cells, resident.name, event.summary] : cells
    }
    if (batch.length < CSV_BATCH) return
    const last = batch.at(-1)!
    after = { at: last.createdAt, id: last.id }
  }
}

/** The local date and time of an instant at the organisation, as the CSV writes them. */
function formatClockParts(instant: Date, zone: string) {
  const local = DateTime.fromJSDate(instant).setZone(zone)
  return { date: local.toISODate()!, time: local.toFormat('HH:mm') }
}

/** The CSV of the filtered log, streamed (exports' writer and formula guard), then audited. */
export async function auditLogFile(request: Request) {
  const signedIn = await reader(request)
  const db = database()
  const zone = signedIn.organisation.timeZone
  const parsed = parseForm(new URL(request.url).searchParams, filterSchema(zone))
  if (!parsed.ok) throw new Response('Filtres du journal invalides', { status: 400 })
  const filters = parsed.value
  const personal = personalFor(signedIn.actor)
  const where = await whereOf(db, signedIn.organisation.id, zone, { ...filters, avant: null })
  const columns = personal ? [...AUDIT_COLUMNS, ...AUDIT_PERSONAL_COLUMNS] : [...AUDIT_COLUMNS]
  const file = exportFile('csv', 'Journal', columns, csvRows(db, signedIn, where, personal))
  void file.done.then(async (outcome) => {
    try {
      await recordAudit(db, {
        actor: signedIn.actor,
        action: 'AUDIT_LOG_EXPORTED',
        entityType: 'Organisation',
        entityId: signedIn.organisation.id,
        summary: [
          `${filters.du ?? 'start'}..${filters.au ?? 'now'}`,
          `advisor=${filters.conseiller ?? 'all'}`,
          `resident=${filters.usager ?? 'all'}`,
          `action=${filters.action ?? 'all'}`,
          `personal=${personal ? 'yes' : 'no'}`,
          `rows=${outcome.rows}`,
          outcome.complete ? 'complete' : 'interrupted',
        ].join(' '),
      })
    } catch (error) {
      logger.error({ err: error, action: 'AUDIT_LOG_EXPORTED' }, 'export audit failed')
    }
  })
  const today = localDateOf(new Date(), zone)
  return downloadResponse(file, 'csv', `journal-${today}.csv`)
}
