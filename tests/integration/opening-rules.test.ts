import { afterAll, beforeAll, expect, test } from 'vitest'
import { availability } from '~/features/schedule/availability.server'
import { createOpeningRule, type OpeningRuleInput } from '~/features/schedule/opening-rules.server'
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database'
import { createOrganisationFixture, type OrganisationFixture } from '../support/fixtures'

let database: TestDatabase
let fixture: OrganisationFixture
beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await createOrganisationFixture(database.db)
})
afterAll(() => database.drop())

const rule = (overrides: Partial<OpeningRuleInput> = {}): OpeningRuleInput => ({
  advisorId: fixture.advisor.id,
  siteId: fixture.site.id,
  weekdays: [2, 4],
  startTime: '09:00',
  endTime: '12:00',
  everyNWeeks: 1,
  validFrom: '2031-03-01',
  validUntil: null,
  topicIds: [],
  ...overrides,
})

test(`malformed opening rules are refused when saved, writing nothing (${testProvider})`, async () => {
  const refusals: [Partial<OpeningRuleInput>, string][] = [
    [{ startTime: '12:00', endTime: '09:00' }, 'END_BEFORE_START'],
    [{ weekdays: [] }, 'REQUIRED'],
    [{ weekdays: [8] }, 'INVALID_CHOICE'],
    [{ startTime: '25:00' }, 'INVALID_TIME'],
    [{ everyNWeeks: 0 }, 'INVALID_CHOICE'],
    [{ validUntil: '2031-02-01' }, 'VALID_UNTIL_BEFORE_FROM'],
  ]
  for (const [change, code] of refusals) {
    const saved = await createOpeningRule(database.db, rule(change))
    expect(saved.ok).toBe(false)
    expect(!saved.ok && saved.problems.map((problem) => problem.code)).toContain(code)
  }
  expect(await database.db.openingRule.count({ where: { advisorId: fixture.advisor.id } })).toBe(0)
})

test(`a saved rule's slots appear through the engine (${testProvider})`, async () => {
  const saved = await createOpeningRule(database.db, rule())
  expect(saved.ok).toBe(true)
  const finder = await availability(database.db, {
    organisationId: fixture.organisation.id,
    topicId: fixture.topic.id,
    mode: 'IN_PERSON',
    siteId: fixture.site.id,
    now: new Date('2031-03-03T07:00:00Z'),
  })
  const first = await finder.first()
  // Tuesday 4 March 2031, 09:00 in Paris.
  expect(first?.start.toISOString()).toBe('2031-03-04T08:00:00.000Z')
  expect(first?.advisorIds).toEqual([fixture.advisor.id])
  const week = await finder.slots({
    from: new Date('2031-03-03T00:00:00Z'),
    to: new Date('2031-03-10T00:00:00Z'),
  })
  // Tuesday and Thursday mornings, six 30-minute slots each.
  expect(week).toHaveLength(12)
})
