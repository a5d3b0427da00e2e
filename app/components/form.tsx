import type { ReactNode } from 'react'
import type { FormReply, FormValues, Problem, ProblemCode } from '~/domain/input/problems'
import { useTranslation } from '~/i18n/use-translation'

// The fields of every form (docs/decisions/019-one-form-style.md). The server validates
// (app/platform/forms.server.ts) and answers what was typed and each field's problem;
// these components show it again, each error next to its field, tied to it for screen
// readers, and all of them in a summary at the top. No validation code runs here, so
// public pages stay light.

export type FormConfig = {
  /** The action's answer to a refused form, if any: it wins over the defaults. */
  reply?: FormReply | null
  /** What the form shows first (a stored record, a draft). */
  defaults?: FormValues | null
  /** Each text field's limit, from the schema (maxLengthsOf). */
  maxLengths?: Record<string, number>
  /** Each field's label, in the order of the form: the summary follows it. */
  labels: Record<string, string>
  /** Keys of messages worded for one field, where the generic one would be unclear. */
  messages?: Record<string, Partial<Record<ProblemCode, string>>>
  /** Prefix of the ids (`<prefix>-<name>`). */
  idPrefix?: string
}

export type FieldView = {
  id: string
  name: string
  label: string
  hintId: string
  errorId: string
  value: string
  values: string[]
  /** Whether the form holds a value for it (a field the last answer did not have holds none). */
  held: boolean
  error: string | null
  maxLength?: number
}

export type FormView = {
  field: (name: string) => FieldView
  summary: { id: string; label: string; message: string }[]
}

/** What each field of one form shows: its value, its limit and its error, in words. */
export function useForm(config: FormConfig): FormView {
  const { t, language } = useTranslation()
  const values = config.reply?.values ?? config.defaults ?? {}
  const errors = config.reply?.errors ?? {}
  const prefix = config.idPrefix ?? 'field'
  const numbers = new Intl.NumberFormat(language)
  const messageOf = (name: string, problem: Problem) => {
    const key = config.messages?.[name]?.[problem.code] ?? `form.errors.${problem.code}`
    const limits = { min: problem.min, max: problem.max }
    const shown = Object.entries(limits).filter(([, limit]) => limit !== undefined)
    return t(key, Object.fromEntries(shown.map(([k, limit]) => [k, numbers.format(limit!)])))
  }
  const field = (name: string): FieldView => {
    const id = `${prefix}-${name}`
    const value = values[name]
    const problem = errors[name]
    return {
      id,
      name,
      label: config.labels[name] ?? name,
      hintId: `${id}-hint`,
      errorId: `${id}-error`,
      value: typeof value === 'string' ? value : (value?.[0] ?? ''),
      values: typeof value === 'string' ? [value] : (value ?? []),
      held: value !== undefined,
      error: problem ? messageOf(name, problem) : null,
      maxLength: config.maxLengths?.[name],
    }
  }
  const named = Object.keys(config.labels)
  const order = [...named, ...Object.keys(errors).filter((name) => !named.includes(name))]
  const summary = order.flatMap((name) => {
    const view = field(name)
    return view.error ? [{ id: view.id, label: view.label, message: view.error }] : []
  })
  return { field, summary }
}

const describedBy = (...ids: (string | null | false | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined

function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="hint">
      {text}
    </p>
  ) : null
}

function FieldError({ field }: { field: FieldView }) {
  return field.error ? (
    <p id={field.errorId} className="error">
      {field.error}
    </p>
  ) : null
}

/** A labelled text input (or text area) with its hint and its error. */
export function TextField({
  form,
  name,
  label,
  hint,
  type = 'text',
  autoComplete,
  multiline = false,
  rows = 3,
  initial,
}: {
  form: FormView
  name: string
  /** The label here, when it differs from the summary's. */
  label?: string
  hint?: string
  type?: 'text' | 'tel' | 'email' | 'password' | 'date'
  autoComplete?: string
  multiline?: boolean
  rows?: number
  /** What it shows while the form holds no value for it. */
  initial?: string
}) {
  const field = form.field(name)
  const common = {
    id: field.id,
    name: field.name,
    defaultValue: field.held ? field.value : (initial ?? ''),
    maxLength: field.maxLength,
    'aria-invalid': field.error ? true : undefined,
    'aria-describedby': describedBy(hint && field.hintId, field.error && field.errorId),
  }
  return (
    <div className={`field${field.error ? ' field-error' : ''}`}>
      <label htmlFor={field.id}>{label ?? field.label}</label>
      <Hint id={field.hintId} text={hint} />
      <FieldError field={field} />
      {multiline ? (
        <textarea rows={rows} {...common} />
      ) : (
        <input type={type} autoComplete={autoComplete} {...common} />
      )}
    </div>
  )
}

