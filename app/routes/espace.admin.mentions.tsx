import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, SelectField, TextField, useForm } from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import type { FormReply } from '~/domain/input/problems'
import { answerSettingsForm, findOrganisation } from '~/features/admin/records.server'
import { requireAdmin } from '~/features/access/index.server'
import {
  ACCESSIBILITY_STATUSES,
  LEGAL_FIELDS,
  legalSettingsSchema,
  legalSettingsValues,
} from '~/features/legal/index.server'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { maxLengthsOf } from '~/platform/forms.server'

// /espace/admin/mentions: what the organisation's legal pages say of it (publisher, DPO,
// host, accessibility statement). Admins only; stale edits refused (decision 092).
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const organisation = (await findOrganisation(db(), signedIn.actor.organisationId))!
  return {
    title: t('legal.admin.title'),
    slug: organisation.slug,
    statuses: [...ACCESSIBILITY_STATUSES],
    fields: LEGAL_FIELDS,
    maxLengths: maxLengthsOf(legalSettingsSchema),
    updatedAt: organisation.updatedAt.toISOString(),
    notice: new URL(request.url).searchParams.get('enregistre') === '1',
    values: legalSettingsValues(organisation),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { stale?: boolean }

export async function action({ request }: ActionFunctionArgs) {
  const { signedIn } = await requireAdmin(request)
  const form = await request.formData()
  return answerSettingsForm(
    signedIn.actor,
    form,
    legalSettingsSchema,
    (value) => value,
    '/espace/admin/mentions?enregistre=1',
  )
}

export default function LegalSettings() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const label = (field: string) => t(`legal.admin.${field}`)
  const form = useForm({
    reply: actionData?.stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels: Object.fromEntries(data.fields.map((field) => [field, label(field)])),
  })
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{label('intro')}</p>
      <p>
        {label('pages')} <a href={`/${data.slug}/vie-privee`}>{t('footer.privacy')}</a>,{' '}
        <a href={`/${data.slug}/mentions-legales`}>{t('footer.notice')}</a>,{' '}
        <a href={`/${data.slug}/accessibilite`}>{t('footer.accessibility')}</a>
      </p>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <ErrorSummary form={form} />
      <Form method="post" noValidate key={data.updatedAt}>
        <input type="hidden" name="updatedAt" value={data.updatedAt} />
        <h2>{label('publisherTitle')}</h2>
        <TextField form={form} name="legalName" hint={label('legalNameHint')} />
        <TextField form={form} name="legalAddress" multiline rows={2} />
        <TextField form={form} name="dpoContact" hint={label('dpoContactHint')} />
        <TextField form={form} name="publicationDirector" />
        <h2>{label('hostTitle')}</h2>
        <TextField form={form} name="hostName" />
        <TextField form={form} name="hostAddress" multiline rows={2} />
        <h2>{label('accessibilityTitle')}</h2>
        <SelectField
          form={form}
          name="accessibilityStatus"
          options={data.statuses.map((status) => ({
            value: status,
            label: t(`legal.admin.statuses.${status}`),
          }))}
        />
        <TextField form={form} name="accessibilityCheckedOn" type="date" />
        <TextField
          form={form}
          name="accessibilityContact"
          hint={label('accessibilityContactHint')}
        />
        <TextField
          form={form}
          name="accessibilityKnownIssues"
          hint={label('accessibilityKnownIssuesHint')}
          multiline
          rows={4}
        />
        <button type="submit">{t('workspace.admin.save')}</button>
      </Form>
    </div>
  )
}
