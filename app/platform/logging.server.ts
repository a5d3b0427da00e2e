import pino, { type Logger } from 'pino'

// JSON lines on stdout. Never log bodies, query strings or cookies: they may carry personal
// data. One logger per process (the Remix build and the entry load this module separately);
// it is made before the configuration is read, so the entry point sets its level
// (LOG_LEVEL) once it has.
export const logger: Logger = ((
  globalThis as { __permanenceLogger?: Logger }
).__permanenceLogger ??= pino({
  level: 'info',
  redact: { paths: ['req.headers', 'res.headers'], remove: true },
  base: undefined,
}))

const OPAQUE_PATHS: [RegExp, string][] = [
  [/^\/r\/[^/]+/, '/r/:token'],
  [/^\/atelier\/[^/]+/, '/atelier/:token'],
  [/^\/attente\/[^/]+/, '/attente/:token'],
  [/^\/agenda\/[^/]+/, '/agenda/:token'],
  [/^\/espace\/mot-de-passe\/[^/]+/, '/espace/mot-de-passe/:token'],
  [/^\/espace\/invitation\/[^/]+/, '/espace/invitation/:token'],
]

/** The path as it may be logged: no query string, tokens replaced by a placeholder. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '/'
  return OPAQUE_PATHS.reduce(
    (result, [pattern, placeholder]) => result.replace(pattern, placeholder),
    path,
  )
}
