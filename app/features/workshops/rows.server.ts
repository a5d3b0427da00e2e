// The rows every write of seats shares: its transaction, the free-seat filter, a
// registration with its link.
import type { BookingChannel, HelperContact } from '~/domain/booking/book'
import { manageTokenFor } from '~/domain/booking/manage-token.server'
import type { Db } from '~/platform/database/client.server'
import { mapOverlap } from '~/platform/database/errors.server'

/** A transaction client, typed as the client itself (as the other features do). */
export type Tx = Db

/**
 * Runs a write of seats or sessions in one transaction; one the database aborted for
 * contention runs again, an advisor's time taken twice becomes SlotTakenError.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return mapOverlap(() => db.$transaction((transaction) => work(transaction as unknown as Tx)))
}

/** A seat no registration holds and no waiting-list offer holds: anyone may take it. */
export const FREE_SEAT = { registration: { is: null }, heldFor: { is: null } } as const

/** The registration row with the hash of its link; the link comes from its id. */
export async function createRegistration(
  tx: Tx,
  request: { organisationId: string; helper: HelperContact | null; createdVia: BookingChannel },
  row: {
    sessionId: string
    residentId: string
    seatId: string
    idempotencyKeyHash: string | null
    secret: string
  },
): Promise<string> {
  const created = await tx.workshopRegistration.create({
    data: {
      organisationId: request.organisationId,
      sessionId: row.sessionId,
      residentId: row.residentId,
      seatId: row.seatId,
      createdVia: request.createdVia,
      helperName: request.helper?.name ?? null,
      helperPhoneE164: request.helper?.phoneE164 ?? null,
      helperEmail: request.helper?.email ?? null,
      messagesTo: request.helper?.receivesMessages ? 'HELPER' : 'RESIDENT',
      idempotencyKeyHash: row.idempotencyKeyHash,
    },
    select: { id: true },
  })
  await tx.workshopRegistration.update({
    where: { id: created.id },
    data: { manageTokenHash: manageTokenFor(created.id, row.secret).hash },
  })
  return created.id
}

/** Who an audit entry names: the advisor acting, or the resident themself. */
export const auditActor = (organisationId: string, advisorId: string | null) => ({
  organisationId,
  actor: advisorId ? { advisorId, organisationId } : undefined,
  actorKind: advisorId ? ('ADVISOR' as const) : ('RESIDENT' as const),
})
