import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  AdminCheckbox,
  AdminErrors,
  AdminFieldset,
  AdminSelect,
  AdminText,
  Notice,
  type FormState,
} from '~/components/workspace/admin'
import { createTopic, findTopic, updateTopic } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { fieldErrors, topicSchema } from '~/features/admin/forms.server'
import { DIGITAL_SKILL_THEMES, PROCEDURE_THEMES } from '~/domain/topics/themes'
import { useTranslation } from '~/i18n/use-translation'
import { asFormValues, renderedUpdatedAt, valuesOf } from '~/features/admin/form-helpers.server'
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
      ? asFormValues({
          ...Object.fromEntries(FIELDS.map((field) => [field, topic[field]])),
          updatedAt: topic.updatedAt,
        })
      : DEFAULTS,
    notice: url.searchParams.get('enregistre') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormState & { stale?: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, topic } = await load(request, params.topicId)
  const actor = signedIn.actor
  const form = await request.formData()
  const values = valuesOf(form)
  const intent = form.get('intent')
  const updatedAt = renderedUpdatedAt(form) ?? new Date(0)
  if (topic && (intent === 'deactivate' || intent === 'reactivate')) {
    const outcome = await updateTopic(db(), actor, topic.id, updatedAt, {
      active: intent === 'reactivate',
    })
    if (outcome === 'STALE') return staleReply(values)
    return redirect(`/espace/admin/motifs/${topic.id}?enregistre=1`)
  }
  const parsed = topicSchema.safeParse(values)
  if (!parsed.success) {
    return Response.json({ values, errors: fieldErrors(parsed.error) } satisfies ActionData, {
      status: 400,
    })
  }
  if (!topic) {
    const created = await createTopic(db(), actor, parsed.data)
    return redirect(`/espace/admin/motifs/${created.id}?enregistre=1`)
  }
  const outcome = await updateTopic(db(), actor, topic.id, updatedAt, parsed.data)
  if (outcome === 'STALE') return staleReply(values)
  return redirect(`/espace/admin/motifs/${topic.id}?enregistre=1`)
}

function staleReply(values: Record<string, string>) {
  return Response.json({ values, errors: {}, stale: true } satisfies ActionData, { status: 409 })
}

export default function TopicForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const state: FormState =
    actionData && !actionData.stale ? actionData : { values: data.values, errors: {} }
  const label = (field: string) => t(`workspace.admin.topics.${field}`)
  const labels = Object.fromEntries(FIELDS.map((field) => [field, label(field)]))
  labels.allowsInPerson = label('modes')
  const themes = [...PROCEDURE_THEMES, ...DIGITAL_SKILL_THEMES].map((theme) => ({
    value: theme,
    label: t(`theme.${theme}`),
  }))
  const updatedAt = 'updatedAt' in data.values ? data.values.updatedAt : ''
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin/motifs">{t('workspace.admin.topics.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <AdminErrors state={state} labels={labels} />
      {data.isNew ? null : (
        <p>{data.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}</p>
      )}
      <Form method="post" noValidate key={updatedAt || 'new'}>
        <input type="hidden" name="updatedAt" value={updatedAt} />
        <AdminText name="name" label={label('name')} state={state} />
        <AdminSelect name="theme" label={label('theme')} state={state} options={themes} />
        <AdminText name="durationMinutes" label={label('durationMinutes')} state={state} />
        <AdminFieldset name="allowsInPerson" legend={label('modes')} state={state}>
          <AdminCheckbox
            name="allowsInPerson"
            id="field-allowsInPerson-box"
            label={label('allowsInPerson')}
            state={state}
          />
          <AdminCheckbox name="allowsPhone" label={label('allowsPhone')} state={state} />
        </AdminFieldset>
        <AdminText name="minNoticeMinutes" label={label('minNoticeMinutes')} state={state} />
        <AdminText name="horizonDays" label={label('horizonDays')} state={state} />
        <AdminText name="bufferMinutes" label={label('bufferMinutes')} state={state} />
        <AdminText
          name="cancellationDeadlineMinutes"
          label={label('cancellationDeadlineMinutes')}
          state={state}
        />
        <AdminCheckbox name="isPublic" label={label('isPublic')} state={state} />
        <AdminText
          name="instructions"
          label={`${label('instructions')} ${t('workspace.admin.optional')}`}
          state={state}
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
