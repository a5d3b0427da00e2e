import { randomBytes } from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'
import { loggablePath, logger } from '~/platform/logging.server'
import { weekPageCache } from '~/platform/cache/page-cache.server'
import type { AppConfig } from '~/platform/config/config.server'

export type LoadContext = {
  cspNonce: string
  /** The client as rate limits see it (X-Forwarded-For from a trusted proxy, TRUST_PROXY). */
  clientAddress: string
  /** The peer of the TCP connection, whatever the headers say. */
  socketAddress: string
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
  settings: Pick<AppConfig, 'trustProxy' | 'production'>,
) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', settings.trustProxy)
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
      genReqId: () => randomBytes(6).toString('hex'),
      serializers: {
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          path: loggablePath(request.url),
        }),
        res: (response: { statusCode: number }) => ({ status: response.statusCode }),
      },
      customSuccessMessage: (request, response) =>
        `${request.method} ${loggablePath(request.url ?? '/')} ${response.statusCode}`,
      autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/build/') },
    }),
  )
  // Fingerprinted by the Remix compiler, so they can be cached for a year.
  app.use('/build', express.static(buildDirectory, { immutable: true, maxAge: '1y' }))
  app.get('/favicon.ico', (_request, response) => response.status(204).end())
  app.use(weekPageCache())
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (request, response): LoadContext => ({
        cspNonce: response.locals.cspNonce,
        clientAddress: request.ip ?? 'unknown',
        socketAddress: request.socket.remoteAddress ?? '',
      }),
    }),
  )
  return app
}
