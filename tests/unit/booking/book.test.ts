// The booking rules every channel shares (online, on behalf, walk-in), over ports that hold
// their rows in memory; the database side of the same ports is covered by the integration
// tests (booking, no-overlap, workspace walk-ins).
import { describe, expect, test } from 'vitest'
import {
  book,
  bookWalkIn,
  BookingError,
  type BookingPorts,
  type BookingRequest,
  type NewAppointment,
} from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import type { Slot } from '~/domain/scheduling'

const NOW = new Date('2026-12-01T08:00:00Z')
const START = new Date('2026-12-02T09:00:00Z')
const END = new Date('2026-12-02T09:30:00Z')

function request(overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    organisationId: 'org',
    topicId: 'topic',
    mode: 'IN_PERSON',
    siteId: 'site',
    start: START,
    resident: {
      firstName: 'Ada',
      lastName: 'Martin',
      searchKey: 'ada martin',
      phoneE164: '+33612345678',
      phoneType: 'MOBILE',
      email: null,
      language: 'fr',
      consent: true,
    },
    helper: null,
    note: null,
    createdVia: 'ONLINE',
    idempotencyKeyHash: 'hash-1',
    maxUpcomingPerContact: 3,
    actorAdvisorId: null,
    ...overrides,
  }
}

/** Ports over an in-memory table that refuses a second appointment of one advisor at a time. */
function memoryPorts(options: { slots?: Slot[]; upcoming?: number; busy?: string[] } = {}) {
  const saved: (NewAppointment & { id: string })[] = []
  const busy = new Set(options.busy ?? [])
  const ports: BookingPorts = {
    findByIdempotencyKeyHash: async (hash) =>
      saved.find((row) => row.idempotencyKeyHash === hash)?.id ?? null,
    slotsStartingAt: async () => options.slots ?? [],
    appointmentsOfLocalDay: async () => [],
    save: async (appointment, admits) => {
      // The database side's order: the contact's count, then the insert.
      if (!admits((options.upcoming ?? 0) + saved.length)) return { limitReached: true }
      if (busy.has(appointment.advisorId)) throw new SlotTakenError()
      const id = `appointment-${saved.length + 1}`
      saved.push({ ...appointment, id })
      busy.add(appointment.advisorId)
      return { appointmentId: id }
    },
  }
  return { ports, saved }
}

const slot: Slot = { start: START, end: END, siteId: 'site', advisorIds: ['a1', 'a2'] }

describe('a booking', () => {
  test('takes the next advisor of the slot when the first was just taken', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot], busy: ['a1'] })
    const outcome = await book(request(), NOW, ports)
    expect(outcome.created).toBe(true)
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ advisorId: 'a2', startsAt: START, endsAt: END })
  })

  test('sent again with the same form is the first booking, not a second one', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot] })
    const first = await book(request(), NOW, ports)
    const again = await book(request(), NOW, ports)
    expect(again).toEqual({ appointmentId: first.appointmentId, created: false })
    expect(saved).toHaveLength(1)
  })

  test('is refused when the contact already holds the most upcoming appointments', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot], upcoming: 3 })
    await expect(book(request(), NOW, ports)).rejects.toEqual(new BookingError('TOO_MANY_UPCOMING'))
    expect(saved).toHaveLength(0)
  })

  test('sent twice at once as the last one the contact may hold is one booking, not a refusal', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot], upcoming: 2 })
    const [first, second] = await Promise.all([
      book(request(), NOW, ports),
      book(request(), NOW, ports),
    ])
    expect(saved).toHaveLength(1)
    expect(second!.appointmentId).toBe(first!.appointmentId)
    expect([first!.created, second!.created].sort()).toEqual([false, true])
  })

  test('of a time the engine does not offer is refused', async () => {
    const { ports } = memoryPorts({ slots: [] })
    await expect(book(request(), NOW, ports)).rejects.toEqual(new BookingError('SLOT_UNAVAILABLE'))
  })
})

describe('a walk-in', () => {
  const walkIn = (overrides: Partial<Parameters<typeof bookWalkIn>[0]> = {}) => ({
    ...request({ createdVia: 'RECEPTION', actorAdvisorId: 'agent' }),
    advisorId: 'a2',
    durationMinutes: 45,
    confirmedOutsideHours: false,
    ...overrides,
  })

  test('within the hours is booked with the chosen advisor for the topic’s duration', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot] })
    await bookWalkIn(walkIn(), NOW, ports)
    expect(saved[0]).toMatchObject({
      advisorId: 'a2',
      startsAt: START,
      endsAt: new Date('2026-12-02T09:45:00Z'),
      createdVia: 'RECEPTION',
    })
  })

  test('outside the hours needs the agent’s confirmation, then is booked', async () => {
    const { ports, saved } = memoryPorts({ slots: [] })
    await expect(bookWalkIn(walkIn(), NOW, ports)).rejects.toEqual(
      new BookingError('OUTSIDE_HOURS_UNCONFIRMED'),
    )
    expect(saved).toHaveLength(0)
    await bookWalkIn(walkIn({ confirmedOutsideHours: true }), NOW, ports)
    expect(saved).toHaveLength(1)
  })

  test('never starts in the past, confirmed or not', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot] })
    const past = walkIn({ start: new Date('2026-12-01T07:30:00Z'), confirmedOutsideHours: true })
    await expect(bookWalkIn(past, NOW, ports)).rejects.toEqual(new BookingError('IN_THE_PAST'))
    expect(saved).toHaveLength(0)
  })

  test('over another appointment of the advisor is refused as taken', async () => {
    const { ports } = memoryPorts({ slots: [slot], busy: ['a2'] })
    await expect(bookWalkIn(walkIn(), NOW, ports)).rejects.toBeInstanceOf(SlotTakenError)
  })

  test('shares the booking’s replay and contact limit', async () => {
    const { ports, saved } = memoryPorts({ slots: [slot] })
    const first = await bookWalkIn(walkIn(), NOW, ports)
    expect(await bookWalkIn(walkIn(), NOW, ports)).toEqual({
      appointmentId: first.appointmentId,
      created: false,
    })
    const limited = memoryPorts({ slots: [slot], upcoming: 3 })
    await expect(bookWalkIn(walkIn(), NOW, limited.ports)).rejects.toEqual(
      new BookingError('TOO_MANY_UPCOMING'),
    )
    expect(saved).toHaveLength(1)
  })
})
