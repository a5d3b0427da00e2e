import { stringify } from 'csv-stringify/sync'
import { can } from '~/domain/access/policy'
import {
  choosePeriod,
  formatLocalDate,
  instantRange,
  previousPeriod,
  PERIOD_PRESETS,
  type LocalPeriod,
} from '~/domain/statistics/period'
import { localDateOf } from '~/domain/time/format'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import {
  advisorById,
  receivingAdvisors,
  organisationSites,
  siteById,
} from '~/features/admin/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { figureTables, periodFigures } from './figures.server'
import { TABLE_IDS, type FigureTable, type TableId } from './page-data'
import type { Scope } from './queries.server'

// /espace/statistiques and the CSV of each of its tables: the same filters, read from the
// address, checked the same way (decision 087).

export const STATISTICS_PATH = '/espace/statistiques'

type Filters = {
  preset: string
  first: string
  last: string
  siteId: string
  advisorId: string
}

/** The filters of the address, the scope they allow, refused as the policy says. */
async function requestedScope(request: Request, signedIn: SignedIn) {
  const params = new URL(request.url).searchParams
  const { actor, organisation } = signedIn
  const siteParam = params.get('lieu') || null
  // An advisor reads their own figures unless they may read everyone's (admins).
  const everyone = can(actor, 'statistics.view')
  const advisorParam = params.get('conseiller') || (everyone ? null : actor.advisorId)
  const [site, advisor] = await Promise.all([
    siteParam ? siteById(db(), siteParam) : null,
    advisorParam ? advisorById(db(), advisorParam) : null,
  ])
  if (siteParam && site?.organisationId !== organisation.id)
    throw new Response('Not found', { status: 404 })
  if (advisorParam && advisor?.organisationId !== organisation.id)
    throw new Response('Not found', { status: 404 })
  requirePermission(actor, 'statistics.view', {
    organisationId: organisation.id,
    advisorId: advisorParam,
  })
  const scope: Scope = {
    organisationId: organisation.id,
    siteId: siteParam,
    advisorId: advisorParam,
  }
  const filters: Filters = {
    preset: params.get('periode') ?? 'thisMonth',
    first: params.get('du') ?? '',
    last: params.get('au') ?? '',
    siteId: siteParam ?? '',
    advisorId: advisorParam ?? '',
  }
  return { scope, filters, everyone }
}

/** Both periods' figures as tables; null when the custom dates are wrong (the page says why). */
async function tablesOf(request: Request) {
  const [signedIn, t, language] = await Promise.all([
    requireAdvisor(request),
    fixedT(request),
    languageOf(request),
  ])
  const { scope, filters, everyone } = await requestedScope(request, signedIn)
  const zone = signedIn.organisation.timeZone
  const now = new Date()
  const choice = choosePeriod(
    { preset: filters.preset, first: filters.first, last: filters.last },
    localDateOf(now, zone),
  )
  if (!choice.ok) return { signedIn, t, language, filters, everyone, choice, tables: null }
  const previous = previousPeriod(choice.period)
  const [currentFigures, previousFigures] = await Promise.all([
    periodFigures(db(), scope, instantRange(choice.period, zone), now),
    periodFigures(db(), scope, instantRange(previous, zone), now),
  ])
  const tables = await figureTables(db(), currentFigures, previousFigures, t, language)
  return { signedIn, t, language, filters, everyone, choice, previous, tables }
}

const periodText = (period: LocalPeriod, language: 'fr' | 'en') => ({
  first: formatLocalDate(period.first, language),
  last: formatLocalDate(period.last, language),
})

/** The page: filters, each table with its chart and its CSV link. */
export async function statisticsPage(request: Request) {
  const { signedIn, t, language, filters, everyone, choice, previous, tables } =
    await tablesOf(request)
  const organisationId = signedIn.organisation.id
  const [sites, advisors] = everyone
    ? await Promise.all([
        organisationSites(db(), organisationId),
        receivingAdvisors(db(), organisationId),
      ])
    : [[], []]
  const query = new URL(request.url).search
  return {
    title: t('statistics.title'),
    everyone,
    presets: PERIOD_PRESETS.map((preset) => ({
      value: preset,
      label: t(`statistics.preset.${preset}`),
    })),
    filters: {
      ...filters,
      preset: choice.preset,
      first: filters.first || (choice.ok ? choice.period.first : ''),
      last: filters.last || (choice.ok ? choice.period.last : ''),
    },
    problem: choice.ok ? null : t(`statistics.problem.${choice.problem}`),
    period: choice.ok ? t('statistics.period', periodText(choice.period, language)) : null,
    previous: previous ? t('statistics.previous', periodText(previous, language)) : null,
    sites: sites.map((site) => ({ id: site.id, name: site.name })),
    advisors: advisors.map((advisor) => ({
      id: advisor.id,
      name: `${advisor.firstName} ${advisor.lastName}`,
    })),
    tables: (tables ?? []).map((table) => ({
      ...table,
      csv: `${STATISTICS_PATH}/${table.id}.csv${query}`,
    })),
  }
}

/** The table named by `file` ("statuts.csv"), as CSV; 404 for any other name. */
export async function statisticsCsv(request: Request, file: string | undefined) {
  await requireAdvisor(request)
  const id = file?.endsWith('.csv') ? file.slice(0, -'.csv'.length) : ''
  if (!(TABLE_IDS as readonly string[]).includes(id))
    throw new Response('Not found', { status: 404 })
  const { t, choice, tables } = await tablesOf(request)
  if (!choice.ok || !tables)
    throw new Response(t(`statistics.problem.${choice.ok ? 'INVALID_DATE' : choice.problem}`), {
      status: 400,
    })
  const table = tables.find((candidate) => candidate.id === (id as TableId))!
  return new Response(csvOf(table, t), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="statistiques-${id}-${choice.period.first}-${choice.period.last}.csv"`,
      'cache-control': 'private, no-store',
    },
  })
}

/**
 * The table's rows with raw numbers (rates in percent, lead times in days, one decimal):
 * semicolons and a byte-order mark so spreadsheets set to French open it as columns.
 */
function csvOf(table: FigureTable, t: (key: string) => string) {
  const number = (value: number | null, percent: boolean) =>
    value === null
      ? ''
      : percent
        ? (value * 100).toFixed(1)
        : Number.isInteger(value)
          ? String(value)
          : value.toFixed(1)
  const header = ['label', 'current', 'previous', 'difference'].map((key) =>
    t(`statistics.columns.${key}`),
  )
  const rows = table.rows.map((row) => {
    const percent = row.format === 'percent'
    return [
      row.label,
      number(row.current, percent),
      number(row.previous, percent),
      number(row.difference, percent),
    ]
  })
  return `\ufeff${stringify([header, ...rows], { delimiter: ';' })}`
}
