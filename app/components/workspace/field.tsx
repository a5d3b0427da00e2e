import { useTranslation } from '~/i18n/use-translation'

/** A labelled input with its error (a `workspace.errors` key) tied for screen readers. */
export function WorkspaceField({
  name,
  label,
  error,
  defaultValue,
  type = 'text',
  autoComplete,
  errorPrefix = 'workspace.errors',
}: {
  errorPrefix?: string
  name: string
  label: string
  error?: string
  defaultValue?: string
  type?: 'text' | 'email' | 'password' | 'tel' | 'date'
  autoComplete?: string
}) {
  const { t } = useTranslation()
  const id = `field-${name}`
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={`${id}-error`} className="error">
          {t(`${errorPrefix}.${error}`)}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  )
}

/** Every error at the top, each linking to its field. */
export function WorkspaceErrors({
  errors,
}: {
  errors: { name: string; label: string; code: string }[]
}) {
  const { t } = useTranslation()
  if (errors.length === 0) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t('form.errorSummary', { count: errors.length })}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.name}>
            <a href={`#field-${error.name}`}>
              {error.label} : {t(`workspace.errors.${error.code}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
