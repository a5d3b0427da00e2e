import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { SlotSummary } from '~/components/slot-summary'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { db } from '~/platform/database/client.server'
import { maxLengthsOf, parseForm } from '~/platform/forms.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { cancelByResident } from '~/features/manage/commands.server'
import { cancelForm } from '~/features/manage/forms.server'
import { managedView, requireManagedAppointment } from '~/features/manage/pages.server'
import { linkPageMeta } from '~/components/link-pages'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// "Annuler ce rendez-vous ?": the manage page's cancel button leads here, and only this
// form cancels, so one tap never does (a page of its own: it works without JavaScript).

export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = managedView(appointment, language, new Date())
  // Cancelled already, over, or past the deadline: the manage page says what is left.
  if (!view.canChange) throw redirect(`/r/${params.token}`)
  return {
    ...view,
    token: params.token!,
    maxLengths: maxLengthsOf(cancelForm),
    title: t('manage.cancelConfirmTitle'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export async function action({ params, request }: ActionFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const parsed = parseForm(await request.formData(), cancelForm)
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const cancelled = await cancelByResident(db(), appointment, parsed.value.reason, new Date())
  return redirect(`/r/${params.token}${cancelled ? '?annule=1' : ''}`, { status: 303 })
}

export default function ConfirmCancel() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply,
    maxLengths: data.maxLengths,
    labels: { reason: t('manage.reason') },
  })
  return (
    <div className="page">
      <p className="back-link">
        <Link to={`/r/${data.token}`}>← {t('journey.back')}</Link>
      </p>
      <h1>{t('manage.cancelConfirmTitle')}</h1>
      <ErrorSummary form={form} />
      <SlotSummary
        topicName={data.topic.name}
        when={data.when}
        site={data.site}
        person={data.helperName ? data.residentName : null}
      />
      <p>{t('manage.cancelConfirmText')}</p>
      <Form method="post" className="cancel-form">
        <TextField form={form} name="reason" hint={t('manage.reasonWhy')} multiline rows={2} />
        <p className="button-row">
          <button type="submit" className="button-danger">
            {t('manage.cancelConfirm')}
          </button>{' '}
          <Link to={`/r/${data.token}`} className="button button-secondary">
            {t('manage.keep')}
          </Link>
        </p>
      </Form>
    </div>
  )
}
