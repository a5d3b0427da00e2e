import { redirect } from '@remix-run/node'
import { can, type Action } from '~/domain/access'
import type { FormReply, FormValues } from '~/domain/input/problems'
import { dayTitle } from '~/domain/time/days'
import { MAX_SEATS_PER_SESSION } from '~/domain/workshops/seats'
import { formatAppointmentDate, formatTime, localDateOf } from '~/domain/time/format'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { receivingAdvisors } from '~/features/admin/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'
import { db } from '~/platform/database/client.server'
import { formReply, maxLengthsOf, parseForm } from '~/platform/forms.server'
import {
  cancelSessionSchema,
  changeSessionFields,
  changeSessionSchema,
  createSessionFields,
  createSessionSchema,
  type SessionChoices,
} from './session-forms.server'
import {
  collectiveTopics,
  sessionById,
  sessionHistory,
  sessionSites,
  upcomingSessions,
  type SessionDetail,
} from './queries.server'
import { participantsView, sessionSummaryView, sessionZone } from './session-views.server'
import { cancelSessions, changeSession, createSessions, type Clash } from './sessions.server'
import { workspaceSessionPath } from './paths'
import { sessionReportPath } from '~/features/reports/paths'
import { sessionHeld } from '~/domain/reports/prefill'

// The workspace's workshop pages (decision 082): what each loader shows and what each
// action does, so the routes stay thin. /espace/ateliers lists the sessions to come,
// /nouveau creates one or a series, /<id> is a session with its participants, /<id>/modifier
// changes it, /<id>/annuler cancels it (or the rest of its series), /<id>/emargement prints
// the sign-in sheet.

const KNOWN_ACTIONS = [
  'WORKSHOP_SESSION_CREATED',
  'WORKSHOP_SESSION_CHANGED',
  'WORKSHOP_SESSION_CANCELLED',
  'WORKSHOP_SESSION_KEPT_OUTSIDE_HOURS',
  'SEAT_TAKEN',
  'SEAT_GIVEN_BACK',
  'ATTENDANCE_MARKED',
]

async function pageContext(request: Request) {
  const [signedIn, t, language] = await Promise.all([
    requireAdvisor(request),
    fixedT(request),
    languageOf(request),
  ])
  return { signedIn, t, language }
}

/** The session of the address once `action` on it is allowed; another organisation's is 404. */
async function sessionFor(request: Request, id: string | undefined, action: Action) {
  const context = await pageContext(request)
  const session = await sessionById(db(), id ?? '')
  requirePermission(
    context.signedIn.actor,
    action,
    session ? { organisationId: session.organisationId } : null,
  )
  return { ...context, session: session! }
}

/** What the create and change forms offer: the organisation's collective topics, sites, advisors. */
async function formChoices(signedIn: SignedIn) {
  const organisation = signedIn.organisation
  const [topics, sites, advisors] = await Promise.all([
    collectiveTopics(db(), organisation.id),
    sessionSites(db(), organisation),
    receivingAdvisors(db(), organisation.id),
  ])
  const choices: SessionChoices = {
    topicIds: topics.map((topic) => topic.id),
    sites,
    advisorIds: advisors.map((advisor) => advisor.id),
  }
  return {
    choices,
    options: {
      topics: topics.map((topic) => ({ value: topic.id, label: topic.name })),
      sites: sites.map((site) => ({ value: site.id, label: site.name })),
      advisors: advisors.map((advisor) => ({
        value: advisor.id,
        label: `${advisor.firstName} ${advisor.lastName}`,
      })),
    },
  }
}

export type SessionFormOptions = Awaited<ReturnType<typeof formChoices>>['options']

// ---- The list

/** /espace/ateliers: the sessions not over yet, at every site or one (?lieu=). */
export async function workshopList(request: Request) {
  const { signedIn, t, language } = await pageContext(request)
  const { actor, organisation } = signedIn
  requirePermission(actor, 'workshop.view', { organisationId: organisation.id })
  const siteParam = new URL(request.url).searchParams.get('lieu') || null
  const sites = await sessionSites(db(), organisation)
  const siteId = sites.some((site) => site.id === siteParam) ? siteParam : null
  const sessions = await upcomingSessions(db(), organisation.id, { siteId, now: new Date() })
  return {
    title: t('workspace.workshops.title'),
    sites: sites.map((site) => ({ id: site.id, name: site.name })),
    siteId: siteId ?? '',
    mayCreate: can(actor, 'workshop.manage'),
    sessions: sessions.map((session) =>
      sessionSummaryView(session, organisation.timeZone, language, t),
    ),
  }
}

