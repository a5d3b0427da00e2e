import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  AdminErrors,
  AdminSelect,
  AdminText,
  Notice,
  type FormState,
} from '~/components/workspace/admin'
import { createInvitedAdvisor, listAdvisors } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { fieldErrors, inviteSchema, ROLES } from '~/features/admin/forms.server'
import { useTranslation } from '~/i18n/use-translation'
import { valuesOf } from '~/features/admin/form-helpers.server'
import { requireAdmin, sendInvitation } from '~/features/access/index.server'

// /espace/admin/conseillers: the team, and the form that invites someone by email.
const FIELDS = ['firstName', 'lastName', 'email', 'role'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const advisors = await listAdvisors(db(), signedIn.actor.organisationId)
  const url = new URL(request.url)
  const invited = url.searchParams.get('invite')
  return {
    title: t('workspace.admin.advisors.title'),
    roles: [...ROLES],
    notice: invited ? t('workspace.admin.advisors.invited', { email: invited }) : null,
    mailFailed: url.searchParams.get('echec') === '1',
    advisors: advisors.map((advisor) => ({
      id: advisor.id,
      name: `${advisor.firstName} ${advisor.lastName}`,
      email: advisor.email,
      role: advisor.role,
      active: advisor.active,
      pending: advisor.passwordHash === null,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request }: ActionFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const form = await request.formData()
  const values = valuesOf(form)
  const parsed = inviteSchema.safeParse(values)
  if (!parsed.success) {
    return Response.json({ values, errors: fieldErrors(parsed.error) } satisfies FormState, {
      status: 400,
    })
  }
  const advisor = await createInvitedAdvisor(db(), signedIn.actor, parsed.data)
  if (!advisor) {
    return Response.json({ values, errors: { email: 'EMAIL_TAKEN' } } satisfies FormState, {
      status: 400,
    })
  }
  const sent = await sendInvitation(t, advisor, signedIn.organisation.name)
  if (!sent) return redirect(`/espace/admin/conseillers/${advisor.id}?echec=1`)
  return redirect(`/espace/admin/conseillers?invite=${encodeURIComponent(advisor.email)}`)
}

export default function Team() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as FormState | undefined
  const { t } = useTranslation()
  const state: FormState = actionData ?? { values: { role: 'ADVISOR' }, errors: {} }
  const labels = Object.fromEntries(
    FIELDS.map((field) => [field, t(`workspace.admin.advisors.${field}`)]),
  )
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={actionData ? null : data.notice} />
      <p>{t('workspace.admin.advisors.intro')}</p>
      <ul className="admin-list">
        {data.advisors.map((advisor) => (
          <li key={advisor.id}>
            <Link to={`/espace/admin/conseillers/${advisor.id}`}>{advisor.name}</Link> ·{' '}
            {advisor.email} · {t(`workspace.roles.${advisor.role}`)} ·{' '}
            {!advisor.active
              ? t('workspace.admin.inactive')
              : advisor.pending
                ? t('workspace.admin.advisors.pending')
                : t('workspace.admin.active')}
          </li>
        ))}
      </ul>
      <h2>{t('workspace.admin.advisors.inviteTitle')}</h2>
      <AdminErrors state={state} labels={labels} />
      <Form method="post" noValidate>
        <AdminText name="firstName" label={labels.firstName!} state={state} />
        <AdminText name="lastName" label={labels.lastName!} state={state} />
        <AdminText name="email" type="email" label={labels.email!} state={state} />
        <AdminSelect
          name="role"
          label={labels.role!}
          state={state}
          options={data.roles.map((role) => ({ value: role, label: t(`workspace.roles.${role}`) }))}
        />
        <button type="submit">{t('workspace.admin.advisors.invite')}</button>
      </Form>
    </div>
  )
}
