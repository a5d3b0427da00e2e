import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { workshopList } from '~/features/workshops/session-pages.server'
import { workspaceSessionPath, WORKSHOPS_PATH } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers: the workshop sessions to come, at every site or one (?lieu=<site>).
export const loader = ({ request }: LoaderFunctionArgs) => workshopList(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Workshops() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace workspace-wide">
      <h1>{data.title}</h1>
      {data.mayCreate ? (
        <p>
          <Link to={`${WORKSHOPS_PATH}/nouveau`}>{t('workspace.workshops.new')}</Link>
        </p>
      ) : null}
      <Form method="get" className="workspace-filter">
        <div className="field">
          <label htmlFor="workshops-site">{t('workspace.workshops.site')}</label>
          <select id="workshops-site" name="lieu" defaultValue={data.siteId}>
            <option value="">{t('workspace.grid.allPlaces')}</option>
            {data.sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('workspace.calendar.go')}</button>
      </Form>
      {data.sessions.length === 0 ? (
        <p>{t('workspace.workshops.empty')}</p>
      ) : (
        <table className="workspace-table">
          <thead>
            <tr>
              <th scope="col">{t('workspace.workshops.when')}</th>
              <th scope="col">{t('workspace.workshops.topic')}</th>
              <th scope="col">{t('workspace.workshops.site')}</th>
              <th scope="col">{t('workspace.workshops.advisors')}</th>
              <th scope="col">{t('workspace.workshops.seats')}</th>
              <th scope="col">{t('workspace.workshops.waiting')}</th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  <Link to={workspaceSessionPath(session.id)}>
                    {session.day}, {session.time}
                  </Link>
                  {session.cancelled ? (
                    <strong> · {t('workspace.workshops.cancelled')}</strong>
                  ) : null}
                </td>
                <td data-label={t('workspace.workshops.topic')}>{session.topic}</td>
                <td data-label={t('workspace.workshops.site')}>{session.site}</td>
                <td data-label={t('workspace.workshops.advisors')}>{session.advisors}</td>
                <td data-label={t('workspace.workshops.seats')}>{session.seats}</td>
                <td data-label={t('workspace.workshops.waiting')}>{session.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
