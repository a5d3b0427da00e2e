import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { AdminErrors, AdminText, Notice } from '~/components/workspace/admin'
import { fixedT } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import type { LoadContext } from '~/platform/http/app.server'
import { requestPasswordReset } from '~/features/access/password-reset.server'

// /espace/mot-de-passe: ask for a reset link (same answer whether the account exists),
// and the page the reset ends on (?fait=1).
const schema = z.object({ email: z.string().trim().min(1, 'EMAIL_REQUIRED').max(254) })

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await fixedT(request)
  const url = new URL(request.url)
  return {
    title: t('workspace.password.requestTitle'),
    sent: url.searchParams.get('envoye') === '1',
    done: url.searchParams.get('fait') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = { email: string; errors: Record<string, string>; mailFailed?: boolean }

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const email = typeof form.get('email') === 'string' ? String(form.get('email')) : ''
  const parsed = schema.safeParse({ email })
  if (!parsed.success) {
    return Response.json({ email, errors: { email: 'EMAIL_REQUIRED' } } satisfies ActionData, {
      status: 400,
    })
  }
  const outcome = await requestPasswordReset({
    email: parsed.data.email,
    clientAddress: (context as LoadContext).clientAddress,
    t: await fixedT(request),
  })
  if (outcome === 'TOO_MANY_ATTEMPTS') {
    return Response.json({ email, errors: { email: outcome } } satisfies ActionData, {
      status: 429,
    })
  }
  if (outcome === 'MAIL_FAILED') {
    return Response.json({ email, errors: {}, mailFailed: true } satisfies ActionData, {
      status: 503,
    })
  }
  return redirect('/espace/mot-de-passe?envoye=1')
}

export default function ForgottenPassword() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const state = { values: { email: actionData?.email ?? '' }, errors: actionData?.errors ?? {} }
  const labels = { email: t('workspace.password.email') }
  if (data.done) {
    return (
      <div className="page workspace">
        <h1>{t('workspace.password.doneTitle')}</h1>
        <Notice text={t('workspace.password.done')} />
        <p>
          <Link to="/espace/connexion">{t('workspace.password.toSignIn')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <Notice text={data.sent ? t('workspace.password.sent') : null} />
      <Notice
        text={actionData?.mailFailed ? t('workspace.password.mailFailed') : null}
        kind="alert"
      />
      <AdminErrors state={state} labels={labels} errorPrefix="workspace.password.errors" />
      <p>{t('workspace.password.requestIntro')}</p>
      <Form method="post" noValidate>
        <AdminText
          name="email"
          type="email"
          label={labels.email}
          autoComplete="username"
          state={state}
          errorPrefix="workspace.password.errors"
        />
        <button type="submit">{t('workspace.password.send')}</button>
      </Form>
      <p>
        <Link to="/espace/connexion">{t('workspace.password.toSignIn')}</Link>
      </p>
    </div>
  )
}
