import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { fixedT } from '~/i18n/i18n.server'
import { currentAdvisor, signIn } from '~/features/access/auth.server'
import type { LoadContext } from '~/platform/http/app.server'
import { safeRedirectPath } from '~/platform/http/safe-redirect'
import { signInForm } from '~/features/access/forms.server'
import { formReply, parseForm } from '~/platform/forms.server'

function backTo(value: FormDataEntryValue | string | null) {
  const path = safeRedirectPath(value, '/espace')
  return path.startsWith('/espace') && !path.startsWith('/espace/connexion') ? path : '/espace'
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const redirectTo = backTo(url.searchParams.get('redirectTo'))
  if (await currentAdvisor(request)) throw redirect(redirectTo)
  const t = await fixedT(request)
  return {
    redirectTo,
    signedOut: url.searchParams.get('deconnecte') === '1',
    title: t('workspace.signIn.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? 'Connexion'} · Permanence` },
]

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const redirectTo = backTo(form.get('redirectTo'))
  const parsed = parseForm(form, signInForm, { hide: ['password'] })
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const result = await signIn({
    email: parsed.value.email,
    password: parsed.value.password,
    clientAddress: (context as LoadContext).clientAddress,
    cookies: request.headers.get('Cookie'),
    userAgent: request.headers.get('user-agent'),
  })
  if (!result.ok) {
    const status = result.problem === 'TOO_MANY_ATTEMPTS' ? 429 : 400
    return Response.json(formReply(parsed.values, { email: { code: result.problem } }), { status })
  }
  const headers = new Headers()
  for (const cookie of result.setCookies) headers.append('Set-Cookie', cookie)
  return redirect(redirectTo, { headers })
}

export default function SignIn() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply,
    labels: { email: t('workspace.signIn.email'), password: t('workspace.signIn.password') },
    messages: {
      email: { REQUIRED: 'workspace.signIn.emailRequired' },
      password: { REQUIRED: 'workspace.signIn.passwordRequired' },
    },
  })
  return (
    <div className="page workspace">
      <h1>{t('workspace.signIn.title')}</h1>
      {data.signedOut ? (
        <p className="notice" role="status">
          {t('workspace.signIn.signedOut')}
        </p>
      ) : null}
      <ErrorSummary form={form} />
      <p>{t('workspace.signIn.intro')}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={data.redirectTo} />
        <TextField form={form} name="email" type="email" autoComplete="username" />
        <TextField form={form} name="password" type="password" autoComplete="current-password" />
        <button type="submit">{t('workspace.signIn.submit')}</button>
      </Form>
      <p>
        <Link to="/espace/mot-de-passe">{t('workspace.password.forgotLink')}</Link>
      </p>
    </div>
  )
}
