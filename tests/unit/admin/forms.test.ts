import { describe, expect, test } from 'vitest'
import {
  fieldErrors,
  reminderFormOf,
  reminderOffsetsOf,
  senderNameProblem,
  settingsColumns,
  settingsSchema,
  siteSchema,
  topicSchema,
} from '~/features/admin/forms.server'

const settings = {
  timeZone: 'Europe/Paris',
  holidayRegion: 'FR-METRO',
  daysBeforeOn: 'on',
  days: '2',
  sameDayOn: 'on',
  hours: '3',
  quietHoursStart: '20:00',
  quietHoursEnd: '08:30',
  smsSenderName: 'Val Sorne',
  allowedPhoneRegions: ['FR', 'RE'],
  maxUpcomingPerContact: '3',
  bookingsPerIpPerHour: '20',
  bookingsPerPhonePerDay: '5',
  dailySmsCap: '500',
}

const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0])

describe('SMS sender name (Twilio alphanumeric sender)', () => {
  test.each(['ABC', 'Val Sorne', 'Mairie2026', 'A1234567890'])('%s is accepted', (name) => {
    expect(senderNameProblem(name)).toBeNull()
  })
  test.each([
    ['AB', 'SENDER_LENGTH'],
    ['Mairie de Sorne', 'SENDER_LENGTH'],
    ['12345', 'SENDER_CHARACTERS'],
    ['Val-Sorne', 'SENDER_CHARACTERS'],
    ['Vallée', 'SENDER_CHARACTERS'],
  ])('%s is refused: %s', (name, problem) => {
    expect(senderNameProblem(name)).toBe(problem)
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
    const parsed = settingsSchema.parse(settings)
    expect(settingsColumns(parsed)).toMatchObject({
      timeZone: 'Europe/Paris',
      reminderOffsets:
        '[{"kind":"DAYS_BEFORE","days":2},{"kind":"SAME_DAY","atLeastHoursBefore":3}]',
      allowedPhoneRegions: 'FR,RE',
      smsSenderName: 'Val Sorne',
      dailySmsCap: 500,
    })
  })
  test('an empty sender name means none', () => {
    expect(settingsSchema.parse({ ...settings, smsSenderName: ' ' }).smsSenderName).toBeNull()
  })
  test('every bad field has its code', () => {
    const result = settingsSchema.safeParse({
      ...settings,
      timeZone: 'Europe/Sorne',
      holidayRegion: 'FR-XX',
      days: '30',
      smsSenderName: 'Val-Sorne',
      allowedPhoneRegions: [],
      dailySmsCap: 'beaucoup',
    })
    expect(errorsOf(result)).toEqual({
      timeZone: 'TIME_ZONE',
      holidayRegion: 'HOLIDAY_REGION',
      days: 'BETWEEN_1_14',
      smsSenderName: 'SENDER_CHARACTERS',
      allowedPhoneRegions: 'REGIONS_REQUIRED',
      dailySmsCap: 'NOT_A_NUMBER',
    })
  })
  test('quiet hours must be a night', () => {
    const result = settingsSchema.safeParse({ ...settings, quietHoursStart: '09:00' })
    expect(errorsOf(result)).toEqual({ quietHoursStart: 'QUIET_HOURS' })
  })
  test('an unknown phone region is refused', () => {
    const result = settingsSchema.safeParse({ ...settings, allowedPhoneRegions: ['FR', 'US'] })
    expect(errorsOf(result)).toEqual({ allowedPhoneRegions: 'REGIONS' })
  })
})

describe('sites and topics', () => {
  test('a site needs a name, an address and a French postal code', () => {
    const result = siteSchema.safeParse({
      name: '',
      address: '1 rue',
      postalCode: '7500',
      city: 'X',
    })
    expect(errorsOf(result)).toEqual({ name: 'REQUIRED', postalCode: 'POSTAL_CODE' })
    expect(
      siteSchema.parse({ name: 'Mairie', address: '1 rue', postalCode: '2A004', city: 'Ajaccio' }),
    ).toMatchObject({ phone: null, accessNotes: null })
  })
  test('a site phone is stored in E.164, a bad one refused', () => {
    const site = { name: 'Mairie', address: '1 rue', postalCode: '41000', city: 'Blois' }
    expect(siteSchema.parse({ ...site, phone: '02 54 00 00 00' }).phone).toBe('+33254000000')
    expect(errorsOf(siteSchema.safeParse({ ...site, phone: '12' }))).toEqual({ phone: 'PHONE' })
  })
  test('a topic needs a theme, a mode and sensible durations', () => {
    const result = topicSchema.safeParse({
      name: 'Impôts',
      theme: 'NOPE',
      durationMinutes: '0',
      minNoticeMinutes: '60',
      horizonDays: '60',
      bufferMinutes: '0',
      cancellationDeadlineMinutes: '120',
    })
    expect(errorsOf(result)).toEqual({
      theme: 'THEME',
      durationMinutes: 'BETWEEN_5_480',
      allowsInPerson: 'MODE_REQUIRED',
    })
    const modeless = topicSchema.safeParse({
      name: 'Impôts',
      theme: 'MONEY_TAXES',
      durationMinutes: '30',
      minNoticeMinutes: '60',
      horizonDays: '60',
      bufferMinutes: '0',
      cancellationDeadlineMinutes: '120',
    })
    expect(errorsOf(modeless)).toEqual({ allowsInPerson: 'MODE_REQUIRED' })
  })
})
