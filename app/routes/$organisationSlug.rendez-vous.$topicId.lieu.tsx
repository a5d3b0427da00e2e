import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { JourneyHeader } from '~/features/journey/journey-header'
import { journeyPaths } from '~/features/journey/paths'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { SiteDetails } from '~/components/site-details'
import { availability } from '~/features/schedule/index.server'
import { db } from '~/platform/database/client.server'
import { listActiveSites } from '~/features/journey/queries.server'
import { formatDay } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireTopic } from '~/features/journey/lookups.server'
import { topicInLanguage } from '~/domain/topics/language'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { organisation, topic } = await requireTopic(params)
  if (!topic.allowsInPerson)
    throw redirect(journeyPaths(organisation.slug, topic.id).slots(PHONE_PLACE))
  const [t, language, sites] = await Promise.all([
    fixedT(request),
    languageOf(request),
    listActiveSites(organisation.id),
  ])
  const now = new Date()
  const withNextDay = await Promise.all(
    sites.map(async (site) => {
      const finder = await availability(db(), {
        organisationId: organisation.id,
        topicId: topic.id,
        mode: 'IN_PERSON',
        siteId: site.id,
        now,
      })
      const first = await finder.first()
      const zone = site.timeZone ?? organisation.timeZone
      return { ...site, nextDay: first ? formatDay(first.start, zone, language) : null }
    }),
  )
  return {
    organisation,
    topic: topicInLanguage(topic, language),
    sites: withNextDay,
    title: t('journey.site.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function ChooseSite() {
  const { organisation, topic, sites } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const paths = journeyPaths(organisation.slug, topic.id)
  const backTo = topic.allowsPhone ? paths.mode : paths.topics
  return (
    <div className="page">
      <JourneyHeader step={3} title={t('journey.site.title')} backTo={backTo} />
      <p className="meta">{topic.name}</p>
      <ul className="card-list">
        {sites.map((site) => (
          <li key={site.id} className="card">
            <h2 className="card-title">{site.name}</h2>
            <SiteDetails site={site} />
            <p className="availability">
              {site.nextDay
                ? t('journey.site.nextDay', { day: site.nextDay })
                : t('journey.site.noSlot')}
            </p>
            {site.nextDay ? (
              <Link
                to={paths.slots(site.id)}
                className="button"
                aria-label={`${t('journey.site.choose')} : ${site.name}`}
              >
                {t('journey.site.choose')}
              </Link>
            ) : (
              <Link
                to={paths.alert(site.id)}
                aria-label={t('alerts.journey.linkLabel', { place: site.name })}
              >
                {t('alerts.journey.link')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