// ---- Creating

export type SessionFormData = FormReply & {
  problem?: 'STALE' | 'CLOSED' | 'NO_TOPIC'
  /** The advisor whose time is already taken, and when: nothing was written. */
  clash?: string
  /** Fewer seats than the people holding one. */
  holders?: number
}

/** /espace/ateliers/nouveau: the form of a new session or series. */
export async function newSessionPage(request: Request) {
  const { signedIn, t } = await pageContext(request)
  requirePermission(signedIn.actor, 'workshop.manage', {
    organisationId: signedIn.organisation.id,
  })
  const { options } = await formChoices(signedIn)
  return {
    title: t('workspace.workshops.newTitle'),
    options,
    defaults: {
      topicId: options.topics[0]?.value ?? '',
      siteId: options.sites[0]?.value ?? '',
      seatCount: '8',
      level: 'BEGINNER',
      repeat: 'ONCE',
      enrolment: 'PER_SESSION',
    } satisfies FormValues,
    maxLengths: maxLengthsOf(createSessionFields),
  }
}

/** The clash in words: who is busy, which day, at what time. */
function clashText(
  clash: Clash,
  zone: string,
  language: Language,
  t: Translate,
  names: Map<string, string>,
) {
  const date = localDateOf(clash.startsAt, zone)
  return t('workspace.workshops.clash', {
    advisor: names.get(clash.advisorId) ?? '',
    day: dayTitle(date, zone, language),
    from: formatTime(clash.startsAt, zone, language),
    to: formatTime(clash.endsAt, zone, language),
  })
}

const reply = (data: SessionFormData, status: number) => Response.json(data, { status })

export async function submitNewSession(request: Request) {
  const { signedIn, t, language } = await pageContext(request)
  requirePermission(signedIn.actor, 'workshop.manage', {
    organisationId: signedIn.organisation.id,
  })
  const [{ choices, options }, form] = await Promise.all([
    formChoices(signedIn),
    request.formData(),
  ])
  const now = new Date()
  const parsed = parseForm(form, createSessionSchema(choices, now))
  if (!parsed.ok) return reply(parsed.reply, 400)
  const outcome = await createSessions(db(), signedIn.actor, parsed.value)
  if (!outcome.ok) {
    const zone = choices.sites.find((site) => site.id === parsed.value.siteId)!.timeZone
    const names = new Map(options.advisors.map((advisor) => [advisor.value, advisor.label]))
    const clash = clashText(outcome.clash, zone, language, t, names)
    return reply({ ...formReply(parsed.values), clash }, 409)
  }
  const [first] = outcome.sessionIds
  const query = outcome.sessionIds.length > 1 ? `cree=${outcome.sessionIds.length}` : 'cree=1'
  return redirect(`${workspaceSessionPath(first!)}?${query}`)
}

// ---- One session

/** /espace/ateliers/<id>: the session, its participants, what may be done with it. */
export async function sessionPage(request: Request, id: string | undefined) {
  const { signedIn, session, t, language } = await sessionFor(request, id, 'workshop.view')
  const { actor, organisation } = signedIn
  const zone = sessionZone(session, organisation.timeZone)
  const now = new Date()
  const url = new URL(request.url)
  const history = await sessionHistory(db(), organisation.id, session)
  const open = session.status === 'SCHEDULED' && session.startsAt > now
  return {
    title: t('workspace.workshops.sessionTitle', { topic: session.topic.name }),
    notice: noticeOf(url.searchParams),
    session: {
      ...sessionSummaryView(session, organisation.timeZone, language, t),
      when: formatAppointmentDate(session.startsAt, zone, language),
      level: session.level,
      whatToBring: session.whatToBring,
      whatToBringEn: session.whatToBringEn,
      reason: session.cancellationReason,
      series: session.series
        ? {
            enrolment: session.series.enrolment,
            sessions: session.series.sessions.map((other) => ({
              id: other.id,
              when: formatAppointmentDate(other.startsAt, zone, language),
              cancelled: other.status === 'CANCELLED',
              current: other.id === session.id,
            })),
          }
        : null,
    },
    started: session.startsAt <= now,
    open,
    mayManage: open && can(actor, 'workshop.manage'),
    mayRegister: open && can(actor, 'workshop.participants'),
    mayMark: session.status === 'SCHEDULED' && can(actor, 'workshop.participants'),
    report: reportLink(session, actor, now),
    participants: participantsView(session),
    history: history.map((event) => ({
      id: event.id,
      when: formatAppointmentDate(event.createdAt, organisation.timeZone, language),
      who: event.advisor
        ? `${event.advisor.firstName} ${event.advisor.lastName}`
        : event.actorKind === 'RESIDENT'
          ? t('workspace.appointment.actorResident')
          : t('workspace.appointment.actorSystem'),
      // Known actions read in the reader's language; others (from later features) as logged.
      what: KNOWN_ACTIONS.includes(event.action)
        ? t(`workspace.workshops.actions.${event.action}`)
        : event.summary,
    })),
  }
}

