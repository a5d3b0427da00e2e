import { useTranslation } from '~/i18n/use-translation'

/** The part of a Conform field these components use. */
type AnyField = {
  id: string
  name: string
  errorId: string
  descriptionId: string
  errors?: unknown
  initialValue?: unknown
}

/** A labelled field with its reason and its error, tied together for screen readers. */
export function TextField({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
  multiline = false,
  maxLength,
  errorPrefix = 'form.errors',
}: {
  field: AnyField
  label: string
  hint?: string
  type?: 'text' | 'tel' | 'email' | 'password' | 'date'
  autoComplete?: string
  multiline?: boolean
  maxLength?: number
  /** Where the error codes are translated: the public forms' or the workspace's. */
  errorPrefix?: string
}) {
  const { t } = useTranslation()
  const error = (field.errors as string[] | undefined)?.[0]
  const describedBy =
    [hint ? field.descriptionId : null, error ? field.errorId : null].filter(Boolean).join(' ') ||
    undefined
  const common = {
    id: field.id,
    name: field.name,
    defaultValue: (field.initialValue as string | undefined) ?? '',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    maxLength,
  }
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={field.errorId} className="error">
          {t(`${errorPrefix}.${error}`)}
        </p>
      ) : null}
      {multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        <input type={type} autoComplete={autoComplete} {...common} />
      )}
    </div>
  )
}

export function CheckboxField({
  field,
  label,
  hint,
}: {
  field: AnyField
  label: string
  hint?: string
}) {
  return (
    <div className="field field-checkbox">
      <input
        type="checkbox"
        id={field.id}
        name={field.name}
        defaultChecked={field.initialValue === 'on'}
        aria-describedby={hint ? field.descriptionId : undefined}
      />
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

/** One choice among a few, as a fieldset of radio buttons; the first is the default. */
export function RadioField({
  field,
  legend,
  options,
}: {
  field: AnyField
  legend: string
  options: { value: string; label: string }[]
}) {
  const chosen = typeof field.initialValue === 'string' ? field.initialValue : options[0]?.value
  return (
    <fieldset className="field field-radios">
      <legend>{legend}</legend>
      {options.map((option) => (
        <div key={option.value} className="field-radio">
          <input
            type="radio"
            id={`${field.id}-${option.value}`}
            name={field.name}
            value={option.value}
            defaultChecked={option.value === chosen}
          />
          <label htmlFor={`${field.id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

/** Every error of the form, at the top, each linking to its field. */
export function ErrorSummary({
  errors,
  errorPrefix = 'form.errors',
}: {
  errors: { id: string; label: string; code: string }[]
  errorPrefix?: string
}) {
  const { t } = useTranslation()
  if (errors.length === 0) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t('form.errorSummary', { count: errors.length })}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.id}>
            <a href={`#${error.id}`}>
              {error.label} : {t(`${errorPrefix}.${error.code}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

type Reply = {
  initialValue?: Record<string, unknown> | null
  error?: Record<string, string[] | null> | null
}

/**
 * Field metadata for a server-validated form, from the action's Conform reply (what was
 * typed, and each field's error codes) or the defaults. Public pages use this instead of
 * Conform's client hook, which would add about 10 KB of JavaScript (decision 014).
 */
export function formFields<Name extends string>(
  formId: string,
  names: readonly Name[],
  reply: Reply | undefined,
  defaults: Record<string, unknown> | null,
): Record<Name, AnyField> {
  const values = reply?.initialValue ?? defaults ?? {}
  return Object.fromEntries(
    names.map((name) => {
      const id = `${formId}-${name}`
      return [
        name,
        {
          id,
          name,
          errorId: `${id}-error`,
          descriptionId: `${id}-description`,
          errors: reply?.error?.[name] ?? undefined,
          initialValue: values[name],
        },
      ]
    }),
  ) as unknown as Record<Name, AnyField>
}
