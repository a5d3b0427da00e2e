// Scale benchmark: `npm run bench:scale` (run `npm run build` first), PostgreSQL only
// (TEST_DB_PROVIDER=postgresql TEST_DATABASE_URL=postgresql://…).
// 1. Seeds, one SQL statement per table, 1,000 organisations of 4 advisors and 8 sites
//    (4,000 advisors, 8,000 sites, 16,000 opening rules, 1,000,000 residents with names),
//    2,000,000 appointments over two years (the last 8 weeks still to come) and 5,000,000
//    messages, mostly sent, the last day's reminders still due. BENCH_SCALE scales the
//    number of organisations (each keeps its shape): 0.001 is one organisation, a smoke run.
// 2. Growth: each hot query, as the app sends it, EXPLAIN ANALYZEd on the full database and
//    on a baseline database holding one organisation of the same shape alone; the ratio,
//    the plan on the full one, and every sequential scan of a table over 10,000 rows.
// 3. Starts the built app with every page cache off (READ_CACHE=off) and its worker off.
//    /healthz alone first (the ceiling), then for BENCH_SECONDS (30) a mixed workload on 50
//    keep-alive connections: residents' week pages of random organisations and sites,
//    bookings through the whole form flow on a free time of such a page (a refusal because
//    someone took it is counted apart), advisors' calendar weeks, reception's resident
//    search by name, an organisation's statistics for a year. Per route: requests,
//    throughput, p50, p99; errors are network errors, 5xx and any unexpected answer.
// 4. The dispatch: one notification worker process (`npm run worker`'s bundle) sending the
//    due messages through the fake Twilio: messages per second.
// Targets (caches off): week page p99 <= 100 ms, booking confirm p99 <= 300 ms, resident
// search p99 <= 100 ms, no error, >= 300 messages/s per worker process, each query under
// 2x from the baseline to the full database (differences under 0.25 ms are noise), no
// sequential scan of a large table. Exits 1 when one is missed, after printing everything.
// BENCH_KEEP_DATABASE=<name>: the seeded database is kept and reused (tests/support/bulk-seed.ts).
// First: the app's modules read the configuration as they load (tests/support/config-setup.ts).
import '../support/config-setup'
import { DateTime } from 'luxon'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { book } from '~/domain/booking/book'
import { nameSearchKey } from '~/domain/residents/identity'
import { localDateOf, startOfLocalDay } from '~/domain/time/format'
import { hashPassword } from '~/features/access/passwords.server'
import { appointmentsBetween } from '~/features/calendar/queries.server'
import { bookingPorts } from '~/features/journey/booking-ports.server'
import { journeyPaths } from '~/features/journey/paths'
import { Dispatcher } from '~/features/notifications/dispatcher.server'
import { smsSentSince } from '~/features/notifications/outbox.server'
import { startFakeTwilio } from '~/features/notifications/providers/fake-twilio.server'
import { listResidents } from '~/features/residents/directory.server'
import { availability } from '~/features/schedule/availability.server'
import type { Db } from '~/platform/database/client.server'
import { resolveDatabaseConfig } from '~/platform/database/config.server'
import { bookingRequest } from '../support/booking-fixtures'
import { dialect, keptDatabase, secondsSince, seedStep, withoutGuards } from '../support/bulk-seed'
import { createTestDatabase, testProvider } from '../support/database'
import { appDatabase, cookieOf, hiddenFields, postForm, signIn } from '../support/journey'
import { people } from '../support/rush'
import {
  PRODUCTION_ENV,
  startProductionApp,
  stopProcess,
  TEST_SESSION_SECRET,
  type RunningApp,
} from '../support/server'
import { startWorkerProcess } from '../support/worker-process'
import {
  clientsUntilClosed,
  loadWindow,
  printLoad,
  printMachine,
  runBenchmark,
  timed,
  type LoadResult,
} from './targets'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const ORGANISATIONS = Math.max(1, Math.round(1_000 * SCALE))
/** Each organisation's shape, whatever the scale. */
const SITES = 8
const ADVISORS = 4
const TOPICS = 2
const RESIDENTS = 1_000
const APPOINTMENTS = 2_000
/** Messages: five for every two appointments (a confirmation and one or two reminders each). */
const MESSAGES = (APPOINTMENTS * 5) / 2
const PER_ADVISOR = APPOINTMENTS / ADVISORS
const WEEKS = 104
const WEEKS_AHEAD = 8
const WEEKDAYS = WEEKS * 5
const ZONE = 'Europe/Paris'
/** Organisations whose staff sign in (five sign-ins each: the admin, 3 advisors, reception). */
const SIGNED_IN = Math.min(ORGANISATIONS, 10)
const PASSWORD = 'bench-echelle-2026'
const CONNECTIONS = { week: 24, booking: 6, calendar: 8, search: 8, statistics: 4 }
const WARM_UP_MS = 2_000
const HEALTH_SECONDS = Math.min(SECONDS, 10)
/** Enough due messages to measure a rate over several seconds. */
const DISPATCH_AT_LEAST = 10_000
const DISPATCH_WITHIN_MS = 120_000
const EXPLAIN_RUNS = 5
const NOISE_MS = 0.25
const LARGE_TABLE = 10_000
const TARGET = { weekP99: 100, confirmP99: 300, searchP99: 100, dispatch: 300, growth: 2 }
const ROUTE = {
  week: 'week page',
  contact: 'booking: contact step',
  review: 'booking: review page',
  confirm: 'booking: confirm',
  calendar: 'advisor calendar week',
  search: 'resident search',
  statistics: 'statistics, a year',
  health: '/healthz (alone, before)',
}

