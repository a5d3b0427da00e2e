import type { Actor } from '~/domain/access'
import { askRefusal, type AskRefusal } from '~/domain/alerts/earlier-slot'
import type { ResidentContact } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import {
  canReach,
  cancelPendingAlerts,
  earlierSlotTarget,
  MESSAGE_TARGET,
} from '~/features/notifications/index.server'
import { findOrCreateResident } from '~/features/residents/index.server'
import { recordAudit } from '~/platform/audit.server'
import { config } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import { serialiseWrites } from '~/platform/database/write-locks.server'

// Asking for earlier-slot alerts, and stopping them: from the manage link, from the
// workspace's appointment page, and from the journey when no time was free.

/** Who asks: the resident through a link, or a signed-in advisor or receptionist for them. */
type Asker = { kind: 'RESIDENT' } | { kind: 'STAFF'; actor: Actor }

type AskOutcome = { ok: true; token: string } | { ok: false; refusal: AskRefusal }

const createdVia = (asker: Asker) =>
  asker.kind === 'RESIDENT'
    ? ('ONLINE' as const)
    : asker.actor.role === 'RECEPTION'
      ? ('RECEPTION' as const)
      : ('ADVISOR' as const)

const auditActor = (asker: Asker) =>
  asker.kind === 'STAFF' ? { actor: asker.actor } : { actorKind: 'RESIDENT' as const }

/** The request's public link token; its hash is what the row keeps. */
const tokenOf = (requestId: string) => manageTokenFor(requestId, config().sessionSecret)

/**
 * Alerts for a booked appointment, same topic and place: one active request at a time,
 * none in its last seven days. Taken after the advisor's other writes, so a cancellation
 * or a move committing meanwhile is seen.
 */
export async function askForAppointment(
  db: Db,
  appointmentId: string,
  asker: Asker,
  now: Date,
): Promise<AskOutcome> {
  const owner = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: { advisorId: true },
  })
  if (!owner) return { ok: false, refusal: 'NOT_BOOKED' }
  return db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db
    await serialiseWrites(tx, { advisorIds: [owner.advisorId] })
    const appointment = await tx.appointment.findUniqueOrThrow({
      where: { id: appointmentId },
      select: {
        organisationId: true,
        residentId: true,
        topicId: true,
        mode: true,
        siteId: true,
        status: true,
        startsAt: true,
        ...MESSAGE_TARGET,
        organisation: { select: { earlierSlotAlerts: true } },
      },
    })
    const refusal = askRefusal({
      appointment,
      alreadyAsked: (await runningRequestOf(tx, appointmentId)) !== null,
      reachable: canReach(appointment),
      now,
    })
    if (refusal) return { ok: false as const, refusal }
    const token = await createRequest(tx, {
      organisationId: appointment.organisationId,
      residentId: appointment.residentId,
      appointmentId,
      topicId: appointment.topicId,
      mode: appointment.mode,
      siteId: appointment.siteId,
      maxAlerts: appointment.organisation.earlierSlotAlerts,
      createdVia: createdVia(asker),
    })
    await recordAudit(tx, {
      ...auditActor(asker),
      organisationId: appointment.organisationId,
      action: 'EARLIER_SLOT_ASKED',
      entityType: 'Appointment',
      entityId: appointmentId,
      summary: `earlier-slot alerts asked, at most ${appointment.organisation.earlierSlotAlerts}`,
    })
    return { ok: true as const, token }
  })
}

/**
 * Alerts for a resident who found no free time for this topic and place: the contact is
 * the journey's (found or created as a booking finds its resident). Asked again, the same
 * request and link: one active request per person, topic and place.
 */
