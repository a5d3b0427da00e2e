// What the pages of a resident's link (an appointment's, a workshop registration's, a
// place on a waiting list) share: the 404 a link answers when it does not work, and their
// head. The browser needs to know the shape of the 404's data.

/** The i18n keys a link's 404 reads: `<texts>.intro`, `.help`, `.callOrganisation`… */
export type LinkTexts = 'manage.notFound' | 'publicWorkshops.notFound'

/** The data of the 404 a resident's link answers when it does not work. */
export type LinkNotFound = {
  linkNotFound: true
  title: string
  texts: LinkTexts
  /** Known when the row is (a link with a wrong end): whom to call. */
  organisation: { name: string; slug: string; phone: string | null } | null
}

export function isLinkNotFound(value: unknown): value is LinkNotFound {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { linkNotFound?: unknown }).linkNotFound === true
  )
}

/**
 * The head of every page of a link: its title (the not-found page's when the link does
 * not work) and, the address carrying the token, no indexing.
 */
export function linkPageMeta(
  data: { title: string; organisation: { name: string } } | undefined,
  error: unknown,
) {
  const notFound =
    typeof error === 'object' &&
    error !== null &&
    isLinkNotFound((error as { data?: unknown }).data)
      ? (error as { data: LinkNotFound }).data
      : null
  const title = data
    ? `${data.title} · ${data.organisation.name}`
    : notFound
      ? `${notFound.title} · Permanence`
      : 'Permanence'
  return [{ title }, { name: 'robots', content: 'noindex' }]
}
