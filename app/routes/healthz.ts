import { checkDatabase } from '~/platform/database/health.server'

// For load balancers and operators: 200 when the database answers, 503 otherwise.
export async function loader() {
  const health = await checkDatabase()
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
