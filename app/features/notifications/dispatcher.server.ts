import { randomUUID } from 'node:crypto'
import type { Db } from '~/platform/database/client.server'
import { Sql, withoutJit } from '~/platform/database/sql.server'
import {
  KIND,
  recipientFor,
  smsPerNumberPerDay,
  smsSentSince,
  smsSentSinceEach,
} from './outbox.server'
import {
  chooseChannel,
  endOfQuietHours,
  isInQuietHours,
  type Channel,
  type MessageContact,
} from '~/domain/notifications/policy'
import { smsSegmentCount } from '~/domain/notifications/gsm7'
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
import {
  baseKind,
  fallsBackOnFailure,
  isAnyReminderKind,
  isLinkAgainKind,
  nextChannelKind,
  sameMessage,
} from './kinds'
import type { Rendered, RenderContext } from './render.server'
import {
  loadBatchSubjects,
  loadSubject,
  subjectKey,
  subjectRefOf,
  type Hold,
  type Subject,
  type SubjectRef,
  type SubjectRow,
} from './subjects.server'

// The outbox dispatcher (docs/decisions/040-notification-outbox.md). A row is claimed by
// one conditional UPDATE (PENDING and due, or SENDING with an expired lease); only the
// worker holding the lease marks it. After a crash or a timeout the outcome at the
// provider is unknown: before sending again, the worker asks the provider whether that
// exact SMS was accepted. Rows are about a subject (subjects.server.ts): an appointment, a
// workshop registration, a waiting-list place, an earlier-slot request; the checks are the
// same for all. An offer of a held seat starts its hold when it is sent (decision 081).

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

/** DEFERRED: an offer claimed in quiet hours, due again at their end. */
export type Outcome =
  'SENT' | 'RETRY' | 'FAILED' | 'CANCELLED' | 'SKIPPED' | 'LOST_LEASE' | 'DEFERRED'

type ClaimedRow = {
  id: string
  organisationId: string
  appointmentId: string | null
  registrationId: string | null
  waitlistEntryId: string | null
  earlierSlotRequestId: string | null
  kind: string
  channel: Channel
  recipient: string
  language: string
  attempts: number
  dueAt: Date
  createdAt: Date
  /** For an offer: when its first attempt went to the provider (the hold counts from it). */
  sentAt: Date | null
}

/** Keys of the batch's SMS counts (Dispatcher.smsToday). */
const smsOfOrganisation = (organisationId: string) => `org:${organisationId}`
const smsToNumber = (recipient: string) => `to:${recipient}`

/** A send accepted by the provider, waiting for the statement that marks it (markQueued). */
type Mark = {
  row: ClaimedRow
  sent: SentMessage
  note: string | null
  segments: number | null
  sentAt: Date
  done: { resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }
}
/** Bounded so that one statement's parameters stay far under SQLite's limit (32,766). */
const MARKS_PER_STATEMENT = 100

/** Each mark's outcome: sent, or its lease was another worker's by then. */
function settle(marks: readonly Mark[], marked: ReadonlySet<string>) {
  for (const mark of marks) mark.done.resolve(marked.has(mark.row.id) ? 'SENT' : 'LOST_LEASE')
}

/** An offer on its way: its hold, and the instant it counts from. */
type Offer = { hold: Hold; offeredAt: Date; holdUntil: Date }

