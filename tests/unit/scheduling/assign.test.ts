import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { assignAdvisor, localDayRange, SchedulingError, slotTimeZone } from '~/domain/scheduling'
import { organisation, site } from '../../bench/slot-fixtures'

const slot = { advisorIds: ['adv-a', 'adv-b', 'adv-c'] }
const booked = (...advisorIds: string[]) => advisorIds.map((advisorId) => ({ advisorId }))

describe('assignAdvisor', () => {
  test('picks the advisor with the fewest appointments that day', () => {
    expect(assignAdvisor(slot, booked('adv-a', 'adv-a', 'adv-b', 'adv-c', 'adv-c'))).toBe('adv-b')
  })

  test('breaks ties by id, ignoring advisors outside the slot', () => {
    expect(assignAdvisor(slot, [])).toBe('adv-a')
    expect(assignAdvisor(slot, booked('adv-a', 'adv-z', 'adv-z'))).toBe('adv-b')
    expect(assignAdvisor({ advisorIds: ['b', 'B', 'a'] }, [])).toBe('B')
  })

  test('the choice depends neither on the order of ids nor of appointments', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a1', 'a2', 'a3', 'b1', 'b2'), { minLength: 1 })
    fc.assert(
      fc.property(
        ids,
        fc.array(fc.constantFrom('a1', 'a2', 'a3', 'b1', 'b2', 'x')),
        (advisorIds, day) => {
          const chosen = assignAdvisor({ advisorIds }, booked(...day))
          expect(
            assignAdvisor({ advisorIds: [...advisorIds].reverse() }, booked(...day).reverse()),
          ).toBe(chosen)
          const load = (id: string) => day.filter((d) => d === id).length
          for (const other of advisorIds) {
            expect(
              load(chosen) < load(other) || (load(chosen) === load(other) && chosen <= other),
            ).toBe(true)
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  test('a slot without advisors is a programming error', () => {
    expect(() => assignAdvisor({ advisorIds: [] }, [])).toThrow(SchedulingError)
  })
})

describe('the local day of a slot', () => {
  const query = {
    organisation: organisation(),
    sites: [
      site('site-1'),
      site('site-re', { timeZone: 'Indian/Reunion', holidayRegion: 'FR-RE' as const }),
    ],
  }

  test("is taken in the site's zone, or the organisation's for phone help", () => {
    expect(slotTimeZone(query, 'site-re')).toBe('Indian/Reunion')
    expect(slotTimeZone(query, 'site-1')).toBe('Europe/Paris')
    expect(slotTimeZone(query, null)).toBe('Europe/Paris')
  })

  test('spans 23 or 25 hours on clock-change days', () => {
    const spring = localDayRange(new Date('2026-03-29T12:00:00Z'), 'Europe/Paris')
    expect(spring).toEqual({
      date: '2026-03-29',
      from: new Date('2026-03-28T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'),
    })
    const autumn = localDayRange(new Date('2026-10-25T23:30:00Z'), 'Europe/Paris')
    expect(autumn.date).toBe('2026-10-26')
    const reunion = localDayRange(new Date('2026-03-30T21:00:00Z'), 'Indian/Reunion')
    expect(reunion).toEqual({
      date: '2026-03-31',
      from: new Date('2026-03-30T20:00:00Z'),
      to: new Date('2026-03-31T20:00:00Z'),
    })
  })
})
