import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  Choice,
  ErrorSummary,
  FieldGroup,
  SelectField,
  TextField,
  useForm,
} from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import type { FormReply } from '~/domain/input/problems'
import { createTopic, findTopic, updateTopic } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { topicSchema } from '~/features/admin/forms.server'
import { DIGITAL_SKILL_THEMES, PROCEDURE_THEMES } from '~/domain/topics/themes'
import { useTranslation } from '~/i18n/use-translation'
import {
  formReply,
  formValuesOf,
  maxLengthsOf,
  parseForm,
  renderedUpdatedAt,
} from '~/platform/forms.server'
import { requireAdmin, requirePermission } from '~/features/access/index.server'

// /espace/admin/motifs/<id> (or /nouveau): create or edit a topic, deactivate or reactivate
// it. Topics are never deleted: appointments point at them.
const NEW = 'nouveau'
const FIELDS = [
  'name',
  'theme',
  'durationMinutes',
  'allowsInPerson',
  'allowsPhone',
  'minNoticeMinutes',
  'horizonDays',
  'bufferMinutes',
  'cancellationDeadlineMinutes',
  'isPublic',
  'instructions',
] as const

const DEFAULTS = {
  theme: 'PAPERS_CITIZENSHIP',
  durationMinutes: '30',
  allowsInPerson: 'on',
  minNoticeMinutes: '120',
  horizonDays: '60',
  bufferMinutes: '0',
  cancellationDeadlineMinutes: '120',
  isPublic: 'on',
}

async function load(request: Request, topicId: string | undefined) {
  const admin = await requireAdmin(request)
  if (topicId === NEW) return { ...admin, topic: null }
  const topic = await findTopic(db(), topicId ?? '')
  requirePermission(
    admin.signedIn.actor,
    'organisation.administer',
    topic ? { organisationId: topic.organisationId } : null,
  )
  return { ...admin, topic: topic! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, topic } = await load(request, params.topicId)
  const url = new URL(request.url)
  return {
    title: topic
      ? t('workspace.admin.topics.editTitle', { name: topic.name })
      : t('workspace.admin.topics.newTitle'),
    isNew: !topic,
    active: topic?.active ?? true,
    values: topic
      ? formValuesOf(Object.fromEntries(FIELDS.map((field) => [field, topic[field]])))
      : DEFAULTS,
    updatedAt: topic?.updatedAt.toISOString() ?? '',
    maxLengths: maxLengthsOf(topicSchema),
    notice: url.searchParams.get('enregistre') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { stale?: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, topic } = await load(request, params.topicId)
  const actor = signedIn.actor
  const form = await request.formData()
  const intent = form.get('intent')
  const updatedAt = renderedUpdatedAt(form)
  if (topic && (intent === 'deactivate' || intent === 'reactivate')) {
    const outcome = await updateTopic(db(), actor, topic.id, updatedAt, {
      active: intent === 'reactivate',
    })
    if (outcome === 'STALE') return staleReply()
    return redirect(`/espace/admin/motifs/${topic.id}?enregistre=1`)
  }
  const parsed = parseForm(form, topicSchema)
  if (!parsed.ok) return Response.json(parsed.reply satisfies ActionData, { status: 400 })
  if (!topic) {
    const created = await createTopic(db(), actor, parsed.value)
    return redirect(`/espace/admin/motifs/${created.id}?enregistre=1`)
  }
  const outcome = await updateTopic(db(), actor, topic.id, updatedAt, parsed.value)
  if (outcome === 'STALE') return staleReply()
  return redirect(`/espace/admin/motifs/${topic.id}?enregistre=1`)
}

/** After a stale edit, the page shows the current record (the loader's), not what was typed. */
function staleReply() {
  return Response.json({ ...formReply({}), stale: true } satisfies ActionData, { status: 409 })
}

export default function TopicForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const label = (field: string) => t(`workspace.admin.topics.${field}`)
  const labels = Object.fromEntries(FIELDS.map((field) => [field, label(field)]))
  labels.allowsInPerson = label('modes')
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
  const updatedAt = data.updatedAt
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin/motifs">{t('workspace.admin.topics.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <ErrorSummary form={form} />
      {data.isNew ? null : (
        <p>{data.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}</p>
      )}
      <Form method="post" noValidate key={updatedAt || 'new'}>
        <input type="hidden" name="updatedAt" value={updatedAt} />
        <TextField form={form} name="name" />
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
          multiline
        />
        <button type="submit">
          {data.isNew ? t('workspace.admin.create') : t('workspace.admin.save')}
        </button>
      </Form>
      {data.isNew ? null : (
        <Form method="post">
          <input type="hidden" name="updatedAt" value={updatedAt} />
          <input type="hidden" name="intent" value={data.active ? 'deactivate' : 'reactivate'} />
          <button type="submit">
            {data.active ? t('workspace.admin.deactivate') : t('workspace.admin.reactivate')}
          </button>
        </Form>
      )}
    </div>
  )
}
