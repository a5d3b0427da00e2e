import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { AdvisorPicker } from '~/components/workspace/advisor-picker'
import { REPORTS_PATH } from '~/features/reports/paths'
import { filedPage } from '~/features/reports/pages.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/comptes-rendus/deposes: the reports filed or declined in a period, newest first,
// so one can be found again and changed (decision 085).
export const loader = ({ request }: LoaderFunctionArgs) => filedPage(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function FiledReports() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace workspace-wide">
      <p className="back-link">
        <Link to={REPORTS_PATH}>{t('reports.toDo.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Form method="get" className="workspace-filter">
        <div className="field">
          <label htmlFor="reports-from">{t('reports.filed.from')}</label>
          <input id="reports-from" type="date" name="du" defaultValue={data.from} />
        </div>
        <div className="field">
          <label htmlFor="reports-to">{t('reports.filed.to')}</label>
          <input id="reports-to" type="date" name="au" defaultValue={data.to} />
        </div>
        {data.advisors.length > 0 ? (
          <AdvisorPicker
            id="reports-advisor"
            advisors={data.advisors}
            value={data.chosen}
            anyLabel={t('reports.toDo.everyone')}
          />
        ) : null}
        <button type="submit">{t('workspace.calendar.go')}</button>
      </Form>
      {data.reports.length === 0 ? (
        <p>{t('reports.filed.empty')}</p>
      ) : (
        <table className="workspace-table">
          <caption className="visually-hidden">{t('reports.filed.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.toDo.when')}</th>
              <th scope="col">{t('reports.toDo.topic')}</th>
              <th scope="col">{t('reports.toDo.who')}</th>
              <th scope="col">{t('reports.filed.duration')}</th>
              {data.showAdvisor ? <th scope="col">{t('reports.toDo.advisor')}</th> : null}
              <th scope="col">{t('reports.filed.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.reports.map((report) => (
              <tr key={report.id}>
                <td>
                  <Link to={report.path}>{report.when}</Link>
                </td>
                <td>{report.topic}</td>
                <td>{report.who}</td>
                <td>
                  {report.duration ? t('reports.form.minutes', { count: report.duration }) : '—'}
                </td>
                {data.showAdvisor ? <td>{report.advisor}</td> : null}
                <td>{t(`reports.filed.${report.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
