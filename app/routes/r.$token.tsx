import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { PhoneNumber } from '~/components/phone-number'
import { SlotSummary } from '~/components/slot-summary'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { managedView, requireManagedAppointment } from '~/features/manage/pages.server'
import { cancelsByReply } from '~/features/notifications/index.server'
import { db } from '~/platform/database/client.server'
import { linkPageMeta } from '~/components/link-pages'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { AppointmentPreparation, BookAgain } from '~/features/manage/appointment-parts'
import { EarlierSlotChoice } from '~/features/manage/earlier-slot-choice'
import { alertStateOf } from '~/features/alerts/index.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// The resident's manage link: the confirmation right after booking, then the page to
// see, move or cancel. Cancelling is a step of its own (r.$token_.annuler.tsx).

/** The one notice the page opens with, if any: a change just made, or the state. */
function noticeOf(url: URL, state: ReturnType<typeof managedView>['state']) {
  if (state === 'CANCELLED') return url.searchParams.has('annule') ? 'cancelled' : 'statusCancelled'
  if (state === 'PAST') return 'statusPast'
  if (state === 'DONE') return 'statusDone'
  if (url.searchParams.has('nouveau')) return 'booked'
  if (url.searchParams.has('deplace')) return 'moved'
  if (url.searchParams.has('alerte')) return 'alertAsked'
  if (url.searchParams.has('alerte-arretee')) return 'alertStopped'
  // Someone moved it from another tab or device while this one was confirming.
  if (url.searchParams.has('deja-deplace')) return 'alreadyMoved'
  return null
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const now = new Date()
  const view = managedView(appointment, language, now)
  return {
    ...view,
    // Only residents whose SMS come from a number can cancel by replying.
    cancelsByReply: await cancelsByReply(db(), appointment.id),
    alert: view.canChange ? await alertStateOf(db(), appointment.id, now) : null,
    token: params.token!,
    notice: noticeOf(new URL(request.url), view.state),
    title: t('manage.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export default function ManageAppointment() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const justChanged = ['booked', 'moved', 'cancelled', 'alertAsked', 'alertStopped'].includes(
    data.notice ?? '',
  )
  const noticeText =
    data.notice === 'booked' && data.helperName
      ? t('manage.bookedFor', { name: data.residentName })
      : data.notice
        ? t(`manage.${data.notice}`)
        : null
  return (
    <div className="page">
      <h1>{t('manage.title')}</h1>
      {noticeText ? (
        <div
          className={justChanged ? 'notice notice-success' : 'notice'}
          role={justChanged ? 'status' : undefined}
        >
          <p>{noticeText}</p>
          {data.notice === 'booked' ? <p>{t('manage.bookedHint')}</p> : null}
        </div>
      ) : null}
      <SlotSummary
        topicName={data.topic.name}
        when={data.when}
        site={data.site}
        person={data.helperName ? data.residentName : null}
      />
      {data.parts.preparation ? <AppointmentPreparation view={data} /> : null}
      {data.parts.changes ? (
        <>
          <p className="actions">
            <a href={`/r/${data.token}/calendrier.ics`} download="rendez-vous.ics">
              {t('manage.ics')}
            </a>{' '}
            · <Link to={`/r/${data.token}/imprimer`}>{t('manage.print')}</Link>
          </p>
          <h2>{t('manage.howToCancel')}</h2>
          {data.canChange ? (
            <>
              <p>{t(data.cancelsByReply ? 'manage.howToCancelSms' : 'manage.howToCancelText')}</p>
              <p className="button-row">
                <Link to={`/r/${data.token}/deplacer`} className="button button-secondary">
                  {t('manage.move')}
                </Link>{' '}
                <Link to={`/r/${data.token}/annuler`} className="button button-danger">
                  {t('manage.cancel')}
                </Link>
              </p>
              {data.alert ? <EarlierSlotChoice token={data.token} alert={data.alert} /> : null}
            </>
          ) : (
            <p>
              {t('manage.tooLate')}{' '}
              {data.contactPhone ? <PhoneNumber e164={data.contactPhone} /> : null}
            </p>
          )}
        </>
      ) : null}
      {data.parts.bookAgain ? <BookAgain view={data} /> : null}
    </div>
  )
}
