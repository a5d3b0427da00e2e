import { describe, expect, test } from 'vitest'
import { gridBounds, gridColumn, rowCount, rowOf, type Placed } from '~/domain/calendar/time-grid'

const h = (hour: number, minute = 0) => hour * 60 + minute
const block = (start: number, end: number, item: string, active = true): Placed<string> => ({
  start,
  end,
  item,
  active,
})

describe('a calendar as a time grid', () => {
  test('shows at least 8 h to 18 h, widened to whole hours around what it holds', () => {
    expect(gridBounds([])).toEqual({ start: h(8), end: h(18) })
    expect(gridBounds([{ start: h(7, 30), end: h(19, 10) }])).toEqual({
      start: h(7),
      end: h(20),
    })
    expect(rowCount({ start: h(8), end: h(18) })).toBe(40)
    expect(rowOf(h(9, 20), { start: h(8), end: h(18) })).toBe(5)
    expect(rowOf(h(19), { start: h(8), end: h(18) })).toBeNull()
  })

  test('covers every row once: closed time, free cells of the given length, blocks', () => {
    const bounds = { start: h(8), end: h(13) }
    const cells = gridColumn({
      bounds,
      open: [{ start: h(9), end: h(12) }],
      placed: [block(h(10), h(10, 45), 'Jeanne')],
      cellMinutes: 30,
      notBefore: null,
    })
    expect(cells.map((cell) => [cell.kind, cell.start, cell.rows])).toEqual([
      ['closed', h(8), 4],
      ['free', h(9), 2],
      ['free', h(9, 30), 2],
      ['busy', h(10), 3],
      ['free', h(10, 45), 1],
      ['free', h(11), 2],
      ['free', h(11, 30), 2],
      ['closed', h(12), 4],
    ])
    expect(cells.reduce((sum, cell) => sum + cell.rows, 0)).toBe(rowCount(bounds))
  })

  test('overlapping blocks share one cell; time freed by a cancellation stays bookable', () => {
    const cells = gridColumn({
      bounds: { start: h(8), end: h(18) },
      open: [{ start: h(9), end: h(12) }],
      placed: [block(h(9), h(9, 30), 'excusé', false), block(h(11), h(11, 30), 'annulé', false)],
      cellMinutes: 30,
      notBefore: h(10),
    })
    const busy = cells.filter((cell) => cell.kind === 'busy')
    expect(busy).toHaveLength(2)
    expect(busy.map((cell) => cell.kind === 'busy' && [cell.free, cell.bookable])).toEqual([
      [true, false],
      [true, true],
    ])
    const shared = gridColumn({
      bounds: { start: h(8), end: h(18) },
      open: [],
      placed: [block(h(9), h(9, 30), 'excusé', false), block(h(9, 15), h(10), 'nouveau')],
      cellMinutes: 30,
      notBefore: null,
    })
    const cell = shared.find((candidate) => candidate.kind === 'busy')
    expect(cell).toMatchObject({ rows: 4, items: ['excusé', 'nouveau'], free: false })
  })

  test('free time already past is shown but not offered', () => {
    const cells = gridColumn({
      bounds: { start: h(8), end: h(18) },
      open: [{ start: h(9), end: h(10) }],
      placed: [],
      cellMinutes: 30,
      notBefore: h(9, 20),
    })
    const free = cells.filter((cell) => cell.kind === 'free')
    expect(free.map((cell) => cell.kind === 'free' && cell.bookable)).toEqual([false, true])
  })
})
