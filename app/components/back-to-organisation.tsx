import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

/** The way back to the organisation's home page. */
export function BackToOrganisation({ name, slug }: { name: string; slug: string }) {
  const { t } = useTranslation()
  return (
    <p className="back-link">
      <Link to={`/${slug}`}>{t('lostLink.back', { organisation: name })}</Link>
    </p>
  )
}
