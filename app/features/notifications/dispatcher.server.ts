import { randomUUID } from 'node:crypto'
import type { Db } from '~/platform/database/client.server'
import {
  isReminderKind,
  messageContactOf,
  recipientFor,
  smsPerNumberPerDay,
  smsSentSince,
} from './outbox.server'
import { chooseChannel, type Channel, type MessageContact } from '~/domain/notifications/policy'
import { normalisePhone } from '~/domain/residents/phone'
import { startOfLocalDay, localDateOf } from '~/domain/time/format'
import type { Mailer } from '~/features/notifications/providers/mailer.server'
import {
  ProviderError,
  toProviderError,
  type SentMessage,
  type TwilioChannel,
} from '~/features/notifications/providers/twilio.server'
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff'
import { loadAppointment, render, type RenderContext } from './render.server'

// The outbox dispatcher (docs/decisions/040-notification-outbox.md). A row is claimed by
// one conditional UPDATE (PENDING and due, or SENDING with an expired lease); only the
// worker holding the lease marks it. After a crash or a timeout the outcome at the
// provider is unknown: before sending again, the worker asks the provider whether that
// exact SMS was accepted.

export type DispatcherOptions = {
  db: Db
  provider: 'sqlite' | 'postgresql'
  twilio: TwilioChannel | null
  mailer: Mailer | null
  render: RenderContext
  /** Status callbacks of SMS and calls (signed webhook); none in tests without a server. */
  statusCallbackUrl?: (notificationId: string) => string
  owner?: string
  leaseMs?: number
  batchSize?: number
  /** Sends in flight at once within this worker. */
  concurrency?: number
  maxAttempts?: number
  backoff?: BackoffOptions
  random?: () => number
  clock?: () => Date
  /** SMS per phone number per day, whatever the organisation (a loop or an abuse guard). */
  perNumberDailySms?: number
  /** Provider requests per second for this worker (the account's rate limit share). */
  ratePerSecond?: number
  /** Channels the operator turned off: their rows go to the next channel, or are skipped. */
  turnedOff?: readonly Channel[]
  onError?: (error: unknown) => void
}

export type Outcome = 'SENT' | 'RETRY' | 'FAILED' | 'CANCELLED' | 'SKIPPED' | 'LOST_LEASE'

type ClaimedRow = {
  id: string
  organisationId: string
  appointmentId: string | null
  kind: string
  channel: Channel
  recipient: string
  language: string
  attempts: number
  dueAt: Date
  createdAt: Date
}

export class Dispatcher {
  readonly owner: string
  private readonly leaseMs: number
  private readonly batchSize: number
  private readonly concurrency: number
  private readonly maxAttempts: number
  private readonly clock: () => Date
  private readonly random: () => number
  private running = false
  private loop: Promise<void> | null = null
  private wake: (() => void) | null = null
  private nextSendAt = 0
  /** Appointments read during one batch (rows of one appointment share the read). */
  private readonly appointments = new Map<string, ReturnType<typeof loadAppointment>>()
  /** SMS counted today per organisation and per number, read once per batch. */
  private readonly smsToday = new Map<string, Promise<{ count: number }>>()

  constructor(private readonly options: DispatcherOptions) {
    this.owner = options.owner ?? `worker-${randomUUID()}`
    this.leaseMs = options.leaseMs ?? 60_000
    this.batchSize = options.batchSize ?? 50
    this.concurrency = options.concurrency ?? 8
    this.maxAttempts = options.maxAttempts ?? 8
    this.clock = options.clock ?? (() => new Date())
    this.random = options.random ?? Math.random
  }

