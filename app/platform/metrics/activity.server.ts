import { Counter, type Registry } from 'prom-client'
import { BOOKING_CHANNELS, type BookingChannel } from '~/domain/booking/book'

// Bookings and cancellations counted by the process that wrote them, once their transaction
// committed (decision 099): Prometheus-style counters, reset by a restart and summed across
// instances by Prometheus, instead of counting every appointment at each scrape. The Remix
// build (where pages and webhooks write) and the entry (where /metrics is served) each load
// this module: the counters live on globalThis.

type Counters = { bookings: Counter<'via'>; cancellations: Counter<'by'> }

/** Who cancelled: the resident (the manage link, an SMS or call reply, excused at the desk) or the service. */
export type CancelledBy = 'RESIDENT' | 'SERVICE'

const BY: readonly CancelledBy[] = ['RESIDENT', 'SERVICE']

function makeCounters(): Counters {
  const bookings = new Counter({
    name: 'permanence_bookings_total',
    help: 'Appointments booked by this process since it started, by how they were booked',
    labelNames: ['via'],
    registers: [],
  })
  const cancellations = new Counter({
    name: 'permanence_cancellations_total',
    help: 'Appointments cancelled by this process since it started, by who cancelled (resident, service)',
    labelNames: ['by'],
    registers: [],
  })
  // Every series from the start at 0, so that increase() sees the first one.
  for (const via of BOOKING_CHANNELS) bookings.inc({ via: via.toLowerCase() }, 0)
  for (const by of BY) cancellations.inc({ by: by.toLowerCase() }, 0)
  return { bookings, cancellations }
}

const counters: Counters = ((
  globalThis as { __permanenceActivity?: Counters }
).__permanenceActivity ??= makeCounters())

/** An appointment booked, by its createdVia. */
export function countBooking(via: BookingChannel) {
  counters.bookings.inc({ via: via.toLowerCase() })
}

export function countCancellations(by: CancelledBy, count = 1) {
  if (count > 0) counters.cancellations.inc({ by: by.toLowerCase() }, count)
}

export function registerActivityMetrics(registry: Registry) {
  registry.registerMetric(counters.bookings)
  registry.registerMetric(counters.cancellations)
}
