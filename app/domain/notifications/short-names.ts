// How an SMS names a site. A cut name ("Mairie...") says little; each site has a short
// name instead, set by admins or derived here from its name and town. Whole words only.

/** The longest short name: what every SMS template leaves room for. */
export const SITE_SHORT_NAME_MAX_LENGTH = 20

// Words a short name can do without ("Médiathèque de Montval" → "Médiathèque Montval").
const FILLERS = new Set('de du des la le les et à au aux en'.split(' '))

const fits = (text: string) => text.length <= SITE_SHORT_NAME_MAX_LENGTH
const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim()

/**
 * The name itself when short enough; else without small words; else the town; else the
 * first words (a hyphenated name counts part by part: "Mairie Saint-Julien").
 */
export function defaultSiteShortName(name: string, city: string): string {
  const full = oneLine(name)
  if (fits(full)) return full
  const compact = full
    .split(' ')
    .filter((word) => !FILLERS.has(word.toLowerCase()))
    .join(' ')
  if (fits(compact)) return compact
  const town = oneLine(city)
  if (town && fits(town)) return town
  return firstParts(compact)
}

function firstParts(text: string): string {
  const parts = text.match(/[ -]?[^ -]+/gu) ?? []
  let kept = ''
  for (const part of parts) {
    if (!fits(kept + part)) break
    kept += part
  }
  // Never end on a small word ("Saint-Julien-sur").
  const words = kept.split(/(?=[ -])/u)
  while (words.length > 1 && FILLERS.has(words.at(-1)!.slice(1).toLowerCase())) words.pop()
  return words.join('') || text.slice(0, SITE_SHORT_NAME_MAX_LENGTH)
}

/** The name SMS use: the admins' short name, or the derived one. */
export function siteShortName(site: {
  shortName?: string | null
  name: string
  city: string
}): string {
  const chosen = site.shortName ? oneLine(site.shortName) : ''
  return chosen || defaultSiteShortName(site.name, site.city)
}