/** A labelled select with its hint and its error. */
export function SelectField({
  form,
  name,
  hint,
  options,
}: {
  form: FormView
  name: string
  hint?: string
  options: { value: string; label: string }[]
}) {
  const field = form.field(name)
  return (
    <div className={`field${field.error ? ' field-error' : ''}`}>
      <label htmlFor={field.id}>{field.label}</label>
      <Hint id={field.hintId} text={hint} />
      <FieldError field={field} />
      <select
        id={field.id}
        name={field.name}
        defaultValue={field.value}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy(hint && field.hintId, field.error && field.errorId)}
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

/**
 * One checkbox or radio button of a field, checked when the field holds its value. A
 * checkbox on its own carries the field's error; in a group, the group does.
 */
export function Choice({
  form,
  name,
  label,
  hint,
  type = 'checkbox',
  value = 'on',
  checked,
  inGroup = false,
  id: givenId,
}: {
  form: FormView
  name: string
  label: string
  hint?: string
  type?: 'checkbox' | 'radio'
  value?: string
  /** Whether it starts checked, when not the field's value (the first of radio buttons). */
  checked?: boolean
  inGroup?: boolean
  /** An id of its own, stable whatever the value (the first free slot has one). */
  id?: string
}) {
  const field = form.field(name)
  const alone = type === 'checkbox' && !inGroup
  const id = givenId ?? (alone ? field.id : `${field.id}-${value}`)
  const hintId = `${id}-hint`
  const error = alone && field.error
  const kind = type === 'radio' ? 'field-radio' : alone ? 'field field-checkbox' : 'field-checkbox'
  return (
    <div className={[kind, error ? 'field-error' : null].filter(Boolean).join(' ')}>
      {error ? <FieldError field={field} /> : null}
      <input
        type={type}
        id={id}
        name={field.name}
        value={value}
        defaultChecked={checked ?? field.values.includes(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && hintId, error && field.errorId)}
      />
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} text={hint} />
    </div>
  )
}

/** A group of choices (or of other fields) under a legend, with the group's error. */
export function FieldGroup({
  form,
  name,
  legend,
  hint,
  className,
  children,
}: {
  form: FormView
  name: string
  legend?: string
  hint?: string
  className?: string
  children: ReactNode
}) {
  const field = form.field(name)
  return (
    <fieldset
      id={field.id}
      tabIndex={-1}
      className={['field', className, field.error ? 'field-error' : null].filter(Boolean).join(' ')}
      aria-describedby={describedBy(hint && field.hintId, field.error && field.errorId)}
    >
      <legend>{legend ?? field.label}</legend>
      <Hint id={field.hintId} text={hint} />
      <FieldError field={field} />
      {children}
    </fieldset>
  )
}

/** Radio buttons or checkboxes of one field. */
export function ChoiceGroup({
  form,
  name,
  type,
  legend,
  hint,
  options,
  initial,
  className,
}: {
  form: FormView
  name: string
  type: 'checkbox' | 'radio'
  legend?: string
  hint?: string
  options: { value: string; label: string }[]
  /** The radio button chosen while the form holds no value for the field. */
  initial?: string
  /** How the choices are laid out (`choices-inline`: side by side where room allows). */
  className?: string
}) {
  const field = form.field(name)
  const chosen = field.value || initial
  return (
    <FieldGroup form={form} name={name} legend={legend} hint={hint} className={className}>
      {options.map((option) => (
        <Choice
          key={option.value}
          form={form}
          name={name}
          type={type}
          value={option.value}
          label={option.label}
          checked={type === 'radio' ? option.value === chosen : undefined}
          inGroup
        />
      ))}
    </FieldGroup>
  )
}

/** Every error of the form, at the top, each linking to its field. */
export function ErrorSummary({ form }: { form: FormView }) {
  const { t } = useTranslation()
  if (form.summary.length === 0) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t('form.errorSummary', { count: form.summary.length })}</h2>
      <ul>
        {form.summary.map((error) => (
          <li key={error.id}>
            <a href={`#${error.id}`}>
              {error.label} : {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
