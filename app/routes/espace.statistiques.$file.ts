import type { LoaderFunctionArgs } from '@remix-run/node'
import { statisticsCsv } from '~/features/statistics/page.server'

// /espace/statistiques/<table>.csv: one table of the page, with the page's filters.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  statisticsCsv(request, params.file)
