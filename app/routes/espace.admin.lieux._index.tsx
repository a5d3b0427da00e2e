import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { db } from '~/platform/database/client.server'
import { listSites } from '~/features/admin/records.server'
import { useTranslation } from '~/i18n/use-translation'
import { requireAdmin } from '~/features/access/index.server'

// /espace/admin/lieux: the organisation's sites, active first.
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const sites = await listSites(db(), signedIn.actor.organisationId)
  return {
    title: t('workspace.admin.sites.title'),
    sites: sites.map((site) => ({
      id: site.id,
      name: site.name,
      place: `${site.address}, ${site.postalCode} ${site.city}`,
      active: site.active,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Sites() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{t('workspace.admin.sites.intro')}</p>
      <p>
        <Link to="/espace/admin/lieux/nouveau">{t('workspace.admin.sites.new')}</Link>
      </p>
      {data.sites.length === 0 ? <p>{t('workspace.admin.sites.empty')}</p> : null}
      <ul className="admin-list">
        {data.sites.map((site) => (
          <li key={site.id}>
            <Link to={`/espace/admin/lieux/${site.id}`}>{site.name}</Link> · {site.place} ·{' '}
            {site.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}
          </li>
        ))}
      </ul>
    </div>
  )
}
