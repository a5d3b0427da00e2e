import type { ErrorEvent, EventHint } from '@sentry/node'
import { errorForLog } from './http/error-log.server'
import { loggablePath } from './logging.server'

// Unexpected errors sent to Sentry when the operator set SENTRY_DSN (decision 099); without
// it the SDK is never even loaded. What leaves is what the logs keep of an error: its kind,
// its code and its stack, with the route or task it happened in, never its message, a
// request's body, cookies, headers or query string, nor anything typed by a person. The
// Remix build and the entry each load this module: the client lives on globalThis.

type Sentry = typeof import('@sentry/node')
type Holder = { sentry?: Sentry }
const holder: Holder = ((
  globalThis as { __permanenceErrorReporting?: Holder }
).__permanenceErrorReporting ??= {})

/** Where an error happened: a request (its method, address and log id) or a background task. */
export type ErrorOrigin =
  { request: { method: string; url: string; id: string } } | { task: string }

const WITHHELD = 'message withheld: it may quote personal data'

/** Loads and starts the SDK when a DSN is set; nothing at all otherwise. */
export async function startErrorReporting(settings: {
  dsn: string | null
  production: boolean
  role: 'web' | 'worker'
}) {
  if (!settings.dsn || holder.sentry) return
  const sentry = await import('@sentry/node')
  // No default integrations: they would patch http, Express and the console, and collect
  // requests and breadcrumbs. Errors are handed over where the app catches them.
  sentry.initWithoutDefaultIntegrations({
    dsn: settings.dsn,
    environment: settings.production ? 'production' : 'demo',
    integrations: [sentry.linkedErrorsIntegration()],
    enableRuntimeChannelInjection: false,
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
      frameContextLines: 0,
      graphQL: { document: false, variables: false },
      genAI: { inputs: false, outputs: false },
      mcp: { inputs: false, outputs: false },
    },
    maxBreadcrumbs: 0,
    sendClientReports: false,
    initialScope: { tags: { role: settings.role } },
    beforeSend: scrubEvent,
  })
  holder.sentry = sentry
}

/** Sends an unexpected error, when reporting is on. */
export function captureError(error: unknown, origin: ErrorOrigin) {
  const sentry = holder.sentry
  if (!sentry) return
  sentry.withScope((scope) => {
    if ('task' in origin) {
      scope.setTag('task', origin.task)
    } else {
      const url = loggablePath(origin.request.url)
      scope.setTag('method', origin.request.method)
      // The request's log line carries the same id (X-Request-Id).
      scope.setTag('request_id', origin.request.id)
      scope.setTransactionName(`${origin.request.method} ${url}`)
      scope.addEventProcessor((event) => ({
        ...event,
        request: { method: origin.request.method, url },
      }))
    }
    sentry.captureException(error)
  })
}

/** Sends what is still queued, before the process ends. */
export async function stopErrorReporting() {
  await holder.sentry?.close(2_000)
}

/**
 * The last check before an event leaves: whatever an integration or a future SDK version
 * adds, only the error's kind, code (a tag) and frames, and the request's method and path
 * (tokens replaced, no query) go.
 */
export function scrubEvent(event: ErrorEvent, hint: EventHint): ErrorEvent {
  const { code } = errorForLog(hint.originalException)
  const scrubbed: ErrorEvent = {
    ...event,
    tags: { ...event.tags, ...(code === undefined ? {} : { code: String(code) }) },
    user: undefined,
    extra: undefined,
    breadcrumbs: undefined,
    message: undefined,
    logentry: undefined,
    request: event.request && {
      method: event.request.method,
      url: event.request.url && loggablePath(new URL(event.request.url, 'http://app').pathname),
    },
  }
  if (event.exception?.values) {
    scrubbed.exception = {
      ...event.exception,
      values: event.exception.values.map((exception) => ({
        ...exception,
        value: WITHHELD,
        stacktrace: exception.stacktrace && {
          ...exception.stacktrace,
          frames: exception.stacktrace.frames?.map(({ vars: _vars, ...frame }) => frame),
        },
      })),
    }
  }
  return scrubbed
}
