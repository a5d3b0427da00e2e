import type { LoaderFunctionArgs } from '@remix-run/node'
import { residentExportFile } from '~/features/residents/rights.server'

// /espace/usagers/:residentId/donnees.json: everything held about the resident, as a file
// (right of access, decision 091). Audited; the file name holds the id only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return residentExportFile(request, params.residentId)
}
