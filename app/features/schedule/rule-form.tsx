import { Form } from '@remix-run/react'
import { ErrorSummary, TextField } from '~/components/form'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { useTranslation } from '~/i18n/use-translation'
import { AffectedAppointments } from './affected-appointments'
import type { RuleFormResult, RuleFormValues, RulePreview } from './page-data'

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7']
const ERRORS = 'workspace.rules.errors'
const idOf = (name: string) => `field-${name}`

function text(name: string, value: string, error: string | undefined) {
  const id = idOf(name)
  return {
    id,
    name,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    errors: error ? [error] : undefined,
    initialValue: value,
  }
}

/**
 * The opening rule form (new or changed), with its preview, its overlap warning and the
 * confirmation of the appointments it would orphan; posts to its own route.
 */
export function RuleForm({
  values,
  result,
  sites,
  topics,
  updatedAt,
  defaultReason,
}: {
  values: RuleFormValues
  result: RuleFormResult | undefined
  sites: { id: string; name: string }[]
  topics: { id: string; name: string }[]
  updatedAt: string | null
  defaultReason: string
}) {
  const { t } = useTranslation()
  const mine = result?.form === 'rule' ? result : undefined
  const shown = mine?.values ?? values
  const errors = mine?.errors ?? {}
  const labels: Record<string, string> = {
    weekdays: t('workspace.rules.weekdays'),
    startTime: t('workspace.rules.startTime'),
    endTime: t('workspace.rules.endTime'),
    everyNWeeks: t('workspace.rules.everyNWeeksLabel'),
    place: t('workspace.rules.place'),
    topics: t('workspace.rules.topics'),
    validFrom: t('workspace.rules.validFrom'),
    validUntil: t('workspace.rules.validUntil'),
    confirmOverlap: t('workspace.rules.overlapConfirm'),
    decisions: t('workspace.rules.affected.all'),
    cancellationReason: t('workspace.rules.affected.reason'),
  }
  const summary = Object.entries(errors).map(([name, code]) => ({
    id: idOf(name),
    label: labels[name] ?? name,
    code,
  }))
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`${idOf(name)}-error`} className="error">
        {t(`${ERRORS}.${errors[name]}`)}
      </p>
    ) : null
  const describedBy = (name: string, hint?: string) =>
    [hint, errors[name] ? `${idOf(name)}-error` : null].filter(Boolean).join(' ') || undefined
  const frequencies = [1, 2, 3, 4]
  if (!frequencies.includes(Number(shown.everyNWeeks)) && Number(shown.everyNWeeks) > 0) {
    frequencies.push(Number(shown.everyNWeeks))
  }
  return (
    <Form method="post" noValidate className="workspace-rule-form">
      <ErrorSummary errors={summary} errorPrefix={ERRORS} />
      {updatedAt ? <input type="hidden" name="updatedAt" value={updatedAt} /> : null}
      <fieldset
        className={`field${errors.weekdays ? ' field-error' : ''}`}
        aria-describedby={describedBy('weekdays')}
      >
        <legend id={idOf('weekdays')}>{labels.weekdays}</legend>
        {errorOf('weekdays')}
        {WEEKDAYS.map((day) => (
          <div key={day} className="field-checkbox">
            <input
              type="checkbox"
              id={`weekday-${day}`}
              name="weekdays"
              value={day}
              defaultChecked={shown.weekdays.includes(day)}
            />
            <label htmlFor={`weekday-${day}`}>{t(`workspace.rules.weekday.${day}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextField
        field={text('startTime', shown.startTime, errors.startTime)}
        label={labels.startTime!}
        hint={t('workspace.rules.timeHint')}
        errorPrefix={ERRORS}
      />
      <TextField
        field={text('endTime', shown.endTime, errors.endTime)}
        label={labels.endTime!}
        hint={t('workspace.rules.timeHint')}
        errorPrefix={ERRORS}
      />
      <div className={`field${errors.everyNWeeks ? ' field-error' : ''}`}>
        <label htmlFor={idOf('everyNWeeks')}>{labels.everyNWeeks}</label>
        {errorOf('everyNWeeks')}
        <select
          id={idOf('everyNWeeks')}
          name="everyNWeeks"
          defaultValue={shown.everyNWeeks}
          aria-describedby={describedBy('everyNWeeks')}
        >
          {frequencies.map((weeks) => (
            <option key={weeks} value={String(weeks)}>
              {weeks === 1
                ? t('workspace.rules.everyWeek')
                : t('workspace.rules.everyNWeeks', { count: weeks })}
            </option>
          ))}
        </select>
      </div>
      <div className={`field${errors.place ? ' field-error' : ''}`}>
        <label htmlFor={idOf('place')}>{labels.place}</label>
        {errorOf('place')}
        <select
          id={idOf('place')}
          name="place"
          defaultValue={shown.place}
          aria-describedby={describedBy('place')}
        >
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
          <option value={PHONE_PLACE}>{t('workspace.rules.phone')}</option>
        </select>
      </div>
      <fieldset className="field" aria-describedby="topics-hint">
        <legend id={idOf('topics')}>{labels.topics}</legend>
        <p id="topics-hint" className="hint">
          {t('workspace.rules.topicsHint')}
        </p>
        {topics.map((topic) => (
          <div key={topic.id} className="field-checkbox">
            <input
              type="checkbox"
              id={`topic-${topic.id}`}
              name="topicIds"
              value={topic.id}
              defaultChecked={shown.topicIds.includes(topic.id)}
            />
            <label htmlFor={`topic-${topic.id}`}>{topic.name}</label>
          </div>
        ))}
      </fieldset>
      <TextField
        field={text('validFrom', shown.validFrom, errors.validFrom)}
        label={labels.validFrom!}
        type="date"
        errorPrefix={ERRORS}
      />
      <TextField
        field={text('validUntil', shown.validUntil, errors.validUntil)}
        label={labels.validUntil!}
        hint={t('workspace.rules.validUntilHint')}
        type="date"
        errorPrefix={ERRORS}
      />
      {mine?.overlaps && mine.overlaps.length > 0 ? (
        <section className="notice workspace-overlaps" aria-labelledby="overlap-title">
          <h2 id="overlap-title">{t('workspace.rules.overlapTitle')}</h2>
          <ul>
            {mine.overlaps.map((overlap) => (
              <li key={overlap.id}>{overlap.label}</li>
            ))}
          </ul>
          <div className={`field field-checkbox${errors.confirmOverlap ? ' field-error' : ''}`}>
            {errorOf('confirmOverlap')}
            <input
              type="checkbox"
              id={idOf('confirmOverlap')}
              name="confirmOverlap"
              defaultChecked={shown.confirmOverlap === 'on'}
              aria-describedby={describedBy('confirmOverlap')}
            />
            <label htmlFor={idOf('confirmOverlap')}>{labels.confirmOverlap}</label>
          </div>
        </section>
      ) : shown.confirmOverlap === 'on' ? (
        // Confirmed on the previous step: the confirmation of appointments keeps it.
        <input type="hidden" name="confirmOverlap" value="on" />
      ) : null}
      {mine?.affected && mine.affected.length > 0 ? (
        <AffectedAppointments
          affected={mine.affected}
          values={mine.decisionValues ?? null}
          errors={errors}
          defaultReason={defaultReason}
          changed={mine.changed ?? false}
        />
      ) : null}
      {mine?.preview ? <Preview preview={mine.preview} /> : null}
      <div className="workspace-actions">
        <button type="submit" name="intent" value="preview" className="secondary">
          {t('workspace.rules.preview')}
        </button>
        <button type="submit" name="intent" value="save">
          {mine?.affected && mine.affected.length > 0
            ? t('workspace.rules.affected.confirm')
            : t('workspace.rules.save')}
        </button>
      </div>
    </Form>
  )
}

function Preview({ preview }: { preview: RulePreview }) {
  const { t } = useTranslation()
  return (
    <section className="workspace-preview" aria-labelledby="preview-title" role="status">
      {preview.kind === 'NO_TOPIC' ? (
        <p id="preview-title">{t('workspace.rules.previewNoTopic')}</p>
      ) : (
        <>
          <h2 id="preview-title">{t('workspace.rules.previewTitle', { topic: preview.topic })}</h2>
          <p>{t('workspace.rules.previewNotSaved')}</p>
          {preview.days.length === 0 ? (
            <p>{t('workspace.rules.previewNone')}</p>
          ) : (
            <dl>
              {preview.days.map((day) => (
                <div key={day.title}>
                  <dt>{day.title}</dt>
                  <dd>{day.times.join(', ')}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </section>
  )
}
