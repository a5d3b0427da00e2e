import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { JourneyHeader } from '~/components/journey'
import { listPublicTopics } from '~/db/journey.server'
import { groupTopicsByTheme } from '~/domain/topics/grouping'
import { fixedT } from '~/i18n/i18n.server'
import { requireOrganisation } from '~/server/journey.server'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const organisation = await requireOrganisation(params.organisationSlug)
  const t = await fixedT(request)
  const topics = await listPublicTopics(organisation.id)
  return { organisation, topicGroups: groupTopicsByTheme(topics), title: t('journey.topic.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function ChooseTopic() {
  const { organisation, topicGroups } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page">
      <JourneyHeader step={1} title={t('journey.topic.title')} backTo={`/${organisation.slug}`} />
      <p>{t('journey.topic.intro')}</p>
      {topicGroups.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`}>
          <h2 id={`group-${group.group}`}>
            {t(
              group.group === 'PROCEDURES'
                ? 'organisation.procedures'
                : 'organisation.digitalSkills',
            )}
          </h2>
          {group.themes.map((theme) => (
            <section key={theme.theme} aria-labelledby={`theme-${theme.theme}`}>
              <h3 id={`theme-${theme.theme}`}>{t(`theme.${theme.theme}`)}</h3>
              <ul className="card-list">
                {theme.topics.map((topic) => (
                  <li key={topic.id} className="card card-link">
                    <Link to={topic.id} className="card-title">
                      {topic.name}
                    </Link>
                    <p className="meta">
                      {t('organisation.duration', { minutes: topic.durationMinutes })}
                    </p>
                    {topic.instructions ? (
                      <p>{t('organisation.bring', { instructions: topic.instructions })}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </div>
  )
}
