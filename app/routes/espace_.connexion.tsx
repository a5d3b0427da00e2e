import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { z } from 'zod'
import { WorkspaceErrors, WorkspaceField } from '~/components/workspace/field'
import { fixedT } from '~/i18n/i18n.server'
import { currentAdvisor, signIn } from '~/features/access/auth.server'
import type { LoadContext } from '~/platform/http/app.server'
import { safeRedirectPath } from '~/platform/http/safe-redirect'

const schema = z.object({
  email: z.string().trim().min(1, 'EMAIL_REQUIRED').max(254, 'INVALID_CREDENTIALS'),
  password: z.string().min(1, 'PASSWORD_REQUIRED').max(200, 'INVALID_CREDENTIALS'),
})

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

type ActionData = { email: string; errors: Partial<Record<'email' | 'password', string>> }

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const redirectTo = backTo(form.get('redirectTo'))
  const email = typeof form.get('email') === 'string' ? String(form.get('email')) : ''
  const parsed = schema.safeParse({ email, password: form.get('password') ?? '' })
  if (!parsed.success) {
    const errors: ActionData['errors'] = {}
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as 'email' | 'password'
      errors[key] ??= issue.message
    }
    return Response.json({ email, errors } satisfies ActionData, { status: 400 })
  }
  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    clientAddress: (context as LoadContext).clientAddress,
    userAgent: request.headers.get('user-agent'),
  })
  if (!result.ok) {
    const status = result.problem === 'TOO_MANY_ATTEMPTS' ? 429 : 400
    return Response.json({ email, errors: { email: result.problem } } satisfies ActionData, {
      status,
    })
  }
  return redirect(redirectTo, { headers: { 'Set-Cookie': result.setCookie } })
}

export default function SignIn() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const errors = actionData?.errors ?? {}
  const labels = { email: t('workspace.signIn.email'), password: t('workspace.signIn.password') }
  const summary = (['email', 'password'] as const).flatMap((name) =>
    errors[name] ? [{ name, label: labels[name], code: errors[name]! }] : [],
  )
  return (
    <div className="page workspace">
      <h1>{t('workspace.signIn.title')}</h1>
      {data.signedOut ? (
        <p className="notice" role="status">
          {t('workspace.signIn.signedOut')}
        </p>
      ) : null}
      <WorkspaceErrors errors={summary} />
      <p>{t('workspace.signIn.intro')}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={data.redirectTo} />
        <WorkspaceField
          name="email"
          type="email"
          label={labels.email}
          autoComplete="username"
          defaultValue={actionData?.email}
          error={errors.email}
        />
        <WorkspaceField
          name="password"
          type="password"
          label={labels.password}
          autoComplete="current-password"
          error={errors.password}
        />
        <button type="submit">{t('workspace.signIn.submit')}</button>
      </Form>
      <p>
        <Link to="/espace/mot-de-passe">{t('workspace.password.forgotLink')}</Link>
      </p>
    </div>
  )
}