const FIRST_NAMES = [
  'Jeanne',
  'Louis',
  'Marie',
  'Karim',
  'Léa',
  'Hugo',
  'Fatima',
  'Jules',
  'Chloé',
  'Mohamed',
  'Élodie',
  'Nicolas',
  'Inès',
  'Paul',
  'Camille',
  'Yanis',
  'Sophie',
  'Théo',
  'Amina',
  'Lucas',
  'Manon',
  'Sami',
  'Zoé',
  'Gabriel',
  'Aïcha',
  'Arthur',
  'Nadia',
  'Victor',
  'Océane',
  'Rémi',
  'Lina',
  'Bruno',
  'Sarah',
  'Denis',
  'Hélène',
  'Omar',
  'Julie',
  'Franck',
  'Anaïs',
  'Pierre',
]
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
  'Masson',
  'Sanchez',
  'Benali',
  'Boyer',
  'Denis',
  'Lemaire',
  'Duval',
  'Joly',
  'Gautier',
  'Roger',
  'Roche',
]

const missed: string[] = []

// --- 1. Seeding ---------------------------------------------------------------------------

/** When the seeded two years start (a Monday in the zone) and the instant they were seeded at. */
type Anchors = { firstMonday: string; now: Date }

const timestamp = (instant: Date) => `TIMESTAMP '${instant.toISOString().slice(0, 23)}'`

/**
 * The appointment number `index`: the k-th of its advisor, on the k-th weekday of the two
 * years stretched over PER_ADVISOR (never two on one day: no overlap), 09:00 to 11:30 local,
 * at the site its advisor holds that weekday (Monday to Wednesday, then Thursday, Friday).
 */
function appointmentOf(index: string, organisations: number, anchors: Anchors) {
  const advisors = organisations * ADVISORS
  const now = timestamp(anchors.now)
  const share = `((${index}) * 31 % 100)`
  const past = `CASE WHEN ${share} < 72 THEN 'HONOURED' WHEN ${share} < 82 THEN 'NO_SHOW' WHEN ${share} < 90 THEN 'EXCUSED' WHEN ${share} < 96 THEN 'CANCELLED' ELSE 'BOOKED' END`
  return `CROSS JOIN LATERAL (SELECT (${index}) / ${advisors} AS k, (${index}) % ${advisors} AS ag) AS p1
    CROSS JOIN LATERAL (SELECT p1.ag / ${ADVISORS} AS o, p1.ag % ${ADVISORS} AS a,
      p1.k * ${WEEKDAYS} / ${PER_ADVISOR} AS w) AS p2
    CROSS JOIN LATERAL (SELECT ((TIMESTAMP '${anchors.firstMonday} 09:00' + ((p2.w / 5) * 7 + p2.w % 5) * INTERVAL '1 day'
        + ((p1.k * 7 + p1.ag) % 6) * INTERVAL '30 minutes') AT TIME ZONE '${ZONE}') AT TIME ZONE 'UTC' AS starts,
      p2.o * ${RESIDENTS} + (p1.k * 7 + p2.a * 251) % ${RESIDENTS} AS resident,
      p2.o * ${SITES} + 2 * p2.a + CASE WHEN p2.w % 5 < 3 THEN 0 ELSE 1 END AS site) AS p3
    CROSS JOIN LATERAL (SELECT
      CASE WHEN p3.starts > ${now} THEN CASE WHEN (${index}) % 20 = 0 THEN 'CANCELLED' ELSE 'BOOKED' END ELSE ${past} END AS status,
      LEAST(p3.starts - ((${index}) * 37 % 30) * INTERVAL '1 day' - ((${index}) % 8) * INTERVAL '1 hour', ${now}) AS created) AS p4`
}

