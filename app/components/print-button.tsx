import { useEffect, useState } from 'react'
import { useTranslation } from '~/i18n/use-translation'

/**
 * "Imprimer": a button once scripts run (window.print needs them); before, or without
 * JavaScript, a line saying how to print with the browser's own command.
 */
export function PrintButton() {
  const { t } = useTranslation()
  const [scripted, setScripted] = useState(false)
  useEffect(() => setScripted(true), [])
  return (
    <p className="no-print">
      {scripted ? (
        <button type="button" onClick={() => window.print()}>
          {t('print.button')}
        </button>
      ) : (
        t('print.withoutScript')
      )}
    </p>
  )
}
