import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, useForm } from '~/components/form'
import { SessionFields, useSessionLabels } from '~/features/workshops/session-form'
import {
  changeSessionPage,
  submitChange,
  type SessionFormData,
} from '~/features/workshops/session-pages.server'
import { workspaceSessionPath } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers/<id>/modifier: the time, place, advisors, seats, level and what to bring
// of one session; refused when someone changed it meanwhile.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  changeSessionPage(request, params.sessionId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  submitChange(request, params.sessionId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function ChangeSession() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as SessionFormData | undefined
  const { t } = useTranslation()
  // A stale form starts again from the session as it now stands.
  const stale = actionData?.problem === 'STALE'
  const form = useForm({
    reply: stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    ...useSessionLabels(false),
  })
  const back = workspaceSessionPath(data.id)
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
      {actionData?.clash ? (
        <p className="notice error" role="alert">
          {actionData.clash}
        </p>
      ) : null}
      {actionData?.holders ? (
        <p className="notice error" role="alert">
          {t('workspace.workshops.seatsHeld', { count: actionData.holders })}
        </p>
      ) : null}
      <ErrorSummary form={form} />
      {data.open ? (
        <Form method="post" noValidate key={data.values.version as string}>
          <input type="hidden" name="version" value={data.values.version} />
          <SessionFields
            form={form}
            options={data.options}
            creating={false}
            seatHint={t('workspace.workshops.form.seatsChangeHint')}
          />
          <button type="submit">{t('workspace.workshops.save')}</button>
        </Form>
      ) : (
        <p>{t('workspace.workshops.problem.CLOSED')}</p>
      )}
    </div>
  )
}