/**
 * Once held, the session's activity report is written from its page (decision 085), by
 * whoever owns it: its author, or one of the session's advisors, or an admin.
 */
function reportLink(session: SessionDetail, actor: SignedIn['actor'], now: Date) {
  if (!sessionHeld(session, now)) return null
  const leads = session.advisors.some((one) => one.advisorId === actor.advisorId)
  const owner =
    session.activityReport?.advisorId ??
    (leads ? actor.advisorId : (session.advisors[0]?.advisorId ?? null))
  if (!can(actor, 'report.manage', owner)) return null
  return { path: sessionReportPath(session.id), filed: session.activityReport?.status === 'FILED' }
}

/** What a page reached after a write says, from its query string. */
function noticeOf(params: URLSearchParams) {
  const created = Number(params.get('cree') ?? 0)
  if (created > 0) return { key: 'created', count: created }
  if (params.get('modifie') === '1') return { key: 'changed', count: 1 }
  if (params.get('annule')) return { key: 'cancelled', count: Number(params.get('annule')) }
  if (params.get('inscrit') === '1') return { key: 'registered', count: 1 }
  if (params.get('presence') === '1') return { key: 'attendance', count: 1 }
  return null
}

// ---- Changing

/** The stored session as the change form shows it. */
function changeValues(session: SessionDetail, zone: string): FormValues {
  return {
    siteId: session.site.id,
    advisorIds: session.advisors.map((row) => row.advisorId),
    date: localDateOf(session.startsAt, zone),
    startTime: formatTime(session.startsAt, zone, 'fr', { spaces: 'plain' }),
    endTime: formatTime(session.endsAt, zone, 'fr', { spaces: 'plain' }),
    seatCount: String(session.seatCount),
    level: session.level,
    whatToBring: session.whatToBring ?? '',
    whatToBringEn: session.whatToBringEn ?? '',
    version: String(session.version),
  }
}

/** /espace/ateliers/<id>/modifier: the change form, filled with the session as it stands. */
export async function changeSessionPage(request: Request, id: string | undefined) {
  const { signedIn, session, t, language } = await sessionFor(request, id, 'workshop.manage')
  const { options } = await formChoices(signedIn)
  const zone = sessionZone(session, signedIn.organisation.timeZone)
  return {
    title: t('workspace.workshops.changeTitle', {
      topic: session.topic.name,
      when: formatAppointmentDate(session.startsAt, zone, language),
    }),
    id: session.id,
    open: session.status === 'SCHEDULED' && session.startsAt > new Date(),
    options,
    values: changeValues(session, zone),
    maxLengths: maxLengthsOf(changeSessionFields),
  }
}

export async function submitChange(request: Request, id: string | undefined) {
  const { signedIn, session, t, language } = await sessionFor(request, id, 'workshop.manage')
  const [{ choices, options }, form] = await Promise.all([
    formChoices(signedIn),
    request.formData(),
  ])
  const now = new Date()
  const parsed = parseForm(form, changeSessionSchema(choices, now))
  if (!parsed.ok) return reply(parsed.reply, 400)
  const outcome = await changeSession(db(), signedIn.actor, session.id, parsed.value, now)
  switch (outcome.kind) {
    case 'CHANGED':
      return redirect(`${workspaceSessionPath(session.id)}?modifie=1`)
    case 'STALE':
    case 'CLOSED':
      return reply({ ...formReply(parsed.values), problem: outcome.kind }, 409)
    case 'SEATS_TAKEN': {
      const errors = {
        seatCount: {
          code: 'OUT_OF_RANGE' as const,
          min: outcome.holders,
          max: MAX_SEATS_PER_SESSION,
        },
      }
      return reply({ ...formReply(parsed.values, errors), holders: outcome.holders }, 409)
    }
    case 'CLASH': {
      const zone = choices.sites.find((site) => site.id === parsed.value.siteId)!.timeZone
      const names = new Map(options.advisors.map((advisor) => [advisor.value, advisor.label]))
      const clash = clashText(outcome.clash, zone, language, t, names)
      return reply({ ...formReply(parsed.values), clash }, 409)
    }
  }
}

