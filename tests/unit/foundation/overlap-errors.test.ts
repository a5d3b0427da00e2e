import { describe, expect, test } from 'vitest'
import { mapOverlap } from '~/platform/database/errors.server'
import { SlotTakenError } from '~/domain/booking/errors'

// The shapes the database adapters give these errors: a message, a code in a cause.
const deadlock = () =>
  Object.assign(new Error('DriverAdapterError: deadlock detected'), {
    cause: { code: '40P01' },
  })
const overlap = () =>
  new Error('conflicting key value violates exclusion constraint "Appointment_no_overlap"')

describe('mapOverlap', () => {
  test('a collision is SlotTakenError', async () => {
    await expect(mapOverlap(() => Promise.reject(overlap()))).rejects.toBeInstanceOf(SlotTakenError)
  })

  test('a transaction aborted as a deadlock runs again, and its collision is then reported', async () => {
    let runs = 0
    const outcome = mapOverlap(async () => {
      runs += 1
      throw runs === 1 ? deadlock() : overlap()
    })
    await expect(outcome).rejects.toBeInstanceOf(SlotTakenError)
    expect(runs).toBe(2)
  })

  test('a deadlock that persists is reported after three runs, as it is', async () => {
    let runs = 0
    const outcome = mapOverlap(async () => {
      runs += 1
      throw deadlock()
    })
    await expect(outcome).rejects.toThrow('deadlock detected')
    expect(runs).toBe(3)
  })

  test('any other failure is not retried', async () => {
    let runs = 0
    const outcome = mapOverlap(async () => {
      runs += 1
      throw new Error('connection refused')
    })
    await expect(outcome).rejects.toThrow('connection refused')
    expect(runs).toBe(1)
  })
})
