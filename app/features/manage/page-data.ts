// What the manage pages receive that the browser needs to know the shape of.

/** The data of the 404 a manage link answers when it does not work. */
export type ManageLinkNotFound = {
  manageLinkNotFound: true
  title: string
  /** Known when the appointment is (a link with a wrong end): whom to call. */
  organisation: { name: string; slug: string; phone: string | null } | null
}

export function isManageLinkNotFound(value: unknown): value is ManageLinkNotFound {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { manageLinkNotFound?: unknown }).manageLinkNotFound === true
  )
}

/**
 * The head of every manage page: its title (the not-found page's when the link does not
 * work) and, the address carrying the token, no indexing.
 */
export function manageMeta(
  data: { title: string; organisation: { name: string } } | undefined,
  error: unknown,
) {
  const notFound =
    typeof error === 'object' &&
    error !== null &&
    isManageLinkNotFound((error as { data?: unknown }).data)
      ? (error as { data: ManageLinkNotFound }).data
      : null
  const title = data
    ? `${data.title} · ${data.organisation.name}`
    : notFound
      ? `${notFound.title} · Permanence`
      : 'Permanence'
  return [{ title }, { name: 'robots', content: 'noindex' }]
}
