import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { linkPageMeta } from '~/components/link-pages'
import { WorkshopSummary } from '~/components/workshop-session'
import {
  giveBackFromLink,
  registrationView,
  requireRegistration,
} from '~/features/workshops/links.server'
import { registrationPath } from '~/features/workshops/paths'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// "Libérer votre place ?": the registration page's button leads here, and only this form
// gives the seat back (a page of its own: it works without JavaScript).

export async function loader({ params, request }: LoaderFunctionArgs) {
  const registration = await requireRegistration(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = await registrationView(registration, language, request, new Date())
  // Given back already, cancelled or started: the registration page says what is left.
  if (view.state !== 'REGISTERED' || !view.canGiveBack)
    throw redirect(registrationPath(params.token!))
  return { ...view, token: params.token!, title: t('publicWorkshops.registration.giveBackTitle') }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export async function action({ params, request }: ActionFunctionArgs) {
  const registration = await requireRegistration(params.token, request)
  const outcome = await giveBackFromLink(registration, new Date())
  const given = outcome.ok || outcome.reason === 'ALREADY_CANCELLED'
  return redirect(`${registrationPath(params.token!)}${given ? '?liberee=1' : ''}`, {
    status: 303,
  })
}

export default function GiveBackSeat() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page">
      <p className="back-link">
        <Link to={registrationPath(data.token)}>← {t('journey.back')}</Link>
      </p>
      <h1>{t('publicWorkshops.registration.giveBackTitle')}</h1>
      <WorkshopSummary
        session={data.session}
        withTopic
        person={data.helperName ? data.residentName : null}
        companions={data.companions}
      />
      <p>{t('publicWorkshops.registration.giveBackText')}</p>
      {data.companions.length > 0 ? (
        <p>
          {t('publicWorkshops.registration.giveBackCompanions', {
            names: data.companions.join(', '),
          })}
        </p>
      ) : null}
      {data.seriesDates.length > 1 ? (
        <p>{t('publicWorkshops.registration.giveBackSeries')}</p>
      ) : null}
      <Form method="post">
        <p className="button-row">
          <button type="submit" className="button-danger">
            {t('publicWorkshops.registration.giveBackConfirm')}
          </button>{' '}
          <Link to={registrationPath(data.token)} className="button button-secondary">
            {t('publicWorkshops.registration.keep')}
          </Link>
        </p>
      </Form>
    </div>
  )
}