  /** Claims due rows for this worker: one statement, so two workers never share a row. */
  async claim(limit = this.batchSize): Promise<ClaimedRow[]> {
    // On SQLite another worker may take the very candidates this one read: read again
    // rather than idle while rows are due.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { rows, contended } = await this.claimOnce(limit)
      if (rows.length > 0 || !contended) return rows
    }
    return []
  }

  private async claimOnce(limit: number): Promise<{ rows: ClaimedRow[]; contended: boolean }> {
    const { db } = this.options
    const now = this.clock()
    const until = new Date(now.getTime() + this.leaseMs)
    let ids: string[]
    if (this.options.provider === 'postgresql') {
      const rows = await db.$queryRaw<{ id: string }[]>`
        UPDATE "Notification"
        SET "status" = 'SENDING', "leaseOwner" = ${this.owner}, "leaseUntil" = ${until},
            "attempts" = "attempts" + 1, "updatedAt" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "Notification"
          WHERE ("status" = 'PENDING' AND "dueAt" <= ${now}
                 AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now}))
             OR ("status" = 'SENDING' AND "leaseUntil" < ${now})
          ORDER BY "dueAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING "id"`
      ids = rows.map((row) => row.id)
    } else {
      // SQLite has one writer at a time: one conditional update of the candidates; the
      // rows it took are those now holding this claim's lease (owner and instant).
      const due = await db.notification.findMany({
        where: this.claimable(now),
        orderBy: { dueAt: 'asc' },
        take: limit,
        select: { id: true },
      })
      if (due.length === 0) return { rows: [], contended: false }
      await db.notification.updateMany({
        where: { id: { in: due.map((row) => row.id) }, ...this.claimable(now) },
        data: {
          status: 'SENDING',
          leaseOwner: this.owner,
          leaseUntil: until,
          attempts: { increment: 1 },
        },
      })
      ids = (
        await db.notification.findMany({
          where: { leaseOwner: this.owner, leaseUntil: until, status: 'SENDING' },
          select: { id: true },
        })
      ).map((row) => row.id)
    }
    if (ids.length === 0) return { rows: [], contended: this.options.provider === 'sqlite' }
    const rows = await db.notification.findMany({
      where: { id: { in: ids }, leaseOwner: this.owner },
      select: {
        id: true,
        organisationId: true,
        appointmentId: true,
        kind: true,
        channel: true,
        recipient: true,
        language: true,
        attempts: true,
        dueAt: true,
        createdAt: true,
      },
    })
    return { rows, contended: false }
  }

  private claimable(now: Date) {
    return {
      OR: [
        {
          status: 'PENDING' as const,
          dueAt: { lte: now },
          OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }],
        },
        { status: 'SENDING' as const, leaseUntil: { lt: now } },
      ],
    }
  }

  /** One pass: claim a batch and send it. Returns how many rows were handled. */
  async runOnce(): Promise<Outcome[]> {
    const rows = await this.claim()
    this.appointments.clear()
    this.smsToday.clear()
    const outcomes: Outcome[] = []
    let next = 0
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]
        try {
          outcomes.push(await this.handle(row))
        } catch (error) {
          this.options.onError?.(error)
          outcomes.push(await this.retryLater(row, toProviderError(error)))
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane))
    return outcomes
  }

  /** Runs until nothing is due, then returns (tests, benchmarks). */
  async drain(): Promise<Outcome[]> {
    const all: Outcome[] = []
    for (;;) {
      const outcomes = await this.runOnce()
      if (outcomes.length === 0) return all
      all.push(...outcomes)
    }
  }

  start(idleMs = 1_000) {
    if (this.running) return
    this.running = true
    this.loop = (async () => {
      while (this.running) {
        let handled = 0
        try {
          handled = (await this.runOnce()).length
        } catch (error) {
          this.options.onError?.(error)
        }
        if (handled === 0 && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, idleMs)
            this.wake = () => {
              clearTimeout(timer)
              resolve()
            }
          })
          this.wake = null
        }
      }
    })()
  }

  /** Finishes the sends in flight, then stops; unclaimed rows stay for the next worker. */
  async stop() {
    this.running = false
    this.wake?.()
    await this.loop
    this.loop = null
  }

  private async handle(row: ClaimedRow): Promise<Outcome> {
    const { db } = this.options
    const appointment = row.appointmentId ? await this.appointmentOf(db, row.appointmentId) : null
    if (!appointment) return this.finish(row, 'CANCELLED', 'appointment gone')
    const now = this.clock()
    const resident = row.kind !== 'ADVISOR_NOTICE'
    const open = !row.kind.startsWith('CANCELLED') && row.kind !== 'ADVISOR_NOTICE'
    if (open && appointment.status !== 'BOOKED')
      return this.finish(row, 'CANCELLED', `appointment ${appointment.status.toLowerCase()}`)
    if (isReminderKind(row.kind) && appointment.startsAt <= now)
      return this.finish(row, 'SKIPPED', 'appointment already started')
    const contact = messageContactOf(appointment)
    if (this.options.turnedOff?.includes(row.channel)) {
      const why = `${row.channel} turned off on this server`
      return resident ? this.reroute(row, contact, why) : this.finish(row, 'SKIPPED', why)
    }
    if (resident && row.channel !== 'EMAIL' && contact.smsOptedOut)
      return this.reroute(row, contact, 'recipient opted out (STOP)')

    if (row.channel !== 'EMAIL') {
      const regions = appointment.organisation.allowedPhoneRegions.split(',').map((r) => r.trim())
      if (!normalisePhone(row.recipient, regions).ok)
        return this.fail(
          row,
          resident ? contact : null,
          new ProviderError(`phone region not allowed`, true),
        )
    }
    if (row.channel === 'SMS') {
      const zone = appointment.organisation.timeZone
      const since = startOfLocalDay(localDateOf(now, zone), zone)
      const organisation = await this.counted(`org:${row.organisationId}`, () =>
        smsSentSince(this.options.db, { organisationId: row.organisationId }, since),
      )
      const number = await this.counted(`to:${row.recipient}`, () =>
        smsSentSince(this.options.db, { recipient: row.recipient }, since),
      )
      const cap = appointment.organisation.dailySmsCap
      const perNumber = this.options.perNumberDailySms ?? smsPerNumberPerDay()
      if (organisation.count >= cap || number.count >= perNumber) {
        const why =
          organisation.count >= cap
            ? `daily SMS cap (${cap}) reached`
            : `daily SMS cap per number (${perNumber}) reached`
        return resident ? this.reroute(row, contact, why) : this.finish(row, 'SKIPPED', why)
      }
      organisation.count += 1
      number.count += 1
    }

    const rendered = render(row, appointment, this.options.render)
    // A retry after a crash or a timeout: the provider may already have the message.
    if (rendered.channel !== 'EMAIL' && row.attempts > 1 && this.options.twilio) {
      const earlier = await this.alreadyAccepted(
        row,
        rendered.channel === 'SMS' ? rendered.body : null,
      )
      if (earlier) return this.markSent(row, earlier, 'found at the provider after a retry')
    }
    await this.throttle()
    try {
      return this.markSent(row, await this.send(row, rendered), null)
    } catch (error) {
      const failure = toProviderError(error)
      if (failure.permanent || row.attempts >= this.maxAttempts)
        return this.fail(row, resident ? contact : null, failure)
      return this.retryLater(row, failure)
    }
  }

  /**
   * An SMS with this text (or a call) to this number, accepted since the row was due (a
   * call: since the row was written) and recorded on no other row: the earlier attempt of
   * this row did reach the provider.
   */
  private async alreadyAccepted(
    row: ClaimedRow,
    smsBody: string | null,
  ): Promise<SentMessage | null> {
    const twilio = this.options.twilio!
    const candidates: { sid: string; from?: string | null }[] =
      smsBody === null
        ? await twilio.recentCalls(row.recipient, new Date(row.createdAt.getTime() - 60_000))
        : (await twilio.recentSms(row.recipient, new Date(row.dueAt.getTime() - 60_000))).filter(
            (message) => message.body === smsBody,
          )
    if (candidates.length === 0) return null
    const recorded = await this.options.db.notification.findMany({
      where: { providerMessageId: { in: candidates.map((message) => message.sid) } },
      select: { providerMessageId: true },
    })
    const taken = new Set(recorded.map((r) => r.providerMessageId))
    const found = candidates.find((message) => !taken.has(message.sid))
    if (!found) return null
    return { providerMessageId: found.sid, sender: found.from ?? null }
  }

  private counted(key: string, read: () => Promise<number>) {
    let found = this.smsToday.get(key)
    if (!found) {
      found = read().then((count) => ({ count }))
      this.smsToday.set(key, found)
    }
    return found
  }

  private appointmentOf(db: Db, id: string) {
    let found = this.appointments.get(id)
    if (!found) {
      found = loadAppointment(db, id)
      this.appointments.set(id, found)
    }
    return found
  }

  private async send(row: ClaimedRow, rendered: ReturnType<typeof render>): Promise<SentMessage> {
    const callback = this.options.statusCallbackUrl?.(row.id) ?? null
    switch (rendered.channel) {
      case 'SMS':
      case 'VOICE': {
        const twilio = this.options.twilio
        if (!twilio) throw new ProviderError('Twilio is not configured', false)
        const sent =
          rendered.channel === 'SMS'
            ? await twilio.sendSms({
                to: row.recipient,
                body: rendered.body,
                from: rendered.from,
                statusCallback: callback,
              })
            : await twilio.call({
                to: row.recipient,
                twiml: rendered.twiml,
                statusCallback: callback,
              })
        return sent
      }
      case 'EMAIL': {
        const mailer = this.options.mailer
        if (!mailer) throw new ProviderError('email is not configured', false)
        const host = new URL(this.options.render.publicUrl).hostname
        const messageId = `<notification-${row.id}@${host}>`
        return mailer.send({ to: row.recipient, ...rendered.mail, messageId })
      }
    }
  }

  /** Paces provider requests under the configured rate (one lane waits, others queue behind). */
  private async throttle() {
    const rate = this.options.ratePerSecond
    if (!rate) return
    const now = Date.now()
    const at = Math.max(now, this.nextSendAt)
    this.nextSendAt = at + 1000 / rate
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
  }

  private held(row: ClaimedRow) {
    return { id: row.id, status: 'SENDING' as const, leaseOwner: this.owner }
  }

  private async markSent(row: ClaimedRow, sent: SentMessage, note: string | null) {
    const { count } = await this.options.db.notification.updateMany({
      where: this.held(row),
      data: {
        status: 'SENT',
        providerMessageId: sent.providerMessageId,
        sender: sent.sender ?? null,
        sentAt: this.clock(),
        lastError: note,
        leaseOwner: null,
        leaseUntil: null,
      },
    })
    return count === 1 ? 'SENT' : 'LOST_LEASE'
  }

  private async finish(row: ClaimedRow, status: 'CANCELLED' | 'SKIPPED', why: string) {
    const { count } = await this.options.db.notification.updateMany({
      where: this.held(row),
      data: { status, lastError: why, leaseOwner: null, leaseUntil: null },
    })
    return count === 1 ? status : 'LOST_LEASE'
  }

  private async retryLater(row: ClaimedRow, failure: ProviderError): Promise<Outcome> {
    const delay = retryDelayMs(
      row.attempts,
      failure.retryAfterMs,
      this.random,
      this.options.backoff ?? DEFAULT_BACKOFF,
    )
    const { count } = await this.options.db.notification.updateMany({
      where: this.held(row),
      data: {
        status: 'PENDING',
        // dueAt stays when the message was due (the provider look-up starts there); a
        // PENDING row's leaseUntil is the earliest time of its next attempt.
        leaseUntil: new Date(this.clock().getTime() + delay),
        lastError: `attempt ${row.attempts}: ${failure.message}`.slice(0, 1000),
        leaseOwner: null,
      },
    })
    return count === 1 ? 'RETRY' : 'LOST_LEASE'
  }

  /** Failed for good: recorded; a reminder then tries the resident's next channel. */
  private async fail(
    row: ClaimedRow,
    contact: MessageContact | null,
    failure: ProviderError,
  ): Promise<Outcome> {
    const { db } = this.options
    const outcome = await db.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: this.held(row),
        data: {
          status: 'FAILED',
          lastError:
            `${failure.permanent ? 'permanent' : `gave up after ${row.attempts} attempts`}: ${failure.message}`.slice(
              0,
              1000,
            ),
          leaseOwner: null,
          leaseUntil: null,
        },
      })
      if (count !== 1) return 'LOST_LEASE' as const
      if (contact && isReminderKind(row.kind))
        await fallBack(tx as unknown as Db, row, contact, this.clock())
      return 'FAILED' as const
    })
    return outcome
  }

  /** The row cannot go on its channel (STOP): the next channel, or skipped. */
  private async reroute(row: ClaimedRow, contact: MessageContact, why: string): Promise<Outcome> {
    const { db } = this.options
    return db.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: this.held(row),
        data: { status: 'SKIPPED', lastError: why, leaseOwner: null, leaseUntil: null },
      })
      if (count !== 1) return 'LOST_LEASE' as const
      await fallBack(tx as unknown as Db, row, contact, this.clock())
      return 'SKIPPED' as const
    })
  }
}

/**
 * A new row for the next channel the resident has (SMS → call → email), due now. The
 * channels already tried for this message (same appointment and kind) are excluded.
 */
export async function fallBack(
  tx: Db,
  row: { appointmentId: string | null; organisationId: string; kind: string; language: string },
  contact: MessageContact,
  now: Date,
): Promise<string | null> {
  if (!row.appointmentId) return null
  const tried = await tx.notification.findMany({
    where: {
      appointmentId: row.appointmentId,
      kind: row.kind,
      status: { in: ['FAILED', 'SKIPPED', 'SENT', 'DELIVERED', 'SENDING'] },
    },
    select: { channel: true, status: true },
  })
  const failed = tried.map((t) => t.channel)
  const purpose = isReminderKind(row.kind) ? 'REMINDER' : 'SERVICE'
  const channel = chooseChannel(contact, failed, purpose)
  const recipient = channel && recipientFor(channel, contact)
  if (!channel || !recipient) return null
  const created = await tx.notification.create({
    data: {
      organisationId: row.organisationId,
      appointmentId: row.appointmentId,
      kind: row.kind,
      channel,
      recipient,
      language: row.language,
      dueAt: now,
    },
    select: { id: true },
  })
  return created.id
}
