import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { PhoneNumber } from '~/components/phone-number'
import { PrintButton } from '~/components/print-button'
import { SlotSummary } from '~/components/slot-summary'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { managedView, requireManagedAppointment } from '~/features/manage/pages.server'
import { linkPageMeta } from '~/components/link-pages'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { AppointmentPreparation } from '~/features/manage/appointment-parts'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// A small page that prints on one sheet: the appointment slip a resident keeps.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return {
    ...managedView(appointment, language, new Date()),
    token: params.token!,
    title: t('manage.slipTitle'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export default function PrintableSlip() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const stateMessage = {
    CANCELLED: t('manage.statusCancelled'),
    PAST: t('manage.statusPast'),
    DONE: t('manage.statusDone'),
    UPCOMING: null,
  }[data.state]
  return (
    <div className="page slip">
      <p className="back-link no-print">
        <Link to={`/r/${data.token}`}>← {t('journey.back')}</Link>
      </p>
      <h1>
        {t('manage.slipTitle')} · {data.organisation.name}
      </h1>
      {stateMessage ? <p className="notice">{stateMessage}</p> : null}
      <p>{data.residentName}</p>
      <SlotSummary topicName={data.topic.name} when={data.when} site={data.site} />
      {data.parts.preparation ? <AppointmentPreparation view={data} /> : null}
      {data.contactPhone ? (
        <p>
          {t(data.parts.changes ? 'manage.slipCancel' : 'manage.bookAgainByPhone')}{' '}
          <PhoneNumber e164={data.contactPhone} />
        </p>
      ) : null}
      {data.parts.changes ? <PrintButton /> : null}
    </div>
  )
}
