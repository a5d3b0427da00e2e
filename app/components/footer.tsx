import { Link, useMatches } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

/**
 * The organisation a page is about: from its address (/<organisation>/…), or from a
 * loader that names it (a resident's link, the workspace of a signed-in advisor).
 */
function useOrganisationSlug(): string | null {
  const matches = useMatches()
  for (const match of [...matches].reverse()) {
    const fromParams = match.params.organisationSlug
    if (fromParams) return fromParams
    const data = match.data as
      { organisation?: { slug?: unknown }; organisationSlug?: unknown } | null | undefined
    const slug = data?.organisation?.slug ?? data?.organisationSlug
    if (typeof slug === 'string') return slug
  }
  return null
}

/**
 * The footer of every page: the legal pages of the organisation in context; on the
 * instance's own pages (no organisation), where each organisation publishes its own.
 */
export function Footer() {
  const { t } = useTranslation()
  const slug = useOrganisationSlug()
  return (
    <footer className="site-footer">
      <nav aria-label={t('footer.label')}>
        {slug ? (
          <ul>
            <li>
              <Link to={`/${slug}/vie-privee`} reloadDocument>
                {t('footer.privacy')}
              </Link>
            </li>
            <li>
              <Link to={`/${slug}/mentions-legales`} reloadDocument>
                {t('footer.notice')}
              </Link>
            </li>
            <li>
              <Link to={`/${slug}/accessibilite`} reloadDocument>
                {t('footer.accessibility')}
              </Link>
            </li>
          </ul>
        ) : (
          <>
            <p>{t('footer.noOrganisation')}</p>
            <ul>
              <li>
                <Link to="/">{t('footer.chooseOrganisation')}</Link>
              </li>
            </ul>
          </>
        )}
      </nav>
    </footer>
  )
}
