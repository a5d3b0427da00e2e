import type { ReactNode } from 'react'
import { ErrorSummary, TextField } from '~/components/form'
import { useTranslation } from '~/i18n/use-translation'

// The pieces of the administration forms: the shared field markup (app/components/form.tsx)
// with fields named `field-<name>` and errors translated under `workspace.admin.errors`.

const ERRORS = 'workspace.admin.errors'
const idOf = (name: string) => `field-${name}`

function meta(name: string, error?: string, value?: string) {
  const id = idOf(name)
  return {
    id,
    name,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    errors: error ? [error] : undefined,
    initialValue: value,
  }
}

export type FormState = { values: Record<string, string>; errors: Record<string, string> }

export function AdminText({
  name,
  label,
  hint,
  state,
  type = 'text',
  multiline,
  errorPrefix = ERRORS,
  autoComplete,
}: {
  name: string
  label: string
  hint?: string
  state: FormState
  type?: 'text' | 'email' | 'tel' | 'password'
  multiline?: boolean
  errorPrefix?: string
  autoComplete?: string
}) {
  return (
    <TextField
      field={meta(name, state.errors[name], state.values[name])}
      label={label}
      hint={hint}
      type={type}
      multiline={multiline}
      errorPrefix={errorPrefix}
      autoComplete={autoComplete}
    />
  )
}

export function AdminSelect({
  name,
  label,
  state,
  options,
}: {
  name: string
  label: string
  state: FormState
  options: { value: string; label: string }[]
}) {
  const { t } = useTranslation()
  const field = meta(name, state.errors[name])
  const error = state.errors[name]
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {error ? (
        <p id={field.errorId} className="error">
          {t(`${ERRORS}.${error}`)}
        </p>
      ) : null}
      <select
        id={field.id}
        name={name}
        defaultValue={state.values[name] ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? field.errorId : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A checkbox; `value` is the submitted value, checked when the state holds it. */
export function AdminCheckbox({
  name,
  label,
  state,
  value = 'on',
  id,
  describedBy,
}: {
  name: string
  label: string
  state: FormState
  value?: string
  id?: string
  describedBy?: string
}) {
  const inputId = id ?? idOf(name)
  const checked = (state.values[name] ?? '').split(',').includes(value)
  return (
    <div className="field field-checkbox">
      <input
        type="checkbox"
        id={inputId}
        name={name}
        value={value}
        defaultChecked={checked}
        aria-describedby={describedBy}
      />
      <label htmlFor={inputId}>{label}</label>
    </div>
  )
}

/** A group of checkboxes with its legend and error. */
export function AdminFieldset({
  name,
  legend,
  state,
  children,
}: {
  name: string
  legend: string
  state: FormState
  children: ReactNode
}) {
  const { t } = useTranslation()
  const error = state.errors[name]
  return (
    <fieldset id={idOf(name)} className={error ? 'field-error' : undefined} tabIndex={-1}>
      <legend>{legend}</legend>
      {error ? (
        <p id={`${idOf(name)}-error`} className="error">
          {t(`${ERRORS}.${error}`)}
        </p>
      ) : null}
      {children}
    </fieldset>
  )
}

/** Every error at the top, each linking to its field. */
export function AdminErrors({
  state,
  labels,
  errorPrefix = ERRORS,
}: {
  state: FormState
  labels: Record<string, string>
  errorPrefix?: string
}) {
  const errors = Object.entries(state.errors)
    .filter(([name]) => name in labels)
    .map(([name, code]) => ({ id: idOf(name), label: labels[name]!, code }))
  return <ErrorSummary errors={errors} errorPrefix={errorPrefix} />
}

export function Notice({
  text,
  kind = 'status',
}: {
  text: string | null
  kind?: 'status' | 'alert'
}) {
  if (!text) return null
  return kind === 'alert' ? (
    <p className="notice error" role="alert">
      {text}
    </p>
  ) : (
    <p className="notice notice-success" role="status">
      {text}
    </p>
  )
}
