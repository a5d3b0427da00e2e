import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { linkPageMeta } from '~/components/link-pages'
import { WorkshopSummary } from '~/components/workshop-session'
import {
  leaveFromLink,
  requireWaitlistEntry,
  waitlistView,
} from '~/features/workshops/links.server'
import { waitlistPath } from '~/features/workshops/paths'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// "Quitter la liste d'attente ?": only this form takes the place off the list, so one tap
// on the waiting-list page never does.

export async function loader({ params, request }: LoaderFunctionArgs) {
  const entry = await requireWaitlistEntry(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = await waitlistView(entry, language, request, new Date())
  if (view.state.kind !== 'WAITING' && view.state.kind !== 'OFFERED')
    throw redirect(waitlistPath(params.token!))
  return { ...view, token: params.token!, title: t('publicWorkshops.waitlist.leaveTitle') }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export async function action({ params, request }: ActionFunctionArgs) {
  const entry = await requireWaitlistEntry(params.token, request)
  await leaveFromLink(entry, new Date())
  return redirect(waitlistPath(params.token!), { status: 303 })
}

export default function LeaveWaitlist() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page">
      <p className="back-link">
        <Link to={waitlistPath(data.token)}>← {t('journey.back')}</Link>
      </p>
      <h1>{t('publicWorkshops.waitlist.leaveTitle')}</h1>
      <WorkshopSummary
        session={data.session}
        withTopic
        person={data.helperName ? data.residentName : null}
      />
      <p>{t('publicWorkshops.waitlist.leaveText')}</p>
      {data.state.kind === 'OFFERED' ? <p>{t('publicWorkshops.waitlist.leaveOffered')}</p> : null}
      <Form method="post">
        <p className="button-row">
          <button type="submit" className="button-danger">
            {t('publicWorkshops.waitlist.leaveConfirm')}
          </button>{' '}
          <Link to={waitlistPath(data.token)} className="button button-secondary">
            {t('publicWorkshops.waitlist.stay')}
          </Link>
        </p>
      </Form>
    </div>
  )
}