// ---- Cancelling

export type CancelData = FormReply & {
  problem?: 'STALE' | 'CLOSED'
  /** The cancellation to confirm: nothing is written before. */
  confirm?: { reason: string; scope: 'SESSION' | 'SERIES'; count: number }
}

/** The sessions a cancellation of the series would take: this one and those after it. */
function seriesRest(session: SessionDetail) {
  return (session.series?.sessions ?? []).filter(
    (other) =>
      other.id === session.id ||
      (other.status === 'SCHEDULED' && other.startsAt >= session.startsAt),
  )
}

/** /espace/ateliers/<id>/annuler: why, and this session or the rest of its series. */
export async function cancelPage(request: Request, id: string | undefined) {
  const { signedIn, session, t, language } = await sessionFor(request, id, 'workshop.manage')
  const zone = sessionZone(session, signedIn.organisation.timeZone)
  const now = new Date()
  return {
    title: t('workspace.workshops.cancelTitle', {
      topic: session.topic.name,
      when: formatAppointmentDate(session.startsAt, zone, language),
    }),
    id: session.id,
    version: session.version,
    open: session.status === 'SCHEDULED' && session.startsAt > now,
    participants: session._count.registrations,
    waiting: session._count.waitlist,
    seriesRest: session.series ? seriesRest(session).length : 0,
    maxLengths: maxLengthsOf(cancelSessionSchema),
  }
}

export async function submitCancel(request: Request, id: string | undefined) {
  const { signedIn, session } = await sessionFor(request, id, 'workshop.manage')
  const form = await request.formData()
  const parsed = parseForm(form, cancelSessionSchema)
  const respond = (data: CancelData, status: number) => Response.json(data, { status })
  if (!parsed.ok) return respond(parsed.reply, 400)
  const { reason, scope, confirmed, version } = parsed.value
  const now = new Date()
  const wholeSeries = scope === 'SERIES' && session.series !== null
  if (!confirmed) {
    const count = wholeSeries ? seriesRest(session).length : 1
    const confirm = { reason, scope: wholeSeries ? 'SERIES' : 'SESSION', count } as const
    return respond({ ...formReply(parsed.values), confirm }, 200)
  }
  const outcome = await cancelSessions(
    db(),
    signedIn.actor,
    { sessionId: session.id, version, reason, wholeSeries },
    now,
  )
  if (outcome.kind !== 'CANCELLED') {
    return respond({ ...formReply(parsed.values), problem: outcome.kind }, 409)
  }
  return redirect(`${workspaceSessionPath(session.id)}?annule=${outcome.count}`)
}

// ---- The sign-in sheet

/** /espace/ateliers/<id>/emargement: who is registered, with a column to sign. */
export async function signInSheet(request: Request, id: string | undefined) {
  const { signedIn, session, t, language } = await sessionFor(request, id, 'workshop.view')
  const summary = sessionSummaryView(session, signedIn.organisation.timeZone, language, t)
  const participants = participantsView(session).filter(
    (participant) => participant.status !== 'CANCELLED',
  )
  participants.sort((a, b) => a.name.localeCompare(b.name, language))
  return {
    title: t('workspace.workshops.sheet.title'),
    id: session.id,
    organisation: signedIn.organisation.name,
    topic: summary.topic,
    day: summary.day,
    time: summary.time,
    site: summary.site,
    advisors: summary.advisors,
    cancelled: summary.cancelled,
    participants: participants.map((participant) => ({
      id: participant.id,
      name: participant.name,
      with: participant.with,
    })),
    // Free seats as empty lines, for whoever comes without having registered.
    blankLines: Math.max(0, session.seatCount - participants.length),
  }
}
