import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireAdmin } from '~/features/access/index.server'
import { listTopics } from '~/features/admin/records.server'
import { AdminRecordsPage } from '~/features/admin/records-page'
import { db } from '~/platform/database/client.server'

// /espace/admin/motifs: the organisation's topics, active first.
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const topics = await listTopics(db(), signedIn.actor.organisationId)
  return {
    title: t('workspace.admin.topics.title'),
    records: topics.map((topic) => ({
      id: topic.id,
      name: topic.name,
      details: [
        t(`workspace.admin.topics.${topic.format}`),
        t(`theme.${topic.theme}`),
        t('workspace.admin.topics.duration', { minutes: topic.durationMinutes }),
      ],
      active: topic.active,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Topics() {
  const data = useLoaderData<typeof loader>()
  return <AdminRecordsPage section="topics" basePath="/espace/admin/motifs" {...data} />
}
