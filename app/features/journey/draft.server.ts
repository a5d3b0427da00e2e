import { createHmac, timingSafeEqual } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { z } from 'zod'
import type { FormValues } from '~/domain/input/problems'
import { isBookingNonce, newBookingNonce } from '~/domain/booking/manage-token.server'
import { config } from '~/platform/config/config.server'
import { contactFields } from './contact-form.server'

// What the resident typed at the contact step, kept between steps in their own browser
// (never in the URL): signed, httpOnly, gone after 30 minutes or once booked. A browser
// keeps a cookie of 4,096 bytes at most, name and attributes included: the draft holds
// only the fields the form defines, compressed (Thai, Arabic or Chinese letters take three
// bytes each in UTF-8 but compress to about one or two), which a test proves with the
// largest valid form in each script (decision 074). Its nonce, made when the draft starts,
// is what recognises the same booking sent again from this browser: it is never in a form
// or in the database (docs/decisions/014-booking-safety.md).

const COOKIE_NAME = 'booking_draft'
const MAX_AGE_SECONDS = 30 * 60
export const BROWSER_COOKIE_LIMIT = 4096
// Far above what a valid draft inflates to: a forged one cannot make the server inflate more.
const INFLATED_LIMIT_BYTES = 32 * 1024

const FIELD_NAMES = Object.keys(contactFields.shape)
const fieldValue = z.union([z.string(), z.array(z.string())])

/** What a draft holds; nothing else is stored, nor read back. */
const draftSchema = z.object({
  journey: z.string(),
  fields: z.record(fieldValue),
  nonce: z.string().refine(isBookingNonce),
  expires: z.number(),
})

export type BookingDraft = { journey: string; fields: FormValues; nonce: string }

/** The draft of this journey (organisation, topic and place), if the resident has one. */
export function readDraft(request: Request, journey: string): BookingDraft | null {
  const draft = decode(cookieValue(request.headers.get('Cookie')))
  if (draft?.journey !== journey || draft.expires <= Date.now()) return null
  return { journey: draft.journey, fields: onlyFormFields(draft.fields), nonce: draft.nonce }
}

/** The Set-Cookie header that keeps what was typed; a draft already started keeps its nonce. */
export function saveDraft(request: Request, draft: Omit<BookingDraft, 'nonce'>): string {
  const started = decode(cookieValue(request.headers.get('Cookie')))?.nonce
  const stored = {
    ...draft,
    fields: onlyFormFields(draft.fields),
    nonce: started ?? newBookingNonce(),
    expires: Date.now() + MAX_AGE_SECONDS * 1000,
  }
  return serialise(encode(stored), MAX_AGE_SECONDS)
}

export function clearDraft(): string {
  return serialise('', 0)
}

function onlyFormFields(fields: FormValues): FormValues {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => FIELD_NAMES.includes(name)))
}

function serialise(value: string, maxAge: number) {
  const secure = config().production ? '; Secure' : ''
  return `${COOKIE_NAME}=${value}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Lax${secure}`
}

const signature = (payload: string) =>
  createHmac('sha256', config().sessionSecret).update(payload).digest('base64url')

function encode(draft: z.infer<typeof draftSchema>): string {
  const payload = deflateRawSync(JSON.stringify(draft), { level: 9 }).toString('base64url')
  return `${payload}.${signature(payload)}`
}

function decode(value: string | null): z.infer<typeof draftSchema> | null {
  const [payload, signed] = value?.split('.') ?? []
  if (!payload || !signed) return null
  const expected = Buffer.from(signature(payload))
  const given = Buffer.from(signed)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const json = inflateRawSync(Buffer.from(payload, 'base64url'), {
      maxOutputLength: INFLATED_LIMIT_BYTES,
    })
    const parsed = draftSchema.safeParse(JSON.parse(json.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function cookieValue(header: string | null): string | null {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=')
    if (name === COOKIE_NAME) return value.join('=')
  }
  return null
}
