import type { Language } from '~/i18n/config'
import type { Translate } from '~/i18n/translate'
import { formatAppointmentDate, formatDay, formatTime, localDateOf } from '~/domain/time/format'
import { db } from '~/platform/database/client.server'
import { dayTitle, wallTime } from '~/domain/time/days'
import { workspaceSessionPath } from '~/features/workshops/index.server'
import {
  ruleChoices,
  type AffectedAppointment,
  type AffectedSession,
  type previewRuleSlots,
} from './opening-rules.server'
import type { RulePreview } from './page-data'

// How opening rules, previews and orphaned appointments read on the hours pages.

type RuleForView = {
  id: string
  weekdays: string
  startTime: string
  endTime: string
  everyNWeeks: number
  validFrom: string
  validUntil: string | null
  site: { name: string } | null
  topics: { topic: { name: string } }[]
}

/** One rule in words: days and times, frequency, validity, place, topics. */
export function ruleView(rule: RuleForView, zone: string, language: Language, t: Translate) {
  const today = localDateOf(new Date(), zone)
  const days = [...rule.weekdays].map((day) => t(`workspace.rules.weekday.${day}`)).join(', ')
  const summary = t('workspace.rules.summary', {
    days,
    start: wallTime(today, rule.startTime, zone, language),
    end: wallTime(today, rule.endTime, zone, language),
  })
  return {
    id: rule.id,
    summary,
    frequency:
      rule.everyNWeeks === 1
        ? t('workspace.rules.everyWeek')
        : t('workspace.rules.everyNWeeks', { count: rule.everyNWeeks }),
    validity: rule.validUntil
      ? t('workspace.rules.fromUntil', {
          from: dayTitle(rule.validFrom, zone, language),
          until: dayTitle(rule.validUntil, zone, language),
        })
      : t('workspace.rules.from', { from: dayTitle(rule.validFrom, zone, language) }),
    place: rule.site
      ? t('workspace.calendar.inPerson', { site: rule.site.name })
      : t('workspace.rules.phone'),
    topics:
      rule.topics.length === 0
        ? t('workspace.rules.allTopics')
        : rule.topics.map((topic) => topic.topic.name).join(', '),
    ended: rule.validUntil !== null && rule.validUntil < today,
  }
}

/** An appointment a change would orphan, as the confirmation lists it. */
export function affectedView(appointment: AffectedAppointment, language: Language, t: Translate) {
  const when = formatAppointmentDate(appointment.start, appointment.timeZone, language)
  return {
    id: appointment.id,
    label: t('workspace.rules.affected.item', {
      when,
      resident: appointment.resident,
      topic: appointment.topic,
    }),
    choiceFor: t('workspace.rules.affected.choiceFor', { when, resident: appointment.resident }),
  }
}

export type AffectedView = ReturnType<typeof affectedView>

/** A workshop session the change disturbs: listed with its page, where it is changed or cancelled. */
export function affectedSessionView(session: AffectedSession, language: Language, t: Translate) {
  const when = formatAppointmentDate(session.start, session.timeZone, language)
  return {
    id: session.id,
    label: t('workspace.rules.affected.workshop', {
      when,
      topic: session.topic,
      site: session.siteName,
    }),
    choiceFor: '',
    workshopLink: workspaceSessionPath(session.id),
  }
}

/** The rule form's choices: the organisation's active sites and topics. */
export async function ruleFormOptions(organisationId: string) {
  return ruleChoices(db(), organisationId)
}

/** The slots of a preview, grouped by local day. */
export function previewView(
  preview: Awaited<ReturnType<typeof previewRuleSlots>>,
  zone: string,
  language: Language,
): RulePreview {
  if (!preview) return { kind: 'NO_TOPIC' }
  const days: { title: string; times: string[] }[] = []
  for (const slot of preview.slots) {
    const title = formatDay(slot.start, zone, language)
    const day = days.at(-1)?.title === title ? days.at(-1)! : { title, times: [] }
    if (day.times.length === 0) days.push(day)
    day.times.push(formatTime(slot.start, zone, language))
  }
  return { kind: 'SLOTS', topic: preview.topic.name, days }
}
