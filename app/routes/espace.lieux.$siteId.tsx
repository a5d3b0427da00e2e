import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { siteAdvisors } from '~/features/calendar/queries.server'
import { siteById } from '~/features/admin/index.server'
import { DayAgenda } from '~/features/calendar/day-agenda'
import { localDateOf } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { loadAgenda } from '~/features/calendar/agenda.server'
import { dayTitle, requestedDate, shiftDate } from '~/domain/time/days'

// /espace/lieux/<site>: one day at one site, every advisor side by side (for reception).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const site = await siteById(db(), params.siteId ?? '')
  requirePermission(
    signedIn.actor,
    'calendar.viewSite',
    site ? { organisationId: site.organisationId } : null,
  )
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const zone = site!.timeZone ?? signedIn.organisation.timeZone
  const url = new URL(request.url)
  const date = requestedDate(url.searchParams.get('date'), zone)
  const organisationId = signedIn.organisation.id
  const columns = await loadAgenda({
    organisationId,
    zone,
    dates: [date],
    advisors: await siteAdvisors(db(), organisationId, site!.id),
    siteId: site!.id,
    language,
    t,
  })
  return {
    title: `${site!.name} · ${dayTitle(date, zone, language)}`,
    siteId: site!.id,
    date,
    today: localDateOf(new Date(), zone),
    previous: shiftDate(date, -1),
    next: shiftDate(date, 1),
    columns: columns.map((column) => ({ id: column.id, name: column.name, ...column.days[0]! })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function SiteDay() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/espace/lieux/${data.siteId}`
  return (
    <div className="page workspace workspace-wide">
      <h1>{data.title}</h1>
      <nav className="workspace-dates" aria-label={t('workspace.calendar.chooseDate')}>
        <ul>
          <li>
            <Link to={`${base}?date=${data.previous}`}>{t('workspace.calendar.previousDay')}</Link>
          </li>
          <li>
            <Link to={`${base}?date=${data.today}`}>{t('workspace.calendar.today')}</Link>
          </li>
          <li>
            <Link to={`${base}?date=${data.next}`}>{t('workspace.calendar.nextDay')}</Link>
          </li>
        </ul>
      </nav>
      <Form method="get" className="workspace-filter">
        <div className="field">
          <label htmlFor="site-date">{t('workspace.calendar.chooseDate')}</label>
          <input id="site-date" type="date" name="date" defaultValue={data.date} />
        </div>
        <button type="submit">{t('workspace.calendar.go')}</button>
      </Form>
      <div className="workspace-columns">
        {data.columns.map((column) => (
          <section key={column.id} aria-labelledby={`advisor-${column.id}`}>
            <h2 id={`advisor-${column.id}`}>{column.name}</h2>
            <DayAgenda
              hours={column.hours}
              appointments={column.appointments}
              absences={column.absences}
            />
          </section>
        ))}
      </div>
    </div>
  )
}
