import type express from 'express'
import { loggablePath, logger } from '~/platform/logging.server'
import { plainPageHtml, type PlainPage } from './plain-page.server'
import { comesFromThisSite } from './same-origin'

// What every request passes before Remix sees it (decisions 017 and 074), once for all
// routes, documents, data requests (?_data=, .data) and resource routes alike:
// - a state-changing request must come from this site's pages (Origin, Sec-Fetch-Site);
// - its body must be a form (what every page of the app sends), read here once, with a
//   size limit and its NUL bytes dropped (PostgreSQL refuses them in text: error 22021);
// - a URL carrying a NUL byte, or whose path does not decode, is refused.

export type Refusal = 'crossSite' | 'notAForm' | 'tooLarge' | 'badAddress' | 'failed'

/** A refusal's texts in the reader's language (app/entry.server.tsx has them). */
export type RefusalTexts = (request: Request, refusal: Refusal) => Promise<PlainPage>

const STATUS: Record<Refusal, number> = {
  crossSite: 403,
  notAForm: 415,
  tooLarge: 413,
  badAddress: 400,
  failed: 500,
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
// Twilio posts its webhooks from its servers, without Origin; their signature is their
// check (features/notifications/webhooks.server.ts, decision 042).
const SIGNED_WEBHOOKS = '/webhooks/twilio/'
// The largest form of the app (an opening rule, a merge) is a few kilobytes.
const FORM_BODY_LIMIT_BYTES = 256 * 1024
// eslint-disable-next-line no-control-regex -- a NUL byte is what is looked for
const NUL_IN_URL = /%00|\u0000/iu
// eslint-disable-next-line no-control-regex -- likewise
const NUL_IN_BODY = /%00|\u0000/giu

/** The form body a guarded request carried, NUL bytes dropped; Remix reads it from here. */
export const formBodyOf = (response: express.Response): Buffer | undefined =>
  response.locals.formBody as Buffer | undefined

export function guardRequests(options: {
  publicUrl: string
  /** The demo and tests are opened at whatever address serves them. */
  acceptServedOrigin: boolean
  texts: RefusalTexts
}): express.RequestHandler {
  const publicOrigin = new URL(options.publicUrl).origin
  const refuse = refuser(options.texts)
  return (request, response, next) => {
    const check = async () => {
      if (!isReadableUrl(request)) return refuse(request, response, 'badAddress')
      if (SAFE_METHODS.has(request.method)) return next()
      const allowed = options.acceptServedOrigin
        ? [publicOrigin, `${request.protocol}://${request.get('host')}`]
        : [publicOrigin]
      if (
        !request.path.startsWith(SIGNED_WEBHOOKS) &&
        !comesFromThisSite(request.headers, allowed)
      ) {
        return refuse(request, response, 'crossSite')
      }
      // Remix compares Origin with X-Forwarded-Host, else Host, once more and answers a 500
      // when they differ (a proxy that rewrites Host, a forged X-Forwarded-Host): the
      // origin just accepted is the host it must see.
      const origin = request.headers.origin
      if (origin && origin !== 'null') request.headers['x-forwarded-host'] = new URL(origin).host
      const encoding = request.headers['content-encoding']
      if (request.is('urlencoded') !== 'urlencoded' || (encoding && encoding !== 'identity')) {
        return refuse(request, response, 'notAForm')
      }
      const body = await readBody(request, FORM_BODY_LIMIT_BYTES)
      if (!body) return refuse(request, response, 'tooLarge')
      response.locals.formBody = Buffer.from(
        body.toString('latin1').replace(NUL_IN_BODY, ''),
        'latin1',
      )
      next()
    }
    check().catch(next)
  }
}

/** No NUL byte, and a path that decodes (a lone "%" made Express's router throw: a 500). */
function isReadableUrl(request: express.Request) {
  if (NUL_IN_URL.test(request.originalUrl)) return false
  try {
    decodeURIComponent(request.path)
    return true
  } catch {
    return false
  }
}

/** The answer to a refused request: a short page for a document, the message otherwise. */
export function refuser(texts: RefusalTexts) {
  return async (request: express.Request, response: express.Response, refusal: Refusal) => {
    if (refusal !== 'failed') {
      logger.warn(
        { method: request.method, path: loggablePath(request.originalUrl), refusal },
        'request refused',
      )
    }
    const page = await texts(fetchRequestOf(request), refusal)
    response.status(STATUS[refusal]).set('Cache-Control', 'no-store')
    if (refusal === 'tooLarge') response.set('Connection', 'close')
    if (wantsDocument(request)) response.type('html').send(plainPageHtml(page))
    else response.type('text/plain; charset=utf-8').send(`${page.title}. ${page.message}\n`)
  }
}

function wantsDocument(request: express.Request) {
  const dataRequest = '_data' in request.query || request.path.endsWith('.data')
  return !dataRequest && (request.headers.accept ?? '').includes('text/html')
}

/** Enough of the request for its language: the cookie and Accept-Language. */
function fetchRequestOf(request: express.Request): Request {
  const headers = new Headers()
  for (const name of ['cookie', 'accept-language']) {
    const value = request.headers[name]
    if (typeof value === 'string') headers.set(name, value)
  }
  const path = request.originalUrl.replace(NUL_IN_BODY, '')
  return new Request(new URL(URL.canParse(path, 'http://x') ? path : '/', 'http://x'), { headers })
}

function readBody(request: express.Request, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      request.off('data', onData)
      request.resume()
      resolve(null)
    }
    request.on('data', onData)
    request.once('end', () => resolve(Buffer.concat(chunks)))
    request.once('error', reject)
  })
}
