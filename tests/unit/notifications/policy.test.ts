// When reminders go: wall-clock rules in the organisation's zone, never at night, never
// twice, never in the past, never after the appointment.
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_REMINDER_OFFSETS,
  chooseChannel,
  defaultReminderSettings,
  endOfQuietHours,
  isInQuietHours,
  parseReminderOffsets,
  planReminders,
  reachableChannels,
  sameDaySchedule,
  serviceMessageSkip,
  settingsProblem,
  type MessageContact,
  type ReminderOffset,
  type ReminderSettings,
} from '~/domain/notifications/policy'

const PARIS = 'Europe/Paris'
/** An instant given as local wall-clock time at a place. */
const local = (iso: string, zone = PARIS) => DateTime.fromISO(iso, { zone }).toJSDate()
const LONG_AGO = new Date('2020-01-01T00:00:00Z')
const dueTimes = (settings: ReminderSettings, startsAt: Date, now = LONG_AGO) =>
  planReminders({ startsAt }, settings, now).reminders.map(({ key, dueAt }) => [
    key,
    dueAt.toISOString(),
  ])
const withOffsets = (reminderOffsets: ReminderOffset[], zone = PARIS): ReminderSettings => ({
  ...defaultReminderSettings(zone),
  reminderOffsets,
})

describe('planReminders with the default settings', () => {
  test('two days before at 10:00, and on the morning at the end of quiet hours', () => {
    expect(dueTimes(defaultReminderSettings(PARIS), local('2026-03-05T14:00'))).toEqual([
      ['DAYS_BEFORE_2', local('2026-03-03T10:00').toISOString()],
      ['SAME_DAY', local('2026-03-05T08:30').toISOString()],
    ])
  })

  test('on the day, at least 3 hours before: 08:30 when that is early enough', () => {
    const sameDay = (start: string) => dueTimes(defaultReminderSettings(PARIS), local(start))[1]
    expect(sameDay('2026-03-05T11:30')).toEqual([
      'SAME_DAY',
      local('2026-03-05T08:30').toISOString(),
    ])
    // 3 hours before 11:00 is 08:00, still quiet: the evening before at 20:00.
    expect(sameDay('2026-03-05T11:00')).toEqual([
      'SAME_DAY',
      local('2026-03-04T20:00').toISOString(),
    ])
  })
})

