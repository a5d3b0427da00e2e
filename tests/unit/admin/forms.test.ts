import { describe, expect, test } from 'vitest'
import {
  reminderFormOf,
  reminderOffsetsOf,
  senderNameProblem,
  settingsColumns,
  settingsSchema,
  siteSchema,
  topicSchema,
} from '~/features/admin/forms.server'
import type { FormValues } from '~/domain/input/problems'
import { parseForm } from '~/platform/forms.server'

const settings = {
  timeZone: 'Europe/Paris',
  holidayRegion: 'FR-METRO',
  daysBeforeOn: 'on',
  days: '2',
  sameDayOn: 'on',
  hours: '3',
  quietHoursStart: '20:00',
  quietHoursEnd: '08:30',
  smsSenderName: 'ValSorne',
  allowedPhoneRegions: ['FR', 'RE'],
  maxUpcomingPerContact: '3',
  bookingsPerIpPerHour: '20',
  bookingsPerPhonePerDay: '5',
  dailySmsCap: '500',
}

// Each form is read as its route reads it: the values a browser sends, through parseForm.
const codesOf = (parsed: ReturnType<typeof parseForm>) =>
  parsed.ok
    ? {}
    : Object.fromEntries(
        Object.entries(parsed.reply.errors).map(([field, problem]) => [field, problem.code]),
      )
const valueOf = <T>(parsed: { ok: boolean; value?: T }) => {
  if (!parsed.ok) throw new Error('refused')
  return parsed.value as T
}
const settingsOf = (values: FormValues) => valueOf(parseForm(values, settingsSchema))

describe('SMS sender name (the operators’ rule since March 2025)', () => {
  test.each(['ABC', 'ValSorne', 'Mairie2026', 'A1234567890'])('%s is accepted', (name) => {
    expect(senderNameProblem(name)).toBeNull()
  })
  test.each([
    ['AB', { code: 'TOO_SHORT', min: 3 }],
    ['Mairie de Sorne', { code: 'TOO_LONG', max: 11 }],
    ['MAIRIE012345', { code: 'TOO_LONG', max: 11 }],
    ['12345', { code: 'SENDER_CHARACTERS' }],
    ['Val Sorne', { code: 'SENDER_CHARACTERS' }],
    ['Val-Sorne', { code: 'SENDER_CHARACTERS' }],
    ['Vallée', { code: 'SENDER_CHARACTERS' }],
  ])('%s is refused: %j', (name, problem) => {
    expect(senderNameProblem(name)).toEqual(problem)
  })
})

describe('reminder offsets and the simple form', () => {
  test('the default offsets show both reminders', () => {
    expect(
      reminderFormOf(
        '[{"kind":"DAYS_BEFORE","days":2},{"kind":"SAME_DAY","atLeastHoursBefore":3}]',
      ),
    ).toEqual({ daysBeforeOn: true, days: 2, sameDayOn: true, hours: 3 })
  })
  test('no reminder, or unreadable settings, show both off', () => {
    expect(reminderFormOf('[]')).toMatchObject({ daysBeforeOn: false, sameDayOn: false })
    expect(reminderFormOf('not json')).toMatchObject({ daysBeforeOn: false, sameDayOn: false })
  })
  test('the form round-trips', () => {
    const form = { daysBeforeOn: true, days: 1, sameDayOn: false, hours: 4 }
    expect(reminderOffsetsOf(form)).toEqual([{ kind: 'DAYS_BEFORE', days: 1 }])
    expect(reminderFormOf(JSON.stringify(reminderOffsetsOf(form)))).toEqual({
      ...form,
      hours: 3,
    })
  })
})

