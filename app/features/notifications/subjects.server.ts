import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'
import type { MessageContact, QuietHours } from '~/domain/notifications/policy'
import type { AppointmentView, MessageEvent } from '~/domain/notifications/templates'
import { holdEndsAt } from '~/domain/workshops/hold'
import { alertPath, registrationPath, waitlistPath } from '~/features/workshops/paths'
import {
  baseKind,
  eventOfKind,
  isAnyReminderKind,
  isEarlierSlotKind,
  isSeatOfferKind,
  offerNumber,
} from './kinds'
import { earlierSlotTarget } from './earlier-slot-outbox.server'
import { KIND, MESSAGE_TARGET, messageContactOf } from './outbox.server'
import { WORKSHOP_KIND } from './workshop-outbox.server'
import {
  helpedOf,
  loadAppointment,
  loadAppointments,
  MESSAGE_SITE,
  type LoadedAppointment,
  placeView,
  render,
  renderMessage,
  subjectUrl,
  type NotificationRow,
  type RenderContext,
  type Rendered,
} from './render.server'

// What an outbox row is about (its subject): an appointment, a workshop registration, a
// place on a waiting list, an earlier-slot request. The dispatcher runs the same checks for
// every row (channels turned off, STOP, phone regions, SMS caps, retries, leases, the
// provider look-up after a crash); a subject gives what those checks read, says whether the
// row still has a reason to go, and renders it. An offer of a held seat also carries its
// hold: it starts when the offer is sent.

/** The column of the outbox row that names its subject. */
export type SubjectColumn =
  'appointmentId' | 'registrationId' | 'waitlistEntryId' | 'earlierSlotRequestId'

export type SubjectRow = {
  appointmentId: string | null
  registrationId?: string | null
  waitlistEntryId?: string | null
  earlierSlotRequestId?: string | null
}

export type SubjectRef = { column: SubjectColumn; id: string; label: string }

const LABELS: Record<SubjectColumn, string> = {
  appointmentId: 'appointment',
  registrationId: 'registration',
  waitlistEntryId: 'waiting-list entry',
  earlierSlotRequestId: 'earlier-slot request',
}

/** The subject a row names, or null for none. */
export function subjectRefOf(row: SubjectRow): SubjectRef | null {
  for (const column of Object.keys(LABELS) as SubjectColumn[]) {
    const id = row[column]
    if (id) return { column, id, label: LABELS[column] }
  }
  return null
}

/** Why a row no longer goes: what it told about is undone (CANCELLED), or too late (SKIPPED). */
export type Verdict = { status: 'CANCELLED' | 'SKIPPED'; why: string }

/**
 * A seat held for the person an offer goes to. The hold starts when the offer is sent;
 * each change runs under the session's write lock, in the transaction that marks the row.
 */
export type Hold = {
  /** When the hold of an offer sent at `sentAt` ends; null: too close to the session. */
  endsAt: (sentAt: Date) => Date | null
  /** The offer went: the seat is held until then. */
  start: (tx: Db, holdUntil: Date) => Promise<void>
  /** The offer will not go (too close to the session): the seat is free for anyone. */
  release: (tx: Db) => Promise<void>
  /** The offer can reach nobody: the hold ends now, and the seat passes to the next person. */
  endNow: (tx: Db, now: Date) => Promise<void>
}

export type OfferTiming = { offeredAt: Date | null; holdUntil: Date | null }

export type Subject = {
  organisation: { timeZone: string; dailySmsCap: number; allowedPhoneRegions: string }
  /** Whom the resident's messages reach, for STOP and the next channel. */
  contact: MessageContact
  verdict: (kind: string, now: Date) => Verdict | null
  /** Offers and alerts ask for an answer: never in quiet hours, on any channel. */
  quietHours: { zone: string; hours: QuietHours } | null
  hold: (kind: string) => Hold | null
  render: (row: NotificationRow, context: RenderContext, timing: OfferTiming) => Rendered
}

