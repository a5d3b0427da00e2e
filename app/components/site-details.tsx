import { useTranslation } from '~/i18n/use-translation'

type SiteLike = {
  address: string
  postalCode: string
  city: string
  accessNotes: string | null
  accessibilityNotes: string | null
}

/** A site's address and how to get in, as every public page shows them. */
export function SiteDetails({ site }: { site: SiteLike }) {
  const { t } = useTranslation()
  return (
    <>
      <address>
        {site.address}
        <br />
        {site.postalCode} {site.city}
      </address>
      {site.accessNotes ? <p>{t('organisation.access', { notes: site.accessNotes })}</p> : null}
      {site.accessibilityNotes ? (
        <p>{t('organisation.accessibility', { notes: site.accessibilityNotes })}</p>
      ) : null}
    </>
  )
}
