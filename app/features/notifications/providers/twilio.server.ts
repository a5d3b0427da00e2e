import twilio from 'twilio'

// SMS and calls through the real Twilio SDK. In tests and in the dev mode without
// credentials, every *.twilio.com URL is rewritten to a local fake server
// (fake-twilio.server.ts), so the SDK's own request building and error parsing run.

export type TwilioSettings = {
  accountSid: string
  authToken: string
  /** A sender number (E.164) or alphanumeric sender; or a messaging service below. */
  from?: string | null
  messagingServiceSid?: string | null
  /** Set in tests and dev: where api.twilio.com requests really go. */
  baseUrl?: string | null
  timeoutMs?: number
}

/** Why a send failed, and whether trying again later can help. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status: number | null = null,
    readonly code: number | null = null,
    /** From a Retry-After header, when the provider said how long to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

export type SentMessage = {
  providerMessageId: string
  /** Who the provider says it left from (SMS): a number or an alphanumeric sender name. */
  sender?: string | null
}

export type SmsRequest = {
  to: string
  body: string
  /** The organisation's sender name, in place of the configured sender. */
  from?: string | null
  statusCallback?: string | null
}
export type CallRequest = { to: string; twiml: string; statusCallback?: string | null }

export type TwilioChannel = {
  sendSms: (request: SmsRequest) => Promise<SentMessage>
  call: (request: CallRequest) => Promise<SentMessage>
  /** Messages already accepted for that number since then (crash recovery looks here). */
  recentSms: (
    to: string,
    since: Date,
  ) => Promise<{ sid: string; body: string; from: string | null }[]>
  /** Calls placed to that number since then, queued ones included (a call has no text to compare). */
  recentCalls: (to: string, since: Date) => Promise<{ sid: string }[]>
}

type TwilioRequestOptions<TData> = import('twilio/lib/base/RequestClient').RequestOptions<TData>

const TWILIO_HOST = /^https:\/\/([a-z0-9-]+\.)*twilio\.com(?=\/|$)/iu

/** A RequestClient that sends every Twilio API call to `baseUrl` instead. */
export class RewritingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options)
  }

  override request<TData>(opts: TwilioRequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUrl(opts.uri, this.baseUrl) })
  }
}

export function rewriteTwilioUrl(uri: string, baseUrl: string): string {
  return uri.replace(TWILIO_HOST, baseUrl.replace(/\/+$/u, ''))
}

export function createTwilioChannel(settings: TwilioSettings): TwilioChannel {
  const timeout = settings.timeoutMs ?? 10_000
  const httpClient = settings.baseUrl
    ? new RewritingRequestClient(settings.baseUrl, { timeout, keepAlive: true })
    : new twilio.RequestClient({ timeout, keepAlive: true })
  const client = twilio(settings.accountSid, settings.authToken, { httpClient, autoRetry: false })
  // A messaging service takes a `From` of its own as well (an alphanumeric sender).
  const sender = (from: string | null | undefined) =>
    settings.messagingServiceSid
      ? { messagingServiceSid: settings.messagingServiceSid, ...(from ? { from } : {}) }
      : { from: from || settings.from || '' }

  return {
    sendSms: ({ to, body, from, statusCallback }) =>
      classify(async () => {
        const message = await client.messages.create({
          to,
          body,
          ...sender(from),
          ...(statusCallback ? { statusCallback } : {}),
        })
        return { providerMessageId: message.sid, sender: message.from ?? null }
      }),
    call: ({ to, twiml, statusCallback }) =>
      classify(async () => {
        const call = await client.calls.create({
          to,
          from: settings.from ?? '',
          twiml,
          ...(statusCallback ? { statusCallback, statusCallbackEvent: ['completed'] } : {}),
        })
        return { providerMessageId: call.sid }
      }),
    recentSms: (to, since) =>
      classify(async () => {
        const list = await client.messages.list({ to, dateSentAfter: since, limit: 50 })
        return list.map((message) => ({
          sid: message.sid,
          body: message.body,
          from: message.from ?? null,
        }))
      }),
    // Twilio filters calls by start time only, and a queued call has none yet: list the
    // latest calls to the number and keep those created since then.
    recentCalls: (to, since) =>
      classify(async () => {
        const list = await client.calls.list({ to, limit: 50 })
        return list
          .filter((call) => !call.dateCreated || call.dateCreated >= since)
          .map((call) => ({ sid: call.sid }))
      }),
  }
}

/**
 * Twilio's answer as a ProviderError: 429, 5xx, 408 and network failures or timeouts can
 * pass later; any other 4xx (invalid number, unverified sender, opted-out recipient) is
 * about this message and will fail again.
 */
async function classify<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toProviderError(error)
  }
}

export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  const failure = error as {
    status?: unknown
    code?: unknown
    message?: unknown
    response?: { headers?: Record<string, unknown> }
  }
  const message = typeof failure?.message === 'string' ? failure.message : String(error)
  if (typeof failure?.status === 'number') {
    const status = failure.status
    const code = typeof failure.code === 'number' ? failure.code : null
    const transient = status === 429 || status === 408 || status >= 500
    return new ProviderError(
      `Twilio ${status}${code ? ` (${code})` : ''}: ${message}`,
      !transient,
      status,
      code,
    )
  }
  // No HTTP answer: refused connection, reset, timeout. Trying again is safe only because
  // the worker checks the provider before resending (see app/worker/dispatcher.ts).
  return new ProviderError(`Twilio unreachable: ${message}`, false)
}

/** The credentials the demo's fake uses; its webhooks are signed with this token. */
export const DEV_TWILIO = {
  accountSid: 'AC00000000000000000000000000000000',
  authToken: 'dev-auth-token',
  from: '+33700000000',
}
