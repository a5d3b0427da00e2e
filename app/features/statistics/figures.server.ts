import { FRANCE_SERVICES_OPERATORS } from '~/domain/reports/coop'
import { barChart } from '~/domain/statistics/chart'
import { change, mean, medianOf, noShowRate, rate } from '~/domain/statistics/figures'
import type { InstantRange } from '~/domain/statistics/period'
import {
  appointmentCounts,
  type AppointmentCounts,
  type Counts,
  type LeadTimes,
} from '~/domain/statistics/tally'
import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'
import type { Db } from '~/platform/database/client.server'
import type { FigureRow, FigureTable, TableId, ValueFormat } from './page-data'
import {
  appointmentGroups,
  leadTimeHistogram,
  messageFigures,
  peopleHelped,
  topicsOf,
  workshopFigures,
  type Scope,
} from './queries.server'

// Every figure of the page for one period, then the page's tables: each figure beside the
// previous period's and the difference.

const STATUSES = ['HONOURED', 'NO_SHOW', 'EXCUSED', 'CANCELLED', 'BOOKED'] as const
const CHANNELS = ['ONLINE', 'RECEPTION', 'HELPER', 'ADVISOR'] as const
const MODES = ['IN_PERSON', 'PHONE'] as const
const MESSAGE_CHANNELS = ['SMS', 'VOICE', 'EMAIL'] as const
const DELIVERY = {
  sent: ['SENT', 'DELIVERED'],
  delivered: ['DELIVERED'],
  failed: ['FAILED'],
} as const

/** What the tables of one period are made of: read live, or summed from tallies. */
export type PeriodFigures = {
  appointments: AppointmentCounts
  lead: LeadTimes
  people: Awaited<ReturnType<typeof peopleHelped>>
  workshops: Awaited<ReturnType<typeof workshopFigures>>
  messages: Awaited<ReturnType<typeof messageFigures>>
}

/** Every count of one period, read in parallel. */
export async function periodFigures(
  db: Db,
  scope: Scope,
  range: InstantRange,
  now: Date,
): Promise<PeriodFigures> {
  const [groups, hours, people, workshops, messages] = await Promise.all([
    appointmentGroups(db, scope, range),
    leadTimeHistogram(db, scope, range),
    peopleHelped(db, scope, range),
    workshopFigures(db, scope, range, now),
    messageFigures(db, scope, range),
  ])
  const appointments = appointmentCounts(groups)
  return { appointments, lead: { binHours: 1, bins: hours }, people, workshops, messages }
}

/** Counts by value, gathered under another name (a topic's theme); null names are left out. */
const countBy = (counts: Counts, name: (value: string) => string | null = (value) => value) => {
  const gathered = new Map<string, number>()
  for (const [value, count] of Object.entries(counts)) {
    const key = name(value)
    if (key !== null) gathered.set(key, (gathered.get(key) ?? 0) + count)
  }
  return gathered
}

/** The figures of one period by name: what the tables compare. */
function namedFigures(
  figures: PeriodFigures,
  topics: Map<string, { theme: string; franceServicesOperator: string | null }>,
) {
  const { appointments, lead, people, workshops, messages } = figures
  const status = countBy(appointments.status)
  const honoured = status.get('HONOURED') ?? 0
  // Each lead time counted at the middle of its bin (an hour live, a day in the tallies).
  const middle = lead.binHours / 2
  const leadCount = lead.bins.reduce((sum, bin) => sum + bin.count, 0)
  const leadHours = lead.bins.reduce((sum, bin) => sum + (bin.value + middle) * bin.count, 0)
  const median = medianOf(lead.bins)
  const delivery = new Map<string, number>()
  for (const channel of MESSAGE_CHANNELS) {
    for (const [measure, statuses] of Object.entries(DELIVERY)) {
      const count = messages.reminders
        .filter(
          (row) => row.channel === channel && (statuses as readonly string[]).includes(row.status),
        )
        .reduce((sum, row) => sum + row.count, 0)
      delivery.set(`${channel}.${measure}`, count)
    }
  }
  const meanHours = mean(leadHours, leadCount)
  return {
    indicators: new Map<string, number | null>([
      ['appointments', [...status.values()].reduce((sum, count) => sum + count, 0)],
      ['honoured', honoured],
      ['noShowRate', noShowRate({ honoured, noShow: status.get('NO_SHOW') ?? 0 })],
      ['leadMedian', median === null ? null : (median + middle) / 24],
      ['leadMean', meanHours === null ? null : meanHours / 24],
      ['peopleHelped', people.total],
      ['newPeople', people.fresh],
      ['returningPeople', people.total - people.fresh],
      ['sessionsHeld', workshops.sessions],
      ['fillRate', rate(workshops.taken, workshops.seats)],
      ['waitlistEntries', workshops.waitlistEntries],
      ['waitlistConverted', workshops.waitlistConverted],
      ['smsSegments', messages.smsSegments],
    ]),
    status,
    channel: countBy(appointments.channel),
    mode: countBy(appointments.mode),
    theme: countBy(appointments.topic, (topicId) => topics.get(topicId)?.theme ?? null),
    operator: countBy(
      appointments.honouredTopic,
      (topicId) => topics.get(topicId)?.franceServicesOperator ?? null,
    ),
    delivery,
  }
}

