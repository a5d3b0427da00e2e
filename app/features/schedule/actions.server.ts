import { redirect } from '@remix-run/node'
import { mayHoldOpeningHours, type Action } from '~/domain/access'
import type { FieldErrors, FormValues } from '~/domain/input/problems'
import { overlappingRules, type OpeningRule } from '~/domain/scheduling'
import type { Language } from '~/i18n/config'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import type { Translate } from '~/i18n/translate'
import { db } from '~/platform/database/client.server'
import { parseForm, renderedUpdatedAt } from '~/platform/forms.server'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { advisorById, receivingAdvisors } from '~/features/admin/index.server'
import { absenceById, addAbsence, removeAbsence } from './absences.server'
import {
  absenceSchema,
  decisionsSchema,
  endRuleSchema,
  namesForeignPlace,
  ruleSchema,
} from './forms.server'
import {
  advisorRules,
  previewRuleSlots,
  saveOpeningRule,
  withRule,
  wouldOrphan,
  type AffectedAppointment,
  type AffectedSession,
  type Decisions,
  type OpeningRuleInput,
} from './opening-rules.server'
import { ruleOfRow } from './rule-rows.server'
import type { AbsenceActionData, AffectedItem, RuleFormResult } from './page-data'
import {
  affectedSessionView,
  affectedView,
  previewView,
  ruleFormOptions,
  ruleView,
} from './views.server'

// The hours and absence pages' actions, and whose schedule a request is about.

/**
 * The signed-in person and the advisor whose schedule is asked (?conseiller=, or
 * themselves), once `action` on that advisor is allowed.
 */
export async function scheduleOwner(request: Request, action: Action, advisorId?: string | null) {
  const signedIn = await requireAdvisor(request)
  const id =
    advisorId ??
    new URL(request.url).searchParams.get('conseiller') ??
    (await defaultScheduleOwner(signedIn))
  const advisor = await advisorById(db(), id)
  requirePermission(
    signedIn.actor,
    action,
    advisor ? { organisationId: advisor.organisationId, advisorId: advisor.id } : null,
  )
  // Reception holds no hours (decision 065): her name leads nowhere, as in every picker.
  if (!mayHoldOpeningHours(advisor!.role)) throw new Response('Not found', { status: 404 })
  return { signedIn, advisor: advisor! }
}

/** Whose hours the page opens on: one's own, or for reception the first advisor's. */
async function defaultScheduleOwner(signedIn: SignedIn) {
  if (mayHoldOpeningHours(signedIn.advisor.role)) return signedIn.advisor.id
  const [first] = await receivingAdvisors(db(), signedIn.organisation.id)
  return first?.id ?? signedIn.advisor.id
}

type RuleContext = {
  signedIn: SignedIn
  advisor: { id: string; organisationId: string }
  /** The stored rule being changed, null for a new one. */
  stored: { id: string; updatedAt: Date; rule: OpeningRule } | null
}

const reply = (result: RuleFormResult, status: number) => Response.json(result, { status })

type RuleRead =
  | { ok: true; rule: OpeningRuleInput; values: FormValues; overlapConfirmed: boolean }
  | { ok: false; response: Response }

/** The rule the form describes (a changed or new rule, or a stored one with its end). */
async function readRule(
  form: FormData,
  kind: RuleFormResult['form'],
  context: RuleContext,
): Promise<RuleRead> {
  const { signedIn, advisor, stored } = context
  if (kind === 'end') {
    const parsed = parseForm(form, endRuleSchema(stored!.rule))
    if (!parsed.ok) return { ok: false, response: reply({ form: kind, ...parsed.reply }, 400) }
    return { ok: true, rule: parsed.value, values: parsed.values, overlapConfirmed: true }
  }
  const parsed = parseForm(form, ruleSchema(advisor.id))
  const options = await ruleFormOptions(signedIn.organisation.id)
  const sent = parsed.ok ? parsed.values : parsed.reply.values
  const own = {
    siteIds: options.sites.map((site) => site.id),
    topicIds: options.topics.map((topic) => topic.id),
  }
  if (namesForeignPlace(sent, own)) throw new Response('Not found', { status: 404 })
  if (!parsed.ok) return { ok: false, response: reply({ form: kind, ...parsed.reply }, 400) }
  return { ok: true, ...parsed.value, values: parsed.values }
}

