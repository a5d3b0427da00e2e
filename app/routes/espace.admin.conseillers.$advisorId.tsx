import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '~/components/workspace/admin'
import {
  auditInvitationSent,
  deactivateAdvisor,
  findAdvisor,
  futureBooked,
  reactivateAdvisor,
} from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { formatAppointmentDate } from '~/domain/time/format'
import { useTranslation } from '~/i18n/use-translation'
import { renderedUpdatedAt } from '~/platform/forms.server'
import { requireAdmin, requirePermission, sendInvitation } from '~/features/access/index.server'

// /espace/admin/conseillers/<id>: one member of the team; resend the invitation,
// deactivate (refused for oneself, the last admin, or with future appointments unless
// confirmed, listed here), reactivate.
async function load(request: Request, advisorId: string | undefined) {
  const admin = await requireAdmin(request)
  const advisor = await findAdvisor(db(), advisorId ?? '')
  requirePermission(
    admin.signedIn.actor,
    'organisation.administer',
    advisor ? { organisationId: advisor.organisationId } : null,
  )
  return { ...admin, advisor: advisor! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { signedIn, t, language, advisor } = await load(request, params.advisorId)
  const zone = signedIn.organisation.timeZone
  const upcoming = advisor.active ? await futureBooked(db(), advisor.id, new Date()) : []
  const url = new URL(request.url)
  const done = url.searchParams.get('fait')
  return {
    title: t('workspace.admin.advisors.editTitle', {
      name: `${advisor.firstName} ${advisor.lastName}`,
    }),
    advisor: {
      id: advisor.id,
      email: advisor.email,
      role: advisor.role,
      active: advisor.active,
      pending: advisor.passwordHash === null,
      updatedAt: advisor.updatedAt.toISOString(),
    },
    notice:
      done === 'invitation'
        ? t('workspace.admin.advisors.invited', { email: advisor.email })
        : done === 'desactive'
          ? t('workspace.admin.advisors.deactivated')
          : done === 'reactive'
            ? t('workspace.admin.advisors.reactivated')
            : null,
    mailFailed: url.searchParams.get('echec') === '1',
    upcoming: upcoming.map((appointment) => ({
      id: appointment.id,
      when: formatAppointmentDate(
        appointment.startsAt,
        appointment.site?.timeZone ?? zone,
        language,
      ),
      resident: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
      topic: appointment.topic.name,
      place: appointment.site?.name ?? t('workspace.admin.advisors.phone'),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = { problem: 'SELF' | 'LAST_ADMIN' | 'HAS_APPOINTMENTS' | 'STALE' }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, t, advisor } = await load(request, params.advisorId)
  const form = await request.formData()
  const intent = form.get('intent')
  const base = `/espace/admin/conseillers/${advisor.id}`
  if (intent === 'resend' && advisor.active && advisor.passwordHash === null) {
    const sent = await sendInvitation(t, advisor, signedIn.organisation.name)
    if (!sent) return redirect(`${base}?echec=1`)
    await auditInvitationSent(db(), signedIn.actor, advisor.id)
    return redirect(`${base}?fait=invitation`)
  }
  const updatedAt = renderedUpdatedAt(form)
  if (intent === 'deactivate') {
    const outcome = await deactivateAdvisor(
      db(),
      signedIn.actor,
      { advisorId: advisor.id, updatedAt, confirmed: form.get('confirm') === 'on' },
      new Date(),
    )
    if (outcome === 'DEACTIVATED') return redirect(`${base}?fait=desactive`)
    return Response.json({ problem: outcome } satisfies ActionData, {
      status: outcome === 'STALE' ? 409 : 400,
    })
  }
  if (intent === 'reactivate') {
    const outcome = await reactivateAdvisor(db(), signedIn.actor, {
      advisorId: advisor.id,
      updatedAt,
    })
    if (outcome === 'SAVED') return redirect(`${base}?fait=reactive`)
    return Response.json({ problem: 'STALE' } satisfies ActionData, { status: 409 })
  }
  return new Response('Bad request', { status: 400 })
}

const PROBLEM_KEYS = {
  SELF: 'workspace.admin.advisors.self',
  LAST_ADMIN: 'workspace.admin.advisors.lastAdmin',
  HAS_APPOINTMENTS: 'workspace.admin.advisors.hasAppointments',
  STALE: 'workspace.admin.stale',
} as const

export default function TeamMember() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const { advisor } = data
  const mustConfirm = data.upcoming.length > 0
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin/conseillers">{t('workspace.admin.advisors.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={actionData ? null : data.notice} />
      <Notice
        text={data.mailFailed && !actionData ? t('workspace.admin.advisors.mailFailed') : null}
        kind="alert"
      />
      <Notice text={actionData ? t(PROBLEM_KEYS[actionData.problem]) : null} kind="alert" />
      <dl className="workspace-facts">
        <dt>{t('workspace.admin.advisors.email')}</dt>
        <dd>{advisor.email}</dd>
        <dt>{t('workspace.admin.advisors.role')}</dt>
        <dd>{t(`workspace.roles.${advisor.role}`)}</dd>
        <dt>{t('workspace.appointment.status')}</dt>
        <dd>
          {!advisor.active
            ? t('workspace.admin.inactive')
            : advisor.pending
              ? t('workspace.admin.advisors.pending')
              : t('workspace.admin.active')}
        </dd>
      </dl>
      {advisor.active && advisor.pending ? (
        <Form method="post">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit">{t('workspace.admin.advisors.resend')}</button>
        </Form>
      ) : null}
      {advisor.active ? (
        <>
          <h2>{t('workspace.admin.advisors.upcoming')}</h2>
          {mustConfirm ? (
            <ul className="admin-list">
              {data.upcoming.map((appointment) => (
                <li key={appointment.id}>
                  <Link to={`/espace/rendez-vous/${appointment.id}`}>{appointment.when}</Link> ·{' '}
                  {appointment.resident} · {appointment.topic} · {appointment.place}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('workspace.admin.advisors.noUpcoming')}</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="deactivate" />
            <input type="hidden" name="updatedAt" value={advisor.updatedAt} />
            {mustConfirm ? (
              <div className="field field-checkbox">
                <input type="checkbox" id="field-confirm" name="confirm" />
                <label htmlFor="field-confirm">{t('workspace.admin.advisors.confirm')}</label>
              </div>
            ) : null}
            <button type="submit">{t('workspace.admin.deactivate')}</button>
          </Form>
        </>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="reactivate" />
          <input type="hidden" name="updatedAt" value={advisor.updatedAt} />
          <button type="submit">{t('workspace.admin.reactivate')}</button>
        </Form>
      )}
    </div>
  )
}
