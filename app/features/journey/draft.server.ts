import { config } from '~/platform/config/config.server'
import { createCookieSessionStorage } from '@remix-run/node'
import type { FormValues } from '~/domain/input/problems'
import { isBookingNonce, newBookingNonce } from '~/domain/booking/manage-token.server'

// What the resident typed at the contact step, kept between steps in their own browser
// (never in the URL): signed, httpOnly, gone after 30 minutes or once booked. Its nonce,
// made when the draft starts, is what recognises the same booking sent again from this
// browser: it is never in a form or in the database (docs/decisions/014-booking-safety.md).
type DraftData = { draft: BookingDraft }
let storage: ReturnType<typeof createCookieSessionStorage<DraftData>> | undefined
function draftStorage() {
  storage ??= createCookieSessionStorage<DraftData>({
    cookie: {
      name: 'booking_draft',
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config().production,
      secrets: [config().sessionSecret],
      maxAge: 30 * 60,
    },
  })
  return storage
}

export type BookingDraft = { journey: string; fields: FormValues; nonce: string }

/** The draft of this journey (organisation, topic and place), if the resident has one. */
export async function readDraft(request: Request, journey: string): Promise<BookingDraft | null> {
  const session = await draftStorage().getSession(request.headers.get('Cookie'))
  const draft = session.get('draft')
  return draft?.journey === journey && isBookingNonce(draft.nonce) ? draft : null
}

/** Saves what was typed; a draft already started keeps its nonce. */
export async function saveDraft(
  request: Request,
  draft: Omit<BookingDraft, 'nonce'>,
): Promise<string> {
  const session = await draftStorage().getSession(request.headers.get('Cookie'))
  const started = session.get('draft')?.nonce
  session.set('draft', { ...draft, nonce: isBookingNonce(started) ? started : newBookingNonce() })
  return draftStorage().commitSession(session)
}

export async function clearDraft(request: Request): Promise<string> {
  const session = await draftStorage().getSession(request.headers.get('Cookie'))
  return draftStorage().destroySession(session)
}
