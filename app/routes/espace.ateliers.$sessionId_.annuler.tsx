import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ChoiceGroup, ErrorSummary, TextField, useForm } from '~/components/form'
import {
  cancelPage,
  submitCancel,
  type CancelData,
} from '~/features/workshops/session-pages.server'
import { workspaceSessionPath } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers/<id>/annuler: cancel the session, or it and the rest of its series,
// after a confirmation step; every participant is told why.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  cancelPage(request, params.sessionId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  submitCancel(request, params.sessionId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function CancelSession() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as CancelData | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    defaults: { scope: 'SESSION' },
    maxLengths: data.maxLengths,
    labels: {
      reason: t('workspace.workshops.cancel.reason'),
      scope: t('workspace.workshops.cancel.scope'),
    },
    messages: { reason: { REQUIRED: 'workspace.workshops.cancel.reasonRequired' } },
  })
  const back = workspaceSessionPath(data.id)
  const confirm = actionData?.confirm
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to={back}>{t('workspace.workshops.backToSession')}</Link>
      </p>
      <h1>{data.title}</h1>
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.workshops.problem.${actionData.problem}`)}
        </p>
      ) : null}
      <ErrorSummary form={form} />
      {!data.open ? (
        <p>{t('workspace.workshops.problem.CLOSED')}</p>
      ) : confirm ? (
        <section aria-labelledby="confirm-title" className="notice">
          <h2 id="confirm-title">{t('workspace.workshops.cancel.confirmTitle')}</h2>
          <p>
            {confirm.scope === 'SERIES'
              ? t('workspace.workshops.cancel.confirmSeries', { count: confirm.count })
              : t('workspace.workshops.cancel.confirmSession', { count: data.participants })}
          </p>
          <p>{t('workspace.appointment.confirmReason', { reason: confirm.reason })}</p>
          <Form method="post" className="workspace-actions">
            <input type="hidden" name="version" value={data.version} />
            <input type="hidden" name="reason" value={confirm.reason} />
            <input type="hidden" name="scope" value={confirm.scope} />
            <input type="hidden" name="confirmed" value="on" />
            <button type="submit">{t('workspace.workshops.cancel.yes')}</button>
            <Link to={back}>{t('workspace.workshops.cancel.no')}</Link>
          </Form>
        </section>
      ) : (
        <>
          <p>
            {t('workspace.workshops.cancel.intro', {
              count: data.participants,
              waiting: data.waiting,
            })}
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={data.version} />
            <TextField
              form={form}
              name="reason"
              hint={t('workspace.workshops.cancel.reasonHint')}
            />
            {data.seriesRest > 1 ? (
              <ChoiceGroup
                form={form}
                name="scope"
                type="radio"
                options={[
                  { value: 'SESSION', label: t('workspace.workshops.cancel.SESSION') },
                  {
                    value: 'SERIES',
                    label: t('workspace.workshops.cancel.SERIES', { count: data.seriesRest }),
                  },
                ]}
              />
            ) : null}
            <button type="submit">{t('workspace.workshops.cancel.submit')}</button>
          </Form>
        </>
      )}
    </div>
  )
}
