import { config } from '~/platform/config/config.server'
import { createCookieSessionStorage } from '@remix-run/node'
import type { FormValues } from '~/domain/input/problems'

// What the resident typed at the contact step, kept between steps in their own browser
// (never in the URL): signed, httpOnly, gone after 30 minutes or once booked.
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

export type BookingDraft = { journey: string; fields: FormValues }

/** The draft of this journey (organisation, topic and place), if the resident has one. */
export async function readDraft(request: Request, journey: string): Promise<FormValues | null> {
  const session = await draftStorage().getSession(request.headers.get('Cookie'))
  const draft = session.get('draft')
  return draft?.journey === journey ? draft.fields : null
}

export async function saveDraft(request: Request, draft: BookingDraft): Promise<string> {
  const session = await draftStorage().getSession(request.headers.get('Cookie'))
  session.set('draft', draft)
  return draftStorage().commitSession(session)
}

export async function clearDraft(request: Request): Promise<string> {
  const session = await draftStorage().getSession(request.headers.get('Cookie'))
  return draftStorage().destroySession(session)
}
