import { createDb, type Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import type { RunningApp, Served } from './server'

/** The running app's own database, to check what a request wrote (or did not). */
export function appDatabase(app: RunningApp): Db {
  return createDb(resolveDatabaseConfig(app.databaseUrl))
}

/** The first free slot's contact-step path for a demo topic at a demo site (or by phone). */
export async function firstSlotPath(
  app: Served,
  db: Db,
  topicName: string,
  place: 'site' | 'phone' = 'site',
) {
  const topic = await db.topic.findFirstOrThrow({ where: { name: topicName } })
  const site = await db.site.findFirstOrThrow({
    where: { name: 'Mairie de Saint-Julien-sur-Sorne' },
  })
  const placeSegment = place === 'phone' ? 'telephone' : site.id
  const response = await fetch(
    `${app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous/${topic.id}/creneaux/${placeSegment}`,
  )
  const html = await response.text()
  const match = /href="([^"]+\/coordonnees)"/.exec(html)
  if (!match) throw new Error(`No free slot on ${response.url}`)
  return { contactPath: match[1]!, topic, site }
}

/** Posts a form the way a browser without JavaScript does; returns the raw response. */
export function postForm(app: Served, path: string, fields: Record<string, string>, cookie = '') {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  })
}

/** The hidden fields of a page's form: what a browser posts along with what was typed. */
export const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [
      match[1]!,
      match[2]!,
    ]),
  )

/** Signs an advisor in through the form; returns the session cookie a browser would keep. */
export async function signIn(app: Served, email: string, password: string) {
  const response = await postForm(app, '/espace/connexion', { email, password })
  if (response.status !== 302) throw new Error(`Sign-in of ${email} answered ${response.status}`)
  return response.headers.get('set-cookie')!.split(';')[0]!
}

export const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')

/** Contact step then confirm, as a browser without JavaScript; returns the confirm response. */
export async function bookFirstFreeSlot(
  app: Served,
  db: Db,
  topicName: string,
  fields: Record<string, string>,
) {
  const { contactPath } = await firstSlotPath(app, db, topicName)
  const contact = await postForm(app, contactPath, {
    firstName: 'Jeanne',
    lastName: 'Essai',
    consent: 'on',
    ...fields,
  })
  if (contact.status !== 302) throw new Error(`The contact step answered ${contact.status}`)
  return postForm(app, contact.headers.get('location')!, {}, cookieOf(contact))
}
