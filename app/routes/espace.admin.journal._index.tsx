import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, SelectField, TextField, useForm } from '~/components/form'
import { auditLogPage } from '~/features/admin/audit-log.server'
import { fixedT } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/admin/journal: the audit log, newest first, filtered by a GET form (decision 091).
// Residents' names and details only for who may see personal data.
export async function loader({ request }: LoaderFunctionArgs) {
  const [page, t] = await Promise.all([auditLogPage(request), fixedT(request)])
  return { ...page, title: t('auditLog.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function AuditLog() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const form = useForm({
    reply: data.reply,
    labels: {
      du: t('auditLog.from'),
      au: t('auditLog.to'),
      conseiller: t('auditLog.advisor'),
      usager: t('auditLog.resident'),
      action: t('auditLog.action'),
    },
    messages: { au: { END_BEFORE_START: 'auditLog.toBeforeFrom' } },
  })
  const periodHint = t('auditLog.periodHint', { zone: data.zone })
  return (
    <div className="page workspace workspace-wide audit-log">
      <h1>{data.title}</h1>
      <p>
        {data.personal
          ? t('auditLog.intro', { organisation: data.organisation })
          : t('auditLog.introNoPersonal')}
      </p>
      <Form method="get" noValidate className="audit-filters">
        <ErrorSummary form={form} />
        <fieldset>
          <legend>{t('auditLog.filters')}</legend>
          <TextField form={form} name="du" type="date" hint={periodHint} />
          <TextField form={form} name="au" type="date" hint={periodHint} />
          <SelectField
            form={form}
            name="conseiller"
            options={[{ value: '', label: t('auditLog.allAdvisors') }, ...data.advisors]}
          />
          <TextField form={form} name="usager" hint={t('auditLog.residentHint')} />
          <SelectField
            form={form}
            name="action"
            options={[{ value: '', label: t('auditLog.allActions') }, ...data.actions]}
          />
          <button type="submit">{t('auditLog.apply')}</button>{' '}
          <Link to="/espace/admin/journal">{t('auditLog.reset')}</Link>
        </fieldset>
      </Form>
      {data.csv ? (
        <p>
          <a href={data.csv} download>
            {t('auditLog.csv')}
          </a>
          <br />
          <span className="hint">{t('auditLog.csvHint')}</span>
        </p>
      ) : null}
      {data.events.length === 0 ? (
        <p role="status">{t('auditLog.noEvents')}</p>
      ) : (
        <table className="workspace-table">
          <thead>
            <tr>
              <th scope="col">{t('auditLog.when')}</th>
              <th scope="col">{t('auditLog.who')}</th>
              <th scope="col">{t('auditLog.what')}</th>
              <th scope="col">{t('auditLog.about')}</th>
              <th scope="col">{t('auditLog.residentColumn')}</th>
              <th scope="col">{t('auditLog.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((event) => (
              <tr key={event.id}>
                <td>{event.when}</td>
                <td>{event.who}</td>
                <td>{event.actionName}</td>
                <td>
                  <code>{event.entity}</code>
                </td>
                <td>
                  {event.residentId ? (
                    <Link to={`/espace/usagers/${event.residentId}`}>
                      {event.residentName ?? event.residentId}
                    </Link>
                  ) : null}
                </td>
                <td>{data.personal ? event.summary : <em>{t('auditLog.hidden')}</em>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.next || data.first ? (
        <nav className="workspace-pagination" aria-label={t('auditLog.pagination')}>
          <ul>
            {data.first ? (
              <li>
                <Link to={data.first}>{t('auditLog.first')}</Link>
              </li>
            ) : null}
            {data.next ? (
              <li>
                <Link to={data.next}>{t('auditLog.next')}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  )
}
