import { REASON_MAX } from './limits'
import { useTranslation } from '~/i18n/use-translation'
import type { AffectedItem } from './page-data'

/**
 * The confirmation of a change of hours: the booked appointments it would leave outside
 * them, and for each (or for all) cancel or keep; nothing is written before it is sent.
 */
export function AffectedAppointments({
  affected,
  values,
  errors,
  defaultReason,
  changed,
}: {
  affected: AffectedItem[]
  values: { decisionAll: string; reason: string; choices: Record<string, string> } | null
  errors: Record<string, string>
  defaultReason: string
  changed: boolean
}) {
  const { t } = useTranslation()
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`field-${name}-error`} className="error">
        {t(`workspace.rules.errors.${errors[name]}`)}
      </p>
    ) : null
  const all = values?.decisionAll || 'EACH'
  return (
    <section className="workspace-affected" aria-labelledby="affected-title">
      <h2 id="affected-title">{t('workspace.rules.affected.title')}</h2>
      <input type="hidden" name="confirming" value="1" />
      {changed ? (
        <p className="notice error" role="alert">
          {t('workspace.rules.affected.changed')}
        </p>
      ) : null}
      <p>{t('workspace.rules.affected.intro')}</p>
      <ul>
        {affected.map((appointment) => (
          <li key={appointment.id}>{appointment.label}</li>
        ))}
      </ul>
      <fieldset
        className={`field${errors.decisions ? ' field-error' : ''}`}
        aria-describedby={errors.decisions ? 'field-decisions-error' : undefined}
      >
        <legend id="field-decisions">{t('workspace.rules.affected.all')}</legend>
        {errorOf('decisions')}
        {(['EACH', 'CANCEL', 'KEEP'] as const).map((choice) => (
          <div key={choice} className="field-radio">
            <input
              type="radio"
              id={`decision-all-${choice}`}
              name="decisionAll"
              value={choice}
              defaultChecked={all === choice}
            />
            <label htmlFor={`decision-all-${choice}`}>
              {t(`workspace.rules.affected.${choice.toLowerCase()}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {affected.map((appointment) => (
        <fieldset key={appointment.id} className="field">
          <legend>{appointment.choiceFor}</legend>
          {(['CANCEL', 'KEEP'] as const).map((choice) => (
            <div key={choice} className="field-radio">
              <input
                type="radio"
                id={`decision-${appointment.id}-${choice}`}
                name={`decision-${appointment.id}`}
                value={choice}
                defaultChecked={values?.choices[appointment.id] === choice}
              />
              <label htmlFor={`decision-${appointment.id}-${choice}`}>
                {t(`workspace.rules.affected.${choice.toLowerCase()}`)}
              </label>
            </div>
          ))}
        </fieldset>
      ))}
      <div className={`field${errors.cancellationReason ? ' field-error' : ''}`}>
        <label htmlFor="field-cancellationReason">{t('workspace.rules.affected.reason')}</label>
        {errorOf('cancellationReason')}
        <input
          id="field-cancellationReason"
          name="cancellationReason"
          type="text"
          maxLength={REASON_MAX}
          defaultValue={values ? values.reason : defaultReason}
          aria-invalid={errors.cancellationReason ? true : undefined}
          aria-describedby={
            errors.cancellationReason ? 'field-cancellationReason-error' : undefined
          }
        />
      </div>
    </section>
  )
}
