import { Form } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

/**
 * "Prévenez-moi si un créneau plus tôt se libère", one button on the manage page; or, while
 * alerts run, how many went and the button to stop them. Nothing when none can be asked.
 */
export function EarlierSlotChoice({
  token,
  alert,
}: {
  token: string
  alert: { running: { alertsSent: number } | null; maxAlerts: number; refusal: string | null }
}) {
  const { t } = useTranslation()
  if (!alert.running && alert.refusal) return null
  return (
    <section aria-labelledby="earlier-slot-title">
      <h2 id="earlier-slot-title">{t('alerts.manage.title')}</h2>
      <p>
        {alert.running
          ? t('alerts.manage.running', { sent: alert.running.alertsSent, max: alert.maxAlerts })
          : t('alerts.manage.askHint', { max: alert.maxAlerts })}
      </p>
      <Form method="post" action={`/r/${token}/alerte`}>
        <input type="hidden" name="alert" value={alert.running ? 'stop' : 'ask'} />
        <button type="submit" className={alert.running ? 'button-secondary' : undefined}>
          {t(alert.running ? 'alerts.manage.stop' : 'alerts.manage.ask')}
        </button>
      </Form>
    </section>
  )
}
