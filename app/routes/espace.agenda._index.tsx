import { AdvisorPicker } from '~/components/workspace/advisor-picker'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { db } from '~/platform/database/client.server'
import { appointmentsBetween, siteAppointmentsBetween } from '~/features/calendar/queries.server'
import {
  advisorById,
  receivingAdvisors,
  organisationSites,
  siteById,
} from '~/features/admin/index.server'
import { can } from '~/domain/access'
import { isCancelled } from '~/domain/booking/attendance'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { appointmentView } from '~/features/calendar/agenda.server'
import { dayRange, dayTitle, requestedDate } from '~/domain/time/days'
import { PrintButton } from '~/components/print-button'
import {
  workspaceSessionPath,
  sessionsBetween,
  sessionSummaryView,
} from '~/features/workshops/index.server'

// /espace/agenda: the day's appointments on one sheet, to print (?conseiller=<id> or
// ?lieu=<id>, &date=YYYY-MM-DD). The same permissions as the calendars: calendar.view
// for an advisor's day, calendar.viewSite for a site's. Cancelled ones are left out.

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const { actor } = signedIn
  const url = new URL(request.url)
  const siteId = url.searchParams.get('lieu')
  const organisationId = signedIn.organisation.id
  let heading: string
  let zone = signedIn.organisation.timeZone
  let load: (from: Date, to: Date) => ReturnType<typeof appointmentsBetween>
  let scope: Parameters<typeof sessionsBetween>[2]
  let advisorId: string | null = null
  if (siteId) {
    const site = await siteById(db(), siteId)
    requirePermission(
      actor,
      'calendar.viewSite',
      site ? { organisationId: site.organisationId } : null,
    )
    heading = site!.name
    zone = site!.timeZone ?? zone
    load = (from, to) => siteAppointmentsBetween(db(), organisationId, site!.id, from, to)
    scope = { siteId: site!.id }
  } else {
    const advisor = await advisorById(db(), url.searchParams.get('conseiller') ?? actor.advisorId)
    requirePermission(
      actor,
      'calendar.view',
      advisor ? { organisationId: advisor.organisationId, advisorId: advisor.id } : null,
    )
    heading = `${advisor!.firstName} ${advisor!.lastName}`
    advisorId = advisor!.id
    load = (from, to) => appointmentsBetween(db(), organisationId, [advisor!.id], from, to)
    scope = { advisorIds: [advisor!.id] }
  }
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const date = requestedDate(url.searchParams.get('date'), zone)
  const range = dayRange(date, zone)
  const [appointments, sessions, advisors, sites] = await Promise.all([
    load(range.from, range.to),
    sessionsBetween(db(), organisationId, scope, range.from, range.to),
    can(actor, 'calendar.view') ? receivingAdvisors(db(), organisationId) : [],
    can(actor, 'calendar.viewSite') ? organisationSites(db(), organisationId) : [],
  ])
  const names = new Map(advisors.map((a) => [a.id, `${a.firstName} ${a.lastName}`]))
  return {
    title: t('workspace.agenda.advisorTitle', {
      name: heading,
      day: dayTitle(date, zone, language),
    }),
    date,
    siteId,
    advisorId,
    bySite: Boolean(siteId),
    advisors: advisors.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` })),
    sites,
    canAdminister: can(actor, 'organisation.administer'),
    rows: [
      ...appointments
        .filter((appointment) => !isCancelled(appointment.status))
        .map((appointment) => ({
          startsAt: appointment.startsAt.getTime(),
          ...appointmentView(appointment, zone, language),
          advisor: names.get(appointment.advisorId) ?? '',
          workshop: null,
        })),
      // A workshop is one line: its seats taken stand where a resident's name would.
      ...sessions
        .filter((session) => session.status !== 'CANCELLED')
        .map((session) => {
          const view = sessionSummaryView(session, zone, language, t)
          return {
            startsAt: session.startsAt.getTime(),
            id: view.id,
            time: view.time,
            advisor: view.advisors,
            resident: '',
            topic: view.topic,
            mode: 'IN_PERSON' as const,
            site: view.site,
            phone: null,
            workshop: { link: workspaceSessionPath(view.id), seats: view.seats },
          }
        }),
    ]
      .sort((a, b) => a.startsAt - b.startsAt)
      .map(({ startsAt: _, ...row }) => row),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function PrintableAgenda() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace agenda-print">
      <ul className="workspace-link admin-menu">
        <li>
          <Link to="/espace/agenda/flux">{t('workspace.agenda.feedLink')}</Link>
        </li>
        {data.canAdminister ? (
          <li>
            <Link to="/espace/admin">{t('workspace.agenda.adminLink')}</Link>
          </li>
        ) : null}
      </ul>
      <h1>{data.title}</h1>
      <Form method="get" className="workspace-filter" aria-label={t('workspace.agenda.choose')}>
        <AdvisorPicker id="agenda-advisor" advisors={data.advisors} value={data.advisorId} />
        {data.sites.length > 0 ? (
          <div className="field">
            <label htmlFor="agenda-site">{t('workspace.agenda.site')}</label>
            <select id="agenda-site" name="lieu" defaultValue={data.siteId ?? ''}>
              <option value="">{t('workspace.agenda.allSites')}</option>
              {data.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="agenda-date">{t('workspace.agenda.date')}</label>
          <input id="agenda-date" type="date" name="date" defaultValue={data.date} />
        </div>
        <button type="submit">{t('workspace.agenda.show')}</button>
      </Form>
      <PrintButton />
      {data.rows.length === 0 ? (
        <p>{t('workspace.agenda.empty')}</p>
      ) : (
        <table className="agenda-table">
          <thead>
            <tr>
              <th scope="col">{t('workspace.agenda.time')}</th>
              {data.bySite ? <th scope="col">{t('workspace.agenda.advisor')}</th> : null}
              <th scope="col">{t('workspace.agenda.resident')}</th>
              <th scope="col">{t('workspace.agenda.topic')}</th>
              <th scope="col">{t('workspace.agenda.mode')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.time}</td>
                {data.bySite ? <td>{row.advisor}</td> : null}
                <td>
                  {row.workshop ? (
                    <Link to={row.workshop.link}>
                      {t('workspace.agenda.workshop', { seats: row.workshop.seats })}
                    </Link>
                  ) : (
                    row.resident
                  )}
                </td>
                <td>{row.topic}</td>
                <td>
                  {row.mode === 'PHONE'
                    ? row.phone
                      ? t('workspace.agenda.phoneToCall', { phone: row.phone })
                      : t('workspace.agenda.phoneNoNumber')
                    : row.site}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