describe('daylight-saving days are exact', () => {
  test('"two days before at 10:00" across the spring change (2026-03-29)', () => {
    const plan = dueTimes(defaultReminderSettings(PARIS), local('2026-03-30T10:00'))
    // 10:00 in winter time is 09:00 UTC; the appointment is at 08:00 UTC (summer time).
    expect(plan).toEqual([
      ['DAYS_BEFORE_2', '2026-03-28T09:00:00.000Z'],
      ['SAME_DAY', '2026-03-29T18:00:00.000Z'],
    ])
  })

  test('a reminder on the spring change day itself', () => {
    expect(dueTimes(defaultReminderSettings(PARIS), local('2026-03-31T15:00'))[0]).toEqual([
      'DAYS_BEFORE_2',
      '2026-03-29T08:00:00.000Z',
    ])
    expect(dueTimes(defaultReminderSettings(PARIS), local('2026-03-29T15:00'))[1]).toEqual([
      'SAME_DAY',
      '2026-03-29T06:30:00.000Z',
    ])
  })

  test('across the autumn change (2026-10-25)', () => {
    expect(dueTimes(defaultReminderSettings(PARIS), local('2026-10-26T09:30'))).toEqual([
      ['DAYS_BEFORE_2', '2026-10-24T08:00:00.000Z'],
      // 06:30 is quiet: 20:00 on the change day, in winter time.
      ['SAME_DAY', '2026-10-25T19:00:00.000Z'],
    ])
    expect(dueTimes(defaultReminderSettings(PARIS), local('2026-10-27T14:00'))[0]).toEqual([
      'DAYS_BEFORE_2',
      '2026-10-25T09:00:00.000Z',
    ])
  })

  test.each([
    ['America/Cayenne', '2026-03-30T10:00', '2026-03-28T13:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    ['Indian/Reunion', '2026-03-30T10:00', '2026-03-28T06:00:00.000Z', '2026-03-29T16:00:00.000Z'],
    [
      'America/Guadeloupe',
      '2026-03-30T15:00',
      '2026-03-28T14:00:00.000Z',
      '2026-03-30T12:30:00.000Z',
    ],
  ])('overseas, in the place zone: %s', (zone, start, daysBefore, sameDay) => {
    expect(dueTimes(defaultReminderSettings(zone), local(start, zone))).toEqual([
      ['DAYS_BEFORE_2', daysBefore],
      ['SAME_DAY', sameDay],
    ])
  })
})

describe('quiet hours', () => {
  test('due at 22:00 moves to 20:00 that day; due at 07:00 to 20:00 the evening before', () => {
    const late = withOffsets([{ kind: 'DAYS_BEFORE', days: 1, atLocalTime: '22:00' }])
    expect(dueTimes(late, local('2026-03-05T14:00'))).toEqual([
      ['DAYS_BEFORE_1', local('2026-03-04T20:00').toISOString()],
    ])
    const early = withOffsets([{ kind: 'DAYS_BEFORE', days: 1, atLocalTime: '07:00' }])
    expect(dueTimes(early, local('2026-03-05T14:00'))).toEqual([
      ['DAYS_BEFORE_1', local('2026-03-03T20:00').toISOString()],
    ])
  })

  test('the edges are allowed: 20:00 and 08:30 exactly', () => {
    const quiet = defaultReminderSettings(PARIS).quietHours
    expect(isInQuietHours(local('2026-03-04T20:00'), PARIS, quiet)).toBe(false)
    expect(isInQuietHours(local('2026-03-04T20:00:01'), PARIS, quiet)).toBe(true)
    expect(isInQuietHours(local('2026-03-04T08:29:59'), PARIS, quiet)).toBe(true)
    expect(isInQuietHours(local('2026-03-04T08:30'), PARIS, quiet)).toBe(false)
  })

  test('what must not wake anyone waits for the end of quiet hours, the same night', () => {
    const quiet = defaultReminderSettings(PARIS).quietHours
    const at = (iso: string) => endOfQuietHours(local(iso), PARIS, quiet).toISOString()
    expect(at('2026-03-04T14:00')).toBe(local('2026-03-04T14:00').toISOString())
    expect(at('2026-03-04T23:10')).toBe(local('2026-03-05T08:30').toISOString())
    expect(at('2026-03-05T06:00')).toBe(local('2026-03-05T08:30').toISOString())
    // The night the clocks go forward is an hour shorter, and still ends at 08:30.
    expect(at('2026-03-28T21:00')).toBe(local('2026-03-29T08:30').toISOString())
  })
})

describe('what cannot be planned is reported', () => {
  test('a late booking keeps the reminders still ahead', () => {
    const plan = planReminders(
      { startsAt: local('2026-03-05T14:00') },
      defaultReminderSettings(PARIS),
      local('2026-03-04T16:00'),
    )
    expect(plan.reminders.map((r) => r.key)).toEqual(['SAME_DAY'])
    expect(plan.skipped).toEqual([
      {
        key: 'DAYS_BEFORE_2',
        kind: 'DAYS_BEFORE',
        dueAt: local('2026-03-03T10:00'),
        reason: 'PASSED',
      },
    ])
  })

  test('a booking the same morning has no reminder left', () => {
    const plan = planReminders(
      { startsAt: local('2026-03-05T15:00') },
      defaultReminderSettings(PARIS),
      local('2026-03-05T09:00'),
    )
    expect(plan.reminders).toEqual([])
    expect(plan.skipped.map((s) => [s.key, s.reason])).toEqual([
      ['DAYS_BEFORE_2', 'PASSED'],
      ['SAME_DAY', 'PASSED'],
    ])
  })

  test('a quiet-hours move that would land before now is skipped, not sent at night', () => {
    const plan = planReminders(
      { startsAt: local('2026-03-05T10:00') },
      defaultReminderSettings(PARIS),
      local('2026-03-04T21:00'),
    )
    expect(plan.reminders).toEqual([])
    expect(plan.skipped.find((s) => s.key === 'SAME_DAY')).toMatchObject({
      dueAt: local('2026-03-04T20:00'),
      reason: 'PASSED',
    })
  })

  test('too close to the appointment', () => {
    const settings = { ...defaultReminderSettings(PARIS), minLeadMinutes: 10 * 60 }
    const plan = planReminders({ startsAt: local('2026-03-05T16:00') }, settings, LONG_AGO)
    expect(plan.skipped).toEqual([
      { key: 'SAME_DAY', kind: 'SAME_DAY', dueAt: local('2026-03-05T08:30'), reason: 'TOO_CLOSE' },
    ])
  })

  test('never two reminders at the same instant', () => {
    const settings = withOffsets([
      { kind: 'DAYS_BEFORE', days: 1, atLocalTime: '20:00' },
      { kind: 'SAME_DAY', atLeastHoursBefore: 3 },
    ])
    const plan = planReminders({ startsAt: local('2026-03-05T09:00') }, settings, LONG_AGO)
    expect(plan.reminders).toEqual([
      { key: 'DAYS_BEFORE_1', kind: 'DAYS_BEFORE', dueAt: local('2026-03-04T20:00') },
    ])
    expect(plan.skipped).toEqual([
      { key: 'SAME_DAY', kind: 'SAME_DAY', dueAt: local('2026-03-04T20:00'), reason: 'DUPLICATE' },
    ])
  })

  test('a same-day reminder at a chosen time', () => {
    const settings = withOffsets([{ kind: 'SAME_DAY', atLeastHoursBefore: 2, notBefore: '09:15' }])
    expect(dueTimes(settings, local('2026-03-05T16:00'))).toEqual([
      ['SAME_DAY', local('2026-03-05T09:15').toISOString()],
    ])
  })
})

describe('settings', () => {
  test('the stored default reads as the default offsets', () => {
    const stored = '[{"kind":"DAYS_BEFORE","days":2},{"kind":"SAME_DAY","atLeastHoursBefore":3}]'
    expect(parseReminderOffsets(stored)).toEqual({ ok: true, offsets: DEFAULT_REMINDER_OFFSETS })
    expect(parseReminderOffsets('[]')).toEqual({ ok: true, offsets: [] })
  })

  test.each([
    'nope',
    '{}',
    '[{"kind":"DAYS_BEFORE","days":0}]',
    '[{"kind":"DAYS_BEFORE","days":1.5}]',
    '[{"kind":"DAYS_BEFORE","days":30}]',
    '[{"kind":"DAYS_BEFORE","days":2,"atLocalTime":"25:00"}]',
    '[{"kind":"SAME_DAY","atLeastHoursBefore":0}]',
    '[{"kind":"SAME_DAY","atLeastHoursBefore":3,"notBefore":"8h30"}]',
    '[{"kind":"HOURS_BEFORE","hours":3}]',
    '[{"kind":"DAYS_BEFORE","days":2},{"kind":"DAYS_BEFORE","days":2,"atLocalTime":"11:00"}]',
    '[null]',
  ])('%s is refused', (json) => {
    expect(parseReminderOffsets(json).ok).toBe(false)
  })

  test.each<[string, Partial<ReminderSettings>]>([
    ['unknown zone', { zone: 'Mars/Olympus' }],
    ['quiet hours in the day', { quietHours: { start: '08:00', end: '20:00' } }],
    ['quiet hours not a time', { quietHours: { start: '20h', end: '08:30' } }],
    ['negative lead', { minLeadMinutes: -5 }],
  ])('%s is refused, and planning with it throws', (_, override) => {
    const settings = { ...defaultReminderSettings(PARIS), ...override }
    expect(settingsProblem(settings)).not.toBeNull()
    expect(() =>
      planReminders({ startsAt: local('2026-03-05T14:00') }, settings, LONG_AGO),
    ).toThrow(RangeError)
  })
})

describe('chooseChannel', () => {
  const mobile: MessageContact = {
    phoneE164: '+33612345678',
    phoneType: 'MOBILE',
    email: 'a@b.fr',
    consent: true,
  }
  const landline: MessageContact = { phoneE164: '+33123456789', phoneType: 'FIXED', consent: true }

  test('a mobile gets SMS, then a call, then email', () => {
    expect(chooseChannel(mobile)).toBe('SMS')
    expect(chooseChannel(mobile, ['SMS'])).toBe('VOICE')
    expect(chooseChannel(mobile, ['SMS', 'VOICE'])).toBe('EMAIL')
    expect(chooseChannel(mobile, ['SMS', 'VOICE', 'EMAIL'])).toBeNull()
  })

  test('a landline gets a call, never an SMS', () => {
    expect(chooseChannel(landline)).toBe('VOICE')
    expect(chooseChannel(landline, ['VOICE'])).toBeNull()
    expect(reachableChannels(landline, 'REMINDER')).toEqual(['VOICE'])
  })

  test('no phone: email', () => {
    expect(chooseChannel({ email: 'a@b.fr', consent: true })).toBe('EMAIL')
    expect(chooseChannel({ consent: true })).toBeNull()
  })

  test('a number of unknown kind gets a call, which reaches any phone', () => {
    expect(reachableChannels({ phoneE164: '+33612345678', consent: true }, 'REMINDER')).toEqual([
      'VOICE',
    ])
  })

  test('after STOP, no more SMS or calls to that phone', () => {
    expect(reachableChannels({ ...mobile, smsOptedOut: true }, 'REMINDER')).toEqual(['EMAIL'])
    expect(chooseChannel({ ...landline, smsOptedOut: true })).toBeNull()
  })

  test('reminders need consent; messages about the booking itself do not', () => {
    expect(chooseChannel({ ...mobile, consent: false })).toBeNull()
    expect(chooseChannel({ ...mobile, consent: false }, [], 'SERVICE')).toBe('SMS')
    expect(chooseChannel({ ...landline, consent: false }, [], 'SERVICE')).toBe('VOICE')
  })
})

const ZONES = [
  'Europe/Paris',
  'America/Cayenne',
  'Indian/Reunion',
  'America/Martinique',
  'Indian/Mayotte',
]
const localTime = (fromHour: number, toHour: number) =>
  fc
    .tuple(fc.integer({ min: fromHour, max: toHour }), fc.constantFrom(0, 15, 30, 45))
    .map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`)
const offset: fc.Arbitrary<ReminderOffset> = fc.oneof(
  fc.record({
    kind: fc.constant('DAYS_BEFORE' as const),
    days: fc.integer({ min: 1, max: 14 }),
    atLocalTime: localTime(0, 23),
  }),
  fc.record({
    kind: fc.constant('SAME_DAY' as const),
    atLeastHoursBefore: fc.integer({ min: 1, max: 12 }),
    notBefore: fc.option(localTime(0, 23), { nil: undefined }),
  }),
)
const settings: fc.Arbitrary<ReminderSettings> = fc.record({
  zone: fc.constantFrom(...ZONES),
  reminderOffsets: fc.uniqueArray(offset, {
    maxLength: 4,
    selector: (o) => (o.kind === 'DAYS_BEFORE' ? `D${o.days}` : 'S'),
  }),
  quietHours: fc.record({ start: localTime(12, 23), end: localTime(0, 11) }),
  minLeadMinutes: fc.integer({ min: 0, max: 600 }),
})
// Around both 2026 clock changes and ordinary weeks.
const instant = fc
  .tuple(
    fc.constantFrom(
      '2026-03-29T00:00:00Z',
      '2026-10-25T00:00:00Z',
      '2026-06-15T00:00:00Z',
      '2027-01-10T00:00:00Z',
    ),
    fc.integer({ min: -20 * 24 * 60, max: 20 * 24 * 60 }),
  )
  .map(([base, minutes]) => new Date(new Date(base).getTime() + minutes * 60_000))

describe('properties', () => {
  test('no reminder in quiet hours, before now, after the appointment, or twice', () => {
    fc.assert(
      fc.property(
        settings,
        instant,
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        (s, startsAt, minutesBefore) => {
          const now = new Date(startsAt.getTime() - minutesBefore * 60_000)
          const plan = planReminders({ startsAt }, s, now)
          const instants = plan.reminders.map((r) => r.dueAt.getTime())
          for (const reminder of plan.reminders) {
            expect(isInQuietHours(reminder.dueAt, s.zone, s.quietHours)).toBe(false)
            expect(reminder.dueAt.getTime()).toBeGreaterThanOrEqual(now.getTime())
            expect(reminder.dueAt.getTime()).toBeLessThanOrEqual(
              startsAt.getTime() - s.minLeadMinutes * 60_000,
            )
          }
          expect(new Set(instants).size).toBe(instants.length)
          expect(instants).toEqual([...instants].sort((a, b) => a - b))
          expect(plan.reminders.length + plan.skipped.length).toBe(s.reminderOffsets.length)
        },
      ),
      { numRuns: 500 },
    )
  })

  test('a DAYS_BEFORE reminder outside quiet hours is at its wall-clock time, whatever the DST', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instant,
        fc.integer({ min: 1, max: 14 }),
        localTime(9, 19),
        (zone, startsAt, days, at) => {
          const plan = planReminders(
            { startsAt },
            withOffsets([{ kind: 'DAYS_BEFORE', days, atLocalTime: at }], zone),
            LONG_AGO,
          )
          const due = DateTime.fromJSDate(plan.reminders[0].dueAt, { zone })
          const start = DateTime.fromJSDate(startsAt, { zone })
          expect(due.toFormat('HH:mm')).toBe(at)
          expect(due.toISODate()).toBe(start.minus({ days }).toISODate())
        },
      ),
    )
  })
})

describe('what the settings page says of the same-day reminder is what the plan does', () => {
  test('with the defaults: 08:30 on the day, or 20:00 the evening before before 11:30', () => {
    expect(
      sameDaySchedule(
        { kind: 'SAME_DAY', atLeastHoursBefore: 3 },
        { start: '20:00', end: '08:30' },
      ),
    ).toEqual({
      kind: 'MORNING_OR_EVENING_BEFORE',
      morning: '08:30',
      evening: '20:00',
      startsBefore: '11:30',
    })
  })

  test('quiet hours that cover every morning send it the evening before', () => {
    expect(
      sameDaySchedule(
        { kind: 'SAME_DAY', atLeastHoursBefore: 12 },
        { start: '21:00', end: '12:00' },
      ),
    ).toEqual({ kind: 'EVENING_BEFORE', evening: '21:00' })
  })

  test('for any hours and quiet hours, an appointment just before or after the limit', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 11 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 12, max: 23 }),
        time,
        (hours, startHour, end) => {
          const quiet = { start: `${startHour}:00`, end }
          const offset = { kind: 'SAME_DAY' as const, atLeastHoursBefore: hours }
          const settings = { ...withOffsets([offset]), quietHours: quiet, minLeadMinutes: 0 }
          const schedule = sameDaySchedule(offset, quiet)
          const dueOn = (start: string) =>
            DateTime.fromJSDate(
              planReminders({ startsAt: local(start) }, settings, LONG_AGO).reminders[0].dueAt,
              { zone: PARIS },
            ).toFormat("yyyy-MM-dd'T'HH:mm")
          if (schedule.kind === 'EVENING_BEFORE') {
            expect(dueOn('2026-06-10T11:59')).toBe(`2026-06-09T${schedule.evening}`)
            return
          }
          const limit = DateTime.fromISO(`2026-06-10T${schedule.startsBefore}`, { zone: PARIS })
          const before = limit.minus({ minutes: 15 }).toFormat("yyyy-MM-dd'T'HH:mm")
          if (limit.hour * 60 + limit.minute >= hours * 60 + 15) {
            expect(dueOn(before)).toBe(`2026-06-09T${schedule.evening}`)
          }
          expect(dueOn(limit.toFormat("yyyy-MM-dd'T'HH:mm"))).toBe(`2026-06-10T${schedule.morning}`)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('confirmations worth sending', () => {
  const base = {
    kind: 'CONFIRMATION' as const,
    now: local('2026-03-05T10:00'),
    dueAt: local('2026-03-05T10:00'),
    minLeadMinutes: 60,
  }

  test('a walk-in booked at the desk for now gets no confirmation', () => {
    expect(
      serviceMessageSkip({ ...base, bookedByStaff: true, startsAt: local('2026-03-05T10:15') }),
    ).toBe('BOOKED_AT_THE_DESK')
    expect(
      serviceMessageSkip({ ...base, bookedByStaff: true, startsAt: local('2026-03-05T14:00') }),
    ).toBeNull()
    // The resident who books online for the next quarter of an hour is told.
    expect(
      serviceMessageSkip({ ...base, bookedByStaff: false, startsAt: local('2026-03-05T10:15') }),
    ).toBeNull()
  })

  test('a call held back by quiet hours until after the start is not placed', () => {
    const late = { ...base, now: local('2026-03-05T21:00'), dueAt: local('2026-03-06T08:30') }
    expect(
      serviceMessageSkip({ ...late, bookedByStaff: false, startsAt: local('2026-03-06T08:30') }),
    ).toBe('AFTER_START')
    expect(
      serviceMessageSkip({ ...late, bookedByStaff: false, startsAt: local('2026-03-06T09:00') }),
    ).toBeNull()
    expect(
      serviceMessageSkip({
        ...late,
        kind: 'MOVED',
        bookedByStaff: true,
        startsAt: local('2026-03-06T08:00'),
      }),
    ).toBe('AFTER_START')
  })
})
