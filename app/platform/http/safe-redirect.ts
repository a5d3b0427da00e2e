/** Only paths of this site: never another origin, whatever the form says. */
export function safeRedirectPath(value: FormDataEntryValue | null, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback
  if (value.includes('\\') || value.length > 512) return fallback
  return value
}
