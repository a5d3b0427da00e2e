import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { listResidents } from '~/features/residents/directory.server'
import { ResidentSearchForm } from '~/components/workspace/resident-search'
import { can } from '~/domain/access'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'

// /espace/usagers?q=&page=: the residents directory. Admin and reception see every
// resident of the organisation; an advisor sees their own (decision 060).
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const { actor, organisation } = signedIn
  requirePermission(actor, 'resident.view', {
    organisationId: organisation.id,
    advisorId: actor.advisorId,
  })
  const url = new URL(request.url)
  const query = (url.searchParams.get('q') ?? '').slice(0, 100)
  const page = Math.max(
    1,
    Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1),
  )
  const [t, language, list] = await Promise.all([
    fixedT(request),
    languageOf(request),
    listResidents(db(), {
      organisationId: organisation.id,
      query,
      page,
      onlyOwnOf: can(actor, 'resident.view') ? null : actor,
      now: new Date(),
    }),
  ])
  const pageLink = (target: number) =>
    `/espace/usagers?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(target) }).toString()}`
  return {
    title: t('workspace.residents.title'),
    query,
    total: list.total,
    page,
    pages: list.pages,
    previous: page > 1 ? pageLink(page - 1) : null,
    next: page < list.pages ? pageLink(page + 1) : null,
    residents: list.residents.map((resident) => ({
      id: resident.id,
      name: `${resident.lastName.toLocaleUpperCase(language)} ${resident.firstName}`,
      phone: resident.phoneE164 ? formatPhoneForDisplay(resident.phoneE164) : null,
      email: resident.email,
      next: resident.next
        ? formatAppointmentDate(
            resident.next.startsAt,
            resident.next.site?.timeZone ?? organisation.timeZone,
            language,
          )
        : null,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function ResidentsDirectory() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <ResidentSearchForm query={data.query} />
      <p role="status">{t('workspace.residents.count', { count: data.total })}</p>
      {data.residents.length > 0 ? (
        <table className="workspace-table">
          <thead>
            <tr>
              <th scope="col">{t('workspace.residents.name')}</th>
              <th scope="col">{t('workspace.residents.contact')}</th>
              <th scope="col">{t('workspace.residents.next')}</th>
            </tr>
          </thead>
          <tbody>
            {data.residents.map((resident) => (
              <tr key={resident.id}>
                <td>
                  <Link to={`/espace/usagers/${resident.id}`}>{resident.name}</Link>
                </td>
                <td data-label={t('workspace.residents.contact')}>
                  {[resident.phone, resident.email].filter(Boolean).join(' · ') || '—'}
                </td>
                <td data-label={t('workspace.residents.next')}>
                  {resident.next ?? t('workspace.residents.noNext')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data.pages > 1 ? (
        <nav aria-label={t('workspace.residents.pagination')} className="workspace-pagination">
          <p>{t('workspace.residents.pageOf', { page: data.page, pages: data.pages })}</p>
          <ul>
            {data.previous ? (
              <li>
                <Link to={data.previous}>{t('workspace.residents.previousPage')}</Link>
              </li>
            ) : null}
            {data.next ? (
              <li>
                <Link to={data.next}>{t('workspace.residents.nextPage')}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  )
}
