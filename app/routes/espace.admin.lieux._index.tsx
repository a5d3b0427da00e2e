import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireAdmin } from '~/features/access/index.server'
import { listSites } from '~/features/admin/records.server'
import { AdminRecordsPage } from '~/features/admin/records-page'
import { db } from '~/platform/database/client.server'

// /espace/admin/lieux: the organisation's sites, active first.
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const sites = await listSites(db(), signedIn.actor.organisationId)
  return {
    title: t('workspace.admin.sites.title'),
    records: sites.map((site) => ({
      id: site.id,
      name: site.name,
      details: [`${site.address}, ${site.postalCode} ${site.city}`],
      active: site.active,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Sites() {
  const data = useLoaderData<typeof loader>()
  return <AdminRecordsPage section="sites" basePath="/espace/admin/lieux" {...data} />
}