export class Dispatcher {
  readonly owner: string
  private readonly leaseMs: number
  private readonly batchSize: number
  private readonly concurrency: number
  private readonly maxAttempts: number
  private readonly clock: () => Date
  private readonly random: () => number
  private running = false
  /** Set by stop(): the batch's lanes take no further row. */
  private stopping = false
  private loop: Promise<void> | null = null
  private wake: (() => void) | null = null
  private nextSendAt = 0
  /** Subjects read during one batch (rows of one subject share the read). */
  private readonly subjects = new Map<string, Promise<Subject | null>>()
  /** SMS counted today per organisation and per number, read once per batch. */
  private readonly smsToday = new Map<string, Promise<{ count: number }>>()
  /** Per batch: when today began in a zone, and whether a number is in allowed regions. */
  private readonly dayStarts = new Map<string, Date>()
  private readonly allowedNumbers = new Map<string, boolean>()
  /** Sends waiting for their mark, and whether a marking statement is running. */
  private readonly marks: Mark[] = []
  private marking = false

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
      // Two reads, each in the order of Notification(status, dueAt) and stopping at the
      // limit: one read of both conditions (an OR) made the planner fetch every due row and
      // sort them, a cost that grew with the backlog (327x in bench:scale).
      const rows = await withoutJit(
        db,
        db.$queryRaw<{ id: string }[]>`
        WITH "expired" AS (
          SELECT "id" FROM "Notification"
          WHERE "status" = 'SENDING' AND "leaseUntil" < ${now}
          ORDER BY "dueAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ), "pending" AS (
          SELECT "id" FROM "Notification"
          WHERE "status" = 'PENDING' AND "dueAt" <= ${now}
            AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
          ORDER BY "dueAt"
          LIMIT (CAST(${limit} AS integer) - (SELECT COUNT(*) FROM "expired"))
          FOR UPDATE SKIP LOCKED
        )
        UPDATE "Notification"
        SET "status" = 'SENDING', "leaseOwner" = ${this.owner}, "leaseUntil" = ${until},
            "attempts" = "attempts" + 1, "updatedAt" = ${now}
        WHERE "id" IN (SELECT "id" FROM "expired" UNION ALL SELECT "id" FROM "pending")
        RETURNING "id"`,
      )
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
        registrationId: true,
        waitlistEntryId: true,
        earlierSlotRequestId: true,
        kind: true,
        channel: true,
        recipient: true,
        language: true,
        attempts: true,
        dueAt: true,
        createdAt: true,
        sentAt: true,
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
    this.subjects.clear()
    this.smsToday.clear()
    this.dayStarts.clear()
    this.allowedNumbers.clear()
    await this.readAhead(rows)
    const outcomes: Outcome[] = []
    let next = 0
    const lane = async () => {
      while (next < rows.length && !this.stopping) {
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
    if (next < rows.length) await this.handBack(rows.slice(next))
    return outcomes
  }

  /**
   * What the rows' checks read, in a few reads for the batch rather than a few per row
   * (most of a worker's time otherwise): its appointments, and today's SMS of its
   * organisations and numbers. A read that fails here is left to each row, which reports it.
   */
  private async readAhead(rows: readonly ClaimedRow[]) {
    const refs = rows.flatMap((row) => subjectRefOf(row) ?? [])
    for (const [key, subject] of loadBatchSubjects(this.options.db, refs))
      this.subjects.set(key, subject)
    const days = new Map<number, { organisations: Set<string>; numbers: Set<string> }>()
    const now = this.clock()
    // Other subjects are read one by one: all at once, as the lanes would have.
    const subjects = await Promise.all(
      rows.map((row) => {
        const ref = row.channel === 'SMS' ? subjectRefOf(row) : null
        return ref ? this.subjectOf(ref).catch(() => null) : null
      }),
    )
    for (const [index, row] of rows.entries()) {
      const subject = subjects[index]
      if (!subject) continue
      const since = this.startOfToday(subject.organisation.timeZone, now).getTime()
      const day = days.get(since) ?? { organisations: new Set(), numbers: new Set() }
      day.organisations.add(row.organisationId)
      day.numbers.add(row.recipient)
      days.set(since, day)
    }
    const { db } = this.options
    try {
      for (const [since, day] of days) {
        const at = new Date(since)
        const [organisations, numbers] = await Promise.all([
          smsSentSinceEach(db, 'organisationId', [...day.organisations], at),
          smsSentSinceEach(db, 'recipient', [...day.numbers], at),
        ])
        for (const [id, count] of organisations) this.remember(smsOfOrganisation(id), count)
        for (const [number, count] of numbers) this.remember(smsToNumber(number), count)
      }
    } catch {
      this.smsToday.clear()
    }
  }

  private startOfToday(zone: string, now: Date) {
    let since = this.dayStarts.get(zone)
    if (!since) {
      since = startOfLocalDay(localDateOf(now, zone), zone)
      this.dayStarts.set(zone, since)
    }
    return since
  }

  private isAllowedNumber(recipient: string, allowedRegions: string) {
    const key = `${allowedRegions} ${recipient}`
    let allowed = this.allowedNumbers.get(key)
    if (allowed === undefined) {
      const regions = allowedRegions.split(',').map((region) => region.trim())
      allowed = normalisePhone(recipient, regions).ok
      this.allowedNumbers.set(key, allowed)
    }
    return allowed
  }

  private remember(key: string, count: number) {
    if (!this.smsToday.has(key)) this.smsToday.set(key, Promise.resolve({ count }))
  }

  /**
   * Rows claimed but not begun when the worker stops go back at once, their attempt not
   * counted, instead of waiting out a lease for a worker that is gone.
   */
  private async handBack(rows: ClaimedRow[]) {
    await this.options.db.notification.updateMany({
      where: { id: { in: rows.map((row) => row.id) }, leaseOwner: this.owner, status: 'SENDING' },
      data: { status: 'PENDING', leaseOwner: null, leaseUntil: null, attempts: { decrement: 1 } },
    })
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
    this.stopping = false
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

  /** Finishes the sends in flight, hands the rest of the batch back, then stops. */
  async stop() {
    this.running = false
    this.stopping = true
    this.wake?.()
    await this.loop
    this.loop = null
  }

  private async handle(row: ClaimedRow): Promise<Outcome> {
    const ref = subjectRefOf(row)
    const subject = ref ? await this.subjectOf(ref) : null
    if (!subject) return this.finish(row, 'CANCELLED', `${ref?.label ?? 'subject'} gone`)
    const now = this.clock()
    const resident = row.kind !== KIND.ADVISOR_NOTICE
    const verdict = subject.verdict(row.kind, now)
    if (verdict) return this.finish(row, verdict.status, verdict.why)
    // An offer claimed at night waits for the morning; one a crashed attempt may already
    // have sent is first looked up at the provider (below).
    if (!row.sentAt && this.isQuiet(subject, now)) return this.defer(row, subject, now)
    const contact = subject.contact
    const { organisation } = subject
    if (this.options.turnedOff?.includes(row.channel)) {
      const why = `${row.channel} turned off on this server`
      return resident ? this.reroute(row, subject, why) : this.finish(row, 'SKIPPED', why)
    }
    if (resident && row.channel !== 'EMAIL' && contact.smsOptedOut)
      return this.reroute(row, subject, 'recipient opted out (STOP)')

    if (
      row.channel !== 'EMAIL' &&
      !this.isAllowedNumber(row.recipient, organisation.allowedPhoneRegions)
    )
      return this.fail(
        row,
        resident ? subject : null,
        new ProviderError(`phone region not allowed`, true),
      )
    if (row.channel === 'SMS') {
      const since = this.startOfToday(organisation.timeZone, now)
      const counted = await this.counted(smsOfOrganisation(row.organisationId), () =>
        smsSentSince(this.options.db, { organisationId: row.organisationId }, since),
      )
      const number = await this.counted(smsToNumber(row.recipient), () =>
        smsSentSince(this.options.db, { recipient: row.recipient }, since),
      )
      const cap = organisation.dailySmsCap
      const perNumber = this.options.perNumberDailySms ?? smsPerNumberPerDay()
      if (counted.count >= cap || number.count >= perNumber) {
        const why =
          counted.count >= cap
            ? `daily SMS cap (${cap}) reached`
            : `daily SMS cap per number (${perNumber}) reached`
        return resident ? this.reroute(row, subject, why) : this.finish(row, 'SKIPPED', why)
      }
      counted.count += 1
      number.count += 1
    }

    const offer = this.offerOf(row, subject, now)
    if (offer === 'TOO_LATE') return this.release(row, subject)
    const rendered = subject.render(row, this.options.render, {
      offeredAt: offer?.offeredAt ?? null,
      holdUntil: offer?.holdUntil ?? null,
    })
    // A retry after a crash or a timeout: the provider may already have the message.
    if (rendered.channel !== 'EMAIL' && row.attempts > 1 && this.options.twilio) {
      const earlier = await this.alreadyAccepted(
        row,
        rendered.channel === 'SMS' ? rendered.body : null,
      )
      if (earlier) {
        const segments = rendered.channel === 'SMS' ? smsSegmentCount(rendered.body) : null
        return this.markSent(row, earlier, 'found at the provider after a retry', offer, segments)
      }
    }
    if (this.isQuiet(subject, now)) return this.defer(row, subject, now)
    if (offer && !row.sentAt && !(await this.anchor(row, offer.offeredAt))) return 'LOST_LEASE'
    await this.throttle()
    try {
      const segments = rendered.channel === 'SMS' ? smsSegmentCount(rendered.body) : null
      return this.markSent(row, await this.send(row, rendered), null, offer, segments)
    } catch (error) {
      const failure = toProviderError(error)
      if (failure.permanent || row.attempts >= this.maxAttempts)
        return this.fail(row, resident ? subject : null, failure)
      return this.retryLater(row, failure)
    }
  }

  private isQuiet(subject: Subject, now: Date) {
    const quiet = subject.quietHours
    return quiet !== null && isInQuietHours(now, quiet.zone, quiet.hours)
  }

  /**
   * The hold of an offer, counted from its first attempt (so a retry renders the same
   * text, which the provider look-up compares); TOO_LATE when it would be too short.
   */
  private offerOf(row: ClaimedRow, subject: Subject, now: Date): Offer | 'TOO_LATE' | null {
    const hold = subject.hold(row.kind)
    if (!hold) return null
    const offeredAt = row.sentAt ?? now
    const holdUntil = hold.endsAt(offeredAt)
    return holdUntil ? { hold, offeredAt, holdUntil } : 'TOO_LATE'
  }

  /** Records when an offer first goes to the provider, before it goes. */
  private async anchor(row: ClaimedRow, offeredAt: Date) {
    const { count } = await this.options.db.notification.updateMany({
      where: this.held(row),
      data: { sentAt: offeredAt },
    })
    return count === 1
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

  private subjectOf(ref: SubjectRef) {
    const key = subjectKey(ref)
    let found = this.subjects.get(key)
    if (!found) {
      found = loadSubject(this.options.db, ref)
      this.subjects.set(key, found)
    }
    return found
  }

  private async send(row: ClaimedRow, rendered: Rendered): Promise<SentMessage> {
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

  /** Sent: the row marked, and an offer's hold started in the same transaction. */
  private async markSent(
    row: ClaimedRow,
    sent: SentMessage,
    note: string | null,
    offer: Offer | null,
    segments: number | null,
  ): Promise<Outcome> {
    if (!offer) return this.queueMark({ row, sent, note, segments, sentAt: this.clock() })
    const data = {
      status: 'SENT' as const,
      segments,
      providerMessageId: sent.providerMessageId,
      sender: sent.sender ?? null,
      sentAt: offer.offeredAt,
      lastError: note,
      leaseOwner: null,
      leaseUntil: null,
    }
    const { db } = this.options
    return db.$transaction(async (transaction) => {
      const tx = transaction as unknown as Db
      const { count } = await tx.notification.updateMany({ where: this.held(row), data })
      if (count !== 1) return 'LOST_LEASE' as const
      await offer.hold.start(tx, offer.holdUntil)
      return 'SENT' as const
    })
  }

  private queueMark(mark: Omit<Mark, 'done'>): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.marks.push({ ...mark, done: { resolve, reject } })
      if (!this.marking) void this.markQueued()
    })
  }

  /**
   * Group commit (decision 107): one statement marks every send queued, the first alone and
   * those that end while it runs together in the next. Each lane still waits for its own
   * mark before its next row, so a crash leaves unmarked only the sends in flight, as with
   * one statement per send (the provider look-up of a retry finds them).
   */
  private async markQueued() {
    this.marking = true
    while (this.marks.length > 0) {
      const marks = this.marks.splice(0, MARKS_PER_STATEMENT)
      try {
        settle(marks, await this.markAll(marks))
      } catch (error) {
        if (marks.length === 1) marks[0]!.done.reject(error)
        else await this.markOneByOne(marks)
      }
    }
    this.marking = false
  }

  /**
   * A group's statement failed (a lost connection, a busy database, one row's provider id
   * already recorded): each send is marked again alone, so that only a send whose own mark
   * fails is retried, as with one statement per send (an email retried goes out again).
   */
  private async markOneByOne(marks: readonly Mark[]) {
    for (const mark of marks) {
      try {
        settle([mark], await this.markAll([mark]))
      } catch (error) {
        mark.done.reject(error)
      }
    }
  }

  /**
   * Hand-written: Prisma's query compiler spent about 1 ms of CPU on an updateMany against
   * 0.3 ms for the statement itself (decision 102). Returns the ids this worker still held.
   */
  private async markAll(marks: readonly Mark[]): Promise<Set<string>> {
    const sql = new Sql(this.options.provider)
    // PostgreSQL reads an untyped parameter as text; SQLite takes any value as it comes.
    const typed = (placeholder: string, type?: 'integer' | 'timestamp(3)') =>
      type && this.options.provider === 'postgresql'
        ? `CAST(${placeholder} AS ${type})`
        : placeholder
    const perRow = (
      column: string,
      value: (mark: Mark) => unknown,
      type?: 'integer' | 'timestamp(3)',
    ) =>
      `"${column}" = CASE "id" ${marks
        .map((mark) => `WHEN ${sql.param(mark.row.id)} THEN ${typed(sql.param(value(mark)), type)}`)
        .join(' ')} END`
    const set = [
      perRow('segments', (mark) => mark.segments, 'integer'),
      perRow('providerMessageId', (mark) => mark.sent.providerMessageId),
      perRow('sender', (mark) => mark.sent.sender ?? null),
      perRow('sentAt', (mark) => mark.sentAt, 'timestamp(3)'),
      perRow('lastError', (mark) => mark.note),
    ]
    const updatedAt = typed(sql.param(this.clock()), 'timestamp(3)')
    const ids = marks.map((mark) => sql.param(mark.row.id)).join(', ')
    const owner = sql.param(this.owner)
    const rows = await this.options.db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Notification"
       SET "status" = 'SENT', ${set.join(', ')},
           "leaseOwner" = NULL, "leaseUntil" = NULL, "updatedAt" = ${updatedAt}
       WHERE "id" IN (${ids}) AND "status" = 'SENDING' AND "leaseOwner" = ${owner}
       RETURNING "id"`,
      ...sql.params,
    )
    return new Set(rows.map((row) => row.id))
  }

  /** An offer claimed in quiet hours: due again at their end, and not counted as an attempt. */
  private async defer(row: ClaimedRow, subject: Subject, now: Date): Promise<Outcome> {
    const quiet = subject.quietHours!
    const { count } = await this.options.db.notification.updateMany({
      where: this.held(row),
      data: {
        status: 'PENDING',
        dueAt: endOfQuietHours(now, quiet.zone, quiet.hours),
        attempts: Math.max(0, row.attempts - 1),
        sentAt: null,
        lastError: 'waits for the end of quiet hours',
        leaseOwner: null,
        leaseUntil: null,
      },
    })
    return count === 1 ? 'DEFERRED' : 'LOST_LEASE'
  }

  /** An offer too close to the session to hold its seat: not sent, and the seat left free. */
  private async release(row: ClaimedRow, subject: Subject): Promise<Outcome> {
    return this.options.db.$transaction(async (transaction) => {
      const tx = transaction as unknown as Db
      const { count } = await tx.notification.updateMany({
        where: this.held(row),
        data: {
          status: 'CANCELLED',
          lastError: 'too close to the session to hold the seat: left free',
          leaseOwner: null,
          leaseUntil: null,
        },
      })
      if (count !== 1) return 'LOST_LEASE' as const
      await subject.hold(row.kind)?.release(tx)
      return 'CANCELLED' as const
    })
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

  /** Failed for good: recorded; a reminder or an offer then tries the resident's next channel. */
  private async fail(
    row: ClaimedRow,
    subject: Subject | null,
    failure: ProviderError,
  ): Promise<Outcome> {
    const { db } = this.options
    const outcome = await db.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: this.held(row),
        data: {
          status: 'FAILED',
          // An offer's first attempt is no longer a message on its way (the SMS caps count it).
          sentAt: null,
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
      if (subject && fallsBackOnFailure(row.kind))
        await this.nextChannel(tx as unknown as Db, row, subject)
      return 'FAILED' as const
    })
    return outcome
  }

  /** The row cannot go on its channel (STOP): the next channel, or skipped. */
  private async reroute(row: ClaimedRow, subject: Subject, why: string): Promise<Outcome> {
    const { db } = this.options
    return db.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: this.held(row),
        data: { status: 'SKIPPED', lastError: why, leaseOwner: null, leaseUntil: null },
      })
      if (count !== 1) return 'LOST_LEASE' as const
      // Asked for on one contact, a link never goes to another channel of the subject.
      if (!isLinkAgainKind(row.kind)) await this.nextChannel(tx as unknown as Db, row, subject)
      return 'SKIPPED' as const
    })
  }

  /** The next channel's row; an offer that can reach nobody ends its hold at once. */
  private async nextChannel(tx: Db, row: ClaimedRow, subject: Subject) {
    const now = this.clock()
    const next = await fallBack(tx, row, subject.contact, now)
    if (!next) await subject.hold(row.kind)?.endNow(tx, now)
  }
}

/**
 * A new row for the next channel the resident has (SMS → call → email), due now. The
 * channels already tried for this message (same subject and kind) are excluded.
 */
export async function fallBack(
  tx: Db,
  row: SubjectRow & { organisationId: string; kind: string; language: string },
  contact: MessageContact,
  now: Date,
): Promise<string | null> {
  const ref = subjectRefOf(row)
  if (!ref) return null
  const tried = await tx.notification.findMany({
    where: {
      [ref.column]: ref.id,
      OR: sameMessage(row.kind),
      status: { in: ['FAILED', 'SKIPPED', 'SENT', 'DELIVERED', 'SENDING'] },
    },
    select: { channel: true, status: true },
  })
  const failed = tried.map((t) => t.channel)
  const purpose = isAnyReminderKind(row.kind) ? 'REMINDER' : 'SERVICE'
  const channel = chooseChannel(contact, failed, purpose)
  const recipient = channel && recipientFor(channel, contact)
  if (!channel || !recipient) return null
  const created = await tx.notification.create({
    data: {
      organisationId: row.organisationId,
      [ref.column]: ref.id,
      // Other subjects' rows are unique per kind (their writers rely on it).
      kind:
        ref.column === 'appointmentId' ? baseKind(row.kind) : nextChannelKind(row.kind, channel),
      channel,
      recipient,
      language: row.language,
      dueAt: now,
    },
    select: { id: true },
  })
  return created.id
}
