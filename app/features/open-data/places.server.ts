import { journeyPaths } from '~/features/journey/paths'
import { ruleOfRow } from '~/features/schedule/index.server'
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

const ruleSelect = {
  id: true,
  advisorId: true,
  siteId: true,
  weekdays: true,
  startTime: true,
  endTime: true,
  everyNWeeks: true,
  validFrom: true,
  validUntil: true,
  updatedAt: true,
  topics: { select: { topicId: true } },
} as const

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

/** Every site of the organisations matched, published or not, with why not. */
export async function sitePublications(
  db: Db,
  where: { slug?: string; id?: string },
): Promise<{ slug: string; sites: SitePublication[] }[]> {
  const organisations = await db.organisation.findMany({
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
  const rules = await rulesInEffect(db, organisations)
  return organisations.map((organisation) => {
    const organisationRules = rules.get(organisation.id) ?? []
    const sitesOfAdvisor = new Map<string, Set<string>>()
    for (const rule of organisationRules) {
      sitesOfAdvisor.set(
        rule.advisorId,
        (sitesOfAdvisor.get(rule.advisorId) ?? new Set()).add(rule.siteId),
      )
    }
    const themesOf = (topicIds: Set<string> | null): CoopTheme[] => [
      ...new Set(
        organisation.topics
          .filter((topic) => topicIds === null || topicIds.has(topic.id))
          .flatMap((topic) => topicCoopThemes(topic)),
      ),
    ]
    const bookingUrl = `${config().publicUrl}${journeyPaths(organisation.slug).topics}`
    const sites = organisation.sites.map((site): SitePublication => {
      const siteRules = organisationRules.filter((rule) => rule.siteId === site.id)
      // A rule without topics serves every topic; a site without rules, what the organisation offers.
      const served =
        siteRules.length === 0 || siteRules.some((rule) => rule.topicIds.length === 0)
          ? null
          : new Set(siteRules.flatMap((rule) => rule.topicIds))
      const themes = themesOf(served)
      const pivot = site.pivot ?? organisation.pivot
      const reason = unpublishedReason({ ...site, pivot, themes })
      if (reason) return { siteId: site.id, reason, place: null }
      const updatedAt = siteRules.reduce(
        (last, rule) => later(last, rule.updatedAt),
        site.updatedAt,
      )
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
        itinerant: siteRules.some((rule) => sitesOfAdvisor.get(rule.advisorId)!.size > 1),
        updatedOn: formatLocalDate(
          localDay(updatedAt.getTime(), site.timeZone ?? organisation.timeZone),
        ),
        bookingUrl,
      })
      return { siteId: site.id, reason: null, place }
    })
    return { slug: organisation.slug, sites }
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
