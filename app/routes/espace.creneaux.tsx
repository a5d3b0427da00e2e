import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { MOMENT_PARAMS, WEEKDAY_PARAMS } from '~/features/desk/slot-search'
import { slotSearchPage } from '~/features/desk/slot-search.server'
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
  const select = (
    name: keyof typeof data.form,
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <div className="field">
      <label htmlFor={`search-${name}`}>{label}</label>
      <select id={`search-${name}`} name={name} defaultValue={data.form[name]}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <p>{t('workspace.search.intro')}</p>
      <Form method="get" className="workspace-filter workspace-search">
        {select(
          'motif',
          t('workspace.search.topic'),
          data.topics.map((topic) => ({ value: topic.id, label: topic.name })),
        )}
        {select('jour', t('workspace.search.weekday'), [
          { value: '', label: t('workspace.search.anyDay') },
          ...WEEKDAYS.map((day) => ({ value: day, label: t(`workspace.search.weekdays.${day}`) })),
        ])}
        {select('moment', t('workspace.search.moment'), [
          { value: '', label: t('workspace.search.anyMoment') },
          ...MOMENTS.map((moment) => ({
            value: moment,
            label: t(`workspace.search.moments.${moment}`),
          })),
        ])}
        {select('lieu', t('workspace.search.place'), [
          { value: '', label: t('workspace.search.anySite') },
          ...data.sites.map((site) => ({ value: site.id, label: site.name })),
          { value: PHONE_PLACE, label: t('workspace.search.byPhone') },
        ])}
        {select('conseiller', t('workspace.search.advisor'), [
          { value: '', label: t('workspace.search.anyAdvisor') },
          ...data.advisors.map((advisor) => ({ value: advisor.id, label: advisor.name })),
        ])}
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
