import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { PhoneNumber } from '~/components/phone-number'
import { SiteDetails } from '~/components/site-details'
import { TopicGroups } from '~/components/topic-groups'
import { WorkshopCard } from '~/components/workshop-session'
import { findOrganisationHome } from '~/features/journey/organisations.server'
import { groupTopicsByTheme } from '~/domain/topics/grouping'
import { languageOf } from '~/i18n/i18n.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ params, request }: LoaderFunctionArgs) {
  const language = await languageOf(request)
  const organisation = await findOrganisationHome(
    params.organisationSlug ?? '',
    language,
    new Date(),
  )
  if (!organisation) throw new Response('Not found', { status: 404 })
  return { organisation, topicGroups: groupTopicsByTheme(organisation.topics) }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · Permanence` : 'Permanence' },
]

export default function OrganisationHome() {
  const { organisation, topicGroups } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const offersPhone = organisation.topics.some((topic) => topic.allowsPhone)
  return (
    <div className="page">
      <h1>{organisation.name}</h1>
      <p className="lead">{t('home.intro')}</p>
      <p className="button-row">
        <Link to={`/${organisation.slug}/rendez-vous`} className="button">
          {t('journey.start')}
        </Link>
        {organisation.workshops.length > 0 ? (
          <Link to={organisation.workshopsPath} className="button button-secondary">
            {t('publicWorkshops.title')}
          </Link>
        ) : null}
      </p>
      <p>
        {t('lostLink.lostQuestion')}{' '}
        <Link to={`/${organisation.slug}/lien-perdu`}>{t('lostLink.link')}</Link>
      </p>

      <section aria-labelledby="topics-title">
        <h2 id="topics-title">{t('organisation.topicsTitle')}</h2>
        <TopicGroups
          groups={topicGroups}
          headingLevel={3}
          renderTopic={(topic) => (
            <>
              <p className="card-title">{topic.name}</p>
              <p className="meta">
                {t('organisation.duration', { minutes: topic.durationMinutes })} ·{' '}
                {t(
                  topic.allowsInPerson && topic.allowsPhone
                    ? 'organisation.modes.inPersonAndPhone'
                    : topic.allowsPhone
                      ? 'organisation.modes.phone'
                      : 'organisation.modes.inPerson',
                )}
              </p>
              {topic.instructions ? (
                <p>{t('organisation.bring', { instructions: topic.instructions })}</p>
              ) : null}
            </>
          )}
        />
      </section>

      {organisation.workshops.length > 0 ? (
        <section aria-labelledby="workshops-title">
          <h2 id="workshops-title">{t('publicWorkshops.title')}</h2>
          <p>{t('publicWorkshops.homeIntro')}</p>
          <ul className="card-list">
            {organisation.workshops.map((session) => (
              <WorkshopCard key={session.id} session={session} heading="h3" withDay />
            ))}
          </ul>
          <p>
            <Link to={organisation.workshopsPath}>{t('publicWorkshops.seeAll')}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="sites-title">
        <h2 id="sites-title">{t('organisation.sitesTitle')}</h2>
        <p>{t('organisation.sitesIntro')}</p>
        <ul className="card-list">
          {organisation.sites.map((site) => (
            <li key={site.id} className="card">
              <h3 className="card-title">{site.name}</h3>
              <SiteDetails site={site} />
            </li>
          ))}
        </ul>
        {offersPhone ? <p>{t('organisation.phoneHelp')}</p> : null}
        {organisation.phone ? (
          <p>
            {t('organisation.callUs')} <PhoneNumber e164={organisation.phone} />
          </p>
        ) : null}
      </section>
    </div>
  )
}