/** The subject as it is now, or null when it is gone. */
export async function loadSubject(db: Db, ref: SubjectRef): Promise<Subject | null> {
  switch (ref.column) {
    case 'appointmentId':
      return appointmentSubject(db, ref.id)
    case 'registrationId':
      return registrationSubject(db, ref.id)
    case 'waitlistEntryId':
      return waitlistSubject(db, ref.id)
    case 'earlierSlotRequestId':
      return earlierSlotSubject(db, ref.id)
  }
}

// ── appointments ─────────────────────────────────────────────────────────────────────

/** A row's subject in a map of subjects: one key per subject, whichever rows name it. */
export function subjectKey(ref: Pick<SubjectRef, 'column' | 'id'>) {
  return `${ref.column}:${ref.id}`
}

/**
 * The subjects of a batch of rows read together where it pays: its appointments in one
 * read (most rows are about one), by subjectKey. Other subjects are left to loadSubject.
 */
export function loadBatchSubjects(
  db: Db,
  refs: readonly SubjectRef[],
): Map<string, Promise<Subject | null>> {
  const ids = [...new Set(refs.filter((r) => r.column === 'appointmentId').map((r) => r.id))]
  const subjects = new Map<string, Promise<Subject | null>>()
  if (ids.length === 0) return subjects
  const appointments = loadAppointments(db, ids)
  for (const id of ids) {
    const subject = appointments.then((found) => {
      const appointment = found.get(id)
      return appointment ? appointmentSubjectOf(appointment) : null
    })
    // Its rejection reaches the row that awaits it; a row handed back unread awaits nothing.
    subject.catch(() => undefined)
    subjects.set(subjectKey({ column: 'appointmentId', id }), subject)
  }
  return subjects
}

async function appointmentSubject(db: Db, id: string): Promise<Subject | null> {
  const appointment = await loadAppointment(db, id)
  return appointment ? appointmentSubjectOf(appointment) : null
}

function appointmentSubjectOf(appointment: LoadedAppointment): Subject {
  return {
    organisation: appointment.organisation,
    contact: messageContactOf(appointment),
    verdict: (kind, now) => {
      const open = !kind.startsWith('CANCELLED') && kind !== KIND.ADVISOR_NOTICE
      if (open && appointment.status !== 'BOOKED')
        return { status: 'CANCELLED', why: `appointment ${appointment.status.toLowerCase()}` }
      if (isAnyReminderKind(kind) && appointment.startsAt <= now)
        return { status: 'SKIPPED', why: 'appointment already started' }
      return null
    },
    quietHours: null,
    hold: () => null,
    render: (row, context) => render(row, appointment, context),
  }
}

// ── workshops: what their messages read ──────────────────────────────────────────────

const ORGANISATION = {
  select: {
    slug: true,
    name: true,
    phone: true,
    smsSenderName: true,
    timeZone: true,
    dailySmsCap: true,
    allowedPhoneRegions: true,
    quietHoursStart: true,
    quietHoursEnd: true,
    waitlistHoldHours: true,
  },
} as const

const TOPIC = { select: { name: true, instructions: true, nameEn: true, instructionsEn: true } }

const SESSION = {
  select: {
    id: true,
    startsAt: true,
    status: true,
    cancellationReason: true,
    whatToBring: true,
    whatToBringEn: true,
    topic: TOPIC,
    site: MESSAGE_SITE,
  },
} as const

/** The columns of a registration or a waiting-list entry that say whom it reaches and names. */
const TARGET = {
  ...MESSAGE_TARGET,
  resident: {
    select: { ...MESSAGE_TARGET.resident.select, firstName: true, lastName: true },
  },
} as const

type Organisation = {
  slug: string
  name: string
  phone: string | null
  smsSenderName: string | null
  timeZone: string
  quietHoursStart: string
  quietHoursEnd: string
}

