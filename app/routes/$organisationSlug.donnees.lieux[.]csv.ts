import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedResponse } from '~/features/open-data/feeds.server'
import { db } from '~/platform/database/client.server'

// /<organisation>/donnees/lieux.csv: the organisation's published sites in LaMednum's
// standard of digital mediation places (decision 088). Public: no sign-in.
export const loader = ({ params }: LoaderFunctionArgs) =>
  feedResponse(db(), 'csv', params.organisationSlug ?? '')
