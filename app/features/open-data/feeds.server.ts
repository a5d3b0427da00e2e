import { stringify } from 'csv-stringify/sync'
import { csvRowOf, FIELD_NAMES } from '~/domain/open-data/standard'
import type { Db } from '~/platform/database/client.server'
import { publishedPlaces } from './places.server'

// The feeds' HTTP answers: public, readable from any web page (the national map and
// other aggregators fetch them from their servers or browsers), cached a few minutes.

export type FeedFormat = 'json' | 'csv'

const PUBLIC_HEADERS = {
  'Cache-Control': 'public, max-age=300',
  'Access-Control-Allow-Origin': '*',
}

const today = () => new Date().toISOString().slice(0, 10)

/** The feed of an organisation (404 when it does not exist) or, without a slug, of the instance. */
export async function feedResponse(db: Db, format: FeedFormat, organisationSlug?: string) {
  const places = await publishedPlaces(db, organisationSlug)
  if (!places) throw new Response('Not found', { status: 404 })
  if (format === 'json') {
    return Response.json(places, { headers: PUBLIC_HEADERS })
  }
  // The standard's file naming: date, then what it is of.
  const name = `${today().replaceAll('-', '')}_${organisationSlug ?? 'permanence'}_lieux-de-mediation-numerique.csv`
  return new Response(stringify([FIELD_NAMES, ...places.map(csvRowOf)]), {
    headers: {
      ...PUBLIC_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `inline; filename="${name}"`,
    },
  })
}
