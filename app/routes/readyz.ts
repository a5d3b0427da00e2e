import { checkReadiness } from '~/platform/database/health.server'

// For orchestrators: send traffic only when the database answers and is migrated (decision
// 093). /healthz stays the liveness check.
export async function loader() {
  const readiness = await checkReadiness()
  return new Response(readiness.ready ? 'ready\n' : `not ready: ${readiness.reason}\n`, {
    status: readiness.ready ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
