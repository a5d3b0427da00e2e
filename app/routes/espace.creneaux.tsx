import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { MOMENT_PARAMS, WEEKDAY_PARAMS } from '~/features/desk/slot-search'
import { slotSearchPage } from '~/features/desk/slot-search.server'
import { SelectField, useForm } from '~/components/form'
import { useTranslation } from '~/i18n/use-translation'

// /espace/creneaux: free slots of every advisor over several weeks, for a caller on the
// phone (features/desk/slot-search.server.ts).
export const loader = ({ request }: LoaderFunctionArgs) => slotSearchPage(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

const WEEKDAYS = Object.keys(WEEKDAY_PARAMS)
const MOMENTS = Object.keys(MOMENT_PARAMS)

export default function SlotSearch() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  // A search form answers no errors: the kit's fields with the request's values.
  const form = useForm({
    defaults: data.form,
    idPrefix: 'search',
    labels: {
      motif: t('workspace.search.topic'),
      jour: t('workspace.search.weekday'),
      moment: t('workspace.search.moment'),
      lieu: t('workspace.search.place'),
      conseiller: t('workspace.search.advisor'),
    },
  })
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <p>{t('workspace.search.intro')}</p>
      <Form method="get" className="workspace-filter workspace-search">
        <SelectField
          form={form}
          name="motif"
          options={data.topics.map((topic) => ({ value: topic.id, label: topic.name }))}
        />
        <SelectField
          form={form}
          name="jour"
          options={[
            { value: '', label: t('workspace.search.anyDay') },
            ...WEEKDAYS.map((day) => ({
              value: day,
              label: t(`workspace.search.weekdays.${day}`),
            })),
          ]}
        />
        <SelectField
          form={form}
          name="moment"
          options={[
            { value: '', label: t('workspace.search.anyMoment') },
            ...MOMENTS.map((moment) => ({
              value: moment,
              label: t(`workspace.search.moments.${moment}`),
            })),
          ]}
        />
        <SelectField
          form={form}
          name="lieu"
          options={[
            { value: '', label: t('workspace.search.anySite') },
            ...data.sites.map((site) => ({ value: site.id, label: site.name })),
            { value: PHONE_PLACE, label: t('workspace.search.byPhone') },
          ]}
        />
        <SelectField
          form={form}
          name="conseiller"
          options={[
            { value: '', label: t('workspace.search.anyAdvisor') },
            ...data.advisors.map((advisor) => ({ value: advisor.id, label: advisor.name })),
          ]}
        />
        <button type="submit">{t('workspace.search.submit')}</button>
      </Form>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t('workspace.search.results')}</h2>
        {data.problem ? (
          <p className="notice error" role="alert">
            {t(`workspace.search.${data.problem}`)}
          </p>
        ) : data.days.length === 0 ? (
          <p>{t('workspace.search.none')}</p>
        ) : (
          data.days.map((day) => (
            <section key={day.date} aria-labelledby={`day-${day.date}`}>
              <h3 id={`day-${day.date}`} className="search-day">
                {day.title}
              </h3>
              <ul className="search-slots">
                {day.slots.map((slot) => (
                  <li key={slot.value}>
                    <Link to={slot.link}>
                      <strong>{slot.time}</strong> · {slot.place}
                    </Link>{' '}
                    <span className="hint">
                      {t('workspace.search.with', { names: slot.advisors })}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
        <ul className="workspace-pagination">
          {data.first ? null : (
            <li>
              <Link to={`/espace/creneaux?${new URLSearchParams(data.form).toString()}`}>
                {t('workspace.search.fromStart')}
              </Link>
            </li>
          )}
          {data.next ? (
            <li>
              <Link to={data.next}>{t('workspace.search.more')}</Link>
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  )
}
