import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { db } from '~/platform/database/client.server'
import { listTopics } from '~/features/admin/records.server'
import { useTranslation } from '~/i18n/use-translation'
import { requireAdmin } from '~/features/access/index.server'

// /espace/admin/motifs: the organisation's topics, active first.
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const topics = await listTopics(db(), signedIn.actor.organisationId)
  return {
    title: t('workspace.admin.topics.title'),
    topics: topics.map((topic) => ({
      id: topic.id,
      name: topic.name,
      theme: topic.theme,
      duration: topic.durationMinutes,
      active: topic.active,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Topics() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{t('workspace.admin.topics.intro')}</p>
      <p>
        <Link to="/espace/admin/motifs/nouveau">{t('workspace.admin.topics.new')}</Link>
      </p>
      {data.topics.length === 0 ? <p>{t('workspace.admin.topics.empty')}</p> : null}
      <ul className="admin-list">
        {data.topics.map((topic) => (
          <li key={topic.id}>
            <Link to={`/espace/admin/motifs/${topic.id}`}>{topic.name}</Link> ·{' '}
            {t(`theme.${topic.theme}`)} ·{' '}
            {t('workspace.admin.topics.duration', { minutes: topic.duration })} ·{' '}
            {topic.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}
          </li>
        ))}
      </ul>
    </div>
  )
}