type Decided =
  | { ok: true; decisions: Decisions; reason: string; keptSessions: string[] }
  | { ok: false; errors: FieldErrors; affected: AffectedItem[]; status: number }

/** The confirmation's list: the appointments, then the workshop sessions (decision 082). */
function affectedItems(affected: Affected, language: Language, t: Translate): AffectedItem[] {
  return [
    ...affected.appointments.map((appointment) => affectedView(appointment, language, t)),
    ...affected.sessions.map((session) => affectedSessionView(session, language, t)),
  ]
}

/**
 * The advisor's decisions on the booked appointments a change would orphan (decision
 * 053), and the workshop sessions it disturbs, which the confirmation lists and keeps
 * (decision 082); else what the confirmation asks, and what is missing once sent.
 */
function decide(form: FormData, affected: Affected, language: Language, t: Translate): Decided {
  const confirming = form.get('confirming') === '1'
  const ids = affected.appointments.map((appointment) => appointment.id)
  const decided = parseForm(form, decisionsSchema(ids))
  const listed = form.getAll('keptSession').map(String)
  const keptSessions = affected.sessions.map((session) => session.id)
  if (ids.length === 0 && keptSessions.length === 0) {
    return { ok: true, decisions: {}, reason: '', keptSessions: [] }
  }
  const sessionsSeen = keptSessions.every((id) => listed.includes(id))
  if (confirming && decided.ok && sessionsSeen) {
    return { ok: true, ...decided.value, keptSessions }
  }
  return {
    ok: false,
    errors: confirming && !decided.ok ? decided.reply.errors : {},
    affected: affectedItems(affected, language, t),
    status: confirming ? 400 : 200,
  }
}

type Affected = { appointments: AffectedAppointment[]; sessions: AffectedSession[] }

/**
 * The rule form's action, for a new rule and a changed one: preview, or save after the
 * overlap warning and the confirmation of orphaned appointments; `end` sets its last day.
 */
export async function ruleAction(request: Request, context: RuleContext) {
  const { signedIn, advisor, stored } = context
  const form = await request.formData()
  const intent = form.get('intent')
  const kind: RuleFormResult['form'] = intent === 'end' && stored ? 'end' : 'rule'
  const read = await readRule(form, kind, context)
  if (!read.ok) return read.response
  const { rule, values } = read
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const zone = signedIn.organisation.timeZone
  const now = new Date()
  const candidate: OpeningRule = { ...rule, id: stored?.id }
  if (intent === 'preview' && kind === 'rule') {
    const preview = await previewRuleSlots(db(), signedIn.organisation.id, candidate, now)
    // Slots read in the place's zone (an overseas site keeps its own).
    const options = await ruleFormOptions(signedIn.organisation.id)
    const placeZone = options.sites.find((site) => site.id === candidate.siteId)?.timeZone ?? zone
    return reply(
      { form: kind, values, errors: {}, preview: previewView(preview, placeZone, language) },
      200,
    )
  }
  if (!read.overlapConfirmed) {
    const rows = await advisorRules(db(), [advisor.id])
    const overlaps = overlappingRules(candidate, rows.map(ruleOfRow))
    if (overlaps.length > 0) {
      const views = overlaps.map((overlap) => {
        const view = ruleView(
          rows.find((row) => row.id === overlap.id)!,
          zone,
          language,
          t,
        )
        return { id: view.id, label: `${view.summary} · ${view.place} · ${view.validity}` }
      })
      const errors = { confirmOverlap: { code: 'OVERLAP_NOT_CONFIRMED' as const } }
      return reply({ form: kind, values, errors, overlaps: views }, 400)
    }
  }
  const affected = await wouldOrphan(
    db(),
    {
      advisorId: advisor.id,
      organisationZone: zone,
      after: (before) => withRule(before, candidate),
    },
    now,
  )
  const decided = decide(form, affected, language, t)
  if (!decided.ok) {
    const { errors, affected: items, status } = decided
    return reply({ form: kind, values, errors, affected: items }, status)
  }
  const outcome = await saveOpeningRule(
    db(),
    signedIn.actor,
    {
      ruleId: stored?.id ?? null,
      updatedAt: stored ? renderedUpdatedAt(form) : null,
      rule,
      organisationZone: zone,
      decisions: decided.decisions,
      reason: decided.reason,
      keptSessions: decided.keptSessions,
      ending: kind === 'end',
    },
    now,
  )
  if (outcome.kind === 'STALE') {
    return reply({ form: kind, values: {}, errors: {}, problem: 'STALE' }, 409)
  }
  if (outcome.kind === 'PROBLEMS') {
    const errors = Object.fromEntries(
      outcome.problems.map((problem) => [problem.field, { code: problem.code }]),
    )
    return reply({ form: kind, values, errors }, 400)
  }
  if (outcome.kind === 'UNDECIDED') {
    const items = affectedItems(
      { appointments: outcome.affected, sessions: outcome.sessions },
      language,
      t,
    )
    return reply({ form: kind, values, errors: {}, affected: items, changed: true }, 409)
  }
  return redirect(`/espace/horaires?${savedQuery(advisor.id, outcome)}`)
}

