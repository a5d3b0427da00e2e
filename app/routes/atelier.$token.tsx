import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { linkPageMeta } from '~/components/link-pages'
import { PhoneNumber } from '~/components/phone-number'
import { WorkshopSummary, SeriesDates } from '~/components/workshop-session'
import { registrationView, requireRegistration } from '~/features/workshops/links.server'
import { giveBackPath, registrationPath, workshopPaths } from '~/features/workshops/paths'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { config } from '~/platform/config/config.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// A workshop registration's link: the confirmation right after registering (or taking an
// offered seat), then the page to see the seat and give it back. Giving it back is a step
// of its own (atelier.$token_.liberer.tsx), so one tap never does.

type State = Awaited<ReturnType<typeof registrationView>>['state']

/** The one notice the page opens with, if any: a change just made, or the state. */
function noticeOf(url: URL, state: State) {
  if (state === 'GIVEN_BACK')
    return url.searchParams.has('liberee') ? 'givenBack' : 'statusGivenBack'
  if (state === 'SESSION_CANCELLED') return 'statusCancelled'
  if (state === 'PAST') return 'statusPast'
  if (url.searchParams.has('nouveau')) return 'registered'
  return null
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const registration = await requireRegistration(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = await registrationView(registration, language, request, new Date())
  return {
    ...view,
    token: params.token!,
    notice: noticeOf(new URL(request.url), view.state),
    link: `${config().publicUrl}${registrationPath(params.token!)}`,
    workshopsPath: workshopPaths(view.organisation.slug).list(),
    title: t('publicWorkshops.registration.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export default function WorkshopRegistration() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const justChanged = data.notice === 'registered' || data.notice === 'givenBack'
  const noticeText =
    data.notice === 'registered' && data.helperName
      ? t('publicWorkshops.registration.registeredFor', { name: data.residentName })
      : data.notice
        ? t(`publicWorkshops.registration.${data.notice}`)
        : null
  return (
    <div className="page">
      <h1>{t('publicWorkshops.registration.title')}</h1>
      {noticeText ? (
        <div
          className={justChanged ? 'notice notice-success' : 'notice'}
          role={justChanged ? 'status' : undefined}
        >
          <p>{noticeText}</p>
          {data.notice === 'registered' ? (
            <>
              <p>{t('publicWorkshops.registration.keepLink')}</p>
              <p>
                {t('publicWorkshops.registration.link')}{' '}
                <a href={data.link} className="workshop-link">
                  {data.link}
                </a>
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <WorkshopSummary
        session={data.session}
        withTopic
        person={data.helperName ? data.residentName : null}
        companions={data.state === 'GIVEN_BACK' ? [] : data.companions}
      />
      {data.state === 'REGISTERED' && data.seriesDates.length > 1 ? (
        <section aria-labelledby="series-title">
          <h2 id="series-title">{t('publicWorkshops.registration.seriesTitle')}</h2>
          <SeriesDates dates={data.seriesDates} />
        </section>
      ) : null}
      {data.state === 'REGISTERED' ? (
        <section aria-labelledby="give-back-title">
          <h2 id="give-back-title">{t('publicWorkshops.registration.cantComeTitle')}</h2>
          {data.canGiveBack ? (
            <>
              <p>{t('publicWorkshops.registration.cantComeText')}</p>
              <p className="button-row">
                <Link to={giveBackPath(data.token)} className="button button-danger">
                  {t('publicWorkshops.registration.giveBack')}
                </Link>
              </p>
            </>
          ) : (
            <p>{t('publicWorkshops.registration.tooLate')}</p>
          )}
          {data.organisation.phone ? (
            <p>
              {t('publicWorkshops.registration.callUs')}{' '}
              <PhoneNumber e164={data.organisation.phone} />
            </p>
          ) : null}
        </section>
      ) : (
        <p>
          <Link to={data.workshopsPath}>{t('publicWorkshops.registration.otherWorkshops')}</Link>
        </p>
      )}
    </div>
  )
}
