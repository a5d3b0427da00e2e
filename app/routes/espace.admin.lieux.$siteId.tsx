import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { TextField, useForm } from '~/components/form'
import { AdminRecordForm } from '~/features/admin/record-form'
import { SITE_FIELDS, SITES_PATH } from '~/features/admin/record-fields'
import { SITES } from '~/features/admin/record-kinds.server'
import {
  recordAction,
  recordPage,
  type RecordActionData,
} from '~/features/admin/record-pages.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/admin/lieux/<id> (or /nouveau): create or edit a site, deactivate or reactivate
// it. Sites are never deleted: appointments and opening rules point at them.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  recordPage(request, SITES, params.siteId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  recordAction(request, SITES, params.siteId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function SiteForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as RecordActionData | undefined
  const { t } = useTranslation()
  const labels = Object.fromEntries(
    SITE_FIELDS.map((field) => [field, t(`workspace.admin.sites.${field}`)]),
  )
  const form = useForm({
    reply: actionData?.stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels,
  })
  const optional = (field: string) => `${labels[field]} ${t('workspace.admin.optional')}`
  return (
    <AdminRecordForm
      data={data}
      actionData={actionData}
      form={form}
      list={{ path: SITES_PATH, title: t('workspace.admin.sites.title') }}
    >
      <TextField form={form} name="name" />
      <TextField form={form} name="address" />
      <TextField form={form} name="postalCode" />
      <TextField form={form} name="city" />
      <TextField form={form} name="phone" type="tel" label={optional('phone')} />
      <TextField form={form} name="accessNotes" label={optional('accessNotes')} multiline />
      <TextField
        form={form}
        name="accessibilityNotes"
        label={optional('accessibilityNotes')}
        multiline
      />
    </AdminRecordForm>
  )
}
