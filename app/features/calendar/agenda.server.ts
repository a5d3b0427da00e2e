import { db } from '~/platform/database/client.server'
import { advisorsByIds } from '~/features/admin/index.server'
import { advisorRules, ruleOfRow } from '~/features/schedule/index.server'
import {
  workspaceSessionPath,
  sessionsBetween,
  sessionSummaryView,
} from '~/features/workshops/index.server'
import {
  absencesBetween,
  appointmentsBetween,
  siteAppointmentsBetween,
  type CalendarAppointment,
} from './queries.server'
import { rulesOpenOn } from '~/domain/scheduling'
import { parseWallTime } from '~/domain/scheduling/calendar'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { dayRange, dayTitle, minuteOfLocalDay, wallTime } from '~/domain/time/days'
import { formatClock, formatTime, localDateOf } from '~/domain/time/format'
import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'

/** What a calendar shows of one appointment, in the place's local time. */
export function appointmentView(
  appointment: CalendarAppointment,
  organisationZone: string,
  language: Language,
) {
  const zone = appointment.site?.timeZone ?? organisationZone
  const phone = appointment.resident.phoneE164
  return {
    id: appointment.id,
    advisorId: appointment.advisorId,
    date: localDateOf(appointment.startsAt, zone),
    time: `${formatTime(appointment.startsAt, zone, language)} – ${formatTime(appointment.endsAt, zone, language)}`,
    resident: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
    topic: appointment.topic.name,
    mode: appointment.mode,
    site: appointment.site?.name ?? null,
    phone: appointment.mode === 'PHONE' && phone ? formatPhoneForDisplay(phone) : null,
    status: appointment.status,
  }
}

export type AppointmentView = ReturnType<typeof appointmentView>

export function absenceView(
  absence: { id: string; advisorId: string; startsAt: Date; endsAt: Date; reason: string | null },
  zone: string,
  language: Language,
  day: { from: Date; to: Date },
) {
  // An absence longer than the day shows the day's bounds.
  const start = absence.startsAt < day.from ? day.from : absence.startsAt
  const end = absence.endsAt > day.to ? day.to : absence.endsAt
  return {
    id: absence.id,
    advisorId: absence.advisorId,
    from: formatTime(start, zone, language),
    to:
      end.getTime() === day.to.getTime()
        ? formatClock(24, 0, language)
        : formatTime(end, zone, language),
    reason: absence.reason,
  }
}

export type AbsenceView = ReturnType<typeof absenceView>

/** The workshop sessions a calendar shows, each with its advisors, local date and minutes. */
async function workshopViews(input: {
  organisationId: string
  zone: string
  advisorIds: string[]
  siteId?: string
  from: Date
  to: Date
  language: Language
  t: Translate
}) {
  const { zone, language, t } = input
  const scope = input.siteId ? { siteId: input.siteId } : { advisorIds: input.advisorIds }
  const sessions = await sessionsBetween(db(), input.organisationId, scope, input.from, input.to)
  return sessions.map((session) => {
    const view = sessionSummaryView(session, zone, language, t)
    return {
      id: view.id,
      link: workspaceSessionPath(view.id),
      time: view.time,
      topic: view.topic,
      site: view.site,
      seats: view.seats,
      cancelled: view.cancelled,
      advisors: view.advisors,
      advisorIds: view.advisorIds,
      // The calendar's days are cut in its zone, which may not be the site's.
      date: localDateOf(session.startsAt, zone),
      startsAt: session.startsAt,
      endsAt: session.endsAt,
    }
  })
}

type Person = { id: string; firstName: string; lastName: string }

/**
 * What a calendar shows, for both the advisor's day or week and a site's day: one column
 * per advisor, one entry per local date, each with the opening hours in the background
 * (rules open that day, at the site only for a site), absences and appointments. At a
 * site, an advisor without hours there who has an appointment there gets a column too.
 */
