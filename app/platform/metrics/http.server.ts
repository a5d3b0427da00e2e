import { createHash, timingSafeEqual } from 'node:crypto'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'
import { LRUCache } from 'lru-cache'
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'
import { registerActivityMetrics } from './activity.server'
import { registerOperationsMetrics } from './operations.server'

// GET /metrics for Prometheus (decision 093). Requests are labelled by the Remix route id
// that answered (routes/r.$token), never by their URL: paths carry manage-link tokens.

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

type BuildRoute = ServerBuild['routes'][string]

function routeTree(routes: BuildRoute[], parentId?: string): AgnosticRouteObject[] {
  return routes
    .filter((route) => route.parentId === parentId)
    .map((route) =>
      route.index
        ? { id: route.id, path: route.path, index: true, caseSensitive: route.caseSensitive }
        : {
            id: route.id,
            path: route.path,
            caseSensitive: route.caseSensitive,
            children: routeTree(routes, route.id),
          },
    )
}

// Paths whose label is remembered: matchRoutes flattens and ranks the whole route tree on
// each call, which took a fifth of /healthz's time in a profile (Remix matches once more).
const LABELLED_PATHS = 10_000

/** The label of a request: its route's id, or what served it outside Remix. */
function routeLabeller(build: ServerBuild) {
  const tree = routeTree(Object.values(build.routes))
  const labels = new LRUCache<string, string>({ max: LABELLED_PATHS })
  return (path: string) => {
    if (path.startsWith('/build/')) return 'static'
    if (path === '/metrics') return 'metrics'
    const known = labels.get(path)
    if (known) return known
    const label = matchRoutes(tree, path)?.at(-1)?.route.id ?? 'unmatched'
    labels.set(path, label)
    return label
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest()

export function createMetrics(build: ServerBuild, token: string | null) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  registerOperationsMetrics(registry)
  registerActivityMetrics(registry)
  const requests = new Counter({
    name: 'permanence_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  })
  const durations = new Histogram({
    name: 'permanence_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const labelOf = routeLabeller(build)

  const measure: express.RequestHandler = (request, response, next) => {
    const started = performance.now()
    response.once('finish', () => {
      const method = METHODS.has(request.method) ? request.method : 'other'
      const route = labelOf(request.path)
      requests.inc({ method, route, status: String(response.statusCode) })
      durations.observe({ method, route }, (performance.now() - started) / 1000)
    })
    next()
  }

  // Without a token, or with another one, /metrics does not exist: nothing tells a prober
  // there is something to guess. The comparison takes the same time whatever the guess.
  const expected = token ? digest(token) : null
  const serve: express.RequestHandler = (request, response, next) => {
    const given = /^Bearer (.+)$/u.exec(request.get('authorization') ?? '')?.[1]
    if (!expected || !given || !timingSafeEqual(digest(given), expected)) return next()
    registry
      .metrics()
      .then((text) => {
        response.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store')
        response.send(text)
      })
      .catch(() => {
        response.status(503).type('text/plain').send('metrics unavailable: database unreachable\n')
      })
  }

  return { measure, serve }
}
