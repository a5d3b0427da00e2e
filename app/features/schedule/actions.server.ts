import { redirect } from '@remix-run/node'
import { z } from 'zod'
import type { Action } from '~/domain/access'
import {
  absenceRange,
  overlappingRules,
  validateOpeningRule,
  type OpeningRule,
} from '~/domain/scheduling'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { advisorById } from '~/features/admin/index.server'
import { absenceById, addAbsence, removeAbsence } from './absences.server'
import { decisionValues, parseDecisions, parseRule, ruleValues } from './forms.server'
import { REASON_MAX } from './limits'
import {
  advisorRules,
  previewRuleSlots,
  saveOpeningRule,
  withRule,
  wouldOrphan,
  type OpeningRuleInput,
} from './opening-rules.server'
import { ruleOfRow } from './rule-rows.server'
import type { AbsenceActionData, RuleFormResult } from './page-data'
import { affectedView, previewView, ruleFormOptions, ruleView } from './views.server'

// The hours and absence pages' actions, and whose schedule a request is about.

/**
 * The signed-in person and the advisor whose schedule is asked (?conseiller=, or
 * themselves), once `action` on that advisor is allowed.
 */
export async function scheduleOwner(request: Request, action: Action, advisorId?: string | null) {
  const signedIn = await requireAdvisor(request)
  const id = advisorId ?? new URL(request.url).searchParams.get('conseiller') ?? signedIn.advisor.id
  const advisor = await advisorById(db(), id)
  requirePermission(
    signedIn.actor,
    action,
    advisor ? { organisationId: advisor.organisationId, advisorId: advisor.id } : null,
  )
  return { signedIn, advisor: advisor! }
}

type RuleContext = {
  signedIn: SignedIn
  advisor: { id: string; organisationId: string }
  /** The stored rule being changed, null for a new one. */
  stored: { id: string; updatedAt: Date; rule: OpeningRule } | null
}

const reply = (result: RuleFormResult, status: number) => Response.json(result, { status })

/**
 * The rule form's action, for a new rule and a changed one: preview, or save after the
 * overlap warning and the confirmation of orphaned appointments; `end` sets its last day.
 */
