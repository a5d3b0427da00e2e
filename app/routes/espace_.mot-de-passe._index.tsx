import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import type { FormReply } from '~/domain/input/problems'
import { fixedT } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import type { LoadContext } from '~/platform/http/app.server'
import { requestPasswordReset } from '~/features/access/password-reset.server'
import { resetRequestForm } from '~/features/access/forms.server'
import { formReply, parseForm } from '~/platform/forms.server'

// /espace/mot-de-passe: ask for a reset link (same answer whether the account exists),
// and the page the reset ends on (?fait=1).
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

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), resetRequestForm)
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const outcome = await requestPasswordReset({
    email: parsed.value.email,
    clientAddress: (context as LoadContext).clientAddress,
    t: await fixedT(request),
  })
  if (outcome === 'TOO_MANY_ATTEMPTS') {
    const reply = formReply(parsed.values, { email: { code: outcome } })
    return Response.json(reply satisfies FormReply, { status: 429 })
  }
  return redirect('/espace/mot-de-passe?envoye=1')
}

export default function ForgottenPassword() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    labels: { email: t('workspace.password.email') },
    messages: { email: { REQUIRED: 'workspace.signIn.emailRequired' } },
  })
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
      <ErrorSummary form={form} />
      <p>{t('workspace.password.requestIntro')}</p>
      <Form method="post" noValidate>
        <TextField form={form} name="email" type="email" autoComplete="username" />
        <button type="submit">{t('workspace.password.send')}</button>
      </Form>
      <p>
        <Link to="/espace/connexion">{t('workspace.password.toSignIn')}</Link>
      </p>
    </div>
  )
}
