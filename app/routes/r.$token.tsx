import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { PhoneNumber } from '~/components/phone-number'
import { SlotSummary } from '~/components/slot-summary'
import { db } from '~/platform/database/client.server'
import { cancelByResident } from '~/features/manage/commands.server'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { cancelForm } from '~/features/manage/forms.server'
import { maxLengthsOf, parseForm } from '~/platform/forms.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { managedView, requireManagedAppointment } from '~/features/manage/pages.server'
import { cancelsByReply } from '~/features/notifications/index.server'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const url = new URL(request.url)
  const banner = url.searchParams.has('nouveau')
    ? 'booked'
    : url.searchParams.has('annule')
      ? 'cancelled'
      : url.searchParams.has('deplace')
        ? 'moved'
        : null
  return {
    ...managedView(appointment, language, new Date()),
    // Only residents whose SMS come from a number can cancel by replying.
    cancelsByReply: await cancelsByReply(db(), appointment.id),
    token: params.token!,
    banner,
    maxLengths: maxLengthsOf(cancelForm),
    title: t('manage.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
  // The address carries the token: keep it out of search engines.
  { name: 'robots', content: 'noindex' },
]

export async function action({ params, request }: ActionFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token)
  const parsed = parseForm(await request.formData(), cancelForm)
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  await cancelByResident(db(), appointment, parsed.value.reason, new Date())
  return redirect(`/r/${params.token}?annule=1`, { status: 303 })
}

export default function ManageAppointment() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply,
    maxLengths: data.maxLengths,
    labels: { reason: t('manage.reason') },
  })
  const stateMessage = {
    CANCELLED: t('manage.statusCancelled'),
    PAST: t('manage.statusPast'),
    DONE: t('manage.statusDone'),
    UPCOMING: null,
  }[data.state]
  return (
    <div className="page">
      <h1>{t('manage.title')}</h1>
      <ErrorSummary form={form} />
      {data.banner ? (
        <div className="notice notice-success" role="status">
          <p>{t(`manage.${data.banner}`)}</p>
          {data.banner === 'booked' ? <p>{t('manage.bookedHint')}</p> : null}
        </div>
      ) : null}
      {stateMessage ? <p className="notice">{stateMessage}</p> : null}
      <SlotSummary topicName={data.topic.name} when={data.when} site={data.site} />
      {data.mode === 'PHONE' && data.residentPhone ? (
        <p>
          {t('manage.phoneCall')}
          <PhoneNumber e164={data.residentPhone} />
        </p>
      ) : null}
      {data.site?.accessNotes ? (
        <>
          <h2>{t('manage.access')}</h2>
          <p>{data.site.accessNotes}</p>
        </>
      ) : null}
      {data.topic.instructions ? (
        <>
          <h2>{t('manage.bring')}</h2>
          <p>{data.topic.instructions}</p>
        </>
      ) : null}
      {data.state === 'UPCOMING' ? (
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
              <p>
                {t(data.cancelsByReply ? 'manage.howToCancelTextSms' : 'manage.howToCancelText')}
              </p>
              <p>
                <Link to={`/r/${data.token}/deplacer`} className="button button-secondary">
                  {t('manage.move')}
                </Link>
              </p>
              <Form method="post" className="cancel-form">
                <h3>{t('manage.cancelTitle')}</h3>
                <TextField
                  form={form}
                  name="reason"
                  hint={t('manage.reasonWhy')}
                  multiline
                  rows={2}
                />
                <button type="submit" className="button-danger">
                  {t('manage.cancel')}
                </button>
              </Form>
            </>
          ) : (
            <p>
              {t('manage.tooLate')}{' '}
              {data.contactPhone ? <PhoneNumber e164={data.contactPhone} /> : null}
            </p>
          )}
        </>
      ) : null}
    </div>
  )
}