/** Everything of `organisations` organisations, one statement per table. */
async function seed(db: Db, organisations: number, anchors: Anchors) {
  const sql = dialect('postgresql')
  const run = (label: string, statement: string) => seedStep(db, label, statement)
  const advisors = organisations * ADVISORS
  const now = timestamp(anchors.now)
  const many = 1_000_000
  await run(
    'organisations',
    `INSERT INTO "Organisation" ("id", "slug", "name", "kind", "timeZone", "holidayRegion", "dailySmsCap",
       "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "maxUpcomingPerContact", "updatedAt")
     SELECT 'so' || i, 'scale-' || i, 'Structure ' || i, ${sql.cast(`'COMMUNE'`, 'OrganisationKind')}, '${ZONE}', 'FR-METRO',
       ${many}, ${many}, ${many}, ${many}, ${now}
     FROM ${sql.series(organisations)}`,
  )
  await run(
    'sites',
    `INSERT INTO "Site" ("id", "organisationId", "name", "address", "postalCode", "city", "updatedAt")
     SELECT 'ss' || i, 'so' || (i / ${SITES}), 'Site ' || i, '1 place de la Mairie', '71000', 'Mâcon', ${now}
     FROM ${sql.series(organisations * SITES)}`,
  )
  await run(
    'advisors',
    `INSERT INTO "Advisor" ("id", "organisationId", "firstName", "lastName", "email", "role", "updatedAt")
     SELECT 'sa' || i, 'so' || (i / ${ADVISORS}), ${sql.pick(FIRST_NAMES, `(i % ${FIRST_NAMES.length})`)}, 'Conseil' || i,
       'conseiller' || i || '@scale.example', ${sql.cast(`CASE WHEN i % ${ADVISORS} = 0 THEN 'ADMIN' ELSE 'ADVISOR' END`, 'AdvisorRole')}, ${now}
     FROM ${sql.series(advisors)}`,
  )
  await run(
    'topics',
    `INSERT INTO "Topic" ("id", "organisationId", "name", "theme", "durationMinutes", "updatedAt")
     SELECT 'st' || i, 'so' || (i / ${TOPICS}), ${sql.pick(['Démarches en ligne', 'Déclarer mes impôts'], `(i % ${TOPICS})`)},
       ${sql.pick(['DIGITAL_BROWSING', 'MONEY_TAXES'], `(i % ${TOPICS})`)}, 30, ${now}
     FROM ${sql.series(organisations * TOPICS)}`,
  )
  // Four rules an advisor: mornings and afternoons, Monday to Wednesday at one site,
  // Thursday and Friday at the next.
  await run(
    'opening rules',
    `INSERT INTO "OpeningRule" ("id", "advisorId", "siteId", "weekdays", "startTime", "endTime", "validFrom", "updatedAt")
     SELECT 'sr' || i, 'sa' || (i / 4), 'ss' || ((i / 4) / ${ADVISORS} * ${SITES} + 2 * ((i / 4) % ${ADVISORS}) + CASE WHEN i % 4 < 2 THEN 0 ELSE 1 END),
       CASE WHEN i % 4 < 2 THEN '123' ELSE '45' END, CASE WHEN i % 2 = 0 THEN '09:00' ELSE '13:30' END,
       CASE WHEN i % 2 = 0 THEN '12:00' ELSE '17:00' END, '2020-01-01', ${now}
     FROM ${sql.series(advisors * 4)}`,
  )
  const first = (i: string) => `(${i} % ${FIRST_NAMES.length})`
  const last = (i: string) => `((${i} / ${FIRST_NAMES.length}) % ${LAST_NAMES.length})`
  const key = (names: string[]) => names.map((name) => nameSearchKey(name))
  await withoutGuards(db, 'postgresql', 'Resident', () =>
    run(
      'residents',
      `INSERT INTO "Resident" ("id", "organisationId", "firstName", "lastName", "searchKey", "phoneE164", "phoneType",
         "email", "notificationConsent", "createdVia", "createdAt", "updatedAt")
       SELECT 'sp' || i, 'so' || (i / ${RESIDENTS}), ${sql.pick(FIRST_NAMES, first('i'))}, ${sql.pick(LAST_NAMES, last('i'))},
         ${sql.pick(key(FIRST_NAMES), first('i'))} || ' ' || ${sql.pick(key(LAST_NAMES), last('i'))},
         '+336' || lpad(i::text, 8, '0'), ${sql.cast(`'MOBILE'`, 'PhoneType')}, 'usager' || i || '@scale.example', true,
         ${sql.cast(`'ONLINE'`, 'BookingChannel')}, ${now}, ${now}
       FROM ${sql.series(organisations * RESIDENTS)}`,
    ),
  )
  const channel = `CASE WHEN g.i % 10 < 6 THEN 'ONLINE' WHEN g.i % 10 < 8 THEN 'RECEPTION' WHEN g.i % 10 < 9 THEN 'HELPER' ELSE 'ADVISOR' END`
  await withoutGuards(db, 'postgresql', 'Appointment', () =>
    run(
      'appointments',
      `INSERT INTO "Appointment" ("id", "organisationId", "advisorId", "topicId", "residentId", "mode", "siteId",
         "startsAt", "endsAt", "status", "createdVia", "createdAt", "updatedAt")
       SELECT 'sx' || g.i, 'so' || p2.o, 'sa' || p1.ag, 'st' || (p2.o * ${TOPICS} + g.i % ${TOPICS}), 'sp' || p3.resident,
         ${sql.cast(`'IN_PERSON'`, 'AppointmentMode')}, 'ss' || p3.site, p3.starts, p3.starts + INTERVAL '30 minutes',
         ${sql.cast('p4.status', 'AppointmentStatus')}, ${sql.cast(channel, 'BookingChannel')}, p4.created, ${now}
       FROM ${sql.series(organisations * APPOINTMENTS)} ${appointmentOf('g.i', organisations, anchors)}`,
    ),
  )
  // Message r of each five: the two appointments' confirmations (0, 3; the second by
  // email), their reminders two days before (1, 4) and the first's on the day (2).
  const kinds = [
    'CONFIRMATION',
    'REMINDER:days-2',
    'REMINDER:same-day',
    'CONFIRMATION',
    'REMINDER:days-2',
  ]
  const sent = `CASE WHEN g.i % 20 = 0 THEN 'FAILED' WHEN g.i % 3 = 0 THEN 'SENT' ELSE 'DELIVERED' END`
  const status = `CASE WHEN p4.status = 'CANCELLED' AND m.r NOT IN (0, 3) THEN 'CANCELLED'
      WHEN m.r IN (0, 3) THEN ${sent}
      WHEN due.at > ${now} THEN 'PENDING'
      WHEN p3.starts > ${now} AND due.at > ${now} - INTERVAL '1 day' THEN 'PENDING'
      ELSE ${sent} END`
  await withoutGuards(db, 'postgresql', 'Notification', () =>
    run(
      'messages',
      `INSERT INTO "Notification" ("id", "organisationId", "appointmentId", "kind", "channel", "recipient", "status",
         "dueAt", "sentAt", "segments", "createdAt", "updatedAt")
       SELECT 'sn' || g.i, 'so' || p2.o, 'sx' || m.j, ${sql.pick(kinds, 'm.r')},
         ${sql.cast(`CASE WHEN m.r = 3 THEN 'EMAIL' ELSE 'SMS' END`, 'NotificationChannel')},
         CASE WHEN m.r = 3 THEN 'usager' || p3.resident || '@scale.example' ELSE '+336' || lpad(p3.resident::text, 8, '0') END,
         ${sql.cast('st.status', 'NotificationStatus')}, due.at,
         CASE WHEN st.status IN ('SENT', 'DELIVERED', 'FAILED') THEN due.at END,
         CASE WHEN m.r <> 3 AND st.status IN ('SENT', 'DELIVERED') THEN 1 END, p4.created, ${now}
       FROM ${sql.series(organisations * MESSAGES)}
       CROSS JOIN LATERAL (SELECT (g.i / 5) * 2 + CASE WHEN g.i % 5 < 3 THEN 0 ELSE 1 END AS j, g.i % 5 AS r) AS m
       ${appointmentOf('m.j', organisations, anchors)}
       CROSS JOIN LATERAL (SELECT CASE WHEN m.r IN (0, 3) THEN p4.created WHEN m.r IN (1, 4) THEN p3.starts - INTERVAL '2 days'
         ELSE p3.starts - INTERVAL '3 hours' END AS at) AS due
       CROSS JOIN LATERAL (SELECT ${status} AS status) AS st`,
    ),
  )
  const passwordHash = await hashPassword(PASSWORD)
  const signedIn = Array.from({ length: Math.min(organisations, SIGNED_IN) }, (_, o) => o)
  await db.advisor.updateMany({
    where: { organisationId: { in: signedIn.map((o) => `so${o}`) } },
    data: { passwordHash },
  })
  await db.advisor.createMany({
    data: signedIn.map((o) => ({
      id: `sq${o}`,
      organisationId: `so${o}`,
      firstName: 'Accueil',
      lastName: `Structure ${o}`,
      email: receptionOf(o),
      role: 'RECEPTION' as const,
      passwordHash,
    })),
  })
  // The steady state autovacuum keeps a live database in: statistics and a visibility map.
  const vacuuming = performance.now()
  await db.$executeRawUnsafe('VACUUM ANALYZE')
  console.log(`  VACUUM ANALYZE in ${secondsSince(vacuuming)}`)
}

