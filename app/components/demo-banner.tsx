import { useTranslation } from '~/i18n/use-translation'

/** On every page of the demo: nothing here is real, and nobody should type real details. */
export function DemoBanner() {
  const { t } = useTranslation()
  return (
    <aside className="demo-banner" aria-label={t('demo.label')}>
      <p>
        <strong>{t('demo.title')}</strong> {t('demo.explanation')}
      </p>
    </aside>
  )
}
