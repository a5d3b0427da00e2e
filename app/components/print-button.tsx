import { useEffect, useState } from 'react'
import { useTranslation } from '~/i18n/use-translation'

/**
 * "Imprimer": a button once scripts run (window.print needs them); before, or without
 * JavaScript, a line saying how to print with the browser's own command. On a page served
 * without hydration, the enhancement script shows the button instead (decision 096).
 */
export function PrintButton() {
  const { t } = useTranslation()
  const [scripted, setScripted] = useState(false)
  useEffect(() => setScripted(true), [])
  return (
    <p className="no-print">
      <button type="button" data-print hidden={!scripted} onClick={() => window.print()}>
        {t('print.button')}
      </button>
      {scripted ? null : <span data-print-fallback>{t('print.withoutScript')}</span>}
    </p>
  )
}