const advisorOf = (o: number, a: number) => `conseiller${o * ADVISORS + a}@scale.example`
const receptionOf = (o: number) => `accueil${o}@scale.example`

/** The full database's anchors: those it was seeded with, read back when it is reused. */
async function anchorsOf(db: Db, now: Date): Promise<Anchors> {
  const first = await db.appointment.findFirst({
    where: { advisorId: 'sa0' },
    orderBy: { startsAt: 'asc' },
    select: { startsAt: true },
  })
  if (first)
    return { firstMonday: DateTime.fromJSDate(first.startsAt, { zone: ZONE }).toISODate()!, now }
  const monday = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week')
  return { firstMonday: monday.minus({ weeks: WEEKS - WEEKS_AHEAD }).toISODate()!, now }
}

// --- 2. The mixed workload ----------------------------------------------------------------

type Staff = { admins: string[]; receptions: string[]; advisors: string[] }

async function signInStaff(app: RunningApp, organisations: number): Promise<Staff> {
  const staff: Staff = { admins: [], receptions: [], advisors: [] }
  for (let o = 0; o < Math.min(organisations, SIGNED_IN); o++) {
    const admin = await signIn(app, advisorOf(o, 0), PASSWORD)
    staff.admins.push(admin)
    staff.advisors.push(admin)
    for (let a = 1; a < ADVISORS; a++)
      staff.advisors.push(await signIn(app, advisorOf(o, a), PASSWORD))
    staff.receptions.push(await signIn(app, receptionOf(o), PASSWORD))
  }
  return staff
}

const any = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!

/** A page read whole, as a browser would (the latency includes the body). */
async function page(app: RunningApp, path: string, cookie = '') {
  const response = await fetch(`${app.url}${path}`, {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  })
  return { status: response.status, html: await response.text() }
}

type Window = ReturnType<typeof loadWindow>
type Outcomes = { booked: number; refused: number; noFreeTime: number }

