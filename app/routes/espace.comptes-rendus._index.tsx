import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { AdvisorPicker } from '~/components/workspace/advisor-picker'
import { Notice } from '~/components/workspace/admin'
import { FILED_REPORTS_PATH } from '~/features/reports/paths'
import { submitDecline, toDoPage } from '~/features/reports/pages.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/comptes-rendus: the honoured appointments and held sessions still without a
// report, newest first; each is written, or declined in one click (decision 085).
export const loader = ({ request }: LoaderFunctionArgs) => toDoPage(request)

export const action = ({ request }: ActionFunctionArgs) => submitDecline(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function ReportsToDo() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace workspace-wide">
      <h1>{data.title}</h1>
      <Notice text={data.notice ? t(`reports.toDo.notice.${data.notice}`) : null} />
      <p>
        <Link to={FILED_REPORTS_PATH}>{t('reports.filed.link')}</Link>
      </p>
      {data.advisors.length > 0 ? (
        <Form method="get" className="workspace-filter">
          <AdvisorPicker
            id="reports-advisor"
            advisors={data.advisors}
            value={data.chosen}
            anyLabel={t('reports.toDo.everyone')}
          />
          <button type="submit">{t('workspace.calendar.go')}</button>
        </Form>
      ) : null}
      {data.items.length === 0 ? (
        <p>{t('reports.toDo.empty')}</p>
      ) : (
        <table className="workspace-table">
          <caption className="visually-hidden">{t('reports.toDo.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.toDo.when')}</th>
              <th scope="col">{t('reports.toDo.topic')}</th>
              <th scope="col">{t('reports.toDo.who')}</th>
              {data.showAdvisor ? <th scope="col">{t('reports.toDo.advisor')}</th> : null}
              <th scope="col">{t('reports.toDo.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={`${item.kind}-${item.id}`}>
                <td>{item.when}</td>
                <td>
                  {item.topic}
                  {item.kind === 'session' ? ` · ${t('reports.toDo.workshop')}` : null}
                </td>
                <td>{item.who}</td>
                {data.showAdvisor ? <td>{item.advisor}</td> : null}
                <td>
                  <div className="workspace-actions report-actions">
                    <Link
                      to={item.path}
                      aria-label={t('reports.toDo.writeFor', {
                        topic: item.topic,
                        when: item.when,
                      })}
                    >
                      {t('reports.toDo.write')}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="subject" value={item.kind} />
                      <input type="hidden" name="id" value={item.id} />
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t('reports.toDo.declineFor', {
                          topic: item.topic,
                          when: item.when,
                        })}
                      >
                        {t('reports.toDo.decline')}
                      </button>
                    </Form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
