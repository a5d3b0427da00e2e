import { createCookie } from '@remix-run/node'
import { z } from 'zod'
import type { HelperContact, ResidentContact } from '~/domain/booking/book'
import {
  idempotencyKeyHash,
  isBookingNonce,
  newBookingNonce,
} from '~/domain/booking/manage-token.server'
import type { FormReply, FormValues } from '~/domain/input/problems'
import { NAME_MAX_LENGTH, normaliseName } from '~/domain/residents/identity'
import type { SeatAvailability } from '~/domain/workshops/seats'
import {
  contactFields,
  contactStepSchema,
  withinBookingLimits,
} from '~/features/journey/index.server'
import type { Language } from '~/i18n/config'
import { config } from '~/platform/config/config.server'
import { db } from '~/platform/database/client.server'
import { addProblem, plainText } from '~/platform/form-fields.server'
import { formReply, maxLengthsOf, parseForm, refusalOf } from '~/platform/forms.server'
import { registerForSession } from './registration.server'
import { joinWaitlist } from './waitlist.server'
import { registrationPath, waitlistPath } from './paths'
import { FREE_SEAT } from './rows.server'

// A resident registers for a workshop session, or joins its waiting list, in one step on
// the session's page (decision 084): the journey's contact fields, read by its schema, and
// a companion's name for a second seat. The same budgets as a booking apply.

/** The companion brought along: a name only, on a second seat. */
const companionFields = z
  .object({ companionName: plainText(NAME_MAX_LENGTH) })
  .transform((fields, context) => {
    if (!fields.companionName) return { companionName: null }
    const name = normaliseName(fields.companionName)
    if (name.ok) return { companionName: name.name }
    addProblem(context, name.problem, 'companionName')
    return z.NEVER
  })

export const registrationMaxLengths = () => maxLengthsOf(contactFields, companionFields)

type Organisation = {
  id: string
  allowedPhoneRegions: string
  bookingsPerIpPerHour: number
  bookingsPerPhonePerDay: number
}

export type RegistrationContact = {
  resident: Omit<ResidentContact, 'language'>
  helper: HelperContact | null
  companionName: string | null
}

/**
 * The registration or waiting-list form, read as the journey's contact step reads it
 * (a workshop is in person); the waiting list holds one person, so no companion there.
 */
export function parseRegistrationForm(
  form: FormData,
  organisation: Organisation,
  withCompanion: boolean,
):
  { ok: true; contact: RegistrationContact; values: FormValues } | { ok: false; reply: FormReply } {
  const contact = parseForm(form, contactStepSchema({ mode: 'IN_PERSON', organisation }))
  const companion = withCompanion ? parseForm(form, companionFields) : null
  const refused = refusalOf(contact, ...(companion ? [companion] : []))
  if (refused || !contact.ok) return { ok: false, reply: refused! }
  return {
    ok: true,
    contact: {
      resident: contact.value.resident,
      helper: contact.value.helper,
      companionName: companion?.ok ? companion.value.companionName : null,
    },
    values: contact.values,
  }
}

// The browser's nonce for one registration (as the journey's draft holds one, decision
// 014): set when the session's page is shown, never in a form, a URL or the database. The
// same form sent twice from this browser (a double click) finds the first registration
// and its link; once registered, the nonce is dropped, so the next person this browser
// registers (a helper registering several) is a registration of their own.
let nonceCookie: ReturnType<typeof createCookie> | undefined
function registrationNonceCookie() {
  nonceCookie ??= createCookie('workshop_nonce', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config().production,
    secrets: [config().sessionSecret],
    maxAge: 24 * 3600,
  })
  return nonceCookie
}

/** This browser's registration nonce, if it holds a valid one. */
export async function registrationNonce(request: Request): Promise<string | null> {
  const value: unknown = await registrationNonceCookie().parse(request.headers.get('Cookie'))
  return isBookingNonce(value) ? value : null
}

/** The Set-Cookie giving this browser a nonce, when it holds none yet. */
export async function startRegistrationNonce(request: Request): Promise<string | null> {
  if (await registrationNonce(request)) return null
  return registrationNonceCookie().serialize(newBookingNonce())
}

export const dropRegistrationNonce = () => registrationNonceCookie().serialize('', { maxAge: 0 })

type OnlineRequest = {
  organisation: Organisation
  sessionId: string
  contact: RegistrationContact
  language: Language
  clientAddress: string
  now: Date
}

export type OnlineRegistrationOutcome =
  | { ok: true; token: string }
  | {
      ok: false
      reason:
        | 'NOT_FOUND'
        | 'CLOSED'
        | 'FULL'
        | 'ALREADY_REGISTERED'
        | 'rateLimited'
        /** A companion asked for, and a single seat left: the resident may come alone. */
        | 'ONE_SEAT_LEFT'
    }

const requestOf = ({ organisation, sessionId, contact, language }: OnlineRequest) => ({
  organisationId: organisation.id,
  sessionId,
  resident: { ...contact.resident, language },
  helper: contact.helper,
  createdVia: contact.helper ? ('HELPER' as const) : ('ONLINE' as const),
  actorAdvisorId: null,
})

/** Registers from the public page: the budgets, then the seat (features/workshops). */
export async function registerOnline(
  input: OnlineRequest & { nonce: string | null },
): Promise<OnlineRegistrationOutcome> {
  const { organisation, contact } = input
  if (!(await withinBookingLimits(organisation, contact.resident, input.clientAddress)))
    return { ok: false, reason: 'rateLimited' }
  const outcome = await registerForSession(
    db(),
    {
      ...requestOf(input),
      companionName: contact.companionName,
      idempotencyKeyHash: input.nonce
        ? idempotencyKeyHash(input.nonce, 'workshop', organisation.id, input.sessionId)
        : null,
    },
    input.now,
    config().sessionSecret,
  )
  if (outcome.ok) return { ok: true, token: outcome.token }
  if (outcome.reason === 'FULL' && contact.companionName && (await freeSeats(input)) === 1)
    return { ok: false, reason: 'ONE_SEAT_LEFT' }
  return outcome
}

