import type express from 'express'
import { LRUCache } from 'lru-cache'

// The week of free times, as a whole page, for people without a session: under a rush,
// the same document for a few seconds, like its data (decisions 015 and 016). Route
// matching and rendering are then skipped too. Anything personal keys its own entry
// (the cookie and language headers are part of the key), a response that sets a cookie is
// never kept, and each copy carries the request's own CSP nonce.
const WEEK_PAGE = /^\/[^/]+\/rendez-vous\/[^/]+\/creneaux\/[^/]+$/
const TTL_MS = 3_000
const MAX_ENTRIES = 200

type Entry = { status: number; type: string; body: string; nonce: string }
// The Express entry and the Remix build each load this module: one cache for both, so a
// booking (in the build) forgets what the server (outside it) keeps.
const holder = globalThis as { __permanencePageCache?: LRUCache<string, Entry> }
const entries = (holder.__permanencePageCache ??= new LRUCache<string, Entry>({
  max: MAX_ENTRIES,
  ttl: TTL_MS,
}))

/** A booking on this instance: every kept page may offer the time just taken. */
export function forgetPages() {
  entries.clear()
}

export function weekPageCache(): express.RequestHandler {
  return (request, response, next) => {
    if (request.method !== 'GET' || !WEEK_PAGE.test(request.path)) return next()
    const key = [
      request.originalUrl,
      request.headers.cookie ?? '',
      request.headers['accept-language'] ?? '',
    ].join('\n')
    const nonce = String(response.locals.cspNonce ?? '')
    const hit = entries.get(key)
    if (hit && hit.nonce) {
      response.status(hit.status).type(hit.type)
      response.send(hit.body.split(hit.nonce).join(nonce))
      return
    }
    keepWhatIsSent(response, (status, type, body) => {
      entries.set(key, { status, type, body, nonce })
    })
    next()
  }
}

/** Collects the body as it is written; keeps it only for a plain 200 HTML page. */
function keepWhatIsSent(
  response: express.Response,
  keep: (status: number, type: string, body: string) => void,
) {
  const chunks: Buffer[] = []
  const write = response.write.bind(response)
  const end = response.end.bind(response)
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(
            chunk as string,
            (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding,
          ),
    )
  }
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0])
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof response.write
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0])
    const type = String(response.getHeader('content-type') ?? '')
    if (
      response.statusCode === 200 &&
      type.startsWith('text/html') &&
      !response.getHeader('set-cookie')
    )
      keep(response.statusCode, type, Buffer.concat(chunks).toString('utf8'))
    return (end as (...args: unknown[]) => express.Response)(chunk, ...rest)
  }) as typeof response.end
}
