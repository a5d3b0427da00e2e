import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditLogFile } from '~/features/admin/audit-log.server'

// /espace/admin/journal/fichier?du=&au=&conseiller=&usager=&action=: the filtered audit log
// as CSV, streamed and itself audited (decision 091).
export async function loader({ request }: LoaderFunctionArgs) {
  return auditLogFile(request)
}
