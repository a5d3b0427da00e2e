import type { Actor } from '~/domain/access'
import { durationMinutesOf, participantCountOf, type ReportInput } from '~/domain/reports/report'
import type { ActivityKind } from '~/domain/reports/prefill'
import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { isUniqueViolation } from '~/platform/database/errors.server'

// The writes of activity reports (decision 085), one transaction each, with their audit
// event. An appointment or a session has at most one report (unique keys): a form sent
// twice files once and the second answer is the saved report. A change is refused when the
// report's version is not the one the form showed.

/** What a report is about, as the writes need it. */
export type ReportSubject = {
  kind: ActivityKind
  organisationId: string
  /** The advisor the report belongs to: the appointment's, or one of the session's. */
  advisorId: string
  appointmentId: string | null
  sessionId: string | null
  date: Date
  residentId: string | null
  franceServicesOperator: string | null
  report: { id: string; version: number } | null
}

export type FileOutcome =
  | { outcome: 'FILED' | 'CHANGED'; id: string }
  /** Filed already (the same form sent twice, or a colleague first): nothing written. */
  | { outcome: 'ALREADY'; id: string }
  | { outcome: 'STALE' }

const asDb = (tx: unknown) => tx as Db

function rowOf(subject: ReportSubject, input: ReportInput) {
  const individual = subject.kind === 'INDIVIDUAL'
  return {
    status: 'FILED' as const,
    durationMinutes: durationMinutesOf(input),
    placeType: input.placeType,
    siteId: input.siteId,
    placeCommune: input.placeCommune,
    placePostalCode: input.placePostalCode,
    themes: JSON.stringify(input.themes),
    procedureDetails: input.procedureDetails,
    equipment: JSON.stringify(input.equipment),
    notes: input.notes,
    residentId: individual && input.beneficiary === 'KNOWN' ? subject.residentId : null,
    alreadyAccompanied: individual ? input.alreadyAccompanied : null,
    residenceCommune: individual ? input.residenceCommune : null,
    gender: individual ? input.gender : null,
    ageBand: individual ? input.ageBand : null,
    socialStatus: individual ? input.socialStatus : null,
    autonomy: individual ? input.autonomy : null,
    referred: individual ? input.referred : null,
    referralStructure: individual ? input.referralStructure : null,
    workshopTitle: individual ? null : input.workshopTitle,
    workshopLevel: individual ? null : input.workshopLevel,
    anonymousCounts: individual ? '{}' : JSON.stringify(input.anonymous),
    participantCount: participantCountOf(input, subject.kind),
    franceServicesOperator: subject.franceServicesOperator,
  }
}

const keyOf = (subject: ReportSubject) => ({
  organisationId: subject.organisationId,
  advisorId: subject.advisorId,
  appointmentId: subject.appointmentId,
  workshopSessionId: subject.sessionId,
  kind: subject.kind,
  date: subject.date,
})

const participantsOf = (subject: ReportSubject, input: ReportInput) =>
  subject.kind === 'COLLECTIVE' ? input.participantIds.map((residentId) => ({ residentId })) : []

/** The report already saved for the subject, when a second write lost the race. */
async function existingId(db: Db, subject: ReportSubject) {
  const found = await db.activityReport.findFirst({
    where: subject.appointmentId
      ? { appointmentId: subject.appointmentId }
      : { workshopSessionId: subject.sessionId },
    select: { id: true },
  })
  return found?.id ?? null
}

/** The appointment's flag that it has its report: what the to-do list reads first. */
async function markReported(tx: Db, subject: ReportSubject) {
  if (!subject.appointmentId) return
  await tx.appointment.update({ where: { id: subject.appointmentId }, data: { reported: true } })
}

async function insertOnce(
  db: Db,
  subject: ReportSubject,
  write: () => Promise<string>,
): Promise<{ created: boolean; id: string }> {
  try {
    return { created: true, id: await write() }
  } catch (error) {
    const id = isUniqueViolation(error) ? await existingId(db, subject) : null
    if (!id) throw error
    return { created: false, id }
  }
}

/**
 * Files the report, or changes it when the form was rendered with a version of it. Filing
 * a report that was declined is a change of that report.
 */
export async function saveReport(
  db: Db,
  actor: Actor,
  subject: ReportSubject,
  input: ReportInput,
  version: number | null,
): Promise<FileOutcome> {
  if (version === null) {
    if (subject.report) return { outcome: 'ALREADY', id: subject.report.id }
    const { created, id } = await insertOnce(db, subject, () =>
      db.$transaction(async (tx) => {
        const report = await tx.activityReport.create({
          data: {
            ...keyOf(subject),
            ...rowOf(subject, input),
            participants: { create: participantsOf(subject, input) },
          },
        })
        await markReported(asDb(tx), subject)
        await recordAudit(asDb(tx), {
          actor,
          action: 'ACTIVITY_REPORT_FILED',
          entityType: 'ActivityReport',
          entityId: report.id,
          summary: `${subject.kind.toLowerCase()} report filed`,
        })
        return report.id
      }),
    )
    return { outcome: created ? 'FILED' : 'ALREADY', id }
  }
  const reportId = subject.report?.id
  if (!reportId) return { outcome: 'STALE' }
  return db.$transaction(async (tx) => {
    const { count } = await tx.activityReport.updateMany({
      where: { id: reportId, version },
      data: { ...rowOf(subject, input), version: { increment: 1 } },
    })
    if (count === 0) return { outcome: 'STALE' as const }
    await tx.activityReportParticipant.deleteMany({ where: { reportId } })
    await tx.activityReportParticipant.createMany({
      data: participantsOf(subject, input).map((row) => ({ ...row, reportId })),
    })
    await recordAudit(asDb(tx), {
      actor,
      action: 'ACTIVITY_REPORT_CHANGED',
      entityType: 'ActivityReport',
      entityId: reportId,
      summary: `${subject.kind.toLowerCase()} report changed to version ${version + 1}`,
    })
    return { outcome: 'CHANGED' as const, id: reportId }
  })
}

/** Records that no report will be written (La Coop counts those too); once only. */
export async function declineReport(db: Db, actor: Actor, subject: ReportSubject) {
  if (subject.report) return { declined: false, id: subject.report.id }
  const { created, id } = await insertOnce(db, subject, () =>
    db.$transaction(async (tx) => {
      const report = await tx.activityReport.create({
        data: { ...keyOf(subject), status: 'DECLINED' },
      })
      await markReported(asDb(tx), subject)
      await recordAudit(asDb(tx), {
        actor,
        action: 'ACTIVITY_REPORT_DECLINED',
        entityType: 'ActivityReport',
        entityId: report.id,
        summary: `${subject.kind.toLowerCase()} report declined`,
      })
      return report.id
    }),
  )
  return { declined: created, id }
}
