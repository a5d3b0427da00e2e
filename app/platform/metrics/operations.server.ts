import { Gauge, type Registry } from 'prom-client'
import { db } from '~/platform/database/client.server'

// What the operator watches of the service itself, read from the database at each scrape:
// the web process and the worker may run apart, on several instances, and the database is
// the one place that sees them all. Counts only: no label carries an organisation or a
// person.

const CHANNELS = ['SMS', 'VOICE', 'EMAIL'] as const
// A message the worker holds (SENDING) has not left either.
const NOT_SENT = ['PENDING', 'SENDING'] as const

/** Each known value's count in a groupBy's rows (0 for a value no row names). */
function countsOf<K extends string, R extends { _count: { _all: number } }>(
  keys: readonly K[],
  rows: R[],
  keyOf: (row: R) => string,
) {
  return keys.map((key) => ({
    key,
    count: rows.find((row) => keyOf(row) === key)?._count._all ?? 0,
  }))
}

// The two outbox gauges of one scrape share one read: prom-client collects every metric
// at once, so the second asks while the first one's read is still on its way.
let backlogRead: ReturnType<typeof readBacklog> | null = null
function dueBacklog() {
  backlogRead ??= readBacklog().finally(() => {
    backlogRead = null
  })
  return backlogRead
}

async function readBacklog() {
  const now = new Date()
  const rows = await db().notification.groupBy({
    by: ['channel'],
    where: { status: { in: [...NOT_SENT] }, dueAt: { lte: now } },
    _count: { _all: true },
    _min: { dueAt: true },
  })
  return CHANNELS.map((channel) => {
    const row = rows.find((candidate) => candidate.channel === channel)
    const oldest = row?._min.dueAt
    return {
      channel,
      count: row?._count._all ?? 0,
      ageSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    }
  })
}

export function registerOperationsMetrics(registry: Registry) {
  new Gauge({
    name: 'permanence_outbox_due_messages',
    help: 'Messages due and not yet sent, per channel',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      for (const { channel, count } of await dueBacklog()) this.set({ channel }, count)
    },
  })
  new Gauge({
    name: 'permanence_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due message not yet sent has waited, per channel (0: none)',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      for (const { channel, ageSeconds } of await dueBacklog()) this.set({ channel }, ageSeconds)
    },
  })
  new Gauge({
    name: 'permanence_notifications_failed',
    help: 'Messages the provider refused or that ran out of attempts, per channel',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      const rows = await db().notification.groupBy({
        by: ['channel'],
        where: { status: 'FAILED' },
        _count: { _all: true },
      })
      for (const { key, count } of countsOf(CHANNELS, rows, (row) => row.channel))
        this.set({ channel: key }, count)
    },
  })
  new Gauge({
    name: 'permanence_retention_runs_finished',
    help: 'Daily retention runs that finished',
    registers: [registry],
    async collect() {
      this.set(await db().retentionRun.count({ where: { finishedAt: { not: null } } }))
    },
  })
  new Gauge({
    name: 'permanence_retention_last_finished_timestamp_seconds',
    help: 'When the last retention run finished, in Unix seconds (0: never)',
    registers: [registry],
    async collect() {
      const { _max } = await db().retentionRun.aggregate({ _max: { finishedAt: true } })
      this.set(_max.finishedAt ? _max.finishedAt.getTime() / 1000 : 0)
    },
  })
}