describe('organisation settings', () => {
  test('valid settings become columns', () => {
    expect(settingsColumns(settingsOf(settings))).toMatchObject({
      timeZone: 'Europe/Paris',
      reminderOffsets:
        '[{"kind":"DAYS_BEFORE","days":2},{"kind":"SAME_DAY","atLeastHoursBefore":3}]',
      allowedPhoneRegions: 'FR,RE',
      smsSenderName: 'ValSorne',
      dailySmsCap: 500,
    })
  })
  test('an empty sender name means none', () => {
    expect(settingsOf({ ...settings, smsSenderName: ' ' }).smsSenderName).toBeNull()
    expect(settingsOf({ ...settings, smsSenderName: '' }).smsSenderName).toBeNull()
  })
  test('every bad field has its code', () => {
    const result = parseForm(
      {
        ...settings,
        timeZone: 'Europe/Sorne',
        holidayRegion: 'FR-XX',
        days: '30',
        smsSenderName: 'Val Sorne',
        allowedPhoneRegions: [],
        dailySmsCap: 'beaucoup',
      },
      settingsSchema,
    )
    expect(codesOf(result)).toEqual({
      timeZone: 'INVALID_TIME_ZONE',
      holidayRegion: 'INVALID_CHOICE',
      days: 'OUT_OF_RANGE',
      smsSenderName: 'SENDER_CHARACTERS',
      allowedPhoneRegions: 'REQUIRED',
      dailySmsCap: 'NOT_A_NUMBER',
    })
    expect(!result.ok && result.reply.errors.days).toEqual({
      code: 'OUT_OF_RANGE',
      min: 1,
      max: 14,
    })
  })
  test('quiet hours must be a night', () => {
    const result = parseForm({ ...settings, quietHoursStart: '09:00' }, settingsSchema)
    expect(codesOf(result)).toEqual({ quietHoursStart: 'QUIET_HOURS' })
  })
  test('an unknown phone region is refused', () => {
    const result = parseForm({ ...settings, allowedPhoneRegions: ['FR', 'US'] }, settingsSchema)
    expect(codesOf(result)).toEqual({ allowedPhoneRegions: 'INVALID_CHOICE' })
  })
})

describe('sites and topics', () => {
  test('a site needs a name, an address and a French postal code', () => {
    const result = parseForm(
      { name: '', address: '1 rue', postalCode: '7500', city: 'X' },
      siteSchema,
    )
    expect(codesOf(result)).toEqual({ name: 'REQUIRED', postalCode: 'INVALID_POSTAL_CODE' })
    expect(
      valueOf(
        parseForm(
          { name: 'Mairie', address: '1 rue', postalCode: '2A004', city: 'Ajaccio' },
          siteSchema,
        ),
      ),
    ).toMatchObject({ phone: null, accessNotes: null })
  })
  test('a short name for SMS and a holiday region are optional, and checked', () => {
    const site = { name: 'Mairie', address: '1 rue', postalCode: '98800', city: 'Nouméa' }
    expect(valueOf(parseForm(site, siteSchema))).toMatchObject({
      shortName: null,
      holidayRegion: null,
    })
    expect(
      valueOf(
        parseForm({ ...site, shortName: ' Mairie Nouméa ', holidayRegion: 'FR-NC' }, siteSchema),
      ),
    ).toMatchObject({ shortName: 'Mairie Nouméa', holidayRegion: 'FR-NC' })
    expect(
      codesOf(
        parseForm(
          { ...site, shortName: 'Mairie de Nouméa centre-ville', holidayRegion: 'NC' },
          siteSchema,
        ),
      ),
    ).toEqual({ shortName: 'TOO_LONG', holidayRegion: 'INVALID_CHOICE' })
  })
  test('a site phone is stored in E.164, a bad one refused', () => {
    const site = { name: 'Mairie', address: '1 rue', postalCode: '41000', city: 'Blois' }
    expect(valueOf(parseForm({ ...site, phone: '02 54 00 00 00' }, siteSchema)).phone).toBe(
      '+33254000000',
    )
    expect(codesOf(parseForm({ ...site, phone: '12' }, siteSchema))).toEqual({
      phone: 'INVALID_PHONE',
    })
  })
  test('a topic needs a theme, a mode and sensible durations', () => {
    const result = parseForm(
      {
        name: 'Impôts',
        theme: 'NOPE',
        durationMinutes: '0',
        minNoticeMinutes: '60',
        horizonDays: '60',
        bufferMinutes: '0',
        cancellationDeadlineMinutes: '120',
      },
      topicSchema,
    )
    expect(codesOf(result)).toEqual({
      theme: 'INVALID_CHOICE',
      durationMinutes: 'OUT_OF_RANGE',
      allowsInPerson: 'REQUIRED',
    })
    const modeless = parseForm(
      {
        name: 'Impôts',
        theme: 'MONEY_TAXES',
        durationMinutes: '30',
        minNoticeMinutes: '60',
        horizonDays: '60',
        bufferMinutes: '0',
        cancellationDeadlineMinutes: '120',
      },
      topicSchema,
    )
    expect(codesOf(modeless)).toEqual({ allowsInPerson: 'REQUIRED' })
  })
})
