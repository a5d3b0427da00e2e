import type { Histogram } from './figures'

// The counts of the statistics in a form that adds up: what one local day of one
// organisation keeps in its tally (decision 098), and what a period's figures are made of,
// whether read live from the appointments or summed from the tallies.

/** Value → how many. */
export type Counts = Record<string, number>

export type AppointmentCounts = {
  status: Counts
  channel: Counts
  mode: Counts
  topic: Counts
  /** Honoured appointments by topic: France Services requests count those. */
  honouredTopic: Counts
}

/** Lead times from booking to appointment, counted in bins of `binHours` (value: bin start). */
export type LeadTimes = { binHours: number; bins: Histogram }

export type MessageCounts = {
  reminders: { channel: string; status: string; count: number }[]
  smsSegments: number
}

/** One organisation's local day. Lead times by whole day: a day keeps a few dozen bins. */
export type DayTally = {
  appointments: AppointmentCounts
  leadDays: Counts
  messages: MessageCounts
}

/** Appointments counted by status, channel, mode and topic, as one grouped read gives them. */
export type AppointmentGroup = {
  status: string
  createdVia: string
  mode: string
  topicId: string
  count: number
}

const add = (counts: Counts, key: string, count: number) => {
  counts[key] = (counts[key] ?? 0) + count
}

const emptyAppointmentCounts = (): AppointmentCounts => ({
  status: {},
  channel: {},
  mode: {},
  topic: {},
  honouredTopic: {},
})

/** The counts of appointments grouped by status, channel, mode and topic. */
export function appointmentCounts(groups: ReadonlyArray<AppointmentGroup>): AppointmentCounts {
  const counts = emptyAppointmentCounts()
  for (const group of groups) {
    add(counts.status, group.status, group.count)
    add(counts.channel, group.createdVia, group.count)
    add(counts.mode, group.mode, group.count)
    add(counts.topic, group.topicId, group.count)
    if (group.status === 'HONOURED') add(counts.honouredTopic, group.topicId, group.count)
  }
  return counts
}

/** Whole hours from booking to appointment, counted again by whole day. */
export function leadDaysOf(hours: Histogram): Counts {
  const days: Counts = {}
  for (const bin of hours) add(days, String(Math.floor(bin.value / 24)), bin.count)
  return days
}

/** The tally of one day: the day's counts as the live reads give them. */
export function dayTally(
  groups: ReadonlyArray<AppointmentGroup>,
  leadHours: Histogram,
  messages: MessageCounts,
): DayTally {
  return {
    appointments: appointmentCounts(groups),
    leadDays: leadDaysOf(leadHours),
    messages,
  }
}

/** The counts of a period: its days' tallies added up. */
export function sumTallies(tallies: Iterable<DayTally>): {
  appointments: AppointmentCounts
  lead: LeadTimes
  messages: MessageCounts
} {
  const appointments = emptyAppointmentCounts()
  const leadDays: Counts = {}
  const reminders: Counts = {}
  let smsSegments = 0
  for (const tally of tallies) {
    for (const key of Object.keys(appointments) as (keyof AppointmentCounts)[]) {
      for (const [value, count] of Object.entries(tally.appointments[key]))
        add(appointments[key], value, count)
    }
    for (const [day, count] of Object.entries(tally.leadDays)) add(leadDays, day, count)
    for (const row of tally.messages.reminders)
      add(reminders, `${row.channel}\u0000${row.status}`, row.count)
    smsSegments += tally.messages.smsSegments
  }
  return {
    appointments,
    lead: {
      binHours: 24,
      bins: Object.entries(leadDays).map(([day, count]) => ({ value: Number(day) * 24, count })),
    },
    messages: {
      reminders: Object.entries(reminders).map(([key, count]) => {
        const [channel, status] = key.split('\u0000') as [string, string]
        return { channel, status, count }
      }),
      smsSegments,
    },
  }
}
