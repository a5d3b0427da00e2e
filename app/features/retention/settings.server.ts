import { z } from 'zod'
import type { Actor } from '~/domain/access'
import type { FormReply } from '~/domain/input/problems'
import {
  PERIOD_BOUNDS,
  RETENTION_CATEGORIES,
  type RetentionCategory,
  type RunCounts,
} from '~/domain/retention/periods'
import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { wholeNumber } from '~/platform/form-fields.server'
import { parseForm } from '~/platform/forms.server'
import { lastRun, periodsOf } from './job.server'

// The retention periods on the organisation's settings page (owned by the admin feature,
// which calls these): each within its bounds (domain/retention), and the last run's counts.

const COLUMNS: Record<RetentionCategory, string> = {
  appointments: 'retentionAppointmentMonths',
  messages: 'retentionMessageMonths',
  audit: 'retentionAuditMonths',
  residents: 'retentionResidentMonths',
  advisors: 'retentionAdvisorMonths',
}

/** The form's field of each period: `retention_<category>`. */
export const periodField = (category: RetentionCategory) => `retention_${category}`

export const retentionSchema = z.object(
  Object.fromEntries(
    RETENTION_CATEGORIES.map((category) => [
      periodField(category),
      wholeNumber(PERIOD_BOUNDS[category].min, PERIOD_BOUNDS[category].max),
    ]),
  ) as Record<string, ReturnType<typeof wholeNumber>>,
)

export type RetentionSettings = {
  periods: {
    category: RetentionCategory
    field: string
    months: number
    min: number
    max: number
  }[]
  lastRun: { finishedAt: string; counts: RunCounts } | null
}

export async function retentionSettings(
  db: Db,
  organisationId: string,
): Promise<RetentionSettings> {
  const organisation = await db.organisation.findUniqueOrThrow({ where: { id: organisationId } })
  const periods = periodsOf(organisation)
  const run = await lastRun(db)
  return {
    periods: RETENTION_CATEGORIES.map((category) => ({
      category,
      field: periodField(category),
      months: periods[category],
      ...PERIOD_BOUNDS[category],
    })),
    lastRun: run ? { finishedAt: run.finishedAt.toISOString(), counts: run.counts } : null,
  }
}

/** Saves the periods of the form, or the reply that shows what was typed and why not. */
export async function saveRetentionPeriods(
  db: Db,
  actor: Actor,
  form: FormData,
): Promise<{ ok: true } | { ok: false; reply: FormReply }> {
  const parsed = parseForm(form, retentionSchema)
  if (!parsed.ok) return parsed
  const data = Object.fromEntries(
    RETENTION_CATEGORIES.map((category) => [
      COLUMNS[category],
      parsed.value[periodField(category)]!,
    ]),
  )
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: actor.organisationId }, data })
    await recordAudit(tx, {
      actor,
      action: 'RETENTION_PERIODS_CHANGED',
      entityType: 'Organisation',
      entityId: actor.organisationId,
      summary: RETENTION_CATEGORIES.map(
        (category) => `${category} ${parsed.value[periodField(category)]}`,
      ).join(', '),
    })
  })
  return { ok: true }
}
