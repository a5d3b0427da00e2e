import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportDownload } from '~/features/exports/index.server'

// /espace/exports/fichier?kind=&format=&from=&to=[&siteId=][&advisorId=]: the export
// itself, streamed as it is read (decision 086). Checked again here: the URL can be typed.
export async function loader({ request }: LoaderFunctionArgs) {
  return exportDownload(request)
}
