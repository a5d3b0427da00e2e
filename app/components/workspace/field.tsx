import { ErrorSummary, TextField } from '~/components/form'

// The workspace's forms name their fields `field-<name>` and translate their errors under
// `workspace.errors`; the markup is the public forms' (app/components/form.tsx).
const idOf = (name: string) => `field-${name}`

/** A labelled input with its error tied for screen readers. */
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
  const id = idOf(name)
  const field = {
    id,
    name,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    errors: error ? [error] : undefined,
    initialValue: defaultValue,
  }
  return (
    <TextField
      field={field}
      label={label}
      type={type}
      autoComplete={autoComplete}
      errorPrefix={errorPrefix}
    />
  )
}

/** Every error at the top, each linking to its field. */
export function WorkspaceErrors({
  errors,
}: {
  errors: { name: string; label: string; code: string }[]
}) {
  return (
    <ErrorSummary
      errors={errors.map((error) => ({
        id: idOf(error.name),
        label: error.label,
        code: error.code,
      }))}
      errorPrefix="workspace.errors"
    />
  )
}
