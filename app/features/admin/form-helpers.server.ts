// Helpers of the administration routes: what a form sent back, and what it shows again.

/** Form values as strings (several values of one name joined by commas), to show again. */
export function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue
    values[key] = key in values ? `${values[key]},${value}` : value
  }
  return values
}

/** The updatedAt a form rendered, or null when missing or garbled. */
export function renderedUpdatedAt(form: FormData): Date | null {
  const value = form.get('updatedAt')
  if (typeof value !== 'string') return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A record's fields as form values (null as empty, booleans as checkbox values). */
export function asFormValues(record: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) values[key] = ''
    else if (typeof value === 'boolean') values[key] = value ? 'on' : ''
    else if (value instanceof Date) values[key] = value.toISOString()
    else values[key] = String(value)
  }
  return values
}
