import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { legalPageOf } from '~/features/legal/index.server'
import { BackToOrganisation } from '~/components/back-to-organisation'
import { OrganisationContact } from '~/features/legal/legal-parts'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// /<organisation>/accessibilite: the RGAA accessibility statement (article 47 of the 2005
// law): status as the admin sets it (non conforme until audited), the automated checks,
// known issues, a contact and the Défenseur des droits (decision 092).
export async function loader({ params, request }: LoaderFunctionArgs) {
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const page = await legalPageOf(params.organisationSlug ?? '', language)
  if (!page) throw new Response('Not found', { status: 404 })
  return { ...page, title: t('legal.accessibility.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function AccessibilityStatement() {
  const { organisation, publisher, accessibility, title } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const text = (key: string, values?: Record<string, unknown>) =>
    t(`legal.accessibility.${key}`, values)
  return (
    <div className="page legal-page">
      <BackToOrganisation name={organisation.name} slug={organisation.slug} />
      <h1>{title}</h1>
      <p className="lead">{text('intro', { organisation: publisher.name })}</p>
      <h2>{text('statusTitle')}</h2>
      <p>
        <strong>{text(`status.${accessibility.status}`)}</strong>
      </p>
      <h2>{text('checksTitle')}</h2>
      <p>{text('checks')}</p>
      {accessibility.checkedOn ? (
        <p>{text('checkedOn', { date: accessibility.checkedOn })}</p>
      ) : null}
      <h2>{text('issuesTitle')}</h2>
      <p className="preserve-lines">{accessibility.knownIssues ?? text('issuesDefault')}</p>
      <h2>{text('contactTitle')}</h2>
      <p>
        {text('contact')}{' '}
        {accessibility.contact ? (
          accessibility.contact
        ) : (
          <OrganisationContact phone={publisher.phone} email={publisher.email} />
        )}
      </p>
      <h2>{text('remedyTitle')}</h2>
      <p>{text('remedy')}</p>
      <p>
        <a href="https://formulaire.defenseurdesdroits.fr/">{text('remedyLink')}</a>
      </p>
    </div>
  )
}
