import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { siteAdvisors } from '~/features/calendar/queries.server'
import { siteById } from '~/features/admin/index.server'
import { AdvisorDays, DayAgenda } from '~/features/calendar/day-agenda'
import { TimeGrid } from '~/features/calendar/time-grid'
import { siteDayWorkshops, siteWeekGrid } from '~/features/calendar/week-grid.server'
import { PrintButton } from '~/components/print-button'
import { localDateOf } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { loadAgenda } from '~/features/calendar/agenda.server'
import { dayTitle, requestedDate, shiftDate, weekDates } from '~/domain/time/days'

// /espace/lieux/<site>: one day at one site, every advisor side by side (for reception);
// ?vue=semaine: the site's week on a time grid, a column per day.
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
  const week = url.searchParams.get('vue') === 'semaine'
  const columns = await loadAgenda({
    organisationId,
    zone,
    dates: week ? weekDates(date, zone) : [date],
    advisors: await siteAdvisors(db(), organisationId, site!.id),
    siteId: site!.id,
    language,
    t,
  })
  const now = new Date()
  const title = week
    ? t('workspace.grid.week', { name: site!.name })
    : `${site!.name} · ${dayTitle(date, zone, language)}`
  return {
    title,
    siteId: site!.id,
    date,
    week,
    today: localDateOf(now, zone),
    previous: shiftDate(date, week ? -7 : -1),
    next: shiftDate(date, week ? 7 : 1),
    grid: week ? siteWeekGrid(columns, { zone, language, t, now }) : null,
    weekDays: week
      ? columns[0]!.days.map((day, index) => ({
          date: day.date,
          title: day.title,
          appointments: columns.flatMap((column) => column.days[index]!.appointments),
          workshops: siteDayWorkshops(columns, index),
        }))
      : [],
    columns: week
      ? []
      : columns.map((column) => ({ id: column.id, name: column.name, ...column.days[0]! })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function SiteDay() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/espace/lieux/${data.siteId}`
  const link = (date: string, week = data.week) =>
    `${base}?date=${date}${week ? '&vue=semaine' : ''}`
  return (
    <div className="page workspace workspace-wide">
      <h1>{data.title}</h1>
      <nav className="workspace-dates" aria-label={t('workspace.calendar.chooseDate')}>
        <ul>
          <li>
            <Link to={link(data.previous)}>
              {data.week
                ? t('workspace.calendar.previousWeek')
                : t('workspace.calendar.previousDay')}
            </Link>
          </li>
          <li>
            <Link to={link(data.today)}>{t('workspace.calendar.today')}</Link>
          </li>
          <li>
            <Link to={link(data.next)}>
              {data.week ? t('workspace.calendar.nextWeek') : t('workspace.calendar.nextDay')}
            </Link>
          </li>
          <li>
            {data.week ? (
              <Link to={link(data.date, false)}>{t('workspace.calendar.day')}</Link>
            ) : (
              <Link to={link(data.date, true)}>{t('workspace.calendar.week')}</Link>
            )}
          </li>
        </ul>
      </nav>
      <Form method="get" className="workspace-filter">
        {data.week ? <input type="hidden" name="vue" value="semaine" /> : null}
        <div className="field">
          <label htmlFor="site-date">{t('workspace.calendar.chooseDate')}</label>
          <input id="site-date" type="date" name="date" defaultValue={data.date} />
        </div>
        <button type="submit">{t('workspace.calendar.go')}</button>
      </Form>
      <PrintButton />
      {data.grid ? (
        <>
          <div className="time-grid-wide">
            <TimeGrid grid={data.grid} caption={data.title} />
          </div>
          <div className="workspace-week time-grid-narrow">
            {data.weekDays.map((day) => (
              <section key={day.date} aria-labelledby={`day-${day.date}`}>
                <h2 id={`day-${day.date}`}>{day.title}</h2>
                <DayAgenda
                  appointments={day.appointments}
                  absences={[]}
                  workshops={day.workshops}
                />
              </section>
            ))}
          </div>
        </>
      ) : null}
      <div className="workspace-columns">
        <AdvisorDays columns={data.columns} idPrefix="advisor" />
      </div>
    </div>
  )
}
