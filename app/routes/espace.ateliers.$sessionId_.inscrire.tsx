import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Choice, ErrorSummary, TextField, useForm } from '~/components/form'
import { ResidentSearchForm } from '~/components/workspace/resident-search'
import {
  registrationPage,
  submitRegistration,
  type RegistrationData,
} from '~/features/workshops/participant-pages.server'
import { workspaceSessionPath } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers/<id>/inscrire: register someone at the desk or on the phone: find them
// (?q=) or take a new person (?usager=nouveau), then take their seat (and a companion's).
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  registrationPage(request, params.sessionId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  submitRegistration(request, params.sessionId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function RegisterAtDesk() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as RegistrationData | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    maxLengths: data.maxLengths,
    labels: {
      firstName: t('workspace.booking.firstName'),
      lastName: t('workspace.booking.lastName'),
      phone: t('workspace.booking.phone'),
      email: t('workspace.booking.email'),
      companionName: t('workspace.workshops.register.companionName'),
    },
    messages: {
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
    },
  })
  const base = workspaceSessionPath(data.id, 'inscrire')
  const chosen = data.resident || data.isNew
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to={workspaceSessionPath(data.id)}>{t('workspace.workshops.backToSession')}</Link>
      </p>
      <h1>{data.title}</h1>
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.workshops.register.${actionData.problem}`)}
        </p>
      ) : null}
      {!data.open ? (
        <p>{t('workspace.workshops.problem.CLOSED')}</p>
      ) : (
        <>
          <p>{t('workspace.workshops.register.left', { count: data.left })}</p>
          <ErrorSummary form={form} />
          <section aria-labelledby="who-title">
            <h2 id="who-title">{t('workspace.booking.searchTitle')}</h2>
            {chosen ? (
              <p>
                <strong>
                  {data.resident
                    ? t('workspace.booking.chosen', { name: data.resident.name })
                    : t('workspace.booking.newResident')}
                </strong>
                {data.resident?.phone ? ` · ${data.resident.phone}` : ''} ·{' '}
                <Link to={base}>{t('workspace.booking.changeResident')}</Link>
              </p>
            ) : (
              <>
                <ResidentSearchForm query={data.query} />
                {data.searched && data.results.length === 0 ? (
                  <p>{t('workspace.booking.noResult')}</p>
                ) : null}
                <ul className="workspace-results">
                  {data.results.map((found) => (
                    <li key={found.id}>
                      <Link to={`${base}?usager=${found.id}`}>
                        {t('workspace.booking.choose', { name: found.name })}
                      </Link>
                      {found.phone ? ` · ${found.phone}` : ''}
                    </li>
                  ))}
                  <li>
                    <Link to={`${base}?usager=nouveau`}>{t('workspace.booking.newResident')}</Link>
                  </li>
                </ul>
              </>
            )}
          </section>
          {chosen ? (
            <Form method="post" noValidate>
              <input type="hidden" name="usager" value={data.usager} />
              {data.isNew ? (
                <fieldset>
                  <legend>{t('workspace.booking.contactTitle')}</legend>
                  <TextField form={form} name="firstName" />
                  <TextField form={form} name="lastName" />
                  <TextField form={form} name="phone" type="tel" />
                  <TextField form={form} name="email" type="email" />
                  <Choice form={form} name="consent" label={t('workspace.booking.consent')} />
                </fieldset>
              ) : null}
              <TextField
                form={form}
                name="companionName"
                label={`${t('workspace.workshops.register.companionName')} ${t('workspace.admin.optional')}`}
                hint={t('workspace.workshops.register.companionHint')}
              />
              <button type="submit">{t('workspace.workshops.register.submit')}</button>
            </Form>
          ) : null}
        </>
      )}
    </div>
  )
}
