import { AdvisorPicker } from '~/components/workspace/advisor-picker'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { advisorById, receivingAdvisors, organisationSites } from '~/features/admin/index.server'
import { DayAgenda } from '~/features/calendar/day-agenda'
import { TimeGrid } from '~/features/calendar/time-grid'
import { advisorWeekGrid } from '~/features/calendar/week-grid.server'
import { PrintButton } from '~/components/print-button'
import { can } from '~/domain/access'
import { localDateOf } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { loadAgenda } from '~/features/calendar/agenda.server'
import { requestedDate, shiftDate, weekDates } from '~/domain/time/days'

// /espace: one advisor's day (default: the signed-in advisor, today) or week
// (?vue=semaine), ?date=YYYY-MM-DD, ?conseiller=<advisor id>.
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const url = new URL(request.url)
  const organisationId = signedIn.organisation.id
  const receiving = can(signedIn.actor, 'calendar.view')
    ? await receivingAdvisors(db(), organisationId)
    : []
  // Someone who receives no appointments (reception, a coordinator) lands on everyone's day.
  if (
    !url.searchParams.get('conseiller') &&
    can(signedIn.actor, 'calendar.viewSite') &&
    !receiving.some((advisor) => advisor.id === signedIn.advisor.id)
  ) {
    throw redirect('/espace/aujourdhui')
  }
  const advisorId = url.searchParams.get('conseiller') ?? signedIn.advisor.id
  const advisor = await advisorById(db(), advisorId)
  requirePermission(
    signedIn.actor,
    'calendar.view',
    advisor ? { organisationId: advisor.organisationId, advisorId: advisor.id } : null,
  )
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const zone = signedIn.organisation.timeZone
  const date = requestedDate(url.searchParams.get('date'), zone)
  const week = url.searchParams.get('vue') === 'semaine'
  const days = week ? weekDates(date, zone) : [date]
  const [agenda, sites] = await Promise.all([
    loadAgenda({ organisationId, zone, dates: days, advisors: [advisor!], language, t }),
    can(signedIn.actor, 'calendar.viewSite')
      ? organisationSites(db(), organisationId)
      : Promise.resolve([]),
  ])
  const advisorName = `${advisor!.firstName} ${advisor!.lastName}`
  const now = new Date()
  return {
    title: t('workspace.calendar.title', { name: advisorName }),
    advisorName,
    advisorId: advisor!.id,
    ownCalendar: advisor!.id === signedIn.advisor.id,
    date,
    today: localDateOf(new Date(), zone),
    week,
    previous: shiftDate(date, week ? -7 : -1),
    next: shiftDate(date, week ? 7 : 1),
    days: agenda[0]!.days,
    grid: week ? advisorWeekGrid(agenda[0]!, { zone, language, t, now }) : null,
    caption: t('workspace.grid.week', { name: advisorName }),
    advisors: receiving.map((other) => ({
      id: other.id,
      name: `${other.firstName} ${other.lastName}`,
    })),
    sites,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Calendar() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const link = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams()
    const values: Record<string, string | null> = {
      conseiller: data.ownCalendar ? null : data.advisorId,
      date: data.date,
      vue: data.week ? 'semaine' : null,
      ...changes,
    }
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value)
    const query = params.toString()
    return query ? `/espace?${query}` : '/espace'
  }
  return (
    <div className={data.week ? 'page workspace workspace-wide' : 'page workspace'}>
      <h1>{data.title}</h1>
      <nav className="workspace-dates" aria-label={t('workspace.calendar.chooseDate')}>
        <ul>
          <li>
            <Link to={link({ date: data.previous })}>
              {data.week
                ? t('workspace.calendar.previousWeek')
                : t('workspace.calendar.previousDay')}
            </Link>
          </li>
          <li>
            <Link to={link({ date: data.today })}>{t('workspace.calendar.today')}</Link>
          </li>
          <li>
            <Link to={link({ date: data.next })}>
              {data.week ? t('workspace.calendar.nextWeek') : t('workspace.calendar.nextDay')}
            </Link>
          </li>
          <li>
            {data.week ? (
              <Link to={link({ vue: null })}>{t('workspace.calendar.day')}</Link>
            ) : (
              <Link to={link({ vue: 'semaine' })}>{t('workspace.calendar.week')}</Link>
            )}
          </li>
        </ul>
      </nav>
      <Form method="get" className="workspace-filter">
        {data.week ? <input type="hidden" name="vue" value="semaine" /> : null}
        <AdvisorPicker id="calendar-advisor" advisors={data.advisors} value={data.advisorId} />
        <div className="field">
          <label htmlFor="calendar-date">{t('workspace.calendar.chooseDate')}</label>
          <input id="calendar-date" type="date" name="date" defaultValue={data.date} />
        </div>
        <button type="submit">{t('workspace.calendar.go')}</button>
      </Form>
      <p>
        <Link to={`/espace/horaires?conseiller=${data.advisorId}`}>
          {t('workspace.rules.title', { name: data.advisorName })}
        </Link>
      </p>
      {data.sites.length > 0 ? (
        <ul className="workspace-sites">
          {data.sites.map((site) => (
            <li key={site.id}>
              <Link to={`/espace/lieux/${site.id}?date=${data.date}`}>{site.name}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      <PrintButton />
      {data.grid ? (
        <div className="time-grid-wide">
          <TimeGrid grid={data.grid} caption={data.caption} />
        </div>
      ) : null}
      <div className={data.week ? 'workspace-week time-grid-narrow' : 'workspace-day'}>
        {data.days.map((day) => (
          <section key={day.date} aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`}>{day.title}</h2>
            <DayAgenda
              hours={day.hours}
              appointments={day.appointments}
              absences={day.absences}
              workshops={day.workshops}
            />
          </section>
        ))}
      </div>
    </div>
  )
}
