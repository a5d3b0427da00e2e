import { formatShortDay, localDateOf, startOfLocalDay } from '~/domain/time/format'
import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'
import type { loadAgenda } from './agenda.server'
import { bookableFrom, bookingLink } from './reception-day.server'
import { timeGrid } from './time-grid.server'

type AgendaColumn = Awaited<ReturnType<typeof loadAgenda>>[number]

/** A column's day, short, and marked when it is today. */
function columnTitle(date: string, today: string, zone: string, language: Language, t: Translate) {
  const title = formatShortDay(startOfLocalDay(date, zone), zone, language)
  return date === today ? `${title} (${t('workspace.calendar.today').toLowerCase()})` : title
}

/** The workshops at a site on one day of the columns: a session several advisors run, once. */
export function siteDayWorkshops(columns: AgendaColumn[], index: number) {
  const workshops = columns.flatMap((column) => column.days[index]!.workshops)
  return [...new Map(workshops.map((workshop) => [workshop.id, workshop])).values()]
}

/** One advisor's week as a time grid: a column per day, free cells book with them. */
export function advisorWeekGrid(
  column: AgendaColumn,
  context: { zone: string; language: Language; t: Translate; now: Date },
) {
  const { zone, language, t, now } = context
  const today = localDateOf(now, zone)
  return timeGrid(
    column.days.map((day) => ({
      key: day.date,
      title: columnTitle(day.date, today, zone, language, t),
      hours: day.hours,
      appointments: day.appointments,
      absences: day.absences,
      workshops: day.workshops,
      bookLink: bookingLink(column.id, day.date, zone),
      notBefore: bookableFrom(day.date, zone, now),
    })),
    language,
    null,
  )
}

/**
 * A site's week as a time grid: a column per day holding every advisor's appointments
 * there, the hours of any of them shaded. A free cell there is nobody's in particular, so
 * it books nothing: the day view's columns do.
 */
export function siteWeekGrid(
  columns: AgendaColumn[],
  context: { zone: string; language: Language; t: Translate; now: Date },
) {
  const { zone, language, t, now } = context
  const today = localDateOf(now, zone)
  const days = columns[0]?.days ?? []
  return timeGrid(
    days.map((day, index) => {
      return {
        key: day.date,
        title: columnTitle(day.date, today, zone, language, t),
        hours: columns.flatMap((column) => column.days[index]!.hours),
        appointments: columns.flatMap((column) =>
          column.days[index]!.appointments.map((appointment) => ({
            ...appointment,
            advisorName: column.name,
          })),
        ),
        absences: [],
        workshops: siteDayWorkshops(columns, index),
        bookLink: null,
        notBefore: null,
      }
    }),
    language,
    null,
  )
}
