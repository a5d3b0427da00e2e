import { randomBytes } from 'node:crypto'
// The adapter's own request and response conversions, under a handler of ours: Remix
// reads the form body the guards already read (./request-guards.server.ts).
import { createRemixRequest } from '@remix-run/express/dist/server.js'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'
import { captureError } from '~/platform/error-reporting.server'
import { loggablePath, logger } from '~/platform/logging.server'
import type { AppConfig } from '~/platform/config/config.server'
import { createMetrics } from '~/platform/metrics/http.server'
import { errorForLog } from './error-log.server'
import { sendResponse } from './send-response.server'
import { formBodyOf, guardRequests, refuser, type RefusalTexts } from './request-guards.server'

export type LoadContext = {
  cspNonce: string
  /** The client as rate limits see it (X-Forwarded-For from a trusted proxy, TRUST_PROXY). */
  clientAddress: string
  /** The peer of the TCP connection, whatever the headers say. */
  socketAddress: string
  /** The id the request's log line carries. */
  requestId: string
  /**
   * Has the request's log line (at error level) carry this error, and reports it (SENTRY_DSN):
   * it ends in a 5xx.
   */
  reportError: (error: unknown) => void
}

// Pages of a person (a resident's manage link, a workshop registration's, a waiting-list
// place's or an earlier-slot alert's, the workspace) are never kept by a browser's or a
// proxy's cache: documents and data alike (decisions 074, 084).
const PRIVATE_PATHS = /^\/(r\/|atelier\/|attente\/|alerte\/|espace(?:[/.]|$))/u

const requestLine = (
  request: { method?: string; url?: string },
  response: { statusCode: number },
) => `${request.method} ${loggablePath(request.url ?? '/')} ${response.statusCode}`

/** The entry module's texts for refused requests (app/entry.server.tsx). */
function refusalTextsOf(build: ServerBuild): RefusalTexts {
  const texts = (build.entry.module as { refusalTexts?: RefusalTexts }).refusalTexts
  if (!texts) throw new Error('app/entry.server.tsx must export refusalTexts')
  return texts
}

/**
 * With TRUST_PROXY, the client's address is read from X-Forwarded-For. A request without
 * it came past the proxy: if the app can be reached directly, anyone can claim any address
 * and escape the per-address limits. Said once, to the operator (decision 013).
 */
function warnOnceWhenReachedDirectly(): express.RequestHandler {
  let warned = false
  return (request, _response, next) => {
    if (!warned && !request.headers['x-forwarded-for']) {
      warned = true
      logger.warn(
        'TRUST_PROXY is set but a request arrived without X-Forwarded-For: make the app reachable only through the proxy, or give TRUST_PROXY the proxy addresses',
      )
    }
    next()
  }
}

/** The Express app: security headers, compression, static assets, request log, Remix. */
export function createHttpApp(
  build: ServerBuild,
  buildDirectory: string,
  settings: Pick<AppConfig, 'trustProxy' | 'production' | 'publicUrl' | 'metricsToken'>,
) {
  const texts = refusalTextsOf(build)
  const metrics = createMetrics(build, settings.metricsToken)
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', settings.trustProxy)
  app.use(metrics.measure)
  if (settings.trustProxy !== false) app.use(warnOnceWhenReachedDirectly())

  app.use((_request, response, next) => {
    response.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [
            "'self'",
            (_request, response) => `'nonce-${(response as express.Response).locals.cspNonce}'`,
          ],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      // Same-origin referrers only: manage links carry tokens.
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: settings.production,
    }),
  )
  // Pages are rendered per request: gzip level 1 costs a fraction of the default's CPU for
  // about a tenth more bytes (decision 016). Fingerprinted assets, cached for a year by
  // browsers, are worth the smallest transfer.
  app.use('/build', compression({ level: 9 }))
  app.use(
    compression({
      level: 1,
      filter: (request, response) =>
        !request.originalUrl.startsWith('/build/') && compression.filter(request, response),
    }),
  )
  app.use(
    pinoHttp({
      logger,
      quietReqLogger: true,
      // Also sent to the reader, so that a support request can name the log line.
      genReqId: (_request, response) => {
        const id = randomBytes(6).toString('hex')
        ;(response as express.Response).setHeader('X-Request-Id', id)
        return id
      },
      serializers: {
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          path: loggablePath(request.url),
        }),
        res: (response: { statusCode: number }) => ({ status: response.statusCode }),
        err: errorForLog,
      },
      // A 5xx is an error of ours: one line at error level with the stack (never the
      // error's message, which may quote personal data) and the request id.
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : 'info',
      customErrorMessage: requestLine,
      customSuccessMessage: requestLine,
      autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/build/') },
    }),
  )
  // Fingerprinted by the Remix compiler, so they can be cached for a year.
  app.use('/build', express.static(buildDirectory, { immutable: true, maxAge: '1y' }))
  app.get('/favicon.ico', (_request, response) => response.status(204).end())
  app.get('/metrics', metrics.serve)
  app.use(
    guardRequests({
      publicUrl: settings.publicUrl,
      acceptServedOrigin: !settings.production,
      texts,
    }),
  )
  const handleRemix = createRequestHandler(build, build.mode)
  app.all('*', async (request, response, next) => {
    try {
      const context: LoadContext = {
        cspNonce: response.locals.cspNonce,
        clientAddress: request.ip ?? 'unknown',
        socketAddress: request.socket.remoteAddress ?? '',
        requestId: String(request.id),
        reportError: (error) => {
          ;(response as { err?: unknown }).err = error
          captureError(error, { request: requestOf(request) })
        },
      }
      const answer = await handleRemix(
        withFormBody(createRemixRequest(request, response), formBodyOf(response)),
        context,
      )
      await sendResponse(response, PRIVATE_PATHS.test(request.path) ? privately(answer) : answer)
    } catch (error) {
      next(error)
    }
  })
  const refuse = refuser(texts)
  // What escaped Remix: logged by the request log (res.err), a short page for the reader.
  app.use(((error, request, response, next) => {
    if (response.headersSent) return next(error)
    ;(response as { err?: unknown }).err = error
    captureError(error, { request: requestOf(request) })
    refuse(request, response, 'failed').catch(next)
  }) satisfies express.ErrorRequestHandler)
  return app
}

const requestOf = (request: express.Request) => ({
  method: request.method,
  url: request.originalUrl,
  id: String(request.id),
})

function withFormBody(request: Request, body: Buffer | undefined): Request {
  if (!body) return request
  const headers = new Headers(request.headers)
  headers.delete('content-length')
  return new Request(request.url, {
    method: request.method,
    headers,
    body: new Uint8Array(body),
    signal: request.signal,
  })
}

function privately(response: Response): Response {
  const copy = new Response(response.body, response)
  copy.headers.set('Cache-Control', 'private, no-store')
  return copy
}