export async function loadAgenda(input: {
  organisationId: string
  /** The zone the days are cut in (the site's, or the organisation's). */
  zone: string
  dates: string[]
  advisors: Person[]
  siteId?: string
  /** Only phone help: hours by phone and phone appointments. */
  phoneOnly?: boolean
  language: Language
  t: Translate
}) {
  const { zone, dates, language, t } = input
  const from = dayRange(dates[0]!, zone).from
  const to = dayRange(dates.at(-1)!, zone).to
  const found = input.siteId
    ? await siteAppointmentsBetween(db(), input.organisationId, input.siteId, from, to)
    : await appointmentsBetween(
        db(),
        input.organisationId,
        input.advisors.map((advisor) => advisor.id),
        from,
        to,
      )
  const appointments = input.phoneOnly
    ? found.filter((appointment) => appointment.mode === 'PHONE')
    : found
  // Workshops are held at a site: phone help has none.
  const workshops = input.phoneOnly
    ? []
    : await workshopViews({
        organisationId: input.organisationId,
        zone,
        advisorIds: input.advisors.map((advisor) => advisor.id),
        siteId: input.siteId,
        from,
        to,
        language,
        t,
      })
  // Someone with an appointment or a workshop here but no hours here still gets a column.
  const known = new Set(input.advisors.map((advisor) => advisor.id))
  const missing = [
    ...new Set([
      ...appointments.map((appointment) => appointment.advisorId),
      ...workshops.flatMap((workshop) => workshop.advisorIds),
    ]),
  ].filter((id) => !known.has(id))
  const columns = [
    ...input.advisors,
    ...(missing.length > 0 ? await advisorsByIds(db(), missing) : []),
  ]
  const columnIds = columns.map((advisor) => advisor.id)
  const [absences, ruleRows] = await Promise.all([
    absencesBetween(db(), columnIds, from, to),
    advisorRules(db(), columnIds),
  ])
  const rows = ruleRows.filter((row) =>
    input.phoneOnly ? row.siteId === null : !input.siteId || row.siteId === input.siteId,
  )
  const rules = rows.map(ruleOfRow)
  const views = appointments.map((appointment) => appointmentView(appointment, zone, language))
  return columns.map((advisor) => ({
    id: advisor.id,
    name: `${advisor.firstName} ${advisor.lastName}`,
    days: dates.map((date) => {
      const bounds = dayRange(date, zone)
      const hours = rulesOpenOn(
        rules.filter((rule) => rule.advisorId === advisor.id),
        date,
      ).map((rule) => {
        const site = rows.find((row) => row.id === rule.id)?.site
        return {
          id: rule.id!,
          siteId: rule.siteId,
          start: parseWallTime(rule.startTime)!,
          end: parseWallTime(rule.endTime)!,
          text: t('workspace.rules.calendarHours', {
            from: wallTime(date, rule.startTime, zone, language),
            to: wallTime(date, rule.endTime, zone, language),
            place: site ? site.name : t('workspace.rules.phone'),
          }),
        }
      })
      return {
        date,
        title: dayTitle(date, zone, language),
        hours,
        appointments: appointments.flatMap((appointment, index) =>
          appointment.advisorId === advisor.id && views[index]!.date === date
            ? [
                {
                  ...views[index]!,
                  start: minuteOfLocalDay(appointment.startsAt, date, zone),
                  end: minuteOfLocalDay(appointment.endsAt, date, zone),
                },
              ]
            : [],
        ),
        workshops: workshops.flatMap(({ advisorIds, date: day, startsAt, endsAt, ...workshop }) =>
          advisorIds.includes(advisor.id) && day === date
            ? [
                {
                  ...workshop,
                  start: minuteOfLocalDay(startsAt, date, zone),
                  end: minuteOfLocalDay(endsAt, date, zone),
                },
              ]
            : [],
        ),
        absences: absences
          .filter(
            (absence) =>
              absence.advisorId === advisor.id &&
              absence.startsAt < bounds.to &&
              absence.endsAt > bounds.from,
          )
          .map((absence) => ({
            ...absenceView(absence, zone, language, bounds),
            start: minuteOfLocalDay(absence.startsAt, date, zone),
            end: minuteOfLocalDay(absence.endsAt, date, zone),
          })),
      }
    }),
  }))
}
