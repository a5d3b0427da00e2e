import { seatAvailability, type SeatAvailability } from '~/domain/workshops/seats'
import { formatDay, formatTime, localDateOf, type DisplayLanguage } from '~/domain/time/format'
import { topicInLanguage } from '~/domain/topics/language'
import { isTheme, themeOrder, type Theme } from '~/domain/topics/themes'
import { PUBLIC_SITE_FIELDS } from '~/features/journey/index.server'
import { db, type Db } from '~/platform/database/client.server'
import { workshopPaths } from './paths'

// The workshops residents see (decision 084): upcoming sessions of public collective topics
// at active sites, with the seats left as the domain counts them (decision 080).

/** How many upcoming sessions the public pages read at most: months of a busy programme. */
const UPCOMING_LIMIT = 200

const SESSION_FIELDS = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  seatCount: true,
  level: true,
  whatToBring: true,
  whatToBringEn: true,
  seriesId: true,
  series: { select: { enrolment: true } },
  topic: {
    select: {
      id: true,
      name: true,
      nameEn: true,
      theme: true,
      instructions: true,
      instructionsEn: true,
    },
  },
  site: { select: PUBLIC_SITE_FIELDS },
  organisation: { select: { timeZone: true, slug: true } },
  _count: {
    select: {
      // Every registration but a cancelled one holds a seat row; a standing offer holds one too.
      registrations: { where: { seatId: { not: null } } },
      waitlist: { where: { heldSeatId: { not: null } } },
    },
  },
} as const

/** A session residents may see: its topic public and collective, its site open. */
const PUBLIC_SESSION = {
  topic: { active: true, isPublic: true, format: 'COLLECTIVE' },
  site: { active: true },
} as const

type SessionRow = Awaited<ReturnType<typeof findSessions>>[number]

function findSessions(
  client: Db,
  where: object,
  take = UPCOMING_LIMIT,
  visible: object = PUBLIC_SESSION,
) {
  return client.workshopSession.findMany({
    where: { ...visible, ...where },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
    select: SESSION_FIELDS,
  })
}

const upcoming = (organisationId: string, now: Date) => ({
  organisationId,
  status: 'SCHEDULED',
  startsAt: { gt: now },
})

export type PublicSession = {
  id: string
  /** Its public page. */
  path: string
  topicName: string
  theme: string
  level: SessionRow['level']
  site: Omit<SessionRow['site'], 'timeZone'>
  /** "mardi 3 mars" */
  day: string
  /** The local date, to group sessions by day. */
  date: string
  start: string
  end: string
  /** What to bring: the session's own words, else the topic's instructions. */
  whatToBring: string | null
  availability: SeatAvailability
  /** Cancelled by the service (a closed session otherwise has started or is over). */
  cancelled: boolean
  /** One of a series joined whole: registering takes a seat in each session to come. */
  wholeSeries: boolean
}

/** A session as the public pages show it, in the reader's language and the site's zone. */
function publicView(row: SessionRow, language: DisplayLanguage, now: Date): PublicSession {
  const zone = row.site.timeZone ?? row.organisation.timeZone
  const topic = topicInLanguage(row.topic, language)
  const sessionWords = (language === 'en' && row.whatToBringEn?.trim()) || row.whatToBring?.trim()
  const { timeZone: _zone, ...site } = row.site
  return {
    id: row.id,
    path: workshopPaths(row.organisation.slug).session(row.id),
    topicName: topic.name,
    theme: row.topic.theme,
    level: row.level,
    site,
    day: formatDay(row.startsAt, zone, language),
    date: localDateOf(row.startsAt, zone),
    start: formatTime(row.startsAt, zone, language),
    end: formatTime(row.endsAt, zone, language),
    whatToBring: sessionWords || topic.instructions?.trim() || null,
    availability: seatAvailability(
      {
        seatCount: row.seatCount,
        taken: row._count.registrations,
        held: row._count.waitlist,
        startsAt: row.startsAt,
        status: row.status,
      },
      now,
    ),
    cancelled: row.status === 'CANCELLED',
    wholeSeries: row.series?.enrolment === 'WHOLE',
  }
}

export type WorkshopFilters = { siteId: string | null; theme: Theme | null }

/** The filters of the workshops page from its query; anything unknown filters nothing. */
export function workshopFiltersOf(url: URL, names: { site: string; theme: string }) {
  const theme = url.searchParams.get(names.theme)
  return {
    siteId: url.searchParams.get(names.site) || null,
    theme: theme && isTheme(theme) ? theme : null,
  } satisfies WorkshopFilters
}

/** The sessions grouped by local day, in order. */
function byDay(sessions: PublicSession[]) {
  const days: { date: string; day: string; sessions: PublicSession[] }[] = []
  for (const session of sessions) {
    const last = days.at(-1)
    if (last?.date === session.date) last.sessions.push(session)
    else days.push({ date: session.date, day: session.day, sessions: [session] })
  }
  return days
}

/**
 * The workshops page: upcoming sessions grouped by day, filtered by site and theme, and
 * the sites and themes that have sessions (the filters offer only those).
 */
export async function listUpcomingWorkshops(
  organisationId: string,
  filters: WorkshopFilters,
  language: DisplayLanguage,
  now: Date,
) {
  const rows = await findSessions(db(), upcoming(organisationId, now))
  const sessions = rows.map((row) => publicView(row, language, now))
  const sites = new Map(sessions.map((session) => [session.site.id, session.site.name]))
  const themes = [...new Set(sessions.map((session) => session.theme))]
    .filter(isTheme)
    .sort((a, b) => themeOrder(a) - themeOrder(b))
  const shown = sessions.filter(
    (session) =>
      (!filters.siteId || session.site.id === filters.siteId) &&
      (!filters.theme || session.theme === filters.theme),
  )
  return {
    days: byDay(shown),
    any: sessions.length > 0,
    sites: [...sites]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, language)),
    themes,
  }
}

/** The next few sessions, for the organisation's home page. */
export async function upcomingWorkshopsPreview(
  organisationId: string,
  language: DisplayLanguage,
  now: Date,
  count = 3,
) {
  const rows = await findSessions(db(), upcoming(organisationId, now), count)
  return rows.map((row) => publicView(row, language, now))
}

/**
 * One session of the organisation as its public page shows it, whatever its state (a
 * cancelled or past one says so), with the other dates of a series joined whole; null
 * when residents may not see it. `linked`: a resident's link shows it even once its topic
 * is no longer offered or its site closed.
 */
export async function findPublicSession(
  organisationId: string,
  sessionId: string,
  language: DisplayLanguage,
  now: Date,
  { linked = false } = {},
) {
  const [row] = await findSessions(
    db(),
    { id: sessionId, organisationId },
    1,
    linked ? {} : PUBLIC_SESSION,
  )
  if (!row) return null
  const session = publicView(row, language, now)
  const series =
    session.wholeSeries && row.seriesId
      ? await findSessions(db(), { ...upcoming(organisationId, now), seriesId: row.seriesId })
      : []
  return {
    session,
    seriesDates: series.map((each) => {
      const view = publicView(each, language, now)
      return { id: view.id, day: view.day, start: view.start, end: view.end }
    }),
  }
}
