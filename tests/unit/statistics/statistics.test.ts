import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { smsSegmentCount, smsSegments } from '~/domain/notifications/gsm7'
import { can } from '~/domain/access/policy'
import { barChart, CHART } from '~/domain/statistics/chart'
import { change, mean, medianOf, noShowRate, rate } from '~/domain/statistics/figures'
import {
  choosePeriod,
  dayCount,
  formatLocalDate,
  instantRange,
  previousPeriod,
  presetPeriod,
} from '~/domain/statistics/period'

// The pure part of the statistics (decision 087): periods, rates, medians, chart geometry.

describe('periods', () => {
  test('presets on a given day', () => {
    expect(presetPeriod('thisMonth', '2026-02-14')).toEqual({
      first: '2026-02-01',
      last: '2026-02-28',
    })
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({
      first: '2025-12-01',
      last: '2025-12-31',
    })
    expect(presetPeriod('thisYear', '2026-07-01')).toEqual({
      first: '2026-01-01',
      last: '2026-12-31',
    })
    expect(presetPeriod('last12Months', '2026-03-15')).toEqual({
      first: '2025-03-16',
      last: '2026-03-15',
    })
  })

  test('the previous period has the same number of days and ends the day before', () => {
    expect(previousPeriod({ first: '2026-10-01', last: '2026-10-31' })).toEqual({
      first: '2026-08-31',
      last: '2026-09-30',
    })
    expect(previousPeriod({ first: '2024-03-01', last: '2024-03-01' })).toEqual({
      first: '2024-02-29',
      last: '2024-02-29',
    })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        (offset, days) => {
          const first = new Date(Date.UTC(2001, 0, 1 + offset)).toISOString().slice(0, 10)
          const last = new Date(Date.UTC(2001, 0, offset + days)).toISOString().slice(0, 10)
          const previous = previousPeriod({ first, last })
          expect(dayCount(previous)).toBe(days)
          expect(previousPeriod({ first, last }).last < first).toBe(true)
        },
      ),
    )
  })

  test('custom dates are checked; an unknown preset is this month', () => {
    const today = '2026-12-01'
    expect(
      choosePeriod({ preset: 'custom', first: '2026-10-01', last: '2026-10-31' }, today),
    ).toEqual({
      ok: true,
      preset: 'custom',
      period: { first: '2026-10-01', last: '2026-10-31' },
    })
    expect(
      choosePeriod({ preset: 'custom', first: '2026-02-30', last: '2026-03-01' }, today),
    ).toMatchObject({ ok: false, problem: 'INVALID_DATE' })
    expect(
      choosePeriod({ preset: 'custom', first: '2026-03-02', last: '2026-03-01' }, today),
    ).toMatchObject({ ok: false, problem: 'REVERSED' })
    expect(
      choosePeriod({ preset: 'custom', first: '2020-01-01', last: '2026-03-01' }, today),
    ).toMatchObject({ ok: false, problem: 'TOO_LONG' })
    expect(choosePeriod({ preset: 'nimporte', first: null, last: null }, today)).toMatchObject({
      ok: true,
      preset: 'thisMonth',
      period: { first: '2026-12-01', last: '2026-12-31' },
    })
  })

  test('instants are cut in the organisation’s zone, DST days included', () => {
    // October 2026 in Paris: summer time at the start, winter time at the end (25 October).
    const october = instantRange({ first: '2026-10-01', last: '2026-10-31' }, 'Europe/Paris')
    expect(october.from.toISOString()).toBe('2026-09-30T22:00:00.000Z')
    expect(october.to.toISOString()).toBe('2026-10-31T23:00:00.000Z')
    const reunion = instantRange({ first: '2026-01-01', last: '2026-01-01' }, 'Indian/Reunion')
    expect(reunion.from.toISOString()).toBe('2025-12-31T20:00:00.000Z')
  })

  test('dates as the page writes them', () => {
    expect(formatLocalDate('2026-10-01', 'fr')).toBe('1 octobre 2026')
    expect(formatLocalDate('2026-10-01', 'en')).toBe('1 October 2026')
  })
})

