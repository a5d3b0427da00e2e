import pino from 'pino'

// JSON lines on stdout; LOG_LEVEL=silent in tests. Never log bodies, query strings or
// cookies: they may carry personal data.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  redact: { paths: ['req.headers', 'res.headers'], remove: true },
  base: undefined,
})

const OPAQUE_PATHS: [RegExp, string][] = [
  [/^\/r\/[^/]+/, '/r/:token'],
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
