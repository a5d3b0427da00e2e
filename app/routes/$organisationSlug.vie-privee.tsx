import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { legalPageOf } from '~/features/legal/index.server'
import { BackToOrganisation } from '~/components/back-to-organisation'
import { Given, OrganisationContact } from '~/features/legal/legal-parts'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// /<organisation>/vie-privee: the privacy notice (RGPD articles 13 and 14), from what the
// admin completed and the retention periods in force (decision 092).
export async function loader({ params, request }: LoaderFunctionArgs) {
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const page = await legalPageOf(params.organisationSlug ?? '', language)
  if (!page) throw new Response('Not found', { status: 404 })
  return { ...page, title: t('legal.privacy.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function PrivacyNotice() {
  const { organisation, publisher, dpoContact, host, retention, title } =
    useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const text = (key: string, values?: Record<string, unknown>) => t(`legal.privacy.${key}`, values)
  return (
    <div className="page legal-page">
      <BackToOrganisation name={organisation.name} slug={organisation.slug} />
      <h1>{title}</h1>
      <p className="lead">{text('intro', { organisation: organisation.name })}</p>

      <h2>{text('controllerTitle')}</h2>
      <p>{text('controller', { name: publisher.name })}</p>
      <p>
        {text('address')} <Given value={publisher.address} />
      </p>
      <p>
        {text('contactLine')}{' '}
        <OrganisationContact phone={publisher.phone} email={publisher.email} />
      </p>
      <p>
        {text('dpo')} <Given value={dpoContact} />
      </p>
      <p>{text('processor', { name: host.name ?? t('legal.notGiven') })}</p>

      <h2>{text('dataTitle')}</h2>
      <p>{text('data')}</p>
      <h2>{text('purposesTitle')}</h2>
      <p>{text('purposes')}</p>
      <h2>{text('basisTitle')}</h2>
      <p>{text('basis')}</p>
      <h2>{text('recipientsTitle')}</h2>
      <p>{text('recipients')}</p>

      <h2>{text('retentionTitle')}</h2>
      <ul>
        <li>{text('retentionAppointments', { months: retention.appointments })}</li>
        <li>{text('retentionMessages', { months: retention.messages })}</li>
        <li>{text('retentionAudit', { months: retention.audit })}</li>
        <li>{text('retentionResidents', { months: retention.residents })}</li>
      </ul>
      <p>{text('retentionAfter')}</p>

      <h2>{text('rightsTitle')}</h2>
      <p>{text('rights')}</p>
      <p>
        {text('rightsLink')}{' '}
        <Link to={`/${organisation.slug}/lien-perdu`}>{t('lostLink.link')}</Link>
      </p>

      <h2>{text('cnilTitle')}</h2>
      <p>
        {text('cnil')} <a href="https://www.cnil.fr/fr/plaintes">{text('cnilLink')}</a>
      </p>
    </div>
  )
}
