import { chooseChannel } from '~/domain/notifications/policy'
import type { Db } from '~/platform/database/client.server'
import {
  MESSAGE_TARGET,
  messageContactOf,
  recipientFor,
  type MessageTarget,
  type ResidentChannels,
} from './outbox.server'

// Outbox rows about earlier-slot requests (decision 083): the alerts, written in the
// transaction that counts them; the dispatcher renders them from the request.

/** `EARLIER_SLOT:<n>`: a request's n-th alert, written once. */
export const EARLIER_SLOT_PREFIX = 'EARLIER_SLOT:'

/** Whom a request's alerts reach: its appointment's target, else the resident. */
export function earlierSlotTarget(request: {
  resident: ResidentChannels
  appointment: MessageTarget | null
}): MessageTarget {
  return (
    request.appointment ?? {
      messagesTo: 'RESIDENT',
      helperPhoneE164: null,
      helperEmail: null,
      resident: request.resident,
    }
  )
}

/**
 * Alert number `number` of an earlier-slot request, due at `dueAt` (the caller keeps it out
 * of quiet hours). Null when no channel reaches the resident.
 */
export async function notifyEarlierSlot(
  tx: Pick<Db, 'notification' | 'earlierSlotRequest'>,
  requestId: string,
  number: number,
  dueAt: Date,
) {
  const request = await tx.earlierSlotRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      organisationId: true,
      resident: { select: { ...MESSAGE_TARGET.resident.select, preferredLanguage: true } },
      appointment: { select: MESSAGE_TARGET },
    },
  })
  const contact = messageContactOf(earlierSlotTarget(request))
  const channel = chooseChannel(contact, [], 'SERVICE')
  const recipient = channel && recipientFor(channel, contact)
  if (!channel || !recipient) return null
  return tx.notification.create({
    data: {
      organisationId: request.organisationId,
      earlierSlotRequestId: requestId,
      kind: `${EARLIER_SLOT_PREFIX}${number}`,
      channel,
      recipient,
      language: request.resident.preferredLanguage === 'en' ? 'en' : 'fr',
      dueAt,
    },
    select: { id: true },
  })
}

/** Alerts of the request not sent yet will not go: it was answered or stopped. */
export async function cancelPendingAlerts(
  tx: Pick<Db, 'notification'>,
  requestId: string,
  reason: string,
) {
  const { count } = await tx.notification.updateMany({
    where: { earlierSlotRequestId: requestId, status: 'PENDING' },
    data: { status: 'CANCELLED', lastError: reason, leaseOwner: null, leaseUntil: null },
  })
  return count
}
