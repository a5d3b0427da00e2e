import { CHART } from '~/domain/statistics/chart'
import { useTranslation } from '~/i18n/use-translation'
import type { FigureTable } from './page-data'

/**
 * One table of the statistics page: its chart drawn on the server (an SVG image named for
 * screen readers, no JavaScript), the table of its figures, and the link to its CSV.
 */
export function FigureSection({ table }: { table: FigureTable & { csv: string } }) {
  const { t } = useTranslation()
  const headingId = `statistics-${table.id}`
  return (
    <section className="statistics-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{table.title}</h2>
      {table.note ? <p className="statistics-note">{table.note}</p> : null}
      {table.chart && table.rows.length > 0 ? <BarChart table={table} /> : null}
      {table.rows.length === 0 ? (
        <p>{t('statistics.none')}</p>
      ) : (
        <table className="workspace-table statistics-table">
          <caption className="visually-hidden">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.columns.label')}</th>
              <th scope="col">{t('statistics.columns.current')}</th>
              <th scope="col">{t('statistics.columns.previous')}</th>
              <th scope="col">{t('statistics.columns.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td data-label={t('statistics.columns.current')}>{row.text.current}</td>
                <td data-label={t('statistics.columns.previous')}>{row.text.previous}</td>
                <td data-label={t('statistics.columns.difference')}>{row.text.difference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={table.csv} download>
          {t('statistics.csv')}
          <span className="visually-hidden"> · {table.title}</span>
        </a>
      </p>
    </section>
  )
}

function BarChart({ table }: { table: FigureTable }) {
  const chart = table.chart!
  const titleId = `chart-${table.id}`
  return (
    <svg
      className="statistics-chart"
      role="img"
      aria-labelledby={titleId}
      width="100%"
      height={chart.height}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{table.chartName}</title>
      {chart.rows.map((row, index) => (
        <g key={index}>
          <text x="0" y={row.labelY} className="statistics-chart-label">
            {row.label}
          </text>
          <rect
            x="0"
            y={row.barY}
            width={`${row.barPercent}%`}
            height={CHART.barHeight}
            className="statistics-chart-bar"
          />
        </g>
      ))}
    </svg>
  )
}
