import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { giveBackSeat, joinWaitlist, registerForSession } from '~/features/workshops/index.server'
import { testProvider } from '../support/database'
import { TEST_SESSION_SECRET } from '../support/server'
import { printed } from '../support/times'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'
import { registrationRequest, someone } from '../support/workshops'

// The workspace side of workshops (decision 082): collective topics kept out of one-to-one
// booking, sessions and series created, refused over an advisor's time, changed, cancelled,
// attendance once started, and sessions as busy time in the slots and the calendars.

// No worker in this app: the tests look at messages queued by the workspace's actions (an
// offer not yet sent is withdrawn), and a worker would send them in between.
const workspace = demoWorkspace(KARIM, { WORKER: 'off' })
const ZONE = 'Europe/Paris'
const CAMILLE = 'camille.martin@val-de-sorne.example'
const TOPIC = 'Apprendre à se servir de son smartphone'

/** A weekday of a week to come (1: Monday), as the date field takes it. */
const dayOf = (weeksAhead: number, weekday = 1) =>
  DateTime.now()
    .setZone(ZONE)
    .startOf('week')
    .plus({ weeks: weeksAhead, days: weekday - 1 })
    .toISODate()!
const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE })

const post = async (path: string, fields: [string, string][], email = KARIM) =>
  fetch(`${workspace.app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { cookie: await workspace.as(email) },
    redirect: 'manual',
  })
const get = (path: string, email = KARIM) => workspace.get(path, email)

async function ids() {
  const db = workspace.database
  const [karim, lea, townHall, organisation] = await Promise.all([
    db.advisor.findUniqueOrThrow({ where: { email: KARIM } }),
    db.advisor.findUniqueOrThrow({ where: { email: LEA } }),
    db.site.findFirstOrThrow({ where: { name: { contains: 'Mairie de Saint' } } }),
    db.organisation.findUniqueOrThrow({ where: { slug: DEMO_ORGANISATION_SLUG } }),
  ])
  return { karim, lea, townHall, organisation }
}

let topicId = ''

/** The collective topic, created once through the administration form. */
async function collectiveTopic() {
  if (topicId) return topicId
  const response = await post(
    '/espace/admin/motifs/nouveau',
    [
      ['updatedAt', ''],
      ['name', TOPIC],
      ['format', 'COLLECTIVE'],
      ['theme', 'DIGITAL_EQUIPMENT'],
      ['durationMinutes', '120'],
      ['allowsInPerson', 'on'],
      ['minNoticeMinutes', '0'],
      ['horizonDays', '120'],
      ['bufferMinutes', '0'],
      ['cancellationDeadlineMinutes', '120'],
      ['isPublic', 'on'],
    ],
    CAMILLE,
  )
  expect(response.status).toBe(302)
  const topic = await workspace.database.topic.findFirstOrThrow({ where: { name: TOPIC } })
  expect(topic.format).toBe('COLLECTIVE')
  topicId = topic.id
  return topicId
}

/** The fields of a new session at the town hall, run by these advisors. */
async function sessionFields(
  values: Record<string, string>,
  advisorIds: string[],
): Promise<[string, string][]> {
  const { townHall } = await ids()
  const merged = {
    topicId: await collectiveTopic(),
    siteId: townHall.id,
    startTime: '14:00',
    endTime: '16:00',
    seatCount: '8',
    level: 'BEGINNER',
    repeat: 'ONCE',
    weeks: '',
    dates: '',
    enrolment: 'PER_SESSION',
    whatToBring: 'Votre téléphone chargé',
    whatToBringEn: '',
    ...values,
  }
  return [
    ...Object.entries(merged),
    ...advisorIds.map((id): [string, string] => ['advisorIds', id]),
  ]
}

async function createSession(values: Record<string, string>, advisorIds?: string[]) {
  const { karim } = await ids()
  const response = await post(
    '/espace/ateliers/nouveau',
    await sessionFields(values, advisorIds ?? [karim.id]),
  )
  expect(response.status, await response.clone().text()).toBe(302)
  const location = response.headers.get('location')!
  const id = /\/espace\/ateliers\/([^?]+)/.exec(location)![1]!
  return workspace.database.workshopSession.findUniqueOrThrow({
    where: { id },
    include: { seats: true, advisors: true },
  })
}

const register = async (sessionId: string) => {
  const { organisation } = await ids()
  const outcome = await registerForSession(
    workspace.database,
    registrationRequest(organisation.id, sessionId),
    new Date(),
    TEST_SESSION_SECRET,
  )
  expect(outcome.ok).toBe(true)
  return outcome.ok ? outcome.registrationId : ''
}

describe(`collective topics on ${testProvider}`, () => {
  test('a collective topic is offered neither in the journey nor at the desk', async () => {
    const id = await collectiveTopic()
    const { townHall } = await ids()
    // The journey's list of topics (the organisation page shows workshops apart).
    const topics = await fetch(`${workspace.app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous`)
    expect(await topics.text()).not.toContain(TOPIC)
    const topicPage = await fetch(
      `${workspace.app.url}/${DEMO_ORGANISATION_SLUG}/rendez-vous/${id}`,
      { redirect: 'manual' },
    )
    expect(topicPage.status).toBe(404)
    const desk = await get(`/espace/reserver?usager=nouveau`, SOPHIE)
    expect(await desk.text()).not.toContain(TOPIC)
    expect(
      (await get(`/espace/reserver?usager=nouveau&motif=${id}&lieu=${townHall.id}`)).status,
    ).toBe(404)
    const admin = await (await get('/espace/admin/motifs', CAMILLE)).text()
    expect(admin).toContain(`${TOPIC}</a> · Atelier collectif`)
  })
})

describe(`creating workshop sessions on ${testProvider}`, () => {
  test('one session: its seats, its advisors’ time, its page and the list', async () => {
    const { karim, lea } = await ids()
    const date = dayOf(5)
    const session = await createSession(
      { date, startTime: '14 h', endTime: '16 h 30', seatCount: '6', level: 'INTERMEDIATE' },
      [karim.id, lea.id],
    )
    expect(session.startsAt).toEqual(at(date, '14:00').toJSDate())
    expect(session.endsAt).toEqual(at(date, '16:30').toJSDate())
    expect(session.seats.map((seat) => seat.number).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6,
    ])
    expect(session.advisors.map((row) => row.advisorId).sort()).toEqual([karim.id, lea.id].sort())
    expect(session.advisors.every((row) => row.active)).toBe(true)
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: session.id, action: 'WORKSHOP_SESSION_CREATED' },
      }),
    ).toBe(1)

    const page = await (await get(`/espace/ateliers/${session.id}?cree=1`)).text()
    expect(page).toContain('Atelier créé.')
    expect(page).toContain(`Atelier : ${TOPIC}`)
    expect(page).toContain('Intermédiaire')
    expect(page).toContain('Karim Benali, Léa Fontaine')
    expect(page).toContain('0 / 6')
    const list = await (await get('/espace/ateliers', SOPHIE)).text()
    expect(list).toContain(printed('14 h – 16 h 30'))
    expect(list).toContain(`href="/espace/ateliers/${session.id}"`)
  })

  test('over an advisor’s appointment: refused with the day, nothing written, values kept', async () => {
    const { karim } = await ids()
    const jeannes = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
    })
    const start = DateTime.fromJSDate(jeannes.startsAt, { zone: ZONE })
    const before = await workspace.database.workshopSession.count()
    const response = await post(
      '/espace/ateliers/nouveau',
      await sessionFields(
        { date: start.toISODate()!, startTime: '08:30', endTime: '10:00', seatCount: '7' },
        [karim.id],
      ),
    )
    const html = await response.text()
    expect(response.status).toBe(409)
    expect(html).toContain(
      printed(
        `Rien n’a été enregistré : le ${start.setLocale('fr').toFormat('cccc d LLLL yyyy')}, Karim Benali a déjà un rendez-vous, un atelier ou une absence entre 8 h 30 et 10 h.`,
      ),
    )
    expect(html).toContain('value="7"')
    expect(html).toContain('>Votre téléphone chargé</textarea>')
    expect(await workspace.database.workshopSession.count()).toBe(before)
  })

  test('during an advisor’s absence: refused the same way, nothing written', async () => {
    const { karim } = await ids()
    const day = DateTime.now().setZone(ZONE).plus({ days: 200 }).startOf('day')
    await workspace.database.absence.create({
      data: {
        advisorId: karim.id,
        startsAt: day.set({ hour: 8 }).toJSDate(),
        endsAt: day.set({ hour: 18 }).toJSDate(),
      },
    })
    const before = await workspace.database.workshopSession.count()
    const response = await post(
      '/espace/ateliers/nouveau',
      await sessionFields({ date: day.toISODate()!, startTime: '14:00', endTime: '16:00' }, [
        karim.id,
      ]),
    )
    expect(response.status).toBe(409)
    expect(await response.text()).toContain(
      printed('Karim Benali a déjà un rendez-vous, un atelier ou une absence entre 14 h et 16 h.'),
    )
    expect(await workspace.database.workshopSession.count()).toBe(before)
  })

  test('a weekly series is written whole, or not at all when one date clashes', async () => {
    const { karim, organisation, townHall } = await ids()
    const first = dayOf(8)
    // An appointment of Karim's on the third Monday, in the middle of the afternoon.
    const taxes = await workspace.database.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    const resident = await workspace.database.resident.findFirstOrThrow({
      where: { lastName: 'Moreau' },
    })
    const third = DateTime.fromISO(first).plus({ weeks: 2 }).toISODate()!
    const clashing = await workspace.database.appointment.create({
      data: {
        organisationId: organisation.id,
        advisorId: karim.id,
        topicId: taxes.id,
        residentId: resident.id,
        siteId: townHall.id,
        mode: 'IN_PERSON',
        startsAt: at(third, '15:00').toJSDate(),
        endsAt: at(third, '15:30').toJSDate(),
        createdVia: 'ADVISOR',
      },
    })
    const sessions = await workspace.database.workshopSession.count()
    const series = await workspace.database.workshopSeries.count()
    const refused = await post(
      '/espace/ateliers/nouveau',
      await sessionFields({ date: first, repeat: 'WEEKLY', weeks: '4', enrolment: 'WHOLE' }, [
        karim.id,
      ]),
    )
    const html = await refused.text()
    expect(refused.status).toBe(409)
    expect(html).toContain(
      `le ${DateTime.fromISO(third).setLocale('fr').toFormat('cccc d LLLL yyyy')}, Karim Benali`,
    )
    expect(await workspace.database.workshopSession.count()).toBe(sessions)
    expect(await workspace.database.workshopSeries.count()).toBe(series)

    await workspace.database.appointment.update({
      where: { id: clashing.id },
      data: { status: 'CANCELLED' },
    })
    const created = await createSession({
      date: first,
      repeat: 'WEEKLY',
      weeks: '4',
      enrolment: 'WHOLE',
    })
    expect(created.seriesId).not.toBeNull()
    const all = await workspace.database.workshopSession.findMany({
      where: { seriesId: created.seriesId },
      orderBy: { startsAt: 'asc' },
      include: { _count: { select: { seats: true, advisors: true } } },
    })
    expect(all.map((one) => DateTime.fromJSDate(one.startsAt, { zone: ZONE }).toISODate())).toEqual(
      [0, 1, 2, 3].map((weeks) => DateTime.fromISO(first).plus({ weeks }).toISODate()),
    )
    expect(all.every((one) => one._count.seats === 8 && one._count.advisors === 1)).toBe(true)
    const seriesRow = await workspace.database.workshopSeries.findUniqueOrThrow({
      where: { id: created.seriesId! },
    })
    expect(seriesRow.enrolment).toBe('WHOLE')
    const page = await (await get(`/espace/ateliers/${created.id}?cree=4`)).text()
    expect(page).toContain('4 séances créées.')
    expect(page).toContain('Série de 4 séances (inscription à toute la série)')
  })

  test('a list of dates; bad dates, times and seats are refused next to their fields', async () => {
    const first = dayOf(14, 3)
    const second = DateTime.fromISO(dayOf(15, 3)).toFormat('dd/MM/yyyy')
    const created = await createSession({ date: first, repeat: 'DATES', dates: second })
    expect(
      await workspace.database.workshopSession.count({ where: { seriesId: created.seriesId } }),
    ).toBe(2)

    const before = await workspace.database.workshopSession.count()
    const refused = await post(
      '/espace/ateliers/nouveau',
      await sessionFields(
        {
          date: first,
          repeat: 'DATES',
          dates: '31/02/2030',
          startTime: '16:00',
          endTime: '15:00',
          seatCount: '0',
        },
        [],
      ),
    )
    const html = await refused.text()
    expect(refused.status).toBe(400)
    expect(html).toContain('Une des dates n’est pas valide. Écrivez-les comme 12/01/2027.')
    expect(html).toContain('Indiquez un nombre de places entre 1 et 200.')
    expect(html).toContain('Cochez au moins un conseiller.')
    expect(html).toContain('>31/02/2030</textarea>')
    expect(await workspace.database.workshopSession.count()).toBe(before)
  })

  test('reception may not create a session', async () => {
    const { karim } = await ids()
    const before = await workspace.database.workshopSession.count()
    const response = await post(
      '/espace/ateliers/nouveau',
      await sessionFields({ date: dayOf(16) }, [karim.id]),
      SOPHIE,
    )
    expect(response.status).toBe(403)
    expect(await workspace.database.workshopSession.count()).toBe(before)
  })
})

const changeFields = (
  session: { siteId: string; version: number },
  advisorIds: string[],
  values: Record<string, string>,
): [string, string][] => [
  ...Object.entries({
    siteId: session.siteId,
    version: String(session.version),
    startTime: '14:00',
    endTime: '16:00',
    seatCount: '3',
    level: 'BEGINNER',
    whatToBring: '',
    whatToBringEn: '',
    ...values,
  }),
  ...advisorIds.map((id): [string, string] => ['advisorIds', id]),
]

describe(`changing and cancelling sessions on ${testProvider}`, () => {
  test('fewer seats than people registered is refused; more are offered to the waiting list', async () => {
    const { karim, organisation } = await ids()
    const date = dayOf(6)
    const session = await createSession({ date, seatCount: '3' })
    await register(session.id)
    await register(session.id)
    const path = `/espace/ateliers/${session.id}/modifier`

    const refused = await post(path, changeFields(session, [karim.id], { date, seatCount: '1' }))
    const html = await refused.text()
    expect(refused.status).toBe(409)
    expect(html).toContain(
      '2 personnes ont une place (ou une place leur est proposée) : il faut au moins 2 places.',
    )
    expect(await workspace.database.workshopSeat.count({ where: { sessionId: session.id } })).toBe(
      3,
    )

    const fewer = await post(path, changeFields(session, [karim.id], { date, seatCount: '2' }))
    expect(fewer.status).toBe(302)
    expect(await workspace.database.workshopSeat.count({ where: { sessionId: session.id } })).toBe(
      2,
    )

    // Full: the next person waits; one more seat is offered to them in the same change.
    const waiting = await joinWaitlist(
      workspace.database,
      {
        organisationId: organisation.id,
        sessionId: session.id,
        resident: someone(),
        helper: null,
        createdVia: 'ONLINE',
        actorAdvisorId: null,
      },
      new Date(),
      TEST_SESSION_SECRET,
    )
    expect(waiting.ok).toBe(true)
    const current = await workspace.database.workshopSession.findUniqueOrThrow({
      where: { id: session.id },
    })
    const stale = await post(path, changeFields(session, [karim.id], { date, seatCount: '3' }))
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('modifié par quelqu’un d’autre')
    const more = await post(path, changeFields(current, [karim.id], { date, seatCount: '3' }))
    expect(more.status).toBe(302)
    const entry = await workspace.database.waitlistEntry.findFirstOrThrow({
      where: { sessionId: session.id },
    })
    expect(entry.status).toBe('OFFERED')
    expect(entry.heldSeatId).not.toBeNull()
    expect(
      await workspace.database.notification.count({
        where: { waitlistEntryId: entry.id, kind: { startsWith: 'SEAT_OFFER:' } },
      }),
    ).toBe(1)
  })

  test('a new time moves the advisors’ time and tells the participants; a clash changes nothing', async () => {
    const { karim, lea } = await ids()
    const date = dayOf(7)
    const session = await createSession({ date })
    const registrationId = await register(session.id)
    const path = `/espace/ateliers/${session.id}/modifier`
    const moved = await post(
      path,
      changeFields(session, [karim.id, lea.id], {
        date,
        startTime: '15:00',
        endTime: '17:00',
        seatCount: '8',
      }),
    )
    expect(moved.status).toBe(302)
    const holds = await workspace.database.workshopSessionAdvisor.findMany({
      where: { sessionId: session.id },
    })
    expect(holds).toHaveLength(2)
    expect(holds.every((hold) => hold.startsAt.getTime() === at(date, '15:00').toMillis())).toBe(
      true,
    )
    expect(
      await workspace.database.notification.count({
        where: { registrationId, kind: 'WORKSHOP_CHANGED' },
      }),
    ).toBe(1)
    // Moved again: the participant is told again, and their reminders are planned again.
    const reminders = () =>
      workspace.database.notification.findMany({
        where: { registrationId, kind: { startsWith: 'WORKSHOP_REMINDER' } },
        orderBy: { kind: 'asc' },
      })
    const planned = await reminders()
    const movedAgain = await post(
      path,
      changeFields({ ...session, version: session.version + 1 }, [karim.id, lea.id], {
        date,
        startTime: '14:30',
        endTime: '16:30',
        seatCount: '8',
      }),
    )
    expect(movedAgain.status).toBe(302)
    const told = await workspace.database.notification.findFirstOrThrow({
      where: { registrationId, kind: 'WORKSHOP_CHANGED' },
    })
    expect(told.status).toBe('PENDING')
    const replanned = await reminders()
    expect(replanned.map((row) => row.kind)).toEqual(planned.map((row) => row.kind))
    // Planned again in their rows (a registration's message kinds are unique), not left cancelled.
    expect(replanned.every((row) => row.status === 'PENDING')).toBe(true)

    // Léa leaves the session and takes another at 17 h: bringing her back until 17 h 30
    // is refused whole.
    const current = await workspace.database.workshopSession.findUniqueOrThrow({
      where: { id: session.id },
    })
    await post(
      path,
      changeFields(current, [karim.id], {
        date,
        startTime: '15:00',
        endTime: '17:00',
        seatCount: '8',
      }),
    )
    const again = await workspace.database.workshopSession.findUniqueOrThrow({
      where: { id: session.id },
    })
    await createSession({ date, startTime: '17:00', endTime: '18:00' }, [lea.id])
    const refused = await post(
      path,
      changeFields(again, [karim.id, lea.id], {
        date,
        startTime: '15:00',
        endTime: '17:30',
        seatCount: '8',
      }),
    )
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain(
      'Léa Fontaine a déjà un rendez-vous, un atelier ou une absence',
    )
    const unchanged = await workspace.database.workshopSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { advisors: true },
    })
    expect(unchanged.version).toBe(again.version)
    expect(unchanged.advisors.map((row) => row.advisorId)).toEqual([karim.id])
  })

  test('cancelling asks first, then frees the time and the seats and tells every participant', async () => {
    const { karim } = await ids()
    const date = dayOf(9, 3)
    const session = await createSession({ date })
    const first = await register(session.id)
    const second = await register(session.id)
    const path = `/espace/ateliers/${session.id}/annuler`
    const fields: [string, string][] = [
      ['version', String(session.version)],
      ['reason', 'Conseiller en formation'],
      ['scope', 'SESSION'],
    ]
    const asked = await post(path, fields)
    const confirmation = await asked.text()
    expect(asked.status).toBe(200)
    expect(confirmation).toContain('Confirmer l’annulation')
    expect(confirmation).toContain('les 2 personnes inscrites en seront prévenues')
    expect(
      (await workspace.database.workshopSession.findUniqueOrThrow({ where: { id: session.id } }))
        .status,
    ).toBe('SCHEDULED')

    const done = await post(path, [...fields, ['confirmed', 'on']])
    expect(done.status).toBe(302)
    const after = await workspace.database.workshopSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { advisors: true, registrations: true },
    })
    expect(after.status).toBe('CANCELLED')
    expect(after.cancellationReason).toBe('Conseiller en formation')
    expect(after.advisors.every((row) => !row.active)).toBe(true)
    expect(after.registrations.every((row) => row.status === 'CANCELLED' && !row.seatId)).toBe(true)
    for (const registrationId of [first, second]) {
      expect(
        await workspace.database.notification.count({
          where: { registrationId, kind: 'WORKSHOP_CANCELLED_BY_SERVICE' },
        }),
      ).toBe(1)
    }
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: session.id, action: 'WORKSHOP_SESSION_CANCELLED' },
      }),
    ).toBe(1)
    // The time is Karim's again: a session in its place is accepted.
    await createSession({ date }, [karim.id])
    const page = await (await get(`/espace/ateliers/${session.id}`)).text()
    expect(page).toContain('Cet atelier est annulé. Motif : Conseiller en formation')
  })

  test('the rest of a series is cancelled at once; its waiting list leaves', async () => {
    const { organisation } = await ids()
    const first = await createSession({
      date: dayOf(10, 2),
      repeat: 'WEEKLY',
      weeks: '3',
      seatCount: '1',
    })
    const sessions = await workspace.database.workshopSession.findMany({
      where: { seriesId: first.seriesId },
      orderBy: { startsAt: 'asc' },
    })
    const second = sessions[1]!
    const seat = await register(second.id)
    const waiting = await joinWaitlist(
      workspace.database,
      {
        organisationId: organisation.id,
        sessionId: second.id,
        resident: someone(),
        helper: null,
        createdVia: 'ONLINE',
        actorAdvisorId: null,
      },
      new Date(),
      TEST_SESSION_SECRET,
    )
    expect(waiting.ok).toBe(true)
    // The seat given back is offered to the person waiting; the offer is not sent yet.
    expect(
      (
        await giveBackSeat(
          workspace.database,
          {
            organisationId: organisation.id,
            registrationId: seat,
            by: 'RESIDENT',
            actorAdvisorId: null,
            reason: null,
          },
          new Date(),
        )
      ).ok,
    ).toBe(true)
    const current = await workspace.database.workshopSession.findUniqueOrThrow({
      where: { id: second.id },
    })
    const done = await post(`/espace/ateliers/${current.id}/annuler`, [
      ['version', String(current.version)],
      ['reason', 'Salle indisponible'],
      ['scope', 'SERIES'],
      ['confirmed', 'on'],
    ])
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toContain('annule=2')
    const statuses = await workspace.database.workshopSession.findMany({
      where: { seriesId: first.seriesId },
      orderBy: { startsAt: 'asc' },
      select: { status: true },
    })
    expect(statuses.map((one) => one.status)).toEqual(['SCHEDULED', 'CANCELLED', 'CANCELLED'])
    const entry = await workspace.database.waitlistEntry.findFirstOrThrow({
      where: { sessionId: second.id },
      include: { notifications: true },
    })
    expect(entry.status).toBe('LEFT')
    expect(entry.notifications.map((row) => row.status)).toEqual(['CANCELLED'])
  })
})

describe(`participants on ${testProvider}`, () => {
  test('reception registers someone new at the desk; attendance waits for the start', async () => {
    const date = dayOf(11, 4)
    const session = await createSession({ date })
    const path = `/espace/ateliers/${session.id}/inscrire`
    const form = await (await get(`${path}?usager=nouveau`, SOPHIE)).text()
    expect(form).toContain('8 places libres.')
    // The form posts to its own address, the person's choice in its query.
    const refused = await post(
      `${path}?usager=nouveau`,
      [
        ['usager', 'nouveau'],
        ['firstName', 'Odette'],
        ['lastName', ''],
        ['phone', '06 11 22 33 44'],
      ],
      SOPHIE,
    )
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('value="06 11 22 33 44"')
    const registered = await post(
      `${path}?usager=nouveau`,
      [
        ['usager', 'nouveau'],
        ['firstName', 'Odette'],
        ['lastName', 'Lambert'],
        ['phone', '06 11 22 33 44'],
        ['consent', 'on'],
        ['companionName', 'Marcel Lambert'],
      ],
      SOPHIE,
    )
    expect(registered.status).toBe(302)
    const rows = await workspace.database.workshopRegistration.findMany({
      where: { sessionId: session.id },
      include: { resident: true },
    })
    expect(rows).toHaveLength(2)
    expect(rows.every((row) => row.createdVia === 'RECEPTION' && row.seatId)).toBe(true)
    const main = rows.find((row) => !row.companionOfId)!
    const page = await (await get(`/espace/ateliers/${session.id}`, SOPHIE)).text()
    expect(page).toContain('Odette Lambert')
    expect(page).toContain('Marcel Lambert')
    expect(page).toContain('06 11 22 33 44')
    expect(page).toContain('2 / 8')
    expect(page).toContain('La présence se note à partir du début de l’atelier.')

    const early = await post(
      `/espace/ateliers/${session.id}`,
      [
        ['registrationId', main.id],
        ['mark', 'ATTENDED'],
      ],
      SOPHIE,
    )
    expect(early.status).toBe(400)
    expect(await early.text()).toContain('L’atelier n’a pas encore commencé')
    expect(
      (await workspace.database.workshopRegistration.findUniqueOrThrow({ where: { id: main.id } }))
        .status,
    ).toBe('REGISTERED')

    // The session began a quarter of an hour ago.
    const started = new Date(Date.now() - 15 * 60_000)
    const ends = new Date(started.getTime() + 2 * 3_600_000)
    await workspace.database.workshopSession.update({
      where: { id: session.id },
      data: { startsAt: started, endsAt: ends },
    })
    await workspace.database.workshopSessionAdvisor.updateMany({
      where: { sessionId: session.id },
      data: { startsAt: started, endsAt: ends },
    })
    const marked = await post(
      `/espace/ateliers/${session.id}`,
      [
        ['registrationId', main.id],
        ['mark', 'ATTENDED'],
      ],
      SOPHIE,
    )
    expect(marked.status).toBe(302)
    expect(
      (await workspace.database.workshopRegistration.findUniqueOrThrow({ where: { id: main.id } }))
        .status,
    ).toBe('ATTENDED')
    const sheet = await (await get(`/espace/ateliers/${session.id}/emargement`, SOPHIE)).text()
    expect(sheet).toContain('Feuille d’émargement · France Services du Val de Sorne')
    expect(sheet).toContain('Odette Lambert')
    expect(sheet).toContain('Signature')
  })
})

describe(`sessions in the schedule on ${testProvider}`, () => {
  test('no slot is offered over an advisor’s session; the calendars and the agenda show it', async () => {
    const { karim, townHall } = await ids()
    const date = dayOf(3)
    const session = await createSession({ date, startTime: '14:00', endTime: '16:00' })
    await register(session.id)
    const taxes = await workspace.database.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    /** The starts of the free slots the desk offers with Karim on a day. */
    const slotsOn = async (day: string) => {
      const html = await (
        await get(
          `/espace/reserver?usager=nouveau&motif=${taxes.id}&lieu=${townHall.id}&conseiller=${karim.id}&jour=${day}`,
          SOPHIE,
        )
      ).text()
      const day_ = html.slice(html.indexOf('Créneaux du'))
      return [...day_.matchAll(/name="start" value="([^"]+Z)"/g)].map((match) =>
        DateTime.fromISO(match[1]!, { zone: ZONE }),
      )
    }
    const during = (slots: DateTime[], day: string) =>
      slots.filter(
        (slot) => slot < at(day, '16:00') && slot.plus({ minutes: 45 }) > at(day, '14:00'),
      )
    const withSession = await slotsOn(date)
    expect(during(withSession, date)).toEqual([])
    expect(withSession.some((slot) => slot >= at(date, '16:00'))).toBe(true)
    const weekAfter = DateTime.fromISO(date).plus({ weeks: 1 }).toISODate()!
    expect(during(await slotsOn(weekAfter), weekAfter).length).toBeGreaterThan(0)

    const workshopText = `Atelier : ${TOPIC}`
    for (const path of [
      `/espace?conseiller=${karim.id}&date=${date}`,
      `/espace?conseiller=${karim.id}&date=${date}&vue=semaine`,
      `/espace/aujourdhui?date=${date}`,
      `/espace/lieux/${townHall.id}?date=${date}&vue=semaine`,
    ]) {
      const html = await (await get(path, SOPHIE)).text()
      expect(html, path).toContain(workshopText)
      expect(html, path).toContain('1 / 8 places prises')
      expect(html, path).toContain(`href="/espace/ateliers/${session.id}"`)
    }
    const agenda = await (await get(`/espace/agenda?conseiller=${karim.id}&date=${date}`)).text()
    expect(agenda).toContain('Atelier collectif · 1 / 8 inscrits')
  })

  test('an absence over a session lists it with its page before anything is written', async () => {
    const { karim } = await ids()
    const date = dayOf(13, 3)
    const session = await createSession({ date })
    const fields: [string, string][] = [
      ['intent', 'add'],
      ['startDate', date],
      ['startTime', ''],
      ['endDate', date],
      ['endTime', ''],
      ['reason', 'Formation'],
    ]
    const before = await workspace.database.absence.count({ where: { advisorId: karim.id } })
    const listed = await post('/espace/absences', fields)
    const html = await listed.text()
    expect(listed.status).toBe(200)
    expect(html).toContain(`Atelier « ${TOPIC} »`)
    expect(html).toContain(`href="/espace/ateliers/${session.id}"`)
    expect(await workspace.database.absence.count({ where: { advisorId: karim.id } })).toBe(before)
    const saved = await post('/espace/absences', [
      ...fields,
      ['confirming', '1'],
      ['keptSession', session.id],
    ])
    expect(saved.status).toBe(302)
    expect(await workspace.database.absence.count({ where: { advisorId: karim.id } })).toBe(
      before + 1,
    )
    expect(
      await workspace.database.auditEvent.count({
        where: { entityId: session.id, action: 'WORKSHOP_SESSION_KEPT_OUTSIDE_HOURS' },
      }),
    ).toBe(1)
  })
})