const freeSeats = ({ sessionId }: OnlineRequest) =>
  db().workshopSeat.count({ where: { sessionId, ...FREE_SEAT } })

export type OnlineJoinOutcome =
  | { ok: true; token: string }
  | {
      ok: false
      reason:
        | 'NOT_FOUND'
        | 'CLOSED'
        | 'SEATS_LEFT'
        | 'ALREADY_REGISTERED'
        | 'rateLimited'
        /**
         * This person already waits for this session. Their link is not given again: it
         * would give anyone who types their name and number their place on the list.
         */
        | 'ALREADY_WAITING'
    }

/** Joins the waiting list of a full session from its public page. */
export async function joinWaitlistOnline(input: OnlineRequest): Promise<OnlineJoinOutcome> {
  const { organisation, contact } = input
  if (!(await withinBookingLimits(organisation, contact.resident, input.clientAddress)))
    return { ok: false, reason: 'rateLimited' }
  const outcome = await joinWaitlist(db(), requestOf(input), input.now, config().sessionSecret)
  if (!outcome.ok) return outcome
  return outcome.created
    ? { ok: true, token: outcome.token }
    : { ok: false, reason: 'ALREADY_WAITING' }
}

/** The reply that shows a refusal on the companion's field, what was typed kept. */
export const oneSeatLeftReply = (values: FormValues) =>
  formReply(values, { companionName: { code: 'NOT_ENOUGH_SEATS' } })

export type SessionFormKind = 'register' | 'waitlist'

/** What the session page shows after a refused submission: which form, its reply, and why. */
export type SessionFormAnswer = {
  form: SessionFormKind | null
  reply: FormReply | null
  notice:
    | 'lastSeatGone'
    | 'seatFreed'
    | 'oneSeatLeft'
    | 'closed'
    | 'alreadyRegistered'
    | 'alreadyWaiting'
    | 'rateLimited'
    | null
}

export type SessionFormResult =
  | { kind: 'done'; to: string; setCookie: string | null }
  | { kind: 'refused'; status: number; answer: SessionFormAnswer }
  | { kind: 'notFound' }

/**
 * The session page's form sent: registering (or, when full, joining the waiting list) in
 * one step. A refusal keeps what was typed and says why; when the last seat went
 * meanwhile, the same page offers the waiting list with the same details.
 */
export async function submitSessionForm(input: {
  form: FormData
  organisation: Organisation
  sessionId: string
  /** The seats as this request read them (the page's own read). */
  availability: SeatAvailability
  request: Request
  language: Language
  clientAddress: string
  now: Date
}): Promise<SessionFormResult> {
  const kind: SessionFormKind = input.form.get('intent') === 'waitlist' ? 'waitlist' : 'register'
  const parsed = parseRegistrationForm(input.form, input.organisation, kind === 'register')
  if (!parsed.ok)
    return {
      kind: 'refused',
      status: 400,
      answer: { form: kind, reply: parsed.reply, notice: null },
    }
  const online = { ...input, contact: parsed.contact }
  const kept = formReply(parsed.values)
  const refused = (
    form: SessionFormKind | null,
    notice: SessionFormAnswer['notice'],
    reply: FormReply = kept,
  ): SessionFormResult => ({
    kind: 'refused',
    status: notice === 'rateLimited' ? 429 : 409,
    answer: { form, reply, notice },
  })

  // Full or closed as this request read it: said at once, without spending the budgets or
  // waiting for the session's lock. Seats still shown go to the lock, which decides.
  if (input.availability.kind === 'CLOSED') return refused(null, 'closed')
  if (kind === 'register' && input.availability.kind === 'FULL')
    return refused('waitlist', 'lastSeatGone')

  if (kind === 'register') {
    const outcome = await registerOnline({
      ...online,
      nonce: await registrationNonce(input.request),
    })
    if (outcome.ok)
      return {
        kind: 'done',
        to: `${registrationPath(outcome.token)}?nouveau=1`,
        setCookie: await dropRegistrationNonce(),
      }
    switch (outcome.reason) {
      case 'NOT_FOUND':
        return { kind: 'notFound' }
      case 'FULL':
        return refused('waitlist', 'lastSeatGone')
      case 'ONE_SEAT_LEFT':
        return refused('register', 'oneSeatLeft', oneSeatLeftReply(parsed.values))
      case 'CLOSED':
        return refused(null, 'closed')
      case 'ALREADY_REGISTERED':
        return refused('register', 'alreadyRegistered')
      case 'rateLimited':
        return refused('register', 'rateLimited')
    }
  }
  const outcome = await joinWaitlistOnline(online)
  if (outcome.ok)
    return { kind: 'done', to: `${waitlistPath(outcome.token)}?nouveau=1`, setCookie: null }
  switch (outcome.reason) {
    case 'NOT_FOUND':
      return { kind: 'notFound' }
    case 'SEATS_LEFT':
      return refused('register', 'seatFreed')
    case 'CLOSED':
      return refused(null, 'closed')
    case 'ALREADY_REGISTERED':
      return refused('waitlist', 'alreadyRegistered')
    case 'ALREADY_WAITING':
      return refused('waitlist', 'alreadyWaiting')
    case 'rateLimited':
      return refused('waitlist', 'rateLimited')
  }
}
