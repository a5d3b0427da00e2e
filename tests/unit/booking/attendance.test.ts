import { describe, expect, test } from 'vitest'
import { attendanceOpen, statusChangeRefusal } from '~/domain/booking/attendance'

const start = new Date('2031-03-04T08:00:00Z')
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
const booked = { status: 'BOOKED', startsAt: start }

describe('what the workspace may record of an appointment', () => {
  test('honoured or absent only once the appointment has started', () => {
    expect(statusChangeRefusal(booked, 'HONOURED', at(-24 * 60))).toBe('NOT_STARTED')
    expect(statusChangeRefusal(booked, 'NO_SHOW', at(-1))).toBe('NOT_STARTED')
    expect(statusChangeRefusal(booked, 'HONOURED', at(0))).toBeNull()
    expect(statusChangeRefusal(booked, 'NO_SHOW', at(45))).toBeNull()
    expect(attendanceOpen(booked, at(-1))).toBe(false)
    expect(attendanceOpen(booked, at(0))).toBe(true)
  })

  test('cancelling or excusing is possible before and after the start', () => {
    expect(statusChangeRefusal(booked, 'CANCELLED', at(-24 * 60))).toBeNull()
    expect(statusChangeRefusal(booked, 'EXCUSED', at(-5))).toBeNull()
    expect(statusChangeRefusal(booked, 'EXCUSED', at(60))).toBeNull()
  })

  test('a cancelled or excused appointment keeps its status', () => {
    for (const status of ['CANCELLED', 'EXCUSED']) {
      expect(statusChangeRefusal({ status, startsAt: start }, 'HONOURED', at(60))).toBe('FINAL')
    }
    expect(statusChangeRefusal({ status: 'HONOURED', startsAt: start }, 'NO_SHOW', at(60))).toBe(
      null,
    )
  })
})
