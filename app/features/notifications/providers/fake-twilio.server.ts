import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A local stand-in for the Twilio REST API, used by tests and by the dev mode without
// credentials: the real SDK talks to it through a rewritten base URL (twilio.server.ts).
// It records POST /2010-04-01/Accounts/{sid}/Messages.json and Calls.json, lists them
// back (GET, filtered by To), and can answer with errors on demand.

export type FakeKind = 'SMS' | 'CALL'

export type FakeRecord = {
  sid: string
  kind: FakeKind
  accountSid: string
  to: string
  from: string | null
  messagingServiceSid: string | null
  /** SMS text, or the TwiML of a call. */
  body: string
  statusCallback: string | null
  /** Calls: the URL Twilio would fetch for TwiML, when given instead of inline TwiML. */
  url: string | null
  createdAt: Date
}

/** An answer forced by a test: an HTTP status with Twilio's error body, or a delay. */
export type FakeAnswer =
  | { status: number; code?: number; message?: string; retryAfterSeconds?: number }
  | { delayMs: number }

export type FakeTwilioOptions = {
  /** Accepted requests per second (a token bucket); beyond it, 429 like Twilio's queue limit. */
  ratePerSecond?: number
  /** Keep only the latest records (the demo's long sessions); all of them otherwise. */
  keep?: number
}

export type FakeTwilio = {
  baseUrl: string
  records: FakeRecord[]
  /** The next requests get these answers, in order (then normal service resumes). */
  failNext: (...answers: FakeAnswer[]) => void
  /** A decision per request (return undefined to accept); runs after failNext is empty. */
  setResponder: (
    responder:
      ((request: { kind: FakeKind; to: string; body: string }) => FakeAnswer | undefined) | null,
  ) => void
  /** Every request seen, accepted or refused. */
  requestCount: () => number
  /** Requests refused by the rate limit. */
  rateLimited: () => number
  reset: () => void
  close: () => Promise<void>
}

function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex')
}

const ROUTE = /^\/2010-04-01\/Accounts\/([A-Za-z0-9]+)\/(Messages|Calls)\.json$/u

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const records: FakeRecord[] = []
  let forced: FakeAnswer[] = []
  let responder: Parameters<FakeTwilio['setResponder']>[0] = null
  let requests = 0
  let limited = 0
  const rate = options.ratePerSecond
  let tokens = rate ?? 0
  let refilledAt = Date.now()

  function takeToken(): boolean {
    if (!rate) return true
    const now = Date.now()
    tokens = Math.min(rate, tokens + ((now - refilledAt) / 1000) * rate)
    refilledAt = now
    if (tokens < 1) return false
    tokens -= 1
    return true
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake')
    const match = ROUTE.exec(url.pathname)
    if (!match) return json(res, 404, { code: 20404, message: 'Not found', status: 404 })
    const [, accountSid, resource] = match
    const kind: FakeKind = resource === 'Messages' ? 'SMS' : 'CALL'
    if (req.method === 'GET') {
      const to = url.searchParams.get('To')
      const list = records
        .filter((record) => record.kind === kind && (!to || record.to === to))
        .map(asResource)
      return json(res, 200, { [kind === 'SMS' ? 'messages' : 'calls']: list, next_page_uri: null })
    }
    if (req.method !== 'POST') return json(res, 405, { code: 20004, message: 'Method not allowed' })
    requests += 1
    const form = new URLSearchParams(await readBody(req))
    const to = form.get('To') ?? ''
    const body = kind === 'SMS' ? (form.get('Body') ?? '') : (form.get('Twiml') ?? '')
    const answer = forced.shift() ?? responder?.({ kind, to, body })
    if (answer && 'delayMs' in answer) await new Promise((r) => setTimeout(r, answer.delayMs))
    if (answer && 'status' in answer) {
      const headers: Record<string, string> = {}
      if (answer.retryAfterSeconds !== undefined)
        headers['Retry-After'] = String(answer.retryAfterSeconds)
      return json(
        res,
        answer.status,
        {
          code: answer.code ?? answer.status * 100,
          message: answer.message ?? 'Forced error',
          more_info: `https://www.twilio.com/docs/errors/${answer.code ?? answer.status * 100}`,
          status: answer.status,
        },
        headers,
      )
    }
    if (!takeToken()) {
      limited += 1
      return json(res, 429, { code: 20429, message: 'Too Many Requests', status: 429 })
    }
    if (!to)
      return json(res, 400, {
        code: 21604,
        message: "A 'To' phone number is required.",
        status: 400,
      })
    const record: FakeRecord = {
      sid: newSid(kind === 'SMS' ? 'SM' : 'CA'),
      kind,
      accountSid,
      to,
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body,
      statusCallback: form.get('StatusCallback'),
      url: form.get('Url'),
      createdAt: new Date(),
    }
    records.push(record)
    if (options.keep && records.length > options.keep)
      records.splice(0, records.length - options.keep)
    return json(res, 201, asResource(record))
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      json(res, 500, { code: 20500, message: String(error), status: 500 })
    })
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    records,
    failNext: (...answers) => {
      forced.push(...answers)
    },
    setResponder: (next) => {
      responder = next
    },
    requestCount: () => requests,
    rateLimited: () => limited,
    reset: () => {
      records.length = 0
      forced = []
      responder = null
      requests = 0
      limited = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function asResource(record: FakeRecord) {
  return {
    sid: record.sid,
    account_sid: record.accountSid,
    to: record.to,
    from: record.from,
    messaging_service_sid: record.messagingServiceSid,
    body: record.kind === 'SMS' ? record.body : undefined,
    status: 'queued',
    date_created: record.createdAt.toUTCString(),
    uri: `/2010-04-01/Accounts/${record.accountSid}/${record.kind === 'SMS' ? 'Messages' : 'Calls'}/${record.sid}.json`,
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) return
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