export async function askWithoutAppointment(
  db: Db,
  input: {
    organisationId: string
    topicId: string
    mode: 'IN_PERSON' | 'PHONE'
    siteId: string | null
    resident: ResidentContact
  },
): Promise<AskOutcome> {
  const { resident, organisationId } = input
  return db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db
    // Two forms of one person at once find (or make) one resident and one request.
    await serialiseWrites(tx, {
      advisorIds: [],
      contacts: { organisationId, values: [resident.phoneE164, resident.email] },
    })
    const residentId = await findOrCreateResident(tx, {
      organisationId,
      resident,
      createdVia: 'ONLINE',
    })
    const place = { topicId: input.topicId, mode: input.mode, siteId: input.siteId }
    const existing = await tx.earlierSlotRequest.findFirst({
      where: { residentId, appointmentId: null, status: 'ACTIVE', ...place },
      select: { id: true },
    })
    if (existing) return { ok: true as const, token: tokenOf(existing.id).token }
    const record = await tx.resident.findUniqueOrThrow({
      where: { id: residentId },
      select: MESSAGE_TARGET.resident.select,
    })
    if (!canReach(earlierSlotTarget({ resident: record, appointment: null })))
      return { ok: false as const, refusal: 'UNREACHABLE' as const }
    const organisation = await tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { earlierSlotAlerts: true },
    })
    const token = await createRequest(tx, {
      organisationId,
      residentId,
      appointmentId: null,
      ...place,
      maxAlerts: organisation.earlierSlotAlerts,
      createdVia: 'ONLINE',
    })
    return { ok: true as const, token }
  })
}

async function createRequest(
  tx: Db,
  data: {
    organisationId: string
    residentId: string
    appointmentId: string | null
    topicId: string
    mode: 'IN_PERSON' | 'PHONE'
    siteId: string | null
    maxAlerts: number
    createdVia: 'ONLINE' | 'ADVISOR' | 'RECEPTION'
  },
) {
  const created = await tx.earlierSlotRequest.create({ data, select: { id: true } })
  const { token, hash } = tokenOf(created.id)
  // The token comes from the id: its hash commits with the row, as a booking's does.
  await tx.earlierSlotRequest.update({ where: { id: created.id }, data: { manageTokenHash: hash } })
  if (!data.appointmentId)
    await recordAudit(tx, {
      organisationId: data.organisationId,
      actorKind: 'RESIDENT',
      action: 'EARLIER_SLOT_ASKED',
      entityType: 'EarlierSlotRequest',
      entityId: created.id,
      summary: `earlier-slot alerts asked without an appointment, at most ${data.maxAlerts}`,
    })
  return token
}

/**
 * Stops a request: no further alert, and one written but not sent yet does not go. An
 * open offer (the last alert's) can no longer be taken either. False when it was not
 * running.
 */
export async function stopRequest(db: Db, requestId: string, asker: Asker): Promise<boolean> {
  return db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db
    const request = await tx.earlierSlotRequest.findUnique({
      where: { id: requestId },
      select: { organisationId: true, appointmentId: true, status: true, offeredStartsAt: true },
    })
    const running =
      request?.status === 'ACTIVE' || (request?.status === 'DONE' && request.offeredStartsAt)
    if (!request || !running) return false
    const { count } = await tx.earlierSlotRequest.updateMany({
      where: { id: requestId, status: request.status },
      data: { status: 'CANCELLED', offeredStartsAt: null },
    })
    if (count === 0) return false
    await cancelPendingAlerts(tx, requestId, 'earlier-slot alerts stopped')
    await recordAudit(tx, {
      ...auditActor(asker),
      organisationId: request.organisationId,
      action: 'EARLIER_SLOT_STOPPED',
      entityType: request.appointmentId ? 'Appointment' : 'EarlierSlotRequest',
      entityId: request.appointmentId ?? requestId,
      summary: 'earlier-slot alerts stopped',
    })
    return true
  })
}

/** Stops the appointment's running request, if it has one. */
export async function stopForAppointment(db: Db, appointmentId: string, asker: Asker) {
  const running = await runningRequestOf(db, appointmentId)
  return running ? stopRequest(db, running.id, asker) : false
}

/** The appointment's request still running (asked, or its last offer still open), if any. */
export function runningRequestOf(db: Db, appointmentId: string) {
  return db.earlierSlotRequest.findFirst({
    where: {
      appointmentId,
      OR: [{ status: 'ACTIVE' }, { status: 'DONE', offeredStartsAt: { not: null } }],
    },
    orderBy: { createdAt: 'desc' },
    select: { id: true, status: true, alertsSent: true, maxAlerts: true },
  })
}
