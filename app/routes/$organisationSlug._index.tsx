import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PhoneNumber } from '~/components/phone-number'
import { findOrganisationHome } from '~/db/organisations.server'
import { groupTopicsByTheme } from '~/domain/topics/grouping'

export async function loader({ params }: LoaderFunctionArgs) {
  const organisation = await findOrganisationHome(params.organisationSlug ?? '')
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
      <p>
        <Link to={`/${organisation.slug}/rendez-vous`} className="button">
          {t('journey.start')}
        </Link>
      </p>

      <section aria-labelledby="topics-title">
        <h2 id="topics-title">{t('organisation.topicsTitle')}</h2>
        {topicGroups.map((group) => (
          <section key={group.group} aria-labelledby={`group-${group.group}`}>
            <h3 id={`group-${group.group}`}>
              {t(
                group.group === 'PROCEDURES'
                  ? 'organisation.procedures'
                  : 'organisation.digitalSkills',
              )}
            </h3>
            {group.themes.map((theme) => (
              <div key={theme.theme} className="theme">
                <h4>{t(`theme.${theme.theme}`)}</h4>
                <ul className="card-list">
                  {theme.topics.map((topic) => (
                    <li key={topic.id} className="card">
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
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </section>

      <section aria-labelledby="sites-title">
        <h2 id="sites-title">{t('organisation.sitesTitle')}</h2>
        <p>{t('organisation.sitesIntro')}</p>
        <ul className="card-list">
          {organisation.sites.map((site) => (
            <li key={site.id} className="card">
              <h3 className="card-title">{site.name}</h3>
              <address>
                {site.address}
                <br />
                {site.postalCode} {site.city}
              </address>
              {site.accessNotes ? (
                <p>{t('organisation.access', { notes: site.accessNotes })}</p>
              ) : null}
              {site.accessibilityNotes ? (
                <p>{t('organisation.accessibility', { notes: site.accessibilityNotes })}</p>
              ) : null}
            </li>
          ))}
        </ul>
        {offersPhone ? <p>{t('organisation.phoneHelp')}</p> : null}
        {organisation.phone ? (
          <p>
            {t('organisation.callUs')}
            <PhoneNumber e164={organisation.phone} />
          </p>
        ) : null}
      </section>
    </div>
  )
}
