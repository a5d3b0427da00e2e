import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { listOrganisations } from '~/features/journey/organisations.server'
import { fixedT } from '~/i18n/i18n.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ request }: { request: Request }) {
  const t = await fixedT(request)
  return { organisations: await listOrganisations(), title: t('home.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? 'Permanence' },
]

export default function Home() {
  const { organisations } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <h2>{t('home.organisations')}</h2>
      {organisations.length === 0 ? (
        <p>{t('home.none')}</p>
      ) : (
        <ul className="card-list">
          {organisations.map((organisation) => (
            <li key={organisation.slug} className="card">
              <Link to={`/${organisation.slug}`}>{organisation.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
