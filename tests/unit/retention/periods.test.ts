import { describe, expect, test } from 'vitest'
import {
  addCounts,
  advisorDue,
  cutoffsOf,
  DEFAULT_PERIODS,
  monthsBefore,
  noCounts,
  PERIOD_BOUNDS,
  RETENTION_CATEGORIES,
} from '~/domain/retention/periods'

// The retention rules of decision 090: periods, their bounds, and what is due given dates.

const NOW = new Date('2028-10-20T02:00:00Z')
const DAY = 86_400_000

describe('periods', () => {
  test('the defaults follow RDV Service Public and sit within their bounds', () => {
    expect(DEFAULT_PERIODS).toEqual({
      appointments: 24,
      messages: 6,
      audit: 12,
      residents: 24,
      advisors: 24,
    })
    for (const category of RETENTION_CATEGORIES) {
      const { min, max } = PERIOD_BOUNDS[category]
      expect(DEFAULT_PERIODS[category]).toBeGreaterThanOrEqual(min)
      expect(DEFAULT_PERIODS[category]).toBeLessThanOrEqual(max)
    }
    expect(PERIOD_BOUNDS.messages).toEqual({ min: 1, max: 12 })
    expect(PERIOD_BOUNDS.appointments).toEqual({ min: 12, max: 60 })
  })

  test('months are calendar months; a missing day falls on the month’s last', () => {
    expect(monthsBefore(NOW, 24).toISOString()).toBe('2026-10-20T02:00:00.000Z')
    expect(monthsBefore(NOW, 6).toISOString()).toBe('2028-04-20T02:00:00.000Z')
    expect(monthsBefore(new Date('2028-03-31T10:00:00Z'), 1).toISOString()).toBe(
      '2028-02-29T10:00:00.000Z',
    )
    expect(monthsBefore(new Date('2027-01-15T00:00:00Z'), 13).toISOString()).toBe(
      '2025-12-15T00:00:00.000Z',
    )
  })

  test('cutoffs of each category, and the advisors’ warning 30 days ahead', () => {
    const cutoffs = cutoffsOf(DEFAULT_PERIODS, NOW)
    expect(cutoffs.appointments.toISOString()).toBe('2026-10-20T02:00:00.000Z')
    expect(cutoffs.messages.toISOString()).toBe('2028-04-20T02:00:00.000Z')
    expect(cutoffs.audit.toISOString()).toBe('2027-10-20T02:00:00.000Z')
    expect(cutoffs.advisorWarning.getTime() - cutoffs.advisors.getTime()).toBe(30 * DAY)
    // Links and sessions: a month after they ended, whatever the periods.
    expect(cutoffs.expired.toISOString()).toBe('2028-09-20T02:00:00.000Z')
  })
})

describe('what is due', () => {
  test('an advisor is warned 30 days before, anonymised only once the warning is 30 days old', () => {
    const cutoffs = cutoffsOf(DEFAULT_PERIODS, NOW)
    const deactivated = (iso: string, warned: string | null = null, active = false) => ({
      active,
      deactivatedAt: new Date(iso),
      retentionWarnedAt: warned ? new Date(warned) : null,
    })
    expect(advisorDue(deactivated('2026-12-01T00:00:00Z'), cutoffs, NOW)).toBe('NONE')
    expect(advisorDue(deactivated('2026-11-10T00:00:00Z'), cutoffs, NOW)).toBe('WARN')
    expect(advisorDue(deactivated('2026-10-01T00:00:00Z'), cutoffs, NOW)).toBe('WARN')
    expect(
      advisorDue(deactivated('2026-10-01T00:00:00Z', '2028-10-01T00:00:00Z'), cutoffs, NOW),
    ).toBe('NONE')
    expect(
      advisorDue(deactivated('2026-10-01T00:00:00Z', '2028-09-19T00:00:00Z'), cutoffs, NOW),
    ).toBe('ANONYMISE')
    expect(advisorDue(deactivated('2026-10-01T00:00:00Z', null, true), cutoffs, NOW)).toBe('NONE')
  })

  test('run counts add up per category', () => {
    const counts = addCounts(addCounts(noCounts(), { appointments: 2 }), {
      appointments: 3,
      audit: 1,
    })
    expect(counts.appointments).toBe(5)
    expect(counts.audit).toBe(1)
    expect(counts.residents).toBe(0)
  })
})
