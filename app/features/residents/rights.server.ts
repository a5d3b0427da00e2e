import type { Actor } from '~/domain/access'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate } from '~/domain/time/format'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { recordAudit } from '~/platform/audit.server'
import { db as database, type Db } from '~/platform/database/client.server'

// The right of access (RGPD article 15, decision 091): everything the organisation holds
// about one resident, read in one go, as the JSON file and the printable page both show
// it. Each export is written to the audit trail with ids only.

/** The records a resident is the subject of: what their audit events are about. */
export async function residentSubjects(db: Db, organisationId: string, residentId: string) {
  const where = { organisationId, residentId }
  const [appointments, registrations, entries, requests] = await Promise.all([
    db.appointment.findMany({ where, select: { id: true } }),
    db.workshopRegistration.findMany({ where, select: { id: true } }),
    db.waitlistEntry.findMany({ where, select: { id: true } }),
    db.earlierSlotRequest.findMany({ where, select: { id: true } }),
  ])
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id)
  return {
    Resident: [residentId],
    Appointment: ids(appointments),
    WorkshopRegistration: ids(registrations),
    WaitlistEntry: ids(entries),
    EarlierSlotRequest: ids(requests),
  }
}

export type ResidentSubjects = Awaited<ReturnType<typeof residentSubjects>>

/** The audit trail's condition for "about these records" (empty lists left out). */
export function aboutSubjects(subjects: ResidentSubjects) {
  return Object.entries(subjects)
    .filter(([, ids]) => ids.length > 0)
    .map(([entityType, ids]) => ({ entityType, entityId: { in: ids } }))
}

const iso = (date: Date | null) => (date ? date.toISOString() : null)
const parsedList = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
const helperOf = (row: {
  helperName: string | null
  helperPhoneE164: string | null
  helperEmail: string | null
  messagesTo: string
}) => ({
  name: row.helperName,
  phone: row.helperPhoneE164,
  email: row.helperEmail,
  messagesTo: row.messagesTo,
})
const advisorName = (advisor: { firstName: string; lastName: string } | null) =>
  advisor ? `${advisor.firstName} ${advisor.lastName}` : null
const SESSION = {
  select: {
    id: true,
    startsAt: true,
    endsAt: true,
    topic: { select: { name: true } },
    site: { select: { name: true } },
  },
} as const
const sessionOf = (session: {
  id: string
  startsAt: Date
  endsAt: Date
  topic: { name: string }
  site: { name: string }
}) => ({
  id: session.id,
  startsAt: iso(session.startsAt),
  endsAt: iso(session.endsAt),
  topic: session.topic.name,
  place: session.site.name,
})

/** Everything held about the resident, or null when they are not of this organisation. */
export async function residentExport(db: Db, organisationId: string, residentId: string) {
  const resident = await db.resident.findFirst({
    where: { id: residentId, organisationId },
    include: { organisation: { select: { id: true, name: true } } },
  })
  if (!resident) return null
  const where = { organisationId, residentId }
  const subjects = await residentSubjects(db, organisationId, residentId)
  const [appointments, registrations, entries, requests, reports, messages, history] =
    await Promise.all([
      db.appointment.findMany({
        where,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        include: {
          topic: { select: { name: true } },
          site: { select: { name: true } },
          advisor: { select: { firstName: true, lastName: true } },
        },
      }),
      db.workshopRegistration.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { session: SESSION },
      }),
      db.waitlistEntry.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { session: SESSION },
      }),
      db.earlierSlotRequest.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { topic: { select: { name: true } }, site: { select: { name: true } } },
      }),
      db.activityReport.findMany({
        where: {
          organisationId,
          OR: [{ residentId }, { participants: { some: { residentId } } }],
        },
        orderBy: [{ date: 'asc' }, { id: 'asc' }],
        include: { advisor: { select: { firstName: true, lastName: true } } },
      }),
      db.notification.findMany({
        where: {
          organisationId,
          OR: [
            { appointmentId: { in: subjects.Appointment } },
            { registrationId: { in: subjects.WorkshopRegistration } },
            { waitlistEntryId: { in: subjects.WaitlistEntry } },
            { earlierSlotRequestId: { in: subjects.EarlierSlotRequest } },
          ],
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      }),
      db.auditEvent.findMany({
        where: { organisationId, OR: aboutSubjects(subjects) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { advisor: { select: { firstName: true, lastName: true } } },
      }),
    ])
  return {
    organisation: resident.organisation,
    resident: {
      id: resident.id,
      firstName: resident.firstName,
      lastName: resident.lastName,
      phone: resident.phoneE164,
      phoneType: resident.phoneType,
      email: resident.email,
      preferredLanguage: resident.preferredLanguage,
      notificationConsent: resident.notificationConsent,
      smsOptedOut: resident.smsOptedOut,
      createdVia: resident.createdVia,
      createdAt: iso(resident.createdAt),
      updatedAt: iso(resident.updatedAt),
    },
    appointments: appointments.map((row) => ({
      id: row.id,
      startsAt: iso(row.startsAt),
      endsAt: iso(row.endsAt),
      topic: row.topic.name,
      mode: row.mode,
      place: row.site?.name ?? null,
      advisor: advisorName(row.advisor),
      status: row.status,
      createdVia: row.createdVia,
      helper: helperOf(row),
      note: row.note,
      cancellationReason: row.cancellationReason,
      createdAt: iso(row.createdAt),
    })),
    workshopRegistrations: registrations.map((row) => ({
      id: row.id,
      session: sessionOf(row.session),
      status: row.status,
      companionOf: row.companionOfId,
      companionName: row.companionName,
      createdVia: row.createdVia,
      helper: helperOf(row),
      cancellationReason: row.cancellationReason,
      createdAt: iso(row.createdAt),
    })),
    waitingList: entries.map((row) => ({
      id: row.id,
      session: sessionOf(row.session),
      status: row.status,
      holdUntil: iso(row.holdUntil),
      createdVia: row.createdVia,
      helper: helperOf(row),
      createdAt: iso(row.createdAt),
    })),
    earlierSlotRequests: requests.map((row) => ({
      id: row.id,
      appointmentId: row.appointmentId,
      topic: row.topic.name,
      mode: row.mode,
      place: row.site?.name ?? null,
      status: row.status,
      alertsSent: row.alertsSent,
      maxAlerts: row.maxAlerts,
      offeredStartsAt: iso(row.offeredStartsAt),
      createdVia: row.createdVia,
      createdAt: iso(row.createdAt),
    })),
    activityReports: reports.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      namedAs: row.residentId === residentId ? 'RESIDENT' : 'PARTICIPANT',
      date: iso(row.date),
      durationMinutes: row.durationMinutes,
      advisor: advisorName(row.advisor),
      themes: parsedList(row.themes),
      workshopTitle: row.workshopTitle,
      // What the report says of this resident: only an individual report is about them alone.
      ...(row.residentId === residentId
        ? {
            notes: row.notes,
            residenceCommune: row.residenceCommune,
            gender: row.gender,
            ageBand: row.ageBand,
            socialStatus: row.socialStatus,
            autonomy: row.autonomy,
            referred: row.referred,
            referralStructure: row.referralStructure,
          }
        : {}),
    })),
    messages: messages.map((row) => ({
      id: row.id,
      channel: row.channel,
      kind: row.kind,
      recipient: row.recipient,
      status: row.status,
      dueAt: iso(row.dueAt),
      sentAt: iso(row.sentAt),
      createdAt: iso(row.createdAt),
    })),
    history: history.map((row) => ({
      id: row.id,
      at: iso(row.createdAt),
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      by: advisorName(row.advisor) ?? row.actorKind,
      summary: row.summary,
    })),
  }
}

