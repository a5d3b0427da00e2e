import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { JourneyHeader } from '~/features/journey/journey-header'
import { TopicGroups } from '~/components/topic-groups'
import { listPublicTopics } from '~/features/journey/queries.server'
import { groupTopicsByTheme } from '~/domain/topics/grouping'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireOrganisation } from '~/features/journey/lookups.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ params, request }: LoaderFunctionArgs) {
  const organisation = await requireOrganisation(params.organisationSlug)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const topics = await listPublicTopics(organisation.id, language)
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
      <TopicGroups
        groups={topicGroups}
        headingLevel={2}
        renderTopic={(topic) => (
          <>
            <Link to={topic.id} className="card-title">
              {topic.name}
            </Link>
            <p className="meta">{t('organisation.duration', { minutes: topic.durationMinutes })}</p>
            {topic.instructions ? (
              <p>{t('organisation.bring', { instructions: topic.instructions })}</p>
            ) : null}
          </>
        )}
      />
    </div>
  )
}
