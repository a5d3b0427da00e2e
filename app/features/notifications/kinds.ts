import type { MessageEvent } from '~/domain/notifications/templates'
import { EARLIER_SLOT_PREFIX } from './earlier-slot-outbox.server'
import { isReminderKind, KIND } from './outbox.server'
import {
  SEAT_OFFER_EXPIRED_PREFIX,
  SEAT_OFFER_PREFIX,
  WORKSHOP_KIND,
  WORKSHOP_REMINDER_PREFIX,
} from './workshop-outbox.server'

// What a row's kind tells: its event, the number of an offer or alert, whether it is a
// reminder. Rows about workshops, waiting lists and alerts are unique per subject and kind
// (a writer retried never writes them twice), so the row written for the next channel after
// a failure carries the channel after `#`: `SEAT_OFFER:2#VOICE`. An appointment's next-channel
// row keeps the kind, as it always did.

const CHANNEL_SEPARATOR = '#'

/** The kind the writer gave, without the channel of a next-channel row. */
export const baseKind = (kind: string) => kind.split(CHANNEL_SEPARATOR)[0]

/** The kind of the row for `channel` after this one failed (subjects other than appointments). */
export const nextChannelKind = (kind: string, channel: string) =>
  `${baseKind(kind)}${CHANNEL_SEPARATOR}${channel}`

/** Rows of the same message: the writer's row and its next-channel rows. */
export const sameMessage = (kind: string) => {
  const base = baseKind(kind)
  return [{ kind: base }, { kind: { startsWith: `${base}${CHANNEL_SEPARATOR}` } }]
}

/** A reminder of an appointment or a registration: it needs consent, and stops at the start. */
export const isAnyReminderKind = (kind: string) =>
  isReminderKind(kind) || kind.startsWith(WORKSHOP_REMINDER_PREFIX)

/** The n of `SEAT_OFFER:<n>` or `EARLIER_SLOT:<n>` (which offer of its entry or request it is). */
export const offerNumber = (kind: string) => Number(baseKind(kind).split(':')[1])

export const isSeatOfferKind = (kind: string) => kind.startsWith(SEAT_OFFER_PREFIX)
export const isEarlierSlotKind = (kind: string) => kind.startsWith(EARLIER_SLOT_PREFIX)

/** A link sent again on request: it goes to the contact typed, or not at all. */
export const isLinkAgainKind = (kind: string) =>
  baseKind(kind) === KIND.LINK_AGAIN || baseKind(kind) === WORKSHOP_KIND.LINK_AGAIN

/**
 * A failed reminder, offer or alert tries the resident's next channel: it matters that it
 * arrives (and a seat is held meanwhile). Other messages told what the resident just did.
 */
export const fallsBackOnFailure = (kind: string) =>
  isAnyReminderKind(kind) || isSeatOfferKind(kind) || isEarlierSlotKind(kind)

/** The event a row's kind tells about. */
export function eventOfKind(kind: string): MessageEvent | typeof KIND.ADVISOR_NOTICE {
  const base = baseKind(kind)
  // A link sent again reads as the confirmation, which carries the link.
  if (base === KIND.LINK_AGAIN) return 'CONFIRMATION'
  if (base === WORKSHOP_KIND.LINK_AGAIN) return 'WORKSHOP_CONFIRMATION'
  if (isReminderKind(base)) return 'REMINDER'
  if (base.startsWith(WORKSHOP_REMINDER_PREFIX)) return 'WORKSHOP_REMINDER'
  if (base.startsWith(SEAT_OFFER_EXPIRED_PREFIX)) return 'SEAT_OFFER_EXPIRED'
  if (isSeatOfferKind(base)) return 'SEAT_OFFER'
  if (isEarlierSlotKind(base)) return 'EARLIER_SLOT'
  return base as MessageEvent | typeof KIND.ADVISOR_NOTICE
}
