import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { legalPageOf } from '~/features/legal/index.server'
import { BackToOrganisation } from '~/components/back-to-organisation'
import { Given, OrganisationContact } from '~/features/legal/legal-parts'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// /<organisation>/mentions-legales: publisher, publication director and host (LCEN
// article 6), as the admin completed them (decision 092).
export async function loader({ params, request }: LoaderFunctionArgs) {
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const page = await legalPageOf(params.organisationSlug ?? '', language)
  if (!page) throw new Response('Not found', { status: 404 })
  return { ...page, title: t('legal.notice.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function LegalNotice() {
  const { organisation, publisher, publicationDirector, host, title } =
    useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const text = (key: string, values?: Record<string, unknown>) => t(`legal.notice.${key}`, values)
  return (
    <div className="page legal-page">
      <BackToOrganisation name={organisation.name} slug={organisation.slug} />
      <h1>{title}</h1>
      <h2>{text('publisherTitle')}</h2>
      <p>{text('publisher', { name: publisher.name })}</p>
      <p>
        {text('address')} <Given value={publisher.address} />
      </p>
      <p>
        {text('contact')} <OrganisationContact phone={publisher.phone} email={publisher.email} />
      </p>
      <h2>{text('directorTitle')}</h2>
      <p>
        <Given value={publicationDirector} />
      </p>
      <h2>{text('hostTitle')}</h2>
      <p>
        {text('host')} <Given value={host.name} />
      </p>
      <p>
        {text('hostAddress')} <Given value={host.address} />
      </p>
      <h2>{text('softwareTitle')}</h2>
      <p>{text('software')}</p>
    </div>
  )
}