type SessionSubject = Parameters<typeof helpedOf>[0] & {
  id: string
  manageTokenHash: string | null
  organisation: Organisation
  session: Pick<Parameters<typeof placeView>[0], 'topic' | 'site' | 'startsAt'> & {
    whatToBring: string | null
    whatToBringEn: string | null
  }
}

/** A registration's or a waiting-list place's message: its session, and its own link. */
function sessionView(
  row: NotificationRow,
  subject: SessionSubject,
  path: (token: string) => string,
  context: RenderContext,
): AppointmentView {
  const { organisation, session } = subject
  return placeView({
    language: row.language,
    organisation,
    topic: session.topic,
    site: session.site,
    startsAt: session.startsAt,
    mode: 'IN_PERSON',
    bring: { fr: session.whatToBring, en: session.whatToBringEn },
    helped: helpedOf(subject),
    manageUrl: subjectUrl({ ...subject, organisationSlug: organisation.slug }, path, context),
  })
}

const quietOf = (organisation: Organisation, site: { timeZone: string | null } | null) => ({
  zone: site?.timeZone ?? organisation.timeZone,
  hours: { start: organisation.quietHoursStart, end: organisation.quietHoursEnd },
})

const workshopMessage = (
  row: NotificationRow,
  event: MessageEvent,
  view: AppointmentView,
  organisation: Organisation,
  context: RenderContext,
) => renderMessage(row, { event, view, smsSenderName: organisation.smsSenderName }, context)

// ── registrations ────────────────────────────────────────────────────────────────────

const CANCELLATIONS: readonly string[] = [
  WORKSHOP_KIND.CANCELLED_BY_RESIDENT,
  WORKSHOP_KIND.CANCELLED_BY_SERVICE,
]

async function registrationSubject(db: Db, id: string): Promise<Subject | null> {
  const registration = await db.workshopRegistration.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      manageTokenHash: true,
      cancellationReason: true,
      ...TARGET,
      organisation: ORGANISATION,
      session: SESSION,
    },
  })
  if (!registration) return null
  const { organisation, session } = registration
  return {
    organisation,
    contact: messageContactOf(registration),
    verdict: (kind, now) => {
      if (!CANCELLATIONS.includes(baseKind(kind))) {
        if (registration.status !== 'REGISTERED')
          return { status: 'CANCELLED', why: `registration ${registration.status.toLowerCase()}` }
        if (session.status !== 'SCHEDULED') return { status: 'CANCELLED', why: 'session cancelled' }
      }
      if (isAnyReminderKind(kind) && session.startsAt <= now)
        return { status: 'SKIPPED', why: 'session already started' }
      return null
    },
    quietHours: null,
    hold: () => null,
    render: (row, context) => {
      const event = eventOfKind(row.kind) as MessageEvent
      const view = sessionView(row, registration, registrationPath, context)
      const reason =
        event === 'WORKSHOP_CANCELLED_BY_SERVICE'
          ? (registration.cancellationReason ?? session.cancellationReason)
          : null
      return workshopMessage(row, event, { ...view, reason }, organisation, context)
    },
  }
}

// ── waiting lists ────────────────────────────────────────────────────────────────────

