import { config } from '~/platform/config/config.server'
import { languageOf } from './i18n.server'
import { resources } from './resources.server'
import type { Texts, Translations } from './translate'

// Texts of the advisor workspace and the dev pages, left out of public pages to keep them
// light; the demo banner's, left out in production.
const STAFF_SECTIONS = ['workspace', 'devOutbox']
const DEMO_SECTION = 'demo'
const STAFF_PATHS = /^\/(espace|dev)(\/|$)/
// The legal pages' long texts go only to those pages and to the admin's form for them.
const LEGAL_SECTION = 'legal'
const LEGAL_PATHS =
  /^\/([^/]+\/(vie-privee|mentions-legales|accessibilite)|espace\/admin\/mentions)\/?$/

const built = new Map<string, Texts>()

/** The texts a document needs: the reader's language, staff sections on staff pages only. */
export async function textsFor(request: Request): Promise<Texts> {
  const language = await languageOf(request)
  const { pathname } = new URL(request.url)
  const staff = STAFF_PATHS.test(pathname)
  const legal = LEGAL_PATHS.test(pathname)
  const key = `${language}:${staff ? 'staff' : 'public'}:${legal ? 'legal' : ''}`
  const known = built.get(key)
  if (known) return known
  const { demo } = config()
  const left = [
    ...(staff ? [] : STAFF_SECTIONS),
    ...(demo ? [] : [DEMO_SECTION]),
    ...(legal ? [] : [LEGAL_SECTION]),
  ]
  const all = resources[language].translation as Translations
  const translations = Object.fromEntries(
    Object.entries(all).filter(([section]) => !left.includes(section)),
  )
  const texts = { language, translations, demo, json: scriptSafe({ language, translations, demo }) }
  built.set(key, texts)
  return texts
}

/** JSON that cannot close its script element or break a line in old parsers. */
function scriptSafe(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</gu, '\\u003c')
    .replace(/\u2028/gu, '\\u2028')
    .replace(/\u2029/gu, '\\u2029')
}
