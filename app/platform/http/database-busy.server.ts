import { isDatabaseBusy } from '~/platform/database/errors.server'
import { loggablePath, logger } from '~/platform/logging.server'
import { plainPageHtml, type PlainPage } from './plain-page.server'

// A request that waited past DATABASE_ACQUIRE_TIMEOUT_MS for the database (a rush holds
// every connection) answers 503 with Retry-After and a short page, not a 500 with the error
// page: nothing is broken, the reader only has to try again. Remix reports each loader and
// action error to handleError (app/entry.server.tsx) before it renders: the request is
// noted there, and the document or data response is replaced by this one.

const RETRY_AFTER_SECONDS = 5

const waitedTooLong = new WeakSet<object>()

/** True, and the request noted, when the error is the database being too busy. */
export function noteDatabaseBusy(error: unknown, request: Request, context: object): boolean {
  if (!isDatabaseBusy(error)) return false
  waitedTooLong.add(context)
  logger.warn(
    { method: request.method, path: loggablePath(new URL(request.url).pathname) },
    'database busy: answered 503',
  )
  return true
}

export const answersBusy = (context: object) => waitedTooLong.has(context)

/** The 503 page, in the reader's language; no script, no style: the server is short of time. */
export function busyResponse(page: PlainPage) {
  return new Response(plainPageHtml(page), {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    },
  })
}