async function waitlistSubject(db: Db, id: string): Promise<Subject | null> {
  const entry = await db.waitlistEntry.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      heldSeatId: true,
      offerCount: true,
      holdUntil: true,
      manageTokenHash: true,
      ...TARGET,
      organisation: ORGANISATION,
      session: SESSION,
    },
  })
  if (!entry) return null
  const { organisation, session } = entry
  const seatId = entry.heldSeatId
  // Only while the seat is still held for this very offer.
  const stillHeld = { id: entry.id, status: 'OFFERED' as const, heldSeatId: seatId }
  const locked = (tx: Db) => serialiseWrites(tx, { advisorIds: [], sessionIds: [session.id] })
  const hold: Hold = {
    endsAt: (sentAt) => holdEndsAt(sentAt, session.startsAt, organisation.waitlistHoldHours),
    start: async (tx, holdUntil) => {
      await locked(tx)
      await tx.waitlistEntry.updateMany({ where: stillHeld, data: { holdUntil } })
    },
    release: async (tx) => {
      await locked(tx)
      await tx.waitlistEntry.updateMany({
        where: stillHeld,
        data: { status: 'WAITING', heldSeatId: null, holdUntil: null, version: { increment: 1 } },
      })
    },
    endNow: async (tx, now) => {
      await locked(tx)
      await tx.waitlistEntry.updateMany({ where: stillHeld, data: { holdUntil: now } })
    },
  }
  return {
    organisation,
    contact: messageContactOf(entry),
    verdict: (kind, now) => {
      if (!isSeatOfferKind(kind)) return null
      if (entry.status !== 'OFFERED')
        return { status: 'CANCELLED', why: `waiting-list entry ${entry.status.toLowerCase()}` }
      if (!seatId) return { status: 'CANCELLED', why: 'seat no longer held' }
      if (entry.offerCount !== offerNumber(kind))
        return { status: 'CANCELLED', why: 'a later offer replaced it' }
      if (session.status !== 'SCHEDULED') return { status: 'CANCELLED', why: 'session cancelled' }
      if (entry.holdUntil && entry.holdUntil <= now)
        return { status: 'CANCELLED', why: 'hold already over' }
      return null
    },
    quietHours: quietOf(organisation, session.site),
    hold: (kind) => (isSeatOfferKind(kind) ? hold : null),
    render: (row, context, timing) => {
      const event = eventOfKind(row.kind) as MessageEvent
      const view = sessionView(row, entry, waitlistPath, context)
      return workshopMessage(row, event, { ...view, ...timing }, organisation, context)
    },
  }
}

// ── earlier-slot alerts ──────────────────────────────────────────────────────────────

async function earlierSlotSubject(db: Db, id: string): Promise<Subject | null> {
  const request = await db.earlierSlotRequest.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      alertsSent: true,
      offeredStartsAt: true,
      mode: true,
      manageTokenHash: true,
      resident: TARGET.resident,
      // The booking it would replace says whom its messages reach (a helper, perhaps).
      appointment: { select: { startsAt: true, ...TARGET } },
      organisation: ORGANISATION,
      topic: TOPIC,
      site: MESSAGE_SITE,
    },
  })
  if (!request) return null
  const { organisation, appointment } = request
  return {
    organisation,
    contact: messageContactOf(earlierSlotTarget(request)),
    verdict: (kind, now) => {
      if (!isEarlierSlotKind(kind)) return null
      if (request.status !== 'ACTIVE')
        return { status: 'CANCELLED', why: `earlier-slot request ${request.status.toLowerCase()}` }
      if (request.alertsSent !== offerNumber(kind))
        return { status: 'CANCELLED', why: 'a later alert replaced it' }
      if (!request.offeredStartsAt || request.offeredStartsAt <= now)
        return { status: 'CANCELLED', why: 'offered time passed' }
      return null
    },
    quietHours: quietOf(organisation, request.site),
    hold: () => null,
    render: (row, context) => {
      const site = request.mode === 'PHONE' ? null : request.site
      const view = placeView({
        language: row.language,
        organisation,
        topic: request.topic,
        site,
        // The verdict let the row through only with an offered time.
        startsAt: request.offeredStartsAt!,
        mode: request.mode,
        // A helper who booked the appointment receives its alerts, about the resident.
        helped: helpedOf({
          messagesTo: appointment?.messagesTo ?? 'RESIDENT',
          resident: request.resident,
        }),
        manageUrl: subjectUrl(
          { ...request, organisationSlug: organisation.slug },
          alertPath,
          context,
        ),
      })
      return workshopMessage(
        row,
        'EARLIER_SLOT',
        { ...view, replacesStartsAt: appointment?.startsAt ?? null },
        organisation,
        context,
      )
    },
  }
}