describe('figures', () => {
  test('rates: nothing to divide is unknown, never 0 %', () => {
    expect(noShowRate({ honoured: 3, noShow: 1 })).toBe(0.25)
    expect(noShowRate({ honoured: 0, noShow: 0 })).toBeNull()
    expect(rate(3, 4)).toBe(0.75)
    expect(mean(10, 4)).toBe(2.5)
    expect(mean(0, 0)).toBeNull()
  })

  test('the difference with the previous period', () => {
    expect(change(6, 2)).toEqual({ current: 6, previous: 2, difference: 4 })
    expect(change(0.75, null)).toEqual({ current: 0.75, previous: null, difference: null })
  })

  test('the median of a histogram is the median of the values it counts', () => {
    expect(medianOf([])).toBeNull()
    expect(
      medianOf([
        { value: 24, count: 1 },
        { value: 48, count: 1 },
        { value: 96, count: 1 },
      ]),
    ).toBe(48)
    expect(
      medianOf([
        { value: 96, count: 1 },
        { value: 24, count: 1 },
      ]),
    ).toBe(60)
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }),
        (values) => {
          const sorted = values.toSorted((a, b) => a - b)
          const middle =
            (sorted[Math.floor((sorted.length - 1) / 2)]! +
              sorted[Math.floor(sorted.length / 2)]!) /
            2
          const counts = new Map<number, number>()
          for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
          const histogram = [...counts].map(([value, count]) => ({ value, count }))
          expect(medianOf(histogram)).toBe(middle)
        },
      ),
    )
  })
})

describe('bar chart', () => {
  test('bars scaled to the largest, rows one under the other, zero a hairline', () => {
    const chart = barChart([
      { label: 'Honorés : 3', value: 3 },
      { label: 'Absents : 1', value: 1 },
      { label: 'Annulés : 0', value: 0 },
    ])
    expect(chart.rows.map((row) => row.barPercent)).toEqual([100, 33.3, CHART.minimumPercent])
    const step = CHART.labelHeight + CHART.barHeight + CHART.gap
    expect(chart.rows.map((row) => row.barY)).toEqual(
      [0, 1, 2].map((n) => n * step + CHART.labelHeight),
    )
    expect(chart.rows.every((row) => row.labelY < row.barY)).toBe(true)
    expect(chart.height).toBe(3 * step - CHART.gap)
    expect(barChart([{ label: 'Rien', value: 0 }]).rows[0]!.barPercent).toBe(CHART.minimumPercent)
  })
})

describe('who sees statistics', () => {
  const actor = (role: 'ADMIN' | 'ADVISOR' | 'RECEPTION') => ({
    advisorId: 'me',
    organisationId: 'o',
    role,
  })
  test('admins everyone’s, advisors their own, reception none', () => {
    expect(can(actor('ADMIN'), 'statistics.view')).toBe(true)
    expect(can(actor('ADMIN'), 'statistics.view', 'colleague')).toBe(true)
    expect(can(actor('ADVISOR'), 'statistics.view', 'me')).toBe(true)
    expect(can(actor('ADVISOR'), 'statistics.view')).toBe(false)
    expect(can(actor('ADVISOR'), 'statistics.view', 'colleague')).toBe(false)
    expect(can(actor('RECEPTION'), 'statistics.view', 'me')).toBe(false)
  })
})

describe('SMS segments recorded by the worker', () => {
  test('the fast count agrees with the calculator', () => {
    for (const text of [
      'Rappel : rendez-vous demain à 9 h.',
      'x'.repeat(161),
      'Привет '.repeat(12),
      '€'.repeat(81),
    ]) {
      expect(smsSegmentCount(text), text).toBe(smsSegments(text).segments)
    }
  })
})