/** Where a saved change lands: the advisor's page, saying how many were cancelled or kept. */
function savedQuery(advisorId: string, outcome: { cancelled: number; kept: number }) {
  return new URLSearchParams({
    conseiller: advisorId,
    enregistre: '1',
    annules: String(outcome.cancelled),
    gardes: String(outcome.kept),
  }).toString()
}

const absenceReply = (data: AbsenceActionData, status: number) => Response.json(data, { status })

/** The absence page's action: remove one, or add one after the orphan confirmation (053). */
export async function absenceAction(request: Request) {
  const form = await request.formData()
  if (form.get('intent') === 'remove') return removeAbsenceAction(request, form)
  const { signedIn, advisor } = await scheduleOwner(request, 'schedule.manage')
  const zone = signedIn.organisation.timeZone
  const parsed = parseForm(form, absenceSchema(zone))
  if (!parsed.ok) return absenceReply(parsed.reply, 400)
  const { values } = parsed
  const { start, end, reason } = parsed.value
  const now = new Date()
  const absence = { advisorId: advisor.id, start, end }
  const affected = await wouldOrphan(
    db(),
    {
      advisorId: advisor.id,
      organisationZone: zone,
      after: (before) => ({ rules: before.rules, absences: [...before.absences, absence] }),
    },
    now,
  )
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const decided = decide(form, affected, language, t)
  if (!decided.ok) {
    const { errors, affected: items, status } = decided
    return absenceReply({ values, errors, affected: items }, status)
  }
  const outcome = await addAbsence(
    db(),
    signedIn.actor,
    {
      advisorId: advisor.id,
      startsAt: start,
      endsAt: end,
      reason,
      organisationZone: zone,
      decisions: decided.decisions,
      cancellationReason: decided.reason,
      keptSessions: decided.keptSessions,
    },
    now,
  )
  if (outcome.kind === 'UNDECIDED') {
    const items = affectedItems(
      { appointments: outcome.affected, sessions: outcome.sessions },
      language,
      t,
    )
    return absenceReply({ values, errors: {}, affected: items, changed: true }, 409)
  }
  return redirect(`/espace/absences?${savedQuery(advisor.id, outcome)}`)
}

async function removeAbsenceAction(request: Request, form: FormData) {
  const absence = await absenceById(db(), String(form.get('absenceId') ?? ''))
  const { signedIn, advisor } = await scheduleOwner(
    request,
    'schedule.manage',
    absence?.advisorId ?? null,
  )
  const gone = { values: {}, errors: {}, problem: 'GONE' as const }
  if (!absence || absence.advisorId !== advisor.id) return absenceReply(gone, 409)
  const removed = await removeAbsence(db(), signedIn.actor, absence)
  if (!removed) return absenceReply(gone, 409)
  return redirect(`/espace/absences?conseiller=${advisor.id}&supprime=1`)
}