const INDICATOR_FORMATS: Record<string, ValueFormat> = {
  noShowRate: 'percent',
  fillRate: 'percent',
  leadMedian: 'days',
  leadMean: 'days',
}

/** The tables of the page: the period's figures against the previous period's. */
export async function figureTables(
  db: Db,
  current: PeriodFigures,
  previous: PeriodFigures,
  t: Translate,
  language: Language,
): Promise<FigureTable[]> {
  const topicIds = [
    ...new Set([
      ...Object.keys(current.appointments.topic),
      ...Object.keys(previous.appointments.topic),
    ]),
  ]
  const topics = new Map((await topicsOf(db, topicIds)).map((topic) => [topic.id, topic]))
  const now = namedFigures(current, topics)
  const before = namedFigures(previous, topics)
  const format = formatter(t, language)
  const row = (
    key: string,
    label: string,
    values: [number | null, number | null],
    kind: ValueFormat = 'count',
  ): FigureRow => {
    const compared = change(values[0], values[1])
    return { key, label, format: kind, ...compared, text: format(compared, kind) }
  }
  const counted = (
    id: TableId,
    title: string,
    keys: readonly string[],
    label: (key: string) => string,
    pick: (figures: typeof now) => Map<string, number>,
    note: string | null = null,
  ): FigureTable => {
    const rows = keys.map((key) =>
      row(key, label(key), [pick(now).get(key) ?? 0, pick(before).get(key) ?? 0]),
    )
    return {
      id,
      title,
      note,
      rows,
      chart: barChart(
        rows.map((r) => ({
          label: t('statistics.barLabel', { label: r.label, value: r.text.current }),
          value: r.current ?? 0,
        })),
      ),
      chartName: t('statistics.chartName', { title }),
    }
  }
  // Themes and operators seen in either period, largest first.
  const seen = (pick: (figures: typeof now) => Map<string, number>) =>
    [...new Set([...pick(now).keys(), ...pick(before).keys()])].toSorted(
      (a, b) => (pick(now).get(b) ?? 0) - (pick(now).get(a) ?? 0) || a.localeCompare(b),
    )
  const operators = seen((f) => f.operator).toSorted(
    (a, b) =>
      (now.operator.get(b) ?? 0) - (now.operator.get(a) ?? 0) ||
      FRANCE_SERVICES_OPERATORS.indexOf(a as never) - FRANCE_SERVICES_OPERATORS.indexOf(b as never),
  )
  const indicators = [...now.indicators.keys()].map((key) =>
    row(
      key,
      t(`statistics.figures.${key}`),
      [now.indicators.get(key) ?? null, before.indicators.get(key) ?? null],
      INDICATOR_FORMATS[key],
    ),
  )
  return [
    {
      id: 'indicateurs',
      title: t('statistics.tables.indicators'),
      note: null,
      rows: indicators,
      chart: null,
      chartName: '',
    },
    counted(
      'statuts',
      t('statistics.tables.statuses'),
      STATUSES,
      (key) => t(`statistics.status.${key}`),
      (f) => f.status,
      t('statistics.notes.statuses'),
    ),
    counted(
      'canaux',
      t('statistics.tables.channels'),
      CHANNELS,
      (key) => t(`statistics.channel.${key}`),
      (f) => f.channel,
      t('statistics.notes.channels'),
    ),
    counted(
      'modalites',
      t('statistics.tables.modes'),
      MODES,
      (key) => t(`statistics.mode.${key}`),
      (f) => f.mode,
    ),
    counted(
      'themes',
      t('statistics.tables.themes'),
      seen((f) => f.theme),
      (key) => t(`theme.${key}`),
      (f) => f.theme,
    ),
    counted(
      'rappels',
      t('statistics.tables.reminders'),
      MESSAGE_CHANNELS.flatMap((channel) =>
        Object.keys(DELIVERY).map((measure) => `${channel}.${measure}`),
      ),
      (key) => {
        const [channel, measure] = key.split('.')
        return t(`statistics.delivery.${measure}`, {
          channel: t(`statistics.channelName.${channel}`),
        })
      },
      (f) => f.delivery,
    ),
    counted(
      'france-services',
      t('statistics.tables.franceServices'),
      operators,
      (key) => t(`statistics.operator.${key}`),
      (f) => f.operator,
      t('statistics.notes.franceServices'),
    ),
  ]
}

/** How values read: counts, percentages (differences in points), days with one decimal. */
function formatter(t: Translate, language: Language) {
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB'
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const decimal = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  const signed = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  })
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  const none = t('statistics.notApplicable')
  const value = (number: number | null, kind: ValueFormat) => {
    if (number === null) return none
    if (kind === 'percent') return percent.format(number)
    if (kind === 'days') return t('statistics.days', { value: decimal.format(number) })
    return integer.format(number)
  }
  const difference = (number: number | null, kind: ValueFormat) => {
    if (number === null) return none
    if (kind === 'percent') return t('statistics.points', { value: signed.format(number * 100) })
    if (kind === 'days') return t('statistics.days', { value: signed.format(number) })
    return signed.format(number)
  }
  return (compared: ReturnType<typeof change>, kind: ValueFormat) => ({
    current: value(compared.current, kind),
    previous: value(compared.previous, kind),
    difference: difference(compared.difference, kind),
  })
}
