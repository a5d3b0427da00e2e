import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, useForm } from '~/components/form'
import { SessionFields, useSessionLabels } from '~/features/workshops/session-form'
import {
  newSessionPage,
  submitNewSession,
  type SessionFormData,
} from '~/features/workshops/session-pages.server'
import { WORKSHOPS_PATH } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers/nouveau: a workshop session, or a series of them, all written or none.
export const loader = ({ request }: LoaderFunctionArgs) => newSessionPage(request)

export const action = ({ request }: ActionFunctionArgs) => submitNewSession(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function NewSession() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as SessionFormData | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    defaults: data.defaults,
    maxLengths: data.maxLengths,
    ...useSessionLabels(true),
  })
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to={WORKSHOPS_PATH}>{t('workspace.workshops.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.options.topics.length === 0 ? (
        <p className="notice">{t('workspace.workshops.noTopic')}</p>
      ) : (
        <>
          {actionData?.clash ? (
            <p className="notice error" role="alert">
              {actionData.clash}
            </p>
          ) : null}
          <ErrorSummary form={form} />
          <Form method="post" noValidate>
            <SessionFields form={form} options={data.options} creating />
            <button type="submit">{t('workspace.workshops.create')}</button>
          </Form>
        </>
      )}
    </div>
  )
}
