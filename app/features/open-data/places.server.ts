import { journeyPaths } from '~/features/journey/paths'
import { RULE_ROW_SELECT, ruleOfRow } from '~/features/schedule/index.server'
import { placeOf, unpublishedReason, type UnpublishedReason } from '~/domain/open-data/places'
import type { HoursRule } from '~/domain/open-data/opening-hours'
import type { Place } from '~/domain/open-data/standard'
import { topicCoopThemes, type CoopTheme } from '~/domain/reports/coop'
import { formatLocalDate } from '~/domain/scheduling/calendar'
import { localDay } from '~/domain/scheduling/zone'
import { config } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'

// The sites of one organisation, or of every one, as places of LaMednum's standard
// (decision 088): the feeds list those with no reason to be left out.

export type SitePublication = {
  siteId: string
  reason: UnpublishedReason | null
  place: Place | null
}

type Rule = HoursRule & {
  advisorId: string
  siteId: string
  topicIds: readonly string[]
  updatedAt: Date
}

// The slot engine's columns of a rule, and when it last changed (the feed's date_maj).
const ruleSelect = { ...RULE_ROW_SELECT, updatedAt: true } as const

/** The rules of active advisors at active sites that are in effect today, by organisation. */
async function rulesInEffect(db: Db, organisations: { id: string; timeZone: string }[]) {
  const stored = await db.openingRule.findMany({
    where: {
      advisor: { active: true },
      site: { active: true, organisationId: { in: organisations.map((o) => o.id) } },
    },
    select: { ...ruleSelect, site: { select: { organisationId: true } } },
  })
  const today = new Map(
    organisations.map((o) => [o.id, formatLocalDate(localDay(Date.now(), o.timeZone))]),
  )
  const byOrganisation = new Map<string, Rule[]>()
  for (const rule of stored) {
    const day = today.get(rule.site!.organisationId)!
    if (rule.validFrom > day || (rule.validUntil !== null && rule.validUntil < day)) continue
    const rules = byOrganisation.get(rule.site!.organisationId) ?? []
    rules.push({ ...ruleOfRow(rule), siteId: rule.siteId!, updatedAt: rule.updatedAt })
    byOrganisation.set(rule.site!.organisationId, rules)
  }
  return byOrganisation
}

const later = (a: Date, b: Date) => (a > b ? a : b)

const findOrganisations = (db: Db, where: { slug?: string; id?: string }) =>
  db.organisation.findMany({
    where,
    orderBy: { slug: 'asc' },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      pivot: true,
      phone: true,
      email: true,
      timeZone: true,
      sites: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
      topics: {
        where: { active: true, isPublic: true },
        select: { id: true, theme: true, coopThemes: true, allowsPhone: true },
      },
    },
  })

type Organisation = Awaited<ReturnType<typeof findOrganisations>>[number]
type Site = Organisation['sites'][number]

/** La Coop's themes of the topics served at a site's rules. */
function siteThemes(organisation: Organisation, siteRules: readonly Rule[]): CoopTheme[] {
  // A rule without topics serves every topic; a site without rules, what the organisation offers.
  const everyTopic = siteRules.length === 0 || siteRules.some((rule) => rule.topicIds.length === 0)
  const served = new Set(siteRules.flatMap((rule) => rule.topicIds))
  const topics = organisation.topics.filter((topic) => everyTopic || served.has(topic.id))
  return [...new Set(topics.flatMap((topic) => topicCoopThemes(topic)))]
}

/** The sites where each advisor holds hours in effect. */
function sitesByAdvisor(rules: readonly Rule[]): Map<string, Set<string>> {
  const sites = new Map<string, Set<string>>()
  for (const rule of rules) {
    sites.set(rule.advisorId, (sites.get(rule.advisorId) ?? new Set()).add(rule.siteId))
  }
  return sites
}

type Context = {
  organisation: Organisation
  rules: readonly Rule[]
  advisorSites: Map<string, Set<string>>
}

function publicationOf(
  { organisation, rules, advisorSites }: Context,
  site: Site,
): SitePublication {
  const siteRules = rules.filter((rule) => rule.siteId === site.id)
  const themes = siteThemes(organisation, siteRules)
  const pivot = site.pivot ?? organisation.pivot
  const reason = unpublishedReason({ ...site, pivot, themes })
  if (reason) return { siteId: site.id, reason, place: null }
  const updatedAt = siteRules.reduce((last, rule) => later(last, rule.updatedAt), site.updatedAt)
  const place = placeOf({
    siteId: site.id,
    name: site.name,
    address: site.address,
    postalCode: site.postalCode,
    city: site.city,
    inseeCode: site.inseeCode,
    latitude: site.latitude,
    longitude: site.longitude,
    phone: site.phone ?? organisation.phone,
    email: organisation.email,
    pivot,
    organisationName: organisation.name,
    franceServices: organisation.kind === 'FRANCE_SERVICES',
    rules: siteRules,
    themes,
    phoneAppointments: organisation.topics.some((topic) => topic.allowsPhone),
    itinerant: siteRules.some((rule) => advisorSites.get(rule.advisorId)!.size > 1),
    updatedOn: formatLocalDate(
      localDay(updatedAt.getTime(), site.timeZone ?? organisation.timeZone),
    ),
    bookingUrl: `${config().publicUrl}${journeyPaths(organisation.slug).topics}`,
  })
  return { siteId: site.id, reason: null, place }
}

/** Every site of the organisations matched, published or not, with why not. */
export async function sitePublications(
  db: Db,
  where: { slug?: string; id?: string },
): Promise<{ slug: string; sites: SitePublication[] }[]> {
  const organisations = await findOrganisations(db, where)
  const rules = await rulesInEffect(db, organisations)
  return organisations.map((organisation) => {
    const organisationRules = rules.get(organisation.id) ?? []
    const context = {
      organisation,
      rules: organisationRules,
      advisorSites: sitesByAdvisor(organisationRules),
    }
    return {
      slug: organisation.slug,
      sites: organisation.sites.map((site) => publicationOf(context, site)),
    }
  })
}

/** The published places of an organisation (null: no such organisation) or of the instance. */
export async function publishedPlaces(db: Db, organisationSlug?: string): Promise<Place[] | null> {
  const organisations = await sitePublications(
    db,
    organisationSlug === undefined ? {} : { slug: organisationSlug },
  )
  if (organisationSlug !== undefined && organisations.length === 0) return null
  return organisations.flatMap((organisation) =>
    organisation.sites.flatMap((site) => (site.place ? [site.place] : [])),
  )
}
