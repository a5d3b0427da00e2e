import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { FigureSection } from '~/features/statistics/figure-table'
import { statisticsPage } from '~/features/statistics/page.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/statistiques: admins the organisation's figures (by site and advisor), advisors
// their own; ?periode=, ?du=&au= for a custom period, ?lieu=, ?conseiller= (decision 087).
export const loader = ({ request }: LoaderFunctionArgs) => statisticsPage(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Statistics() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace workspace-wide statistics">
      <h1>{data.title}</h1>
      <p>{data.everyone ? t('statistics.intro') : t('statistics.ownOnly')}</p>
      <Form method="get" className="workspace-filter statistics-filter">
        <fieldset>
          <legend>{t('statistics.filters.legend')}</legend>
          <div className="field">
            <label htmlFor="statistics-period">{t('statistics.filters.period')}</label>
            <select id="statistics-period" name="periode" defaultValue={data.filters.preset}>
              {data.presets.map((preset) => (
                <option key={preset.value} value={preset.value}>
                  {preset.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="statistics-from">{t('statistics.filters.from')}</label>
            <input
              id="statistics-from"
              name="du"
              type="date"
              defaultValue={data.filters.first}
              aria-describedby="statistics-custom-hint"
              aria-invalid={data.problem ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="statistics-to">{t('statistics.filters.to')}</label>
            <input
              id="statistics-to"
              name="au"
              type="date"
              defaultValue={data.filters.last}
              aria-describedby="statistics-custom-hint"
              aria-invalid={data.problem ? true : undefined}
            />
          </div>
          {data.everyone ? (
            <>
              <div className="field">
                <label htmlFor="statistics-site">{t('statistics.filters.site')}</label>
                <select id="statistics-site" name="lieu" defaultValue={data.filters.siteId}>
                  <option value="">{t('statistics.filters.allSites')}</option>
                  {data.sites.map((site) => (
                    <option key={site.id} value={site.id}>
                      {site.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="statistics-advisor">{t('statistics.filters.advisor')}</label>
                <select
                  id="statistics-advisor"
                  name="conseiller"
                  defaultValue={data.filters.advisorId}
                >
                  <option value="">{t('statistics.filters.allAdvisors')}</option>
                  {data.advisors.map((advisor) => (
                    <option key={advisor.id} value={advisor.id}>
                      {advisor.name}
                    </option>
                  ))}
                </select>
              </div>
            </>
          ) : null}
          <p id="statistics-custom-hint" className="hint">
            {t('statistics.filters.customHint')}
          </p>
          <button type="submit">{t('statistics.filters.apply')}</button>
        </fieldset>
      </Form>
      {data.problem ? (
        <p className="error-summary" role="alert">
          {data.problem}
        </p>
      ) : (
        <p className="statistics-period">
          <strong>{data.period}</strong> · {data.previous}
        </p>
      )}
      {data.tables.map((table) => (
        <FigureSection key={table.id} table={table} />
      ))}
    </div>
  )
}
