import { Link } from '@remix-run/react'
import { Choice, FieldGroup, TextField, type FormView } from '~/components/form'
import { useTranslation } from '~/i18n/use-translation'
import type { AffectedItem } from './page-data'

const ALL = ['EACH', 'CANCEL', 'KEEP'] as const

/** The labels and messages of the confirmation's fields, for the form that holds it. */
export function useAffectedFields() {
  const { t } = useTranslation()
  return {
    labels: {
      decisions: t('workspace.rules.affected.all'),
      cancellationReason: t('workspace.rules.affected.reason'),
    },
    messages: {
      decisions: { REQUIRED: 'workspace.rules.affected.decisionRequired' },
      cancellationReason: { REQUIRED: 'workspace.rules.affected.reasonRequired' },
    },
  }
}

/**
 * The confirmation of a change of hours: the booked appointments it would leave outside
 * them, and for each (or for all) cancel or keep; the workshop sessions it disturbs, each
 * with its page (they are kept, to be changed or cancelled there); nothing is written
 * before it is sent.
 */
export function AffectedAppointments({
  form,
  affected,
  defaultReason,
  changed,
}: {
  form: FormView
  affected: AffectedItem[]
  defaultReason: string
  changed: boolean
}) {
  const { t } = useTranslation()
  // Before the first confirmation the form holds no answer: "one by one" is chosen.
  const all = form.field('decisionAll').value || 'EACH'
  const appointments = affected.filter((item) => !item.workshopLink)
  const workshops = affected.filter((item) => item.workshopLink)
  return (
    <section className="workspace-affected" aria-labelledby="affected-title">
      <h2 id="affected-title">{t('workspace.rules.affected.title')}</h2>
      <input type="hidden" name="confirming" value="1" />
      {changed ? (
        <p className="notice error" role="alert">
          {t('workspace.rules.affected.changed')}
        </p>
      ) : null}
      {appointments.length > 0 ? (
        <>
          <p>{t('workspace.rules.affected.intro')}</p>
          <ul>
            {appointments.map((appointment) => (
              <li key={appointment.id}>{appointment.label}</li>
            ))}
          </ul>
          <FieldGroup form={form} name="decisions">
            {ALL.map((choice) => (
              <Choice
                key={choice}
                form={form}
                name="decisionAll"
                type="radio"
                value={choice}
                label={t(`workspace.rules.affected.${choice.toLowerCase()}`)}
                checked={all === choice}
              />
            ))}
          </FieldGroup>
          {appointments.map((appointment) => (
            <fieldset key={appointment.id} className="field">
              <legend>{appointment.choiceFor}</legend>
              {(['CANCEL', 'KEEP'] as const).map((choice) => (
                <Choice
                  key={choice}
                  form={form}
                  name={`decision-${appointment.id}`}
                  type="radio"
                  value={choice}
                  label={t(`workspace.rules.affected.${choice.toLowerCase()}`)}
                />
              ))}
            </fieldset>
          ))}
          <TextField form={form} name="cancellationReason" initial={defaultReason} />
        </>
      ) : null}
      {workshops.length > 0 ? (
        <>
          <p>{t('workspace.rules.affected.workshopsIntro')}</p>
          <ul>
            {workshops.map((workshop) => (
              <li key={workshop.id}>
                <input type="hidden" name="keptSession" value={workshop.id} />
                <Link to={workshop.workshopLink!}>{workshop.label}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
