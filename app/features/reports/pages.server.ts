import { redirect } from '@remix-run/node'
import { DateTime } from 'luxon'
import { can } from '~/domain/access'
import type { FormReply, FormValues } from '~/domain/input/problems'
import {
  COUNT_GROUPS,
  countField,
  readAnonymousCounts,
  type CountGroup,
} from '~/domain/reports/report'
import {
  durationOf,
  prefillFromAppointment,
  prefillFromSession,
  sessionHeld,
  type ReportPrefill,
} from '~/domain/reports/prefill'
import { formatAppointmentDate, startOfLocalDay } from '~/domain/time/format'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { maxLengthsOf, parseForm } from '~/platform/forms.server'
import { declineReport, saveReport, type ReportSubject } from './commands.server'
import { reportFields, reportSchema, versionField } from './forms.server'
import { appointmentReportPath, FILED_REPORTS_PATH, REPORTS_PATH, sessionReportPath } from './paths'
import {
  appointmentSubject,
  reportingAdvisors,
  reportsBetween,
  reportSites,
  seenBefore,
  sessionSubject,
  toDoCount,
  toDoList,
  type AppointmentSubject,
  type SessionSubject,
} from './queries.server'

// The workspace's activity report pages (decision 085): what each loader shows and what
// each action does, so the routes stay thin. /espace/comptes-rendus lists what is left to
// report, /rendez-vous/<id> and /atelier/<id> are one report (filed or changed),
// /deposes lists the reports of a period.

export type SubjectKind = 'appointment' | 'session'

const LIST_SIZE = 100
const FILED_LIST_SIZE = 200
// `conseiller=` (empty) in a list's address: the whole team.
const ALL_ADVISORS = ''

async function pageContext(request: Request) {
  const [signedIn, t, language] = await Promise.all([
    requireAdvisor(request),
    fixedT(request),
    languageOf(request),
  ])
  return { signedIn, t, language }
}

/** Reception files no report: refused before anything is read. */
function requireReporter(signedIn: SignedIn) {
  const { actor } = signedIn
  requirePermission(actor, 'report.manage', {
    organisationId: actor.organisationId,
    advisorId: actor.advisorId,
  })
}

/**
 * Whose reports a list shows: one's own; an admin chooses an advisor or the whole team
 * (`conseiller=`), and starts on their own when they receive appointments.
 */
async function advisorScope(signedIn: SignedIn, url: URL) {
  const { actor, advisor } = signedIn
  if (!can(actor, 'report.manage', null)) {
    return { advisorId: actor.advisorId, advisors: [], chosen: actor.advisorId }
  }
  const advisors = await reportingAdvisors(db(), actor.organisationId)
  const asked = url.searchParams.get('conseiller')
  const known = advisors.some((one) => one.id === asked)
  const fallback = advisor.receivesAppointments ? actor.advisorId : null
  const advisorId = known ? asked : asked === ALL_ADVISORS ? null : fallback
  return {
    advisorId,
    advisors: advisors.map((one) => ({ id: one.id, name: `${one.firstName} ${one.lastName}` })),
    chosen: advisorId ?? ALL_ADVISORS,
  }
}

