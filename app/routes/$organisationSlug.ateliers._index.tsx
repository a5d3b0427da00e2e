import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SelectField, useForm } from '~/components/form'
import { WorkshopCard } from '~/components/workshop-session'
import { PhoneNumber } from '~/components/phone-number'
import { requireOrganisation } from '~/features/journey/index.server'
import { WORKSHOP_FILTERS, workshopPaths } from '~/features/workshops/paths'
import {
  listUpcomingWorkshops,
  workshopFiltersOf,
} from '~/features/workshops/public-sessions.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// "Ateliers": an organisation's upcoming workshop sessions by day, with the seats left,
// filtered by site and theme through the query string (a plain GET form: no script needed).

export async function loader({ params, request }: LoaderFunctionArgs) {
  const organisation = await requireOrganisation(params.organisationSlug)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const filters = workshopFiltersOf(new URL(request.url), WORKSHOP_FILTERS)
  const workshops = await listUpcomingWorkshops(organisation.id, filters, language, new Date())
  return {
    organisation: { name: organisation.name, slug: organisation.slug, phone: organisation.phone },
    filters,
    ...workshops,
    title: t('publicWorkshops.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function Workshops() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const paths = workshopPaths(data.organisation.slug)
  const filtered = Boolean(data.filters.siteId || data.filters.theme)
  const form = useForm({
    defaults: {
      [WORKSHOP_FILTERS.site]: data.filters.siteId ?? '',
      [WORKSHOP_FILTERS.theme]: data.filters.theme ?? '',
    },
    labels: {
      [WORKSHOP_FILTERS.site]: t('publicWorkshops.filters.site'),
      [WORKSHOP_FILTERS.theme]: t('publicWorkshops.filters.theme'),
    },
    idPrefix: 'filter',
  })
  return (
    <div className="page">
      <p className="back-link">
        <Link to={`/${data.organisation.slug}`}>← {data.organisation.name}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="lead">{t('publicWorkshops.intro')}</p>
      {data.organisation.phone ? (
        <p>
          {t('publicWorkshops.callUs')} <PhoneNumber e164={data.organisation.phone} />
        </p>
      ) : null}
      {data.any ? (
        <section aria-labelledby="filters-title" className="workshop-filters">
          <h2 id="filters-title">{t('publicWorkshops.filters.title')}</h2>
          <Form method="get">
            <SelectField
              form={form}
              name={WORKSHOP_FILTERS.site}
              options={[
                { value: '', label: t('publicWorkshops.filters.anySite') },
                ...data.sites.map((site) => ({ value: site.id, label: site.name })),
              ]}
            />
            <SelectField
              form={form}
              name={WORKSHOP_FILTERS.theme}
              options={[
                { value: '', label: t('publicWorkshops.filters.anyTheme') },
                ...data.themes.map((theme) => ({ value: theme, label: t(`theme.${theme}`) })),
              ]}
            />
            <button type="submit">{t('publicWorkshops.filters.submit')}</button>
          </Form>
        </section>
      ) : null}
      {data.days.length === 0 ? (
        <p className="notice">
          {t(filtered ? 'publicWorkshops.noneFiltered' : 'publicWorkshops.none')}{' '}
          {filtered ? <Link to={paths.list()}>{t('publicWorkshops.seeAll')}</Link> : null}
        </p>
      ) : (
        data.days.map((day) => (
          <section key={day.date} aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`} className="workshop-day">
              {day.day}
            </h2>
            <ul className="card-list">
              {day.sessions.map((session) => (
                <WorkshopCard key={session.id} session={session} heading="h3" withDay={false} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  )
}
