import { Form, Link } from '@remix-run/react'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import { PASSWORD_MIN_LENGTH } from '~/domain/access/password'
import type { FormReply } from '~/domain/input/problems'
import { useTranslation } from '~/i18n/use-translation'
import type { ChoosePasswordData } from './page-data'

/** The page of a password link (reset or invitation): the form, or why the link fails. */
export function ChoosePasswordPage({
  data,
  reply,
}: {
  data: ChoosePasswordData
  reply: FormReply | null | undefined
}) {
  const { t } = useTranslation()
  const form = useForm({
    reply,
    labels: {
      password: t('workspace.password.newPassword'),
      confirmation: t('workspace.password.confirmPassword'),
    },
    messages: {
      password: {
        REQUIRED: 'workspace.password.passwordRequired',
        TOO_SHORT: 'workspace.password.tooShort',
      },
    },
  })
  if (!data.ok) {
    return (
      <div className="page workspace">
        <h1>{data.title}</h1>
        <p className="notice error" role="alert">
          {t(`workspace.password.${data.problem}`)}
        </p>
        <p>
          <Link to="/espace/mot-de-passe">{t('workspace.password.askAgain')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <ErrorSummary form={form} />
      <p>{data.intro}</p>
      <Form method="post" noValidate>
        <TextField
          form={form}
          name="password"
          type="password"
          hint={t('workspace.password.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
        />
        <TextField form={form} name="confirmation" type="password" autoComplete="new-password" />
        <button type="submit">{t('workspace.password.submit')}</button>
      </Form>
    </div>
  )
}
