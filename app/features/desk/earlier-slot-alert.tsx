import { Form } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

/**
 * The appointment page's earlier-slot alert: running (how many went, and stop it), or the
 * button that asks for it on the resident's behalf, or why it cannot be asked.
 */
export function EarlierSlotAlert({
  alert,
}: {
  alert: { running: { alertsSent: number } | null; maxAlerts: number; refusal: string | null }
}) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="earlier-slot-title">
      <h2 id="earlier-slot-title">{t('alerts.workspace.title')}</h2>
      {alert.running ? (
        <p>
          {t('alerts.workspace.running', { sent: alert.running.alertsSent, max: alert.maxAlerts })}
        </p>
      ) : alert.refusal ? (
        <p>{t(`alerts.workspace.refusals.${alert.refusal}`)}</p>
      ) : (
        <p>{t('alerts.workspace.askHint', { max: alert.maxAlerts })}</p>
      )}
      {alert.running || !alert.refusal ? (
        <Form method="post">
          <input type="hidden" name="alert" value={alert.running ? 'stop' : 'ask'} />
          <button type="submit" className={alert.running ? 'button-secondary' : undefined}>
            {t(alert.running ? 'alerts.workspace.stop' : 'alerts.workspace.ask')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
