import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Choice, ChoiceGroup, FieldGroup, SelectField, TextField, useForm } from '~/components/form'
import { TOPIC_FORMATS } from '~/domain/topics/format'
import { DIGITAL_SKILL_THEMES, PROCEDURE_THEMES } from '~/domain/topics/themes'
import { COOP_THEMES, FRANCE_SERVICES_OPERATORS } from '~/domain/reports/coop'
import { AdminRecordForm } from '~/features/admin/record-form'
import { TOPIC_FIELDS, TOPICS_PATH } from '~/features/admin/record-fields'
import { TOPICS } from '~/features/admin/record-kinds.server'
import {
  recordAction,
  recordPage,
  type RecordActionData,
} from '~/features/admin/record-pages.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/admin/motifs/<id> (or /nouveau): create or edit a topic, deactivate or reactivate
// it. Topics are never deleted: appointments point at them.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  recordPage(request, TOPICS, params.topicId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  recordAction(request, TOPICS, params.topicId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function TopicForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as RecordActionData | undefined
  const { t } = useTranslation()
  const label = (field: string) => t(`workspace.admin.topics.${field}`)
  const labels = Object.fromEntries(TOPIC_FIELDS.map((field) => [field, label(field)]))
  labels.allowsInPerson = label('modes')
  labels.coopThemes = t('reports.topic.coopThemes')
  labels.franceServicesOperator = t('reports.topic.franceServicesOperator')
  const form = useForm({
    reply: actionData?.stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels,
    messages: { allowsInPerson: { REQUIRED: 'workspace.admin.topics.modesRequired' } },
  })
  const themes = [...PROCEDURE_THEMES, ...DIGITAL_SKILL_THEMES].map((theme) => ({
    value: theme,
    label: t(`theme.${theme}`),
  }))
  return (
    <AdminRecordForm
      data={data}
      actionData={actionData}
      form={form}
      list={{ path: TOPICS_PATH, title: t('workspace.admin.topics.title') }}
    >
      <TextField form={form} name="name" />
      <ChoiceGroup
        form={form}
        name="format"
        type="radio"
        hint={label('formatHint')}
        options={TOPIC_FORMATS.map((format) => ({ value: format, label: label(format) }))}
      />
      <SelectField form={form} name="theme" options={themes} />
      <TextField form={form} name="durationMinutes" />
      <FieldGroup form={form} name="allowsInPerson">
        <Choice form={form} name="allowsInPerson" label={label('allowsInPerson')} inGroup />
        <Choice form={form} name="allowsPhone" label={label('allowsPhone')} inGroup />
      </FieldGroup>
      <TextField form={form} name="minNoticeMinutes" />
      <TextField form={form} name="horizonDays" />
      <TextField form={form} name="bufferMinutes" />
      <TextField form={form} name="cancellationDeadlineMinutes" />
      <Choice form={form} name="isPublic" label={label('isPublic')} />
      <TextField
        form={form}
        name="instructions"
        label={`${label('instructions')} ${t('workspace.admin.optional')}`}
        hint={label('instructionsHint')}
        multiline
      />
      <TextField
        form={form}
        name="nameEn"
        label={`${label('nameEn')} ${t('workspace.admin.optional')}`}
        hint={label('englishHint')}
      />
      <TextField
        form={form}
        name="instructionsEn"
        label={`${label('instructionsEn')} ${t('workspace.admin.optional')}`}
        hint={label('englishHint')}
        multiline
      />
      <ChoiceGroup
        form={form}
        name="coopThemes"
        type="checkbox"
        hint={t('reports.topic.coopThemesHint')}
        options={COOP_THEMES.map((code) => ({ value: code, label: t(`coop.theme.${code}`) }))}
      />
      <SelectField
        form={form}
        name="franceServicesOperator"
        hint={t('reports.topic.franceServicesOperatorHint')}
        options={[
          { value: '', label: t('reports.topic.noOperator') },
          ...FRANCE_SERVICES_OPERATORS.map((code) => ({
            value: code,
            label: t(`coop.operator.${code}`),
          })),
        ]}
      />
    </AdminRecordForm>
  )
}
