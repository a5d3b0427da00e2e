import { DAY_MS } from '../scheduling/calendar'

// How long each kind of personal data is kept, per organisation (decision 090), and from
// which instant a row is past its period. Defaults follow RDV Service Public's practice.

export const RETENTION_CATEGORIES = [
  'appointments',
  'messages',
  'audit',
  'residents',
  'advisors',
] as const
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number]

/** Months each kind of data is kept. */
export type RetentionPeriods = Record<RetentionCategory, number>

export const DEFAULT_PERIODS: RetentionPeriods = {
  appointments: 24,
  messages: 6,
  audit: 12,
  residents: 24,
  advisors: 24,
}

/**
 * What an admin may choose. Below the minimum the service could not follow up its own
 * work (a move, a complaint, a yearly report); above the maximum, storage limitation (RGPD
 * article 5) is no longer plausible for a local public service.
 */
export const PERIOD_BOUNDS: Record<RetentionCategory, { min: number; max: number }> = {
  appointments: { min: 12, max: 60 },
  messages: { min: 1, max: 12 },
  audit: { min: 6, max: 36 },
  residents: { min: 12, max: 60 },
  advisors: { min: 6, max: 36 },
}

/** An advisor is told this many days before their account is anonymised. */
export const ADVISOR_WARNING_DAYS = 30

/**
 * Links, sign-in sessions and one-time tokens are purged this long after they ended: the
 * resident may still open a past appointment's link for a while, an advisor see a revoked
 * device in their list.
 */
export const EXPIRED_GRACE_DAYS = 30

/**
 * `months` calendar months before `now`, at the same UTC time of day; a day missing in the
 * target month (31 March → February) falls on that month's last day.
 */
export function monthsBefore(now: Date, months: number): Date {
  const year = now.getUTCFullYear()
  const month = now.getUTCMonth() - months
  const target = new Date(Date.UTC(year, month, 1))
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate()
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay))
  target.setUTCHours(
    now.getUTCHours(),
    now.getUTCMinutes(),
    now.getUTCSeconds(),
    now.getUTCMilliseconds(),
  )
  return target
}

/** The instants before which each kind of row is past its period. */
export type RetentionCutoffs = Record<RetentionCategory, Date> & {
  /** Advisors deactivated before this are warned (their anonymisation is 30 days away). */
  advisorWarning: Date
  /** Links and sessions that ended before this are purged. */
  expired: Date
}

export function cutoffsOf(periods: RetentionPeriods, now: Date): RetentionCutoffs {
  const advisors = monthsBefore(now, periods.advisors)
  return {
    appointments: monthsBefore(now, periods.appointments),
    messages: monthsBefore(now, periods.messages),
    audit: monthsBefore(now, periods.audit),
    residents: monthsBefore(now, periods.residents),
    advisors,
    advisorWarning: new Date(advisors.getTime() + ADVISOR_WARNING_DAYS * DAY_MS),
    expired: new Date(now.getTime() - EXPIRED_GRACE_DAYS * DAY_MS),
  }
}

/** An advisor's account: warned first, then anonymised, once deactivated long enough. */
export function advisorDue(
  advisor: { active: boolean; deactivatedAt: Date | null; retentionWarnedAt: Date | null },
  cutoffs: Pick<RetentionCutoffs, 'advisors' | 'advisorWarning'>,
  now: Date,
): 'NONE' | 'WARN' | 'ANONYMISE' {
  if (advisor.active || !advisor.deactivatedAt) return 'NONE'
  if (!advisor.retentionWarnedAt) {
    return advisor.deactivatedAt < cutoffs.advisorWarning ? 'WARN' : 'NONE'
  }
  // Never anonymised before the warning's 30 days, even when an admin shortened the period.
  const warningOver =
    advisor.retentionWarnedAt.getTime() + ADVISOR_WARNING_DAYS * DAY_MS <= now.getTime()
  return advisor.deactivatedAt < cutoffs.advisors && warningOver ? 'ANONYMISE' : 'NONE'
}

/** The counts of one run, per category: what the job logs and the settings page shows. */
export const RUN_COUNTS = [
  'appointments',
  'registrations',
  'messages',
  'audit',
  'residents',
  'advisorsWarned',
  'advisors',
  'links',
  'sessions',
  'tokens',
] as const
export type RunCount = (typeof RUN_COUNTS)[number]
export type RunCounts = Record<RunCount, number>

export const noCounts = (): RunCounts =>
  Object.fromEntries(RUN_COUNTS.map((name) => [name, 0])) as RunCounts

export function addCounts(a: RunCounts, b: Partial<RunCounts>): RunCounts {
  const sum = { ...a }
  for (const name of RUN_COUNTS) sum[name] += b[name] ?? 0
  return sum
}