function workload(app: RunningApp, organisations: number, staff: Staff, anchors: Anchors) {
  const monday = DateTime.now().setZone(ZONE).startOf('week')
  const weeks = Array.from({ length: WEEKS_AHEAD }, (_, n) =>
    monday.plus({ weeks: n }).toISODate()!,
  )
  const first = DateTime.fromISO(anchors.firstMonday, { zone: ZONE })
  const year = monday.year
  const outcomes: Outcomes = { booked: 0, refused: 0, noFreeTime: 0 }
  let personCount = 0
  const nextPerson = () => {
    const n = personCount++
    return people(100, Math.floor(n / 100) % 100)[n % 100]!
  }
  const weekPath = (week: string) => {
    const o = Math.floor(Math.random() * organisations)
    const topic = `st${o * TOPICS + Math.floor(Math.random() * TOPICS)}`
    const site = `ss${o * SITES + Math.floor(Math.random() * SITES)}`
    return journeyPaths(`scale-${o}`, topic).slots(site, week)
  }
  const ok200 = (answer: { status: number }) => answer.status !== 200
  const steps = {
    week: (window: Window) => window.time(ROUTE.week, () => page(app, weekPath(any(weeks))), ok200),
    booking: async (window: Window) => {
      // Past the minimum notice: next week onwards.
      const week = await window.time(
        ROUTE.week,
        () => page(app, weekPath(any(weeks.slice(1)))),
        ok200,
      )
      if (week?.status !== 200) return
      const times = [...week.html.matchAll(/href="([^"]+\/coordonnees)"/g)].map(
        (match) => match[1]!,
      )
      if (times.length === 0) return void (outcomes.noFreeTime += 1)
      const contact = await window.time(
        ROUTE.contact,
        () => postForm(app, any(times), { ...nextPerson(), consent: 'on' }),
        (answer) => answer.status !== 302,
      )
      const reviewPath = contact?.headers.get('location')
      if (contact?.status !== 302 || !reviewPath) return
      const cookie = cookieOf(contact)
      const review = await window.time(ROUTE.review, () => page(app, reviewPath, cookie), ok200)
      if (review?.status !== 200) return
      // Taken by someone else between the week page and now: no button to confirm it.
      if (!review.html.includes('type="submit"')) return void (outcomes.refused += 1)
      const confirmed = await window.time(
        ROUTE.confirm,
        async () => {
          const response = await postForm(app, reviewPath, hiddenFields(review.html), cookie)
          await response.arrayBuffer()
          return response
        },
        (answer) => answer.status !== 303 && answer.status !== 409,
      )
      if (confirmed?.status === 303) outcomes.booked += 1
      if (confirmed?.status === 409) outcomes.refused += 1
    },
    calendar: (window: Window) => {
      const date = first.plus({ days: Math.floor(Math.random() * WEEKS * 7) }).toISODate()
      return window.time(
        ROUTE.calendar,
        () => page(app, `/espace?vue=semaine&date=${date}`, any(staff.advisors)),
        ok200,
      )
    },
    search: (window: Window) => {
      const name = encodeURIComponent(any(LAST_NAMES))
      return window.time(
        ROUTE.search,
        () => page(app, `/espace/usagers?q=${name}`, any(staff.receptions)),
        ok200,
      )
    },
    statistics: (window: Window) => {
      const shown = year - Math.floor(Math.random() * 2)
      const path = `/espace/statistiques?periode=custom&du=${shown}-01-01&au=${shown}-12-31`
      return window.time(ROUTE.statistics, () => page(app, path, any(staff.admins)), ok200)
    },
  }
  return { steps, outcomes }
}

async function measureLoad(app: RunningApp, organisations: number, staff: Staff, anchors: Anchors) {
  const all = Object.values(CONNECTIONS).reduce((sum, count) => sum + count, 0)
  console.log(
    `\n3. The built app, every page cache off (READ_CACHE=off), its worker off; ${all} keep-alive ` +
      `connections, ${WARM_UP_MS / 1000} s warm-up`,
  )
  const ceiling = loadWindow(WARM_UP_MS, HEALTH_SECONDS * 1000)
  await clientsUntilClosed(all, ceiling, () =>
    ceiling.time(
      ROUTE.health,
      () => page(app, '/healthz'),
      (answer) => answer.status !== 200,
    ),
  )
  const health = ceiling.result(ROUTE.health)
  console.log(`  /healthz alone, ${all} connections, ${HEALTH_SECONDS} s measured:`)
  printRoute(health, health)
  const { steps, outcomes } = workload(app, organisations, staff, anchors)
  console.log(
    `  mixed workload, ${SECONDS} s measured: ${Object.entries(CONNECTIONS)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ')} connections`,
  )
  const window = loadWindow(WARM_UP_MS, SECONDS * 1000)
  const clients = Object.entries(CONNECTIONS).map(([kind, count]) =>
    clientsUntilClosed(count, window, () => steps[kind as keyof typeof CONNECTIONS](window)),
  )
  await Promise.all(clients)
  const results = Object.fromEntries(
    Object.entries(ROUTE)
      .filter(([key]) => key !== 'health')
      .map(([key, label]) => [key, window.result(label)]),
  ) as Record<Exclude<keyof typeof ROUTE, 'health'>, LoadResult>
  for (const result of Object.values(results)) printRoute(result, health)
  console.log(
    `  bookings over the run (warm-up included): ${outcomes.booked} confirmed, ${outcomes.refused} refused ` +
      `(taken by someone else), ${outcomes.noFreeTime} week pages with no free time`,
  )
  // The checks count the whole run: a booking's steps take seconds under load, and a short
  // run's window may hold none of one step.
  const runs = Object.values(ROUTE)
    .filter((label) => label !== ROUTE.health)
    .map((label) => ({ label, ...window.run(label) }))
  const errors = [{ label: ROUTE.health, ...ceiling.run(ROUTE.health) }, ...runs].filter(
    (run) => run.errors > 0,
  )
  verdict('week page p99', results.week.p99, TARGET.weekP99, 'ms')
  verdict('booking confirm p99', results.confirm.p99, TARGET.confirmP99, 'ms')
  verdict('resident search p99', results.search.p99, TARGET.searchP99, 'ms')
  const silent = runs.filter((run) => run.answered === 0).map((run) => run.label)
  check(`every route answered in the run (${silent.join(', ') || 'all did'})`, silent.length === 0)
  check(
    `no errors in the run (${errors.map((run) => `${run.label}: ${run.errors}`).join(', ') || 'none'})`,
    errors.length === 0,
  )
}

