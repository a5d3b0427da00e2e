import { availability } from '~/features/schedule/index.server'
import { bookingPorts } from './booking-ports.server'
import { db } from '~/platform/database/client.server'
import { book, BookingError, type HelperContact, type ResidentContact } from '~/domain/booking/book'
import { SlotTakenError } from '~/domain/booking/errors'
import { idempotencyKeyHash, manageTokenFor } from '~/domain/booking/manage-token.server'
import type { Slot } from '~/domain/scheduling'
import type { Language } from '~/i18n/config'
import type { requireSlotStep } from './lookups.server'
import { cached, forget } from '~/platform/cache/micro-cache.server'
import { withinBookingLimits } from './limits.server'
import { config } from '~/platform/config/config.server'
import { DAY_MS } from '~/domain/scheduling/calendar'

type Step = Awaited<ReturnType<typeof requireSlotStep>>
type Contact = {
  resident: Omit<ResidentContact, 'language'>
  helper: HelperContact | null
  note: string | null
}

export type ConfirmOutcome =
  | { ok: true; token: string }
  | { ok: false; reason: 'taken' | 'unavailable' | 'tooMany' | 'rateLimited' }

/**
 * The confirm action of the public journey: limits, then the booking domain. The draft's
 * nonce, bound to the journey and the time, recognises this booking confirmed again from
 * the same browser (a double click, a resent form), which then gets the same manage link.
 */
export async function confirmOnlineBooking(input: {
  step: Step
  contact: Contact
  nonce: string
  language: Language
  clientAddress: string
  now: Date
}): Promise<ConfirmOutcome> {
  const { step, contact, now } = input
  const organisation = step.organisation
  const withinLimits = await withinBookingLimits(
    organisation,
    contact.resident,
    input.clientAddress,
  )
  if (!withinLimits) return { ok: false, reason: 'rateLimited' }

  const secret = config().sessionSecret
  const request = {
    organisationId: organisation.id,
    topicId: step.topic.id,
    mode: step.mode,
    siteId: step.site?.id ?? null,
  }
  try {
    const { appointmentId } = await book(
      {
        ...request,
        start: step.start,
        resident: { ...contact.resident, language: input.language },
        helper: contact.helper,
        note: contact.note,
        createdVia: contact.helper ? 'HELPER' : 'ONLINE',
        idempotencyKeyHash: idempotencyKeyHash(
          input.nonce,
          step.journeyKey,
          step.start.toISOString(),
        ),
        maxUpcomingPerContact: organisation.maxUpcomingPerContact,
        actorAdvisorId: null,
      },
      now,
      await bookingPorts(db(), request, now, secret),
    )
    forget(organisation.id)
    return { ok: true, token: manageTokenFor(appointmentId, secret).token }
  } catch (error) {
    if (error instanceof SlotTakenError) return { ok: false, reason: 'taken' }
    if (error instanceof BookingError) {
      return { ok: false, reason: error.code === 'TOO_MANY_UPCOMING' ? 'tooMany' : 'unavailable' }
    }
    throw error
  }
}

const finderOf = (step: Step, now: Date) =>
  availability(db(), {
    organisationId: step.organisation.id,
    topicId: step.topic.id,
    mode: step.mode,
    siteId: step.site?.id ?? null,
    now,
  })

/** Whether the step's time is still a free slot at its place (the review page asks). */
export async function isStillOffered(step: Step, now: Date): Promise<boolean> {
  const finder = await finderOf(step, now)
  return (await finder.slotAt(step.start, step.site?.id ?? null)) !== null
}

// In a rush every loser of one time asks for the same nearby times: they share one
// computation for these seconds (forgotten when this instance books, decision 015).
const ALTERNATIVES_CACHE_MS = 3_000

/** The free slots nearest to the one that was wanted, for a resident who lost it. */
export async function nearestAlternatives(step: Step, now: Date, count = 4): Promise<Slot[]> {
  const wanted = step.start.getTime()
  const key = `alternatives:${step.journeyKey}:${wanted}:${count}`
  return cached(step.organisation.id, key, ALTERNATIVES_CACHE_MS, async () => {
    const finder = await finderOf(step, now)
    // A time long past (an old link) is nearest to the times from now on.
    const around = Math.max(wanted, now.getTime())
    const slots = await finder.slots({
      from: new Date(Math.max(now.getTime(), around - 3 * DAY_MS)),
      to: new Date(around + 7 * DAY_MS),
    })
    return slots
      .filter((slot) => slot.start.getTime() !== wanted)
      .sort((a, b) => Math.abs(a.start.getTime() - wanted) - Math.abs(b.start.getTime() - wanted))
      .slice(0, count)
      .sort((a, b) => a.start.getTime() - b.start.getTime())
  })
}
