// The one home of redirect targets taken from a request (a form's redirectTo, the sign-in
// return, the language switch). Browsers drop tabs and newlines from a URL and read a
// backslash as a slash, so "/\t/evil.example" and "/\\evil.example" lead to
// //evil.example, another site; a newline in a Location header is refused by Node (a 500).
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/u
const MAX_LENGTH = 512
const HERE = 'http://permanence.invalid'

/** Only paths of this site: never another origin, whatever the form says. */
export function safeRedirectPath(value: FormDataEntryValue | null, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return fallback
  if (!value.startsWith('/') || value.startsWith('//') || CONTROL_OR_BACKSLASH.test(value)) {
    return fallback
  }
  // What a browser would make of it, resolved against this site: still this site. The
  // resolved form is what goes out, percent-encoded: a Location header takes ASCII only.
  const resolved = URL.canParse(value, HERE) ? new URL(value, HERE) : null
  if (resolved?.origin !== HERE) return fallback
  return `${resolved.pathname}${resolved.search}${resolved.hash}`
}
