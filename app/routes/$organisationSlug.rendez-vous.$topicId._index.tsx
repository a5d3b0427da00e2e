import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { JourneyHeader } from '~/features/journey/journey-header'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { journeyPaths } from '~/features/journey/paths'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { topicInLanguage } from '~/domain/topics/language'
import { requireTopic } from '~/features/journey/lookups.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { organisation, topic } = await requireTopic(params)
  const paths = journeyPaths(organisation.slug, topic.id)
  // One mode only: nothing to choose, straight to the next step.
  if (!topic.allowsPhone) throw redirect(paths.sites)
  if (!topic.allowsInPerson) throw redirect(paths.slots(PHONE_PLACE))
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return {
    organisation,
    topic: topicInLanguage(topic, language),
    title: t('journey.mode.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function ChooseMode() {
  const { organisation, topic } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const paths = journeyPaths(organisation.slug, topic.id)
  return (
    <div className="page">
      <JourneyHeader step={2} title={t('journey.mode.title')} backTo={paths.topics} />
      <p className="meta">{topic.name}</p>
      <ul className="card-list">
        <li className="card card-link">
          <Link to={paths.sites} className="card-title">
            {t('journey.mode.inPerson')}
          </Link>
          <p>{t('journey.mode.inPersonHint')}</p>
        </li>
        <li className="card card-link">
          <Link to={paths.slots(PHONE_PLACE)} className="card-title">
            {t('journey.mode.phone')}
          </Link>
          <p>{t('journey.mode.phoneHint')}</p>
        </li>
      </ul>
    </div>
  )
}
