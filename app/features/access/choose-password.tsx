import { Form, Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { AdminErrors, AdminText } from '~/components/workspace/admin'
import type { ChoosePasswordData } from './page-data'

const ERRORS = 'workspace.password.errors'

/** The page of a password link (reset or invitation): the form, or why the link fails. */
export function ChoosePasswordPage({
  data,
  errors,
}: {
  data: ChoosePasswordData
  errors: Record<string, string>
}) {
  const { t } = useTranslation()
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
  const state = { values: {}, errors }
  const labels = {
    password: t('workspace.password.newPassword'),
    confirmation: t('workspace.password.confirmPassword'),
  }
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <AdminErrors state={state} labels={labels} errorPrefix={ERRORS} />
      <p>{data.intro}</p>
      <Form method="post" noValidate>
        <AdminText
          name="password"
          type="password"
          label={labels.password}
          hint={t('workspace.password.passwordHint')}
          autoComplete="new-password"
          state={state}
          errorPrefix={ERRORS}
        />
        <AdminText
          name="confirmation"
          type="password"
          label={labels.confirmation}
          autoComplete="new-password"
          state={state}
          errorPrefix={ERRORS}
        />
        <button type="submit">{t('workspace.password.submit')}</button>
      </Form>
    </div>
  )
}
