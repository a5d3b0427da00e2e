import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary, SelectField, TextField, useForm } from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import type { FormReply } from '~/domain/input/problems'
import { createInvitedAdvisor, listAdvisors } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { inviteSchema, ROLES } from '~/features/admin/forms.server'
import { useTranslation } from '~/i18n/use-translation'
import { formReply, maxLengthsOf, parseForm } from '~/platform/forms.server'
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
    maxLengths: maxLengthsOf(inviteSchema),
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
  const parsed = parseForm(await request.formData(), inviteSchema)
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const advisor = await createInvitedAdvisor(db(), signedIn.actor, parsed.value)
  if (!advisor) {
    const reply = formReply(parsed.values, { email: { code: 'EMAIL_TAKEN' } })
    return Response.json(reply, { status: 400 })
  }
  const sent = await sendInvitation(t, advisor, signedIn.organisation.name)
  if (!sent) return redirect(`/espace/admin/conseillers/${advisor.id}?echec=1`)
  return redirect(`/espace/admin/conseillers?invite=${encodeURIComponent(advisor.email)}`)
}

export default function Team() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    defaults: { role: 'ADVISOR' },
    maxLengths: data.maxLengths,
    labels: Object.fromEntries(
      FIELDS.map((field) => [field, t(`workspace.admin.advisors.${field}`)]),
    ),
  })
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
      <ErrorSummary form={form} />
      <Form method="post" noValidate>
        <TextField form={form} name="firstName" />
        <TextField form={form} name="lastName" />
        <TextField form={form} name="email" type="email" />
        <SelectField
          form={form}
          name="role"
          options={data.roles.map((role) => ({ value: role, label: t(`workspace.roles.${role}`) }))}
        />
        <button type="submit">{t('workspace.admin.advisors.invite')}</button>
      </Form>
    </div>
  )
}