const nameOf = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`

// ---- What is left to report

/** How many reports the signed-in person has left to write; null when they file none. */
export async function reportsToDo(signedIn: SignedIn): Promise<number | null> {
  const { actor, advisor } = signedIn
  if (!can(actor, 'report.manage', actor.advisorId)) return null
  const mine = advisor.receivesAppointments || !can(actor, 'report.manage', null)
  return toDoCount(db(), {
    organisationId: actor.organisationId,
    advisorId: mine ? actor.advisorId : null,
    now: new Date(),
  })
}

/** /espace/comptes-rendus: honoured appointments and held sessions without a report. */
export async function toDoPage(request: Request) {
  const { signedIn, t, language } = await pageContext(request)
  requireReporter(signedIn)
  const url = new URL(request.url)
  const scope = await advisorScope(signedIn, url)
  const zone = signedIn.organisation.timeZone
  const now = new Date()
  const found = await toDoList(
    db(),
    { organisationId: signedIn.organisation.id, advisorId: scope.advisorId, now },
    LIST_SIZE,
  )
  const items = [
    ...found.appointments.map((appointment) => ({
      kind: 'appointment' as const,
      id: appointment.id,
      date: appointment.startsAt,
      when: formatAppointmentDate(
        appointment.startsAt,
        appointment.site?.timeZone ?? zone,
        language,
      ),
      topic: appointment.topic.name,
      who: nameOf(appointment.resident),
      advisor: nameOf(appointment.advisor),
      path: appointmentReportPath(appointment.id),
    })),
    ...found.sessions.map((session) => ({
      kind: 'session' as const,
      id: session.id,
      date: session.startsAt,
      when: formatAppointmentDate(session.startsAt, session.site.timeZone ?? zone, language),
      topic: session.topic.name,
      who: t('reports.toDo.registered', { count: session._count.registrations }),
      advisor: session.advisors.map(({ advisor }) => nameOf(advisor)).join(', '),
      path: sessionReportPath(session.id),
    })),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id))
    .slice(0, LIST_SIZE)
    .map(({ date: _date, ...item }) => item)
  return {
    title: t('reports.toDo.title'),
    notice: (['enregistre', 'refuse'] as const).find((key) => url.searchParams.get(key) === '1'),
    advisors: scope.advisors,
    chosen: scope.chosen,
    showAdvisor: scope.advisorId === null,
    items,
  }
}

/** "Ne pas faire de compte rendu": a declined report, then back to the list. */
export async function submitDecline(request: Request) {
  const { signedIn } = await pageContext(request)
  requireReporter(signedIn)
  const form = await request.formData()
  const kind = form.get('subject') === 'session' ? 'session' : 'appointment'
  const id = String(form.get('id') ?? '')
  const { subject } = await loadSubject(signedIn, kind, id)
  await declineReport(db(), signedIn.actor, subject)
  const back = new URL(request.url)
  // Remix posts an index route's form to `?index`; the list's own filters stay.
  for (const name of ['index', 'enregistre']) back.searchParams.delete(name)
  back.searchParams.set('refuse', '1')
  return redirect(`${back.pathname}${back.search}`)
}

// ---- One report

type Loaded =
  | { kind: 'appointment'; row: AppointmentSubject; subject: ReportSubject }
  | { kind: 'session'; row: SessionSubject; subject: ReportSubject }

const notFound = () => new Response('Not found', { status: 404 })

/** The appointment or session once the actor may report on it; nothing reportable is 404. */
async function loadSubject(signedIn: SignedIn, kind: SubjectKind, id: string): Promise<Loaded> {
  const { actor } = signedIn
  if (kind === 'appointment') {
    const row = await appointmentSubject(db(), id)
    const owner = row?.activityReport?.advisorId ?? row?.advisorId
    requirePermission(
      actor,
      'report.manage',
      row ? { organisationId: row.organisationId, advisorId: owner } : null,
    )
    if (!row!.activityReport && row!.status !== 'HONOURED') throw notFound()
    return {
      kind,
      row: row!,
      subject: {
        kind: 'INDIVIDUAL',
        organisationId: row!.organisationId,
        advisorId: owner!,
        appointmentId: row!.id,
        sessionId: null,
        date: row!.startsAt,
        residentId: row!.residentId,
        franceServicesOperator: row!.topic.franceServicesOperator,
        report: row!.activityReport,
      },
    }
  }
  const row = await sessionSubject(db(), id)
  // The report of a session belongs to the advisor filing it when they led it.
  const leads = row?.advisors.some((one) => one.advisorId === actor.advisorId)
  const owner =
    row?.activityReport?.advisorId ?? (leads ? actor.advisorId : row?.advisors[0]?.advisorId)
  requirePermission(
    actor,
    'report.manage',
    row ? { organisationId: row.organisationId, advisorId: owner ?? null } : null,
  )
  if (!row!.activityReport && !sessionHeld(row!, new Date())) throw notFound()
  return {
    kind,
    row: row!,
    subject: {
      kind: 'COLLECTIVE',
      organisationId: row!.organisationId,
      advisorId: owner ?? actor.advisorId,
      appointmentId: null,
      sessionId: row!.id,
      date: row!.startsAt,
      residentId: null,
      franceServicesOperator: row!.topic.franceServicesOperator,
      report: row!.activityReport,
    },
  }
}

async function prefillOf(loaded: Loaded): Promise<ReportPrefill> {
  if (loaded.kind === 'session') return prefillFromSession(loaded.row)
  const { row } = loaded
  return prefillFromAppointment({
    ...row,
    seenBefore: await seenBefore(db(), row.residentId, row.startsAt),
  })
}

function prefillValues(prefill: ReportPrefill): FormValues {
  return {
    duration: String(prefill.duration.choice),
    customDuration: prefill.duration.choice === 'custom' ? String(prefill.duration.minutes) : '',
    placeType: prefill.placeType,
    siteId: prefill.siteId ?? '',
    themes: prefill.themes,
    beneficiary: prefill.residentId ? 'KNOWN' : '',
    alreadyAccompanied: prefill.alreadyAccompanied ? 'on' : '',
    participantIds: prefill.participantIds,
    workshopTitle: prefill.workshopTitle ?? '',
    workshopLevel: prefill.workshopLevel ?? '',
  }
}

const parseList = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.map(String) : []
  } catch {
    return []
  }
}

type StoredReport = NonNullable<AppointmentSubject['activityReport']>

/** A filed report as its form shows it again. */
function storedValues(report: StoredReport): FormValues {
  const duration = durationOf(report.durationMinutes ?? 0)
  const exact = duration.choice !== 'custom' && duration.minutes === report.durationMinutes
  const counts = readAnonymousCounts(report.anonymousCounts)
  const countValues: FormValues = {
    anonTotal: counts.total ? String(counts.total) : '',
    anonAlreadyAccompanied: counts.alreadyAccompanied ? String(counts.alreadyAccompanied) : '',
  }
  for (const [group, codes] of Object.entries(COUNT_GROUPS)) {
    const stored = (counts[group as CountGroup] ?? {}) as Record<string, number>
    for (const code of codes) {
      countValues[countField(group as CountGroup, code)] = stored[code] ? String(stored[code]) : ''
    }
  }
  const text = (value: string | null) => value ?? ''
  return {
    duration: exact ? String(duration.choice) : 'custom',
    customDuration: exact ? '' : String(report.durationMinutes ?? ''),
    placeType: text(report.placeType),
    siteId: text(report.siteId),
    placeCommune: text(report.placeCommune),
    placePostalCode: text(report.placePostalCode),
    themes: parseList(report.themes),
    procedureDetails: text(report.procedureDetails),
    equipment: parseList(report.equipment),
    notes: text(report.notes),
    beneficiary: report.kind === 'INDIVIDUAL' ? (report.residentId ? 'KNOWN' : 'ANONYMOUS') : '',
    alreadyAccompanied: report.alreadyAccompanied ? 'on' : '',
    residenceCommune: text(report.residenceCommune),
    gender: text(report.gender),
    ageBand: text(report.ageBand),
    socialStatus: text(report.socialStatus),
    autonomy: text(report.autonomy),
    referred: report.referred ? 'on' : '',
    referralStructure: text(report.referralStructure),
    participantIds: report.participants.map((one) => one.residentId),
    workshopTitle: text(report.workshopTitle),
    workshopLevel: text(report.workshopLevel),
    ...countValues,
  }
}

export type ReportFormData = FormReply & { problem?: 'STALE' }

/** /espace/comptes-rendus/rendez-vous/<id> or /atelier/<id>: the report, pre-filled. */
export async function reportPage(request: Request, kind: SubjectKind, id: string | undefined) {
  const { signedIn, t, language } = await pageContext(request)
  const loaded = await loadSubject(signedIn, kind, id ?? '')
  const report = loaded.subject.report as StoredReport | null
  const zone = loaded.row.site?.timeZone ?? signedIn.organisation.timeZone
  const filed = report?.status === 'FILED'
  const values = filed ? storedValues(report) : prefillValues(await prefillOf(loaded))
  const sites = await reportSites(db(), signedIn.organisation.id)
  const url = new URL(request.url)
  const facts =
    loaded.kind === 'appointment'
      ? {
          topic: loaded.row.topic.name,
          resident: nameOf(loaded.row.resident),
          advisor: nameOf(loaded.row.advisor),
          place:
            loaded.row.mode === 'PHONE' ? t('reports.form.byPhone') : (loaded.row.site?.name ?? ''),
        }
      : {
          topic: loaded.row.topic.name,
          resident: null,
          advisor: loaded.row.advisors.map(({ advisor }) => nameOf(advisor)).join(', '),
          place: loaded.row.site.name,
        }
  return {
    title: t(filed ? 'reports.form.editTitle' : 'reports.form.title', { topic: facts.topic }),
    kind: loaded.subject.kind,
    status: report?.status ?? null,
    notice: (['enregistre', 'deja'] as const).find((key) => url.searchParams.get(key) === '1'),
    when: formatAppointmentDate(loaded.subject.date, zone, language),
    facts,
    version: report ? String(report.version) : '',
    values,
    maxLengths: maxLengthsOf(reportFields),
    sites: sites.map((site) => ({ value: site.id, label: site.name })),
    registered:
      loaded.kind === 'session'
        ? loaded.row.registrations.map((one) => ({
            value: one.residentId,
            label: nameOf(one.resident),
          }))
        : [],
  }
}

/** Files or changes the report; a stale change is refused and the page shows the saved one. */
export async function submitReport(request: Request, kind: SubjectKind, id: string | undefined) {
  const { signedIn } = await pageContext(request)
  const loaded = await loadSubject(signedIn, kind, id ?? '')
  const sites = await reportSites(db(), signedIn.organisation.id)
  const form = await request.formData()
  const parsed = parseForm(
    form,
    reportSchema({
      kind: loaded.subject.kind,
      siteIds: sites.map((site) => site.id),
      registeredIds:
        loaded.kind === 'session' ? loaded.row.registrations.map((r) => r.residentId) : [],
    }),
  )
  if (!parsed.ok) return Response.json(parsed.reply satisfies ReportFormData, { status: 400 })
  const version = parseForm(form, versionField)
  const outcome = await saveReport(
    db(),
    signedIn.actor,
    loaded.subject,
    parsed.value,
    version.ok ? (version.value.version ?? null) : null,
  )
  const own = kind === 'appointment' ? appointmentReportPath(id!) : sessionReportPath(id!)
  switch (outcome.outcome) {
    case 'FILED':
      return redirect(`${REPORTS_PATH}?enregistre=1`)
    case 'CHANGED':
      return redirect(`${own}?enregistre=1`)
    case 'ALREADY':
      return redirect(`${own}?deja=1`)
    case 'STALE':
      return Response.json({ values: {}, errors: {}, problem: 'STALE' } satisfies ReportFormData, {
        status: 409,
      })
  }
}

// ---- Reports of a period

const DATE = /^\d{4}-\d{2}-\d{2}$/

function dayParam(url: URL, name: string, zone: string, fallback: string) {
  const value = url.searchParams.get(name) ?? ''
  if (DATE.test(value)) {
    try {
      startOfLocalDay(value, zone)
      return value
    } catch {
      return fallback
    }
  }
  return fallback
}

/** /espace/comptes-rendus/deposes: the reports of a period (30 days to today by default). */
export async function filedPage(request: Request) {
  const { signedIn, t, language } = await pageContext(request)
  requireReporter(signedIn)
  const url = new URL(request.url)
  const zone = signedIn.organisation.timeZone
  const today = DateTime.now().setZone(zone)
  const from = dayParam(url, 'du', zone, today.minus({ days: 30 }).toISODate()!)
  const to = dayParam(url, 'au', zone, today.toISODate()!)
  const scope = await advisorScope(signedIn, url)
  const end = DateTime.fromISO(to, { zone }).plus({ days: 1 }).toISODate()!
  const reports = await reportsBetween(
    db(),
    {
      organisationId: signedIn.organisation.id,
      advisorId: scope.advisorId,
      from: startOfLocalDay(from, zone),
      to: startOfLocalDay(end, zone),
    },
    FILED_LIST_SIZE,
  )
  return {
    title: t('reports.filed.title'),
    from,
    to,
    advisors: scope.advisors,
    chosen: scope.chosen,
    showAdvisor: scope.advisorId === null,
    reports: reports.map((report) => ({
      id: report.id,
      kind: report.kind,
      status: report.status,
      when: formatAppointmentDate(report.date, zone, language),
      topic: report.appointment?.topic.name ?? report.workshopSession?.topic.name ?? '',
      who: report.appointment
        ? nameOf(report.appointment.resident)
        : t('reports.filed.participants', { count: report.participantCount }),
      duration: report.durationMinutes,
      advisor: nameOf(report.advisor),
      path: report.appointmentId
        ? appointmentReportPath(report.appointmentId)
        : sessionReportPath(report.workshopSessionId!),
    })),
    filedPath: FILED_REPORTS_PATH,
  }
}