function printRoute(result: LoadResult, health: LoadResult) {
  console.log(
    `    ${result.label.padEnd(26)} ${String(result.requests).padStart(6)} ok ` +
      `${result.perSecond.toFixed(1).padStart(7)}/s (${((result.perSecond / health.perSecond) * 100).toFixed(0).padStart(3)}% of /healthz)  ` +
      `p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms  ` +
      `max ${result.max.toFixed(1).padStart(6)} ms  errors ${result.errors}`,
  )
}

function verdict(label: string, value: number, target: number, unit: string, atLeast = false) {
  const ok = Number.isFinite(value) && (atLeast ? value >= target : value <= target)
  const shown = `${value.toFixed(1)} ${unit}`
  console.log(
    `  target ${label} ${atLeast ? '>=' : '<='} ${target} ${unit}: ${shown} ${ok ? 'ok' : 'MISSED'}`,
  )
  if (!ok) missed.push(`${label} ${shown}`)
}

function check(label: string, ok: boolean) {
  console.log(`  target ${label}: ${ok ? 'ok' : 'MISSED'}`)
  if (!ok) missed.push(label)
}

// --- 3. The dispatch ----------------------------------------------------------------------

const dueNow = (db: Db, at: Date) =>
  db.notification.count({ where: { status: { in: ['PENDING', 'SENDING'] }, dueAt: { lte: at } } })

/**
 * Reminders of appointments still to come, due now: enough to measure a rate on. A small
 * scale has few such appointments: each gets several, one appointment after the other.
 */
async function topUpDue(db: Db, count: number) {
  await db.$executeRawUnsafe(
    `INSERT INTO "Notification" ("id", "organisationId", "appointmentId", "kind", "channel", "recipient", "dueAt", "updatedAt")
     SELECT 'sd' || gen_random_uuid(), a."organisationId", a."id", 'REMINDER:bench-' || $1 || '-' || copy.n, 'SMS',
       r."phoneE164", now(), now()
     FROM "Appointment" AS a JOIN "Resident" AS r ON r."id" = a."residentId"
     CROSS JOIN generate_series(1, 100) AS copy(n)
     WHERE a."status" = 'BOOKED' AND a."startsAt" > now() + INTERVAL '1 day' AND r."phoneE164" IS NOT NULL
     ORDER BY copy.n, a."id"
     LIMIT ${count}`,
    String(Date.now()),
  )
}

async function measureDispatch(app: RunningApp, db: Db) {
  console.log('\n4. Dispatch: one worker process (the built `npm run worker`), fake Twilio')
  const seeded = await dueNow(db, new Date())
  if (seeded < DISPATCH_AT_LEAST) await topUpDue(db, DISPATCH_AT_LEAST - seeded)
  const from = new Date()
  const due = await dueNow(db, from)
  console.log(
    `  ${seeded.toLocaleString('en')} messages due (seeded, and the run's bookings)` +
      (due > seeded ? `, ${(due - seeded).toLocaleString('en')} reminders added` : ''),
  )
  const fake = await startFakeTwilio()
  const worker = startWorkerProcess({ config: resolveDatabaseConfig(app.databaseUrl) }, fake, {
    secret: TEST_SESSION_SECRET,
    publicUrl: PRODUCTION_ENV.PUBLIC_URL,
  })
  const deadline = performance.now() + DISPATCH_WITHIN_MS
  let left = due
  try {
    while (left > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      left = await dueNow(db, from)
    }
  } finally {
    await stopProcess(worker)
    await fake.close()
  }
  const records = fake.records
  const span =
    records.length > 1 ? records.at(-1)!.createdAt.getTime() - records[0]!.createdAt.getTime() : 0
  const rate = span > 0 ? ((records.length - 1) / span) * 1000 : NaN
  console.log(
    `  ${records.length.toLocaleString('en')} SMS sent in ${(span / 1000).toFixed(1)} s (first to last); ` +
      `${due - left} of ${due} due rows handled${left > 0 ? `, ${left} left after ${DISPATCH_WITHIN_MS / 1000} s` : ''}`,
  )
  verdict('dispatch per worker process', rate, TARGET.dispatch, 'messages/s', true)
}

// --- 4. Growth and plans ------------------------------------------------------------------

/** A statement as the app sent it; `withoutJit` when the app runs it under `SET LOCAL jit = off`. */
type Statement = { text: string; values: unknown[]; withoutJit?: boolean }

/** The SQL statements `work` sends through node-postgres (the app's driver adapter uses it). */
async function capturedSql(work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = []
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = prototype.query
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [query, values] = args as [string | { text?: string; values?: unknown[] }, unknown]
    const text = typeof query === 'string' ? query : query?.text
    const given = typeof query === 'string' ? values : (query?.values ?? values)
    if (text) statements.push({ text, values: Array.isArray(given) ? given : [] })
    return original.apply(this, args)
  }
  try {
    await work()
  } finally {
    prototype.query = original
  }
  return statements
}

const reads = (statements: Statement[]) =>
  statements.filter(
    (statement) =>
      /^\s*(SELECT|WITH)\b/i.test(statement.text) && !/pg_advisory/i.test(statement.text),
  )

