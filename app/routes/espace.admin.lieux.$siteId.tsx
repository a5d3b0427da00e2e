import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import type { FormReply } from '~/domain/input/problems'
import { createSite, findSite, updateSite } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { siteSchema } from '~/features/admin/forms.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { useTranslation } from '~/i18n/use-translation'
import {
  formReply,
  formValuesOf,
  maxLengthsOf,
  parseForm,
  renderedUpdatedAt,
} from '~/platform/forms.server'
import { requireAdmin, requirePermission } from '~/features/access/index.server'

// /espace/admin/lieux/<id> (or /nouveau): create or edit a site, deactivate or reactivate
// it. Sites are never deleted: appointments and opening rules point at them.
const NEW = 'nouveau'
const FIELDS = [
  'name',
  'address',
  'postalCode',
  'city',
  'phone',
  'accessNotes',
  'accessibilityNotes',
] as const

async function load(request: Request, siteId: string | undefined) {
  const admin = await requireAdmin(request)
  if (siteId === NEW) return { ...admin, site: null }
  const site = await findSite(db(), siteId ?? '')
  requirePermission(
    admin.signedIn.actor,
    'organisation.administer',
    site ? { organisationId: site.organisationId } : null,
  )
  return { ...admin, site: site! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, site } = await load(request, params.siteId)
  const url = new URL(request.url)
  return {
    title: site
      ? t('workspace.admin.sites.editTitle', { name: site.name })
      : t('workspace.admin.sites.newTitle'),
    isNew: !site,
    active: site?.active ?? true,
    values: site
      ? formValuesOf({
          ...pick(site),
          phone: site.phone ? formatPhoneForDisplay(site.phone) : null,
        })
      : {},
    updatedAt: site?.updatedAt.toISOString() ?? '',
    maxLengths: maxLengthsOf(siteSchema),
    notice: url.searchParams.get('enregistre') === '1',
  }
}

function pick(site: Record<string, unknown>) {
  return Object.fromEntries(FIELDS.map((field) => [field, site[field]]))
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { stale?: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, site } = await load(request, params.siteId)
  const actor = signedIn.actor
  const form = await request.formData()
  const intent = form.get('intent')
  if (site && (intent === 'deactivate' || intent === 'reactivate')) {
    const outcome = await updateSite(db(), actor, site.id, renderedUpdatedAt(form), {
      active: intent === 'reactivate',
    })
    if (outcome === 'STALE') return staleReply()
    return redirect(`/espace/admin/lieux/${site.id}?enregistre=1`)
  }
  const parsed = parseForm(form, siteSchema)
  if (!parsed.ok) return Response.json(parsed.reply satisfies ActionData, { status: 400 })
  if (!site) {
    const created = await createSite(db(), actor, parsed.value)
    return redirect(`/espace/admin/lieux/${created.id}?enregistre=1`)
  }
  const outcome = await updateSite(db(), actor, site.id, renderedUpdatedAt(form), parsed.value)
  if (outcome === 'STALE') return staleReply()
  return redirect(`/espace/admin/lieux/${site.id}?enregistre=1`)
}

/** After a stale edit, the page shows the current record (the loader's), not what was typed. */
function staleReply() {
  return Response.json({ ...formReply({}), stale: true } satisfies ActionData, { status: 409 })
}

export default function SiteForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const labels = Object.fromEntries(
    FIELDS.map((field) => [field, t(`workspace.admin.sites.${field}`)]),
  )
  const form = useForm({
    reply: actionData?.stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels,
  })
  const optional = (field: string) => `${labels[field]} ${t('workspace.admin.optional')}`
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin/lieux">{t('workspace.admin.sites.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <ErrorSummary form={form} />
      {data.isNew ? null : (
        <p>{data.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}</p>
      )}
      <Form method="post" noValidate key={data.updatedAt || 'new'}>
        <input type="hidden" name="updatedAt" value={data.updatedAt} />
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
        <button type="submit">
          {data.isNew ? t('workspace.admin.create') : t('workspace.admin.save')}
        </button>
      </Form>
      {data.isNew ? null : (
        <Form method="post">
          <input type="hidden" name="updatedAt" value={data.updatedAt} />
          <input type="hidden" name="intent" value={data.active ? 'deactivate' : 'reactivate'} />
          <button type="submit">
            {data.active ? t('workspace.admin.deactivate') : t('workspace.admin.reactivate')}
          </button>
        </Form>
      )}
    </div>
  )
}
