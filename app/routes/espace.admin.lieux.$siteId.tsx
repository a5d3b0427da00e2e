import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AdminErrors, AdminText, Notice, type FormState } from '~/components/workspace/admin'
import { createSite, findSite, updateSite } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { fieldErrors, siteSchema } from '~/features/admin/forms.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { useTranslation } from '~/i18n/use-translation'
import { asFormValues, renderedUpdatedAt, valuesOf } from '~/features/admin/form-helpers.server'
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
      ? asFormValues({
          ...pick(site),
          phone: site.phone ? formatPhoneForDisplay(site.phone) : null,
          updatedAt: site.updatedAt,
        })
      : {},
    notice: url.searchParams.get('enregistre') === '1',
  }
}

function pick(site: Record<string, unknown>) {
  return Object.fromEntries(FIELDS.map((field) => [field, site[field]]))
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormState & { stale?: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, site } = await load(request, params.siteId)
  const actor = signedIn.actor
  const form = await request.formData()
  const values = valuesOf(form)
  const intent = form.get('intent')
  if (site && (intent === 'deactivate' || intent === 'reactivate')) {
    const outcome = await updateSite(db(), actor, site.id, renderedUpdatedAt(form) ?? new Date(0), {
      active: intent === 'reactivate',
    })
    if (outcome === 'STALE') return staleReply(values)
    return redirect(`/espace/admin/lieux/${site.id}?enregistre=1`)
  }
  const parsed = siteSchema.safeParse(values)
  if (!parsed.success) {
    return Response.json({ values, errors: fieldErrors(parsed.error) } satisfies ActionData, {
      status: 400,
    })
  }
  if (!site) {
    const created = await createSite(db(), actor, parsed.data)
    return redirect(`/espace/admin/lieux/${created.id}?enregistre=1`)
  }
  const outcome = await updateSite(
    db(),
    actor,
    site.id,
    renderedUpdatedAt(form) ?? new Date(0),
    parsed.data,
  )
  if (outcome === 'STALE') return staleReply(values)
  return redirect(`/espace/admin/lieux/${site.id}?enregistre=1`)
}

function staleReply(values: Record<string, string>) {
  return Response.json({ values, errors: {}, stale: true } satisfies ActionData, { status: 409 })
}

export default function SiteForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  // After a stale edit, the current record is shown (the loader's), not what was typed.
  const state: FormState =
    actionData && !actionData.stale ? actionData : { values: data.values, errors: {} }
  const labels = Object.fromEntries(
    FIELDS.map((field) => [field, t(`workspace.admin.sites.${field}`)]),
  )
  const optional = (field: string) => `${labels[field]} ${t('workspace.admin.optional')}`
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin/lieux">{t('workspace.admin.sites.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <AdminErrors state={state} labels={labels} />
      {data.isNew ? null : (
        <p>{data.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}</p>
      )}
      <Form method="post" noValidate key={data.values.updatedAt ?? 'new'}>
        <input type="hidden" name="updatedAt" value={data.values.updatedAt ?? ''} />
        <AdminText name="name" label={labels.name!} state={state} />
        <AdminText name="address" label={labels.address!} state={state} />
        <AdminText name="postalCode" label={labels.postalCode!} state={state} />
        <AdminText name="city" label={labels.city!} state={state} />
        <AdminText name="phone" type="tel" label={optional('phone')} state={state} />
        <AdminText name="accessNotes" label={optional('accessNotes')} state={state} multiline />
        <AdminText
          name="accessibilityNotes"
          label={optional('accessibilityNotes')}
          state={state}
          multiline
        />
        <button type="submit">
          {data.isNew ? t('workspace.admin.create') : t('workspace.admin.save')}
        </button>
      </Form>
      {data.isNew ? null : (
        <Form method="post">
          <input type="hidden" name="updatedAt" value={data.values.updatedAt ?? ''} />
          <input type="hidden" name="intent" value={data.active ? 'deactivate' : 'reactivate'} />
          <button type="submit">
            {data.active ? t('workspace.admin.deactivate') : t('workspace.admin.reactivate')}
          </button>
        </Form>
      )}
    </div>
  )
}
