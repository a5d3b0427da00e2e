import { HOLDS_OPENING_HOURS } from '~/domain/access'
import { SchedulingError } from '~/domain/scheduling/errors'
import { ONE_TO_ONE } from '~/domain/topics/format'
import { isHolidayRegion, type HolidayRegion } from '~/domain/scheduling/holidays'
import type {
  LoadWindow,
  Mode,
  SchedulingData,
  SchedulingOrganisation,
  SchedulingSite,
  SchedulingTopic,
} from '~/domain/scheduling/types'
import type { Db } from '~/platform/database/client.server'
import { RULE_ROW_SELECT, ruleOfRow } from './rule-rows.server'

// Statuses that hold an advisor's time; the same list as the database's no-overlap guard.
export const ACTIVE_STATUSES = ['BOOKED', 'HONOURED', 'NO_SHOW'] as const
const DAY_MS = 86_400_000
// No appointment or workshop session lasts longer than a day (a session starts and ends on
// one date), so a window's busy rows all start after `from - 1 day`: the start index
// bounds the scan on both sides, whatever the history.
const LONGEST_APPOINTMENT_MS = DAY_MS

function region(value: string | null, what: string): HolidayRegion | null {
  if (value === null) return null
  if (!isHolidayRegion(value))
    throw new SchedulingError('INVALID_HOLIDAY_REGION', `${what} has holiday region ${value}`)
  return value
}

/** The organisation, its open sites, its known advisors and (if it is one of its own) the topic. */
export async function loadSchedulingContext(db: Db, organisationId: string, topicId: string) {
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    select: {
      id: true,
      timeZone: true,
      holidayRegion: true,
      slotStepMinutes: true,
      sites: { where: { active: true }, select: { id: true, timeZone: true, holidayRegion: true } },
      advisors: { where: { active: true, ...HOLDS_OPENING_HOURS }, select: { id: true } },
      topics: {
        // A collective topic has sessions, never slots: the engine finds none for it.
        where: { id: topicId, active: true, ...ONE_TO_ONE },
        select: {
          id: true,
          durationMinutes: true,
          bufferMinutes: true,
          minNoticeMinutes: true,
          horizonDays: true,
          allowsInPerson: true,
          allowsPhone: true,
        },
      },
    },
  })
  if (!organisation) return null
  const schedulingOrganisation: SchedulingOrganisation = {
    id: organisation.id,
    timeZone: organisation.timeZone,
    holidayRegion: region(organisation.holidayRegion, 'organisation')!,
    slotStepMinutes: organisation.slotStepMinutes,
  }
  const sites: SchedulingSite[] = organisation.sites.map((site) => ({
    id: site.id,
    timeZone: site.timeZone,
    holidayRegion: region(site.holidayRegion, `site ${site.id}`),
  }))
  const topic: SchedulingTopic | null = organisation.topics[0] ?? null
  return {
    organisation: schedulingOrganisation,
    sites,
    topic,
    advisorIds: organisation.advisors.map((advisor) => advisor.id),
  }
}

export type WindowFilter = {
  organisationId: string
  mode: Mode
  siteId?: string | null
  advisorId?: string | null
}

/**
 * Loads what touches [from, to) with range queries on indexed columns only, so the cost
 * follows the window, not the size of the history.
 */
export function windowLoader(db: Db, filter: WindowFilter, bufferMinutes = 0): LoadWindow {
  return async (from, to) => {
    const margin = bufferMinutes * 60_000
    // Reception's rules, if an old one is left, never give slots (decision 065).
    const advisorScope = {
      organisationId: filter.organisationId,
      active: true,
      ...HOLDS_OPENING_HOURS,
      ...(filter.advisorId ? { id: filter.advisorId } : {}),
    }
    // Rule dates are local; a day either side covers every time zone.
    const firstDay = new Date(from.getTime() - DAY_MS).toISOString().slice(0, 10)
    const lastDay = new Date(to.getTime() + DAY_MS).toISOString().slice(0, 10)
    const [rules, absences, appointments, sessions] = await Promise.all([
      db.openingRule.findMany({
        where: {
          advisor: advisorScope,
          validFrom: { lte: lastDay },
          OR: [{ validUntil: null }, { validUntil: { gte: firstDay } }],
          ...(filter.mode === 'PHONE'
            ? { siteId: null }
            : { site: { active: true, ...(filter.siteId ? { id: filter.siteId } : {}) } }),
        },
        select: RULE_ROW_SELECT,
      }),
      db.absence.findMany({
        where: {
          advisor: advisorScope,
          endsAt: { gt: new Date(from.getTime() - margin) },
          startsAt: { lt: new Date(to.getTime() + margin) },
        },
        select: { advisorId: true, startsAt: true, endsAt: true },
      }),
      db.appointment.findMany({
        where: {
          organisationId: filter.organisationId,
          ...(filter.advisorId ? { advisorId: filter.advisorId } : {}),
          status: { in: [...ACTIVE_STATUSES] },
          startsAt: {
            gte: new Date(from.getTime() - margin - LONGEST_APPOINTMENT_MS),
            lt: new Date(to.getTime() + margin),
          },
          endsAt: { gt: new Date(from.getTime() - margin) },
        },
        select: { advisorId: true, startsAt: true, endsAt: true },
      }),
      // A workshop session holds its advisors' time as an appointment does (decision 082).
      db.workshopSessionAdvisor.findMany({
        where: {
          active: true,
          advisor: advisorScope,
          startsAt: {
            gte: new Date(from.getTime() - margin - LONGEST_APPOINTMENT_MS),
            lt: new Date(to.getTime() + margin),
          },
          endsAt: { gt: new Date(from.getTime() - margin) },
        },
        select: { advisorId: true, startsAt: true, endsAt: true },
      }),
    ])
    const data: SchedulingData = {
      rules: rules.map(ruleOfRow),
      absences: absences.map((absence) => ({
        advisorId: absence.advisorId,
        start: absence.startsAt,
        end: absence.endsAt,
      })),
      appointments: [...appointments, ...sessions].map((busy) => ({
        advisorId: busy.advisorId,
        start: busy.startsAt,
        end: busy.endsAt,
      })),
    }
    return data
  }
}