export async function ruleAction(request: Request, context: RuleContext) {
  const { signedIn, advisor, stored } = context
  const form = await request.formData()
  const intent = form.get('intent')
  const t = await fixedT(request)
  const language = await languageOf(request)
  const zone = signedIn.organisation.timeZone
  const now = new Date()
  const options = await ruleFormOptions(signedIn.organisation.id)
  let values: RuleFormResult['values'] = null
  let rule: OpeningRuleInput
  const kind: RuleFormResult['form'] = intent === 'end' && stored ? 'end' : 'rule'
  const endDate = typeof form.get('endDate') === 'string' ? String(form.get('endDate')).trim() : ''
  if (kind === 'end') {
    rule = {
      ...stored!.rule,
      weekdays: [...stored!.rule.weekdays],
      topicIds: [...stored!.rule.topicIds],
      validUntil: endDate,
    }
    const problem = validateOpeningRule(rule).find((found) => found.field === 'validUntil')
    if (endDate === '' || problem) {
      const code = endDate === '' ? 'DATE_REQUIRED' : problem!.code
      return reply({ form: kind, values, endDate, errors: { endDate: code } }, 400)
    }
  } else {
    values = ruleValues(form)
    const parsed = parseRule(values, {
      advisorId: advisor.id,
      siteIds: options.sites.map((site) => site.id),
      topicIds: options.topics.map((topic) => topic.id),
    })
    if (parsed.foreign) throw new Response('Not found', { status: 404 })
    if (!parsed.rule) return reply({ form: kind, values, errors: parsed.errors }, 400)
    rule = parsed.rule
  }
  const candidate: OpeningRule = { ...rule, id: stored?.id }
  if (intent === 'preview' && kind === 'rule') {
    const preview = await previewRuleSlots(db(), signedIn.organisation.id, candidate, now)
    // Slots read in the place's zone (an overseas site keeps its own).
    const placeZone = options.sites.find((site) => site.id === candidate.siteId)?.timeZone ?? zone
    return reply(
      { form: kind, values, errors: {}, preview: previewView(preview, placeZone, language) },
      200,
    )
  }
  if (kind === 'rule') {
    const rows = await advisorRules(db(), [advisor.id])
    const overlaps = overlappingRules(candidate, rows.map(ruleOfRow))
    if (overlaps.length > 0 && values!.confirmOverlap !== 'on') {
      const views = overlaps.map((overlap) => {
        const view = ruleView(
          rows.find((row) => row.id === overlap.id)!,
          zone,
          language,
          t,
        )
        return { id: view.id, label: `${view.summary} · ${view.place} · ${view.validity}` }
      })
      return reply(
        {
          form: kind,
          values,
          errors: { confirmOverlap: 'OVERLAP_NOT_CONFIRMED' },
          overlaps: views,
        },
        400,
      )
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
  const confirming = form.get('confirming') === '1'
  const answers = decisionValues(form)
  const { decisions, errors } = parseDecisions(
    answers,
    affected.map((appointment) => appointment.id),
  )
  const affectedViews = affected.map((appointment) => affectedView(appointment, language, t))
  if (affected.length > 0 && (!confirming || Object.keys(errors).length > 0)) {
    return reply(
      {
        form: kind,
        values,
        endDate,
        errors: confirming ? errors : {},
        affected: affectedViews,
        decisionValues: confirming ? answers : null,
      },
      confirming ? 400 : 200,
    )
  }
  const outcome = await saveOpeningRule(
    db(),
    signedIn.actor,
    {
      ruleId: stored?.id ?? null,
      updatedAt: stored ? updatedAtOf(form) : null,
      rule,
      organisationZone: zone,
      decisions,
      reason: answers.reason,
      ending: kind === 'end',
    },
    now,
  )
  if (outcome.kind === 'STALE')
    return reply({ form: kind, values: null, errors: {}, problem: 'STALE' }, 409)
  if (outcome.kind === 'PROBLEMS') {
    const problems = Object.fromEntries(
      outcome.problems.map((problem) => [problem.field, problem.code]),
    )
    return reply({ form: kind, values, endDate, errors: problems }, 400)
  }
  if (outcome.kind === 'UNDECIDED') {
    return reply(
      {
        form: kind,
        values,
        endDate,
        errors: {},
        affected: outcome.affected.map((appointment) => affectedView(appointment, language, t)),
        decisionValues: answers,
        changed: true,
      },
      409,
    )
  }
  const query = new URLSearchParams({
    conseiller: advisor.id,
    enregistre: '1',
    annules: String(outcome.cancelled),
    gardes: String(outcome.kept),
  })
  return redirect(`/espace/horaires?${query.toString()}`)
}

function updatedAtOf(form: FormData): Date {
  const value = form.get('updatedAt')
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN)
  return Number.isNaN(date.getTime()) ? new Date(0) : date
}

const absenceForm = z.object({
  startDate: z.string().trim().default(''),
  startTime: z.string().trim().default(''),
  endDate: z.string().trim().default(''),
  endTime: z.string().trim().default(''),
  reason: z.string().trim().default(''),
})

const absenceReply = (data: AbsenceActionData, status: number) => Response.json(data, { status })

/** The absence page's action: remove one, or add one after the orphan confirmation (053). */
export async function absenceAction(request: Request) {
  const form = await request.formData()
  if (form.get('intent') === 'remove') {
    const absence = await absenceById(db(), String(form.get('absenceId') ?? ''))
    const { signedIn, advisor } = await scheduleOwner(
      request,
      'schedule.manage',
      absence?.advisorId ?? null,
    )
    if (!absence || absence.advisorId !== advisor.id) {
      return absenceReply({ values: null, errors: {}, problem: 'GONE' }, 409)
    }
    const removed = await removeAbsence(db(), signedIn.actor, absence)
    if (!removed) return absenceReply({ values: null, errors: {}, problem: 'GONE' }, 409)
    return redirect(`/espace/absences?conseiller=${advisor.id}&supprime=1`)
  }
  const { signedIn, advisor } = await scheduleOwner(request, 'schedule.manage')
  const values = absenceForm.parse(
    Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')),
  )
  const zone = signedIn.organisation.timeZone
  const range = absenceRange(values, zone)
  const errors: Record<string, string> = {}
  if (!range.ok) for (const problem of range.problems) errors[problem.field] ??= problem.code
  if (values.reason.length > REASON_MAX) errors.reason = 'TEXT_TOO_LONG'
  if (!range.ok || Object.keys(errors).length > 0) return absenceReply({ values, errors }, 400)
  const now = new Date()
  const absence = { advisorId: advisor.id, start: range.start, end: range.end }
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
  const confirming = form.get('confirming') === '1'
  const answers = decisionValues(form)
  const decided = parseDecisions(
    answers,
    affected.map((appointment) => appointment.id),
  )
  if (affected.length > 0 && (!confirming || Object.keys(decided.errors).length > 0)) {
    return absenceReply(
      {
        values,
        errors: confirming ? decided.errors : {},
        affected: affected.map((appointment) => affectedView(appointment, language, t)),
        decisionValues: confirming ? answers : null,
      },
      confirming ? 400 : 200,
    )
  }
  const outcome = await addAbsence(
    db(),
    signedIn.actor,
    {
      advisorId: advisor.id,
      startsAt: range.start,
      endsAt: range.end,
      reason: values.reason || null,
      organisationZone: zone,
      decisions: decided.decisions,
      cancellationReason: answers.reason,
    },
    now,
  )
  if (outcome.kind === 'UNDECIDED') {
    return absenceReply(
      {
        values,
        errors: {},
        affected: outcome.affected.map((appointment) => affectedView(appointment, language, t)),
        decisionValues: answers,
        changed: true,
      },
      409,
    )
  }
  const query = new URLSearchParams({
    conseiller: advisor.id,
    enregistre: '1',
    annules: String(outcome.cancelled),
    gardes: String(outcome.kept),
  })
  return redirect(`/espace/absences?${query.toString()}`)
}
