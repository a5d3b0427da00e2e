import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { linkPageMeta } from '~/components/link-pages'
import { WorkshopSummary } from '~/components/workshop-session'
import {
  requireWaitlistEntry,
  takeOfferedSeat,
  waitlistView,
} from '~/features/workshops/links.server'
import { leaveWaitlistPath, registrationPath, workshopPaths } from '~/features/workshops/paths'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// A place on a workshop's waiting list: where it stands, and when a seat is held for this
// person, "Je prends la place" (the held seat becomes their registration). Leaving the
// list is confirmed on a page of its own (attente.$token_.quitter.tsx).

export async function loader({ params, request }: LoaderFunctionArgs) {
  const entry = await requireWaitlistEntry(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = await waitlistView(entry, language, request, new Date())
  const url = new URL(request.url)
  return {
    ...view,
    token: params.token!,
    joined: url.searchParams.has('nouveau') && view.state.kind === 'WAITING',
    workshopsPath: workshopPaths(view.organisation.slug).list(),
    title: t('publicWorkshops.waitlist.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: page, error }) =>
  linkPageMeta(page, error)

export const ErrorBoundary = LinkNotFoundBoundary

export async function action({ params, request }: ActionFunctionArgs) {
  const entry = await requireWaitlistEntry(params.token, request)
  const outcome = await takeOfferedSeat(entry, new Date())
  if (outcome.ok) return redirect(`${registrationPath(outcome.token)}?nouveau=1`, { status: 303 })
  return data({ refusal: outcome.reason }, { status: 409 })
}

export default function WaitlistPlace() {
  const page = useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>()
  const { t } = useTranslation()
  const { state } = page
  return (
    <div className="page">
      <h1>{t('publicWorkshops.waitlist.title')}</h1>
      {answered ? (
        <div className="error-summary" role="alert">
          <p>
            {t(
              answered.refusal === 'EXPIRED'
                ? 'publicWorkshops.waitlist.expired'
                : 'publicWorkshops.waitlist.closed',
            )}
          </p>
        </div>
      ) : null}
      {state.kind === 'WAITING' ? (
        <div
          className={page.joined ? 'notice notice-success' : 'notice'}
          role={page.joined ? 'status' : undefined}
        >
          <p>
            {!page.joined
              ? t('publicWorkshops.waitlist.waiting')
              : page.helperName
                ? t('publicWorkshops.waitlist.joinedFor', { name: page.residentName })
                : t('publicWorkshops.waitlist.joined')}
          </p>
          <p>{t('publicWorkshops.waitlist.position', { position: state.position })}</p>
          {page.joined ? <p>{t('publicWorkshops.waitlist.keepLink')}</p> : null}
        </div>
      ) : state.kind === 'OFFERED' ? (
        <div className="notice notice-success">
          <p className="card-title">{t('publicWorkshops.waitlist.offered')}</p>
          <p>
            {state.until
              ? t('publicWorkshops.waitlist.offeredUntil', { when: state.until })
              : t('publicWorkshops.waitlist.offeredSoon')}
          </p>
        </div>
      ) : answered ? null : (
        <div className="notice">
          <p>
            {state.kind === 'REGISTERED'
              ? t('publicWorkshops.waitlist.registered')
              : t(`publicWorkshops.waitlist.${state.kind.toLowerCase()}`)}
          </p>
        </div>
      )}
      <WorkshopSummary
        session={page.session}
        withTopic
        person={page.helperName ? page.residentName : null}
      />
      {state.kind === 'OFFERED' ? (
        <Form method="post">
          <p className="button-row">
            <button type="submit">{t('publicWorkshops.waitlist.take')}</button>
          </p>
        </Form>
      ) : null}
      {state.kind === 'REGISTERED' ? (
        <p>
          <Link to={registrationPath(state.registrationToken)} className="button">
            {t('publicWorkshops.waitlist.seeRegistration')}
          </Link>
        </p>
      ) : null}
      {state.kind === 'WAITING' || state.kind === 'OFFERED' ? (
        <p>
          <Link to={leaveWaitlistPath(page.token)} className="button button-secondary">
            {t('publicWorkshops.waitlist.leave')}
          </Link>
        </p>
      ) : null}
      {state.kind === 'EXPIRED' || state.kind === 'LEFT' ? (
        <p>
          <Link to={page.session.path}>{page.session.topicName}</Link> ·{' '}
          <Link to={page.workshopsPath}>{t('publicWorkshops.registration.otherWorkshops')}</Link>
        </p>
      ) : null}
    </div>
  )
}
