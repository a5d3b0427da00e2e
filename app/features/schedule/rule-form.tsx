import { Form } from '@remix-run/react'
import {
  Choice,
  ChoiceGroup,
  ErrorSummary,
  SelectField,
  TextField,
  useForm,
} from '~/components/form'
import type { FormValues } from '~/domain/input/problems'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { useTranslation } from '~/i18n/use-translation'
import { AffectedAppointments, useAffectedFields } from './affected-appointments'
import type { RuleFormResult, RulePreview } from './page-data'

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7']
const FREQUENCIES = [1, 2, 3, 4]

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
  maxLengths,
}: {
  values: FormValues
  result: RuleFormResult | undefined
  sites: { id: string; name: string }[]
  topics: { id: string; name: string }[]
  updatedAt: string | null
  defaultReason: string
  maxLengths: Record<string, number>
}) {
  const { t } = useTranslation()
  const mine = result?.form === 'rule' ? result : undefined
  const affected = useAffectedFields()
  const form = useForm({
    reply: mine,
    defaults: values,
    maxLengths,
    labels: {
      weekdays: t('workspace.rules.weekdays'),
      startTime: t('workspace.rules.startTime'),
      endTime: t('workspace.rules.endTime'),
      everyNWeeks: t('workspace.rules.everyNWeeksLabel'),
      place: t('workspace.rules.place'),
      topicIds: t('workspace.rules.topics'),
      validFrom: t('workspace.rules.validFrom'),
      validUntil: t('workspace.rules.validUntil'),
      confirmOverlap: t('workspace.rules.overlapConfirm'),
      ...affected.labels,
    },
    messages: {
      weekdays: { REQUIRED: 'workspace.rules.weekdaysRequired' },
      place: { REQUIRED: 'workspace.rules.placeRequired' },
      ...affected.messages,
    },
  })
  const shownWeeks = Number(form.field('everyNWeeks').value)
  const frequencies =
    FREQUENCIES.includes(shownWeeks) || !(shownWeeks > 0)
      ? FREQUENCIES
      : [...FREQUENCIES, shownWeeks]
  const overlapConfirmed = form.field('confirmOverlap').value === 'on'
  const confirming = mine?.affected && mine.affected.length > 0
  return (
    <Form method="post" noValidate className="workspace-rule-form">
      <ErrorSummary form={form} />
      {updatedAt ? <input type="hidden" name="updatedAt" value={updatedAt} /> : null}
      <ChoiceGroup
        form={form}
        name="weekdays"
        type="checkbox"
        options={WEEKDAYS.map((day) => ({
          value: day,
          label: t(`workspace.rules.weekday.${day}`),
        }))}
      />
      <TextField form={form} name="startTime" hint={t('workspace.rules.timeHint')} />
      <TextField form={form} name="endTime" hint={t('workspace.rules.timeHint')} />
      <SelectField
        form={form}
        name="everyNWeeks"
        options={frequencies.map((weeks) => ({
          value: String(weeks),
          label:
            weeks === 1
              ? t('workspace.rules.everyWeek')
              : t('workspace.rules.everyNWeeks', { count: weeks }),
        }))}
      />
      <SelectField
        form={form}
        name="place"
        options={[
          ...sites.map((site) => ({ value: site.id, label: site.name })),
          { value: PHONE_PLACE, label: t('workspace.rules.phone') },
        ]}
      />
      <ChoiceGroup
        form={form}
        name="topicIds"
        type="checkbox"
        hint={t('workspace.rules.topicsHint')}
        options={topics.map((topic) => ({ value: topic.id, label: topic.name }))}
      />
      <TextField form={form} name="validFrom" type="date" />
      <TextField
        form={form}
        name="validUntil"
        hint={t('workspace.rules.validUntilHint')}
        type="date"
      />
      {mine?.overlaps && mine.overlaps.length > 0 ? (
        <section className="notice workspace-overlaps" aria-labelledby="overlap-title">
          <h2 id="overlap-title">{t('workspace.rules.overlapTitle')}</h2>
          <ul>
            {mine.overlaps.map((overlap) => (
              <li key={overlap.id}>{overlap.label}</li>
            ))}
          </ul>
          <Choice form={form} name="confirmOverlap" label={form.field('confirmOverlap').label} />
        </section>
      ) : overlapConfirmed ? (
        // Confirmed on the previous step: the confirmation of appointments keeps it.
        <input type="hidden" name="confirmOverlap" value="on" />
      ) : null}
      {confirming ? (
        <AffectedAppointments
          form={form}
          affected={mine.affected!}
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
          {confirming ? t('workspace.rules.affected.confirm') : t('workspace.rules.save')}
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
