import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { PrintButton } from '~/components/print-button'
import { requireAdvisor } from '~/features/access/index.server'
import { AdvisorDays } from '~/features/calendar/day-agenda'
import { receptionDay } from '~/features/calendar/reception-day.server'
import { TimeGrid } from '~/features/calendar/time-grid'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/aujourdhui: reception's home, every advisor's day on one time grid
// (?lieu=<site>|telephone, ?date=YYYY-MM-DD); a free cell books with that advisor.
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return receptionDay({ signedIn, url: new URL(request.url), language, t, now: new Date() })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function ReceptionDay() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const link = (date: string) =>
    `/espace/aujourdhui?${new URLSearchParams({ ...(data.place ? { lieu: data.place } : {}), date }).toString()}`
  return (
    <div className="page workspace workspace-wide">
      <h1>{data.title}</h1>
      <nav className="workspace-dates" aria-label={t('workspace.calendar.chooseDate')}>
        <ul>
          <li>
            <Link to={link(data.previous)}>{t('workspace.calendar.previousDay')}</Link>
          </li>
          <li>
            <Link to={link(data.today)}>{t('workspace.calendar.today')}</Link>
          </li>
          <li>
            <Link to={link(data.next)}>{t('workspace.calendar.nextDay')}</Link>
          </li>
          <li>
            <Link to="/espace/creneaux">{t('workspace.search.navLink')}</Link>
          </li>
        </ul>
      </nav>
      <Form method="get" className="workspace-filter">
        <div className="field">
          <label htmlFor="day-place">{t('workspace.grid.place')}</label>
          <select id="day-place" name="lieu" defaultValue={data.place}>
            <option value="">{t('workspace.grid.allPlaces')}</option>
            {data.sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
            <option value={PHONE_PLACE}>{t('workspace.grid.phone')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="day-date">{t('workspace.calendar.chooseDate')}</label>
          <input id="day-date" type="date" name="date" defaultValue={data.date} />
        </div>
        <button type="submit">{t('workspace.calendar.go')}</button>
      </Form>
      <PrintButton />
      {data.grid.columns.length === 0 ? (
        <p>{t('workspace.grid.noAdvisor')}</p>
      ) : (
        <>
          <div className="time-grid-wide">
            <p className="hint no-print">{t('workspace.grid.hint')}</p>
            <TimeGrid grid={data.grid} caption={data.caption} />
          </div>
          <div className="time-grid-narrow">
            <AdvisorDays columns={data.lists} idPrefix="list" />
          </div>
        </>
      )}
    </div>
  )
}
