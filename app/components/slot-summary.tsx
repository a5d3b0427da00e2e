import { useTranslation } from '~/i18n/use-translation'

type SiteLike = { name: string; address: string; postalCode: string; city: string } | null

/**
 * What, when and where, as every step after the slot choice recalls it; for whom, when
 * someone else booked.
 */
export function SlotSummary({
  topicName,
  when,
  site,
  person,
}: {
  topicName: string
  when: string
  site: SiteLike
  person?: string | null
}) {
  const { t } = useTranslation()
  return (
    <dl className="summary">
      {person ? (
        <>
          <dt>{t('journey.summary.person')}</dt>
          <dd>{person}</dd>
        </>
      ) : null}
      <dt>{t('journey.summary.topic')}</dt>
      <dd>{topicName}</dd>
      <dt>{t('journey.summary.when')}</dt>
      <dd>{when}</dd>
      <dt>{t('journey.summary.where')}</dt>
      <dd>
        {site ? (
          <>
            {site.name}
            <br />
            {site.address}, {site.postalCode} {site.city}
          </>
        ) : (
          t('journey.summary.phoneMode')
        )}
      </dd>
    </dl>
  )
}
