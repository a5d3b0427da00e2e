import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { PhoneNumber } from '~/components/phone-number'
import { SlotSummary } from '~/components/slot-summary'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { managedView, requireManagedAppointment } from '~/features/manage/pages.server'

// A small page that prints on one sheet: the appointment slip a resident keeps.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return { ...managedView(appointment, language, new Date()), title: t('manage.slipTitle') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
  { name: 'robots', content: 'noindex' },
]

export default function PrintableSlip() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page slip">
      <h1>
        {t('manage.slipTitle')} · {data.organisation.name}
      </h1>
      <p>{data.residentName}</p>
      <SlotSummary topicName={data.topic.name} when={data.when} site={data.site} />
      {data.mode === 'PHONE' && data.residentPhone ? (
        <p>
          {t('manage.phoneCall')}
          <PhoneNumber e164={data.residentPhone} />
        </p>
      ) : null}
      {data.site?.accessNotes ? (
        <p>{t('organisation.access', { notes: data.site.accessNotes })}</p>
      ) : null}
      {data.topic.instructions ? (
        <p>{t('organisation.bring', { instructions: data.topic.instructions })}</p>
      ) : null}
      {data.contactPhone ? (
        <p>
          {t('manage.slipCancel')}
          <PhoneNumber e164={data.contactPhone} />
        </p>
      ) : null}
    </div>
  )
}