const tablesOf = (text: string) => [
  ...new Set(
    [...text.matchAll(/(?:FROM|JOIN)\s+(?:"public"\.)?"(\w+)"/g)].map((match) => match[1]!),
  ),
]

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }

const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
]

/**
 * Median execution time of the statement (EXPLAIN ANALYZE), its plan, and its sequential
 * scans; in a transaction rolled back, as EXPLAIN ANALYZE runs what it explains.
 */
async function explain(client: pg.Client, statement: Statement) {
  await client.query('BEGIN')
  try {
    if (statement.withoutJit) await client.query('SET LOCAL jit = off')
    return await explainRuns(client, statement)
  } finally {
    await client.query('ROLLBACK')
  }
}

async function explainRuns(client: pg.Client, statement: Statement) {
  const times: number[] = []
  let scans: string[] = []
  for (let run = 0; run <= EXPLAIN_RUNS; run++) {
    const { rows } = await client.query<{
      'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }]
    }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`, statement.values)
    const [plan] = rows[0]!['QUERY PLAN']
    // The first run warms the cache.
    if (run > 0) times.push(plan['Execution Time'])
    scans = seqScans(plan.Plan)
  }
  times.sort((a, b) => a - b)
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    statement.values,
  )
  return {
    ms: times[Math.floor(times.length / 2)]!,
    plan: rows.map((row) => row['QUERY PLAN']).join('\n'),
    scans,
  }
}

async function connected(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

async function rowCounts(client: pg.Client) {
  const { rows } = await client.query<{ name: string; rows: number }>(
    `SELECT relname AS "name", reltuples::bigint::int AS "rows" FROM pg_class WHERE relkind = 'r'`,
  )
  return new Map(rows.map((row) => [row.name, row.rows]))
}

/**
 * The worker's claim as it sends it, for a batch of 50: captured from a claim of none (it
 * changes no row), whose limit is the only parameter equal to 0; the app runs it without JIT.
 */
async function claimStatement(db: Db): Promise<Statement[]> {
  const dispatcher = new Dispatcher({
    db,
    provider: 'postgresql',
    twilio: null,
    mailer: null,
    render: { publicUrl: PRODUCTION_ENV.PUBLIC_URL, secret: TEST_SESSION_SECRET },
  })
  const statements = await capturedSql(() => dispatcher.claim(0))
  const claims = statements
    .filter((statement) => /^\s*(WITH\b[\s\S]*)?UPDATE "Notification"/.test(statement.text))
    .map((statement) => ({
      ...statement,
      values: statement.values.map((value) => (value === 0 ? 50 : value)),
      withoutJit: true,
    }))
  // A claim the capture misses would drop out of the growth table unnoticed (session 24).
  if (claims.length === 0) throw new Error("The worker's claim was not captured")
  return claims
}

/** A free time of the first organisation's first site next week, booked in this process. */
async function bookOnce(db: Db, now: Date) {
  const scope = { organisationId: 'so0', topicId: 'st0', mode: 'IN_PERSON' as const, siteId: 'ss0' }
  const monday = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week').plus({ weeks: 2 })
  const finder = await availability(db, { ...scope, now })
  const free = await finder.slots({
    from: monday.toJSDate(),
    to: monday.plus({ weeks: 1 }).toJSDate(),
  })
  if (free.length === 0) throw new Error('No free time to book at ss0 in two weeks')
  const start = any(free).start
  const request = bookingRequest(
    {
      organisation: { id: scope.organisationId },
      topic: { id: scope.topicId },
      site: { id: scope.siteId },
    },
    {
      start,
      firstName: 'Growth',
      lastName: `Bench ${Date.now()}`,
      phone: '+33700000001',
      maxUpcomingPerContact: 1_000_000,
    },
  )
  return book(request, now, await bookingPorts(db, request, now, TEST_SESSION_SECRET))
}

async function measureGrowth(full: { db: Db; url: string }, baseline: { db: Db; url: string }) {
  const now = new Date()
  const monday = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week')
  const nextWeek = {
    from: monday.plus({ weeks: 1 }).toJSDate(),
    to: monday.plus({ weeks: 2 }).toJSDate(),
  }
  const today = startOfLocalDay(localDateOf(now, ZONE), ZONE)
  const pastWeek = {
    from: monday.minus({ weeks: 10 }).toJSDate(),
    to: monday.minus({ weeks: 9 }).toJSDate(),
  }
  const operationsRead = {
    'week page (organisation, topic, rules and busy times of a site)': (db: Db) =>
      availability(db, {
        organisationId: 'so0',
        topicId: 'st0',
        mode: 'IN_PERSON',
        siteId: 'ss0',
        now,
      }).then((finder) => finder.slots(nextWeek)),
    'resident search by name': (db: Db) =>
      listResidents(db, { organisationId: 'so0', query: 'Martin', page: 1, onlyOwnOf: null, now }),
    'dispatch: SMS sent today by the organisation and to one number (the caps)': (db: Db) =>
      Promise.all([
        smsSentSince(db, { organisationId: 'so0' }, today),
        smsSentSince(db, { recipient: '+33600000000' }, today),
      ]),
    "advisor calendar's appointments of a week": (db: Db) =>
      appointmentsBetween(db, 'so0', ['sa0'], pastWeek.from, pastWeek.to),
  }
  console.log(
    '\n2. Growth: the first organisation alone in a database (baseline) against the full database',
  )
  console.log("  each operation in this process, the app's code:")
  for (const [label, read] of Object.entries(operationsRead)) {
    const small = await timed(EXPLAIN_RUNS, `${label}, baseline`, () =>
      read(baseline.db).then(() => undefined),
    )
    const large = await timed(EXPLAIN_RUNS, `${label}, full`, () =>
      read(full.db).then(() => undefined),
    )
    console.log(`    ratio ${(large / small).toFixed(2)}`)
  }
  const operations: [string, Statement[]][] = []
  for (const [label, read] of Object.entries(operationsRead))
    operations.push([label, reads(await capturedSql(() => read(full.db)))])
  operations.push(['dispatch: claim of a batch (rolled back)', await claimStatement(full.db)])
  const booking = await capturedSql(() => bookOnce(full.db, now))
  operations.push([
    'booking (its reads: contact limit, overlap check, resident)',
    reads(booking).filter((statement) =>
      tablesOf(statement.text).some((table) => ['Appointment', 'Resident'].includes(table)),
    ),
  ])
  const [small, large] = [await connected(baseline.url), await connected(full.url)]
  try {
    const sizes = await rowCounts(large)
    console.log(
      `\n  each query as the app sends it, EXPLAIN (ANALYZE, BUFFERS), median of ${EXPLAIN_RUNS}; ` +
        `target under ${TARGET.growth}x (differences under ${NOISE_MS} ms are noise), no Seq Scan on a table over ${LARGE_TABLE.toLocaleString('en')} rows`,
    )
    const plans: string[] = []
    for (const [label, statements] of operations) {
      console.log(`  ${label}:`)
      for (const [n, statement] of statements.entries()) {
        const name = `${label} #${n + 1} (${tablesOf(statement.text).join(', ')})`
        const before = await explain(small, statement)
        const after = await explain(large, statement)
        const ratio = after.ms / before.ms
        const grows = ratio >= TARGET.growth && after.ms - before.ms >= NOISE_MS
        const largeScans = after.scans.filter((table) => (sizes.get(table) ?? 0) > LARGE_TABLE)
        if (grows) missed.push(`${name}: ${ratio.toFixed(2)}x`)
        if (largeScans.length > 0) missed.push(`${name}: Seq Scan on ${largeScans.join(', ')}`)
        console.log(
          `    #${n + 1} ${tablesOf(statement.text).join(', ')}: baseline ${before.ms.toFixed(3)} ms, ` +
            `full ${after.ms.toFixed(3)} ms, ${ratio.toFixed(2)}x ${grows ? 'MISSED' : 'ok'}` +
            (after.scans.length > 0
              ? `; Seq Scan on ${after.scans.map((table) => `${table} (${(sizes.get(table) ?? 0).toLocaleString('en')} rows)`).join(', ')}`
              : '') +
            (largeScans.length > 0 ? ' MISSED' : ''),
        )
        plans.push(`-- ${name}\n${statement.text.replace(/\s+/g, ' ').trim()}\n${after.plan}`)
      }
    }
    return plans
  } finally {
    await small.end()
    await large.end()
  }
}