export type ResidentExport = NonNullable<Awaited<ReturnType<typeof residentExport>>>

/** The export written to the audit trail: who, which resident, which form (ids only). */
export function auditResidentExport(
  db: Db,
  actor: Pick<Actor, 'advisorId' | 'organisationId'>,
  residentId: string,
  form: 'json' | 'printable',
) {
  return recordAudit(db, {
    actor,
    action: 'RESIDENT_EXPORTED',
    entityType: 'Resident',
    entityId: residentId,
    summary: form === 'json' ? 'exported as JSON' : 'exported as a printable page',
  })
}

/**
 * The export asked by a signed-in person: another organisation's resident (or none) is
 * 404, a role without the right 403; the export is audited before it is read, so the
 * history it shows ends with it.
 */
export async function exportForRequest(
  request: Request,
  residentId: string | undefined,
  form: 'json' | 'printable',
) {
  const signedIn = await requireAdvisor(request)
  const db = database()
  const found = await db.resident.findUnique({
    where: { id: residentId ?? '' },
    select: { id: true, organisationId: true },
  })
  requirePermission(signedIn.actor, 'resident.export', found)
  await auditResidentExport(db, signedIn.actor, found!.id, form)
  const data = await residentExport(db, found!.organisationId, found!.id)
  if (!data) throw new Response('Not found', { status: 404 })
  return { signedIn, data }
}

/** The JSON file: an attachment named by ids only, never cached. */
export async function residentExportFile(request: Request, residentId: string | undefined) {
  const { data } = await exportForRequest(request, residentId, 'json')
  const body = JSON.stringify(
    { format: 'permanence-resident-export', version: 1, exportedAt: new Date(), ...data },
    null,
    2,
  )
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="usager-${data.resident.id}.json"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/** The printable page: the same data, its instants as the organisation's local dates. */
export async function residentExportPage(request: Request, residentId: string | undefined) {
  const { signedIn, data } = await exportForRequest(request, residentId, 'printable')
  const [language, t] = await Promise.all([languageOf(request), fixedT(request)])
  const zone = signedIn.organisation.timeZone
  const when = (value: string | null) =>
    value ? formatAppointmentDate(new Date(value), zone, language) : null
  const r = data.resident
  return {
    title: t('rights.title', { name: `${r.firstName} ${r.lastName}` }),
    organisation: data.organisation.name,
    exportedAt: when(new Date().toISOString())!,
    resident: {
      ...r,
      phone: r.phone ? formatPhoneForDisplay(r.phone) : null,
      createdAt: when(r.createdAt)!,
    },
    appointments: data.appointments.map((row) => ({ ...row, startsAt: when(row.startsAt)! })),
    workshops: [
      ...data.workshopRegistrations.map((row) => ({
        id: row.id,
        startsAt: when(row.session.startsAt)!,
        topic: row.session.topic,
        place: row.session.place,
        status: row.status,
        waiting: false,
        companionName: row.companionOf ? row.companionName : null,
        helper: row.helper.name,
      })),
      ...data.waitingList.map((row) => ({
        id: row.id,
        startsAt: when(row.session.startsAt)!,
        topic: row.session.topic,
        place: row.session.place,
        status: row.status,
        waiting: true,
        companionName: null,
        helper: row.helper.name,
      })),
    ],
    earlierSlotRequests: data.earlierSlotRequests.map((row) => ({
      ...row,
      createdAt: when(row.createdAt)!,
    })),
    activityReports: data.activityReports.map((row) => ({ ...row, date: when(row.date)! })),
    messages: data.messages.map((row) => ({
      ...row,
      dueAt: when(row.dueAt)!,
      sentAt: when(row.sentAt),
    })),
    history: data.history.map((row) => ({ ...row, at: when(row.at)! })),
  }
}