// --- Run ----------------------------------------------------------------------------------

async function main() {
  if (testProvider !== 'postgresql') {
    console.error(
      'bench:scale runs on PostgreSQL only: TEST_DB_PROVIDER=postgresql TEST_DATABASE_URL=postgresql://… npm run bench:scale',
    )
    process.exit(1)
  }
  printMachine(
    `bench:scale at BENCH_SCALE=${SCALE}: ${ORGANISATIONS.toLocaleString('en')} organisations, ` +
      `${(ORGANISATIONS * APPOINTMENTS).toLocaleString('en')} appointments over two years, ` +
      `${(ORGANISATIONS * MESSAGES).toLocaleString('en')} messages; ${SECONDS} s of mixed workload`,
  )
  const kept = await keptDatabase('postgresql')
  const app = await startProductionApp({ READ_CACHE: 'off', WORKER: 'off' }, 'postgresql', kept)
  const db = appDatabase(app)
  const baseline = await createTestDatabase()
  try {
    const found = await db.organisation.count({ where: { id: { startsWith: 'so' } } })
    const anchors = await anchorsOf(db, new Date())
    let organisations = found
    if (found === 0) {
      console.log('\n1. Seeding')
      const started = performance.now()
      await seed(db, ORGANISATIONS, anchors)
      console.log(`  seeded in ${secondsSince(started)}`)
      organisations = ORGANISATIONS
    } else {
      console.log(
        `\n1. Reusing the database kept as ${process.env.BENCH_KEEP_DATABASE}: ${found} organisations`,
      )
    }
    console.log('\n  baseline database: the first organisation alone, the same shape')
    await seed(baseline.db, 1, anchors)
    // Growth first: the full database as seeded, not yet holding the run's bookings and sends.
    const plans = await measureGrowth(
      { db, url: app.databaseUrl },
      { db: baseline.db, url: baseline.config.url },
    )
    const staff = await signInStaff(app, organisations)
    await measureLoad(app, organisations, staff, anchors)
    await measureDispatch(app, db)
    console.log('\n5. The plans of section 2, on the full database\n')
    console.log(plans.join('\n\n'))
  } finally {
    printLoad('at the end')
    await db.$disconnect()
    await baseline.drop()
    await app.stop()
  }
  return missed
}

runBenchmark(main)
