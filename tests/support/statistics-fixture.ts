import { nameSearchKey } from '~/domain/residents/identity'
import { hashPassword } from '~/features/access/passwords.server'
import type { Db } from '~/platform/database/client.server'

// A small organisation whose statistics are counted by hand (tests/integration and
// tests/browser statistics tests): October 2026 against the 31 days before it.

export const STATS_PASSWORD = 'statistiques-2026'
export const STATS_EMAILS = {
  admin: 'admin@stats.example',
  karim: 'karim@stats.example',
  lea: 'lea@stats.example',
  reception: 'accueil@stats.example',
}
/** The custom period of the fixture, and its page address. */
export const OCTOBER = '?periode=custom&du=2026-10-01&au=2026-10-31'

const DAY = 86_400_000
const at = (iso: string) => new Date(`${iso}:00+02:00`)

export async function createStatisticsFixture(db: Db) {
  const organisation = await db.organisation.create({
    data: {
      slug: 'stats',
      name: 'Statistiques test',
      kind: 'FRANCE_SERVICES',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
    },
  })
  const organisationId = organisation.id
  const passwordHash = await hashPassword(STATS_PASSWORD)
  const person = (email: string, firstName: string, role: 'ADMIN' | 'ADVISOR' | 'RECEPTION') =>
    db.advisor.create({
      data: { organisationId, firstName, lastName: 'Test', email, role, passwordHash },
    })
  const admin = await person(STATS_EMAILS.admin, 'Camille', 'ADMIN')
  const karim = await person(STATS_EMAILS.karim, 'Karim', 'ADVISOR')
  const lea = await person(STATS_EMAILS.lea, 'Léa', 'ADVISOR')
  await person(STATS_EMAILS.reception, 'Sophie', 'RECEPTION')
  const site = await db.site.create({
    data: {
      organisationId,
      name: 'Mairie',
      address: '1 place',
      postalCode: '71000',
      city: 'Mâcon',
    },
  })
  const papers = await db.topic.create({
    data: {
      organisationId,
      name: 'Allocations',
      theme: 'PAPERS_CITIZENSHIP',
      franceServicesOperator: 'CAF',
      durationMinutes: 30,
      allowsPhone: true,
    },
  })
  const email = await db.topic.create({
    data: { organisationId, name: 'E-mail', theme: 'DIGITAL_EMAIL', durationMinutes: 30 },
  })
  const workshopTopic = await db.topic.create({
    data: {
      organisationId,
      name: 'Atelier',
      theme: 'DIGITAL_EQUIPMENT',
      format: 'COLLECTIVE',
      durationMinutes: 120,
    },
  })
  const residents: Record<string, string> = {}
  for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) {
    const resident = await db.resident.create({
      data: {
        organisationId,
        firstName: name,
        lastName: 'Usager',
        searchKey: nameSearchKey(name, 'Usager'),
        createdVia: 'ONLINE',
      },
    })
    residents[name] = resident.id
  }
  const appointment = async (data: {
    start: string
    advisorId: string
    topicId: string
    resident: string
    status: 'BOOKED' | 'HONOURED' | 'NO_SHOW' | 'EXCUSED' | 'CANCELLED'
    createdVia: 'ONLINE' | 'RECEPTION' | 'HELPER' | 'ADVISOR'
    mode: 'IN_PERSON' | 'PHONE'
    leadDays: number
  }) => {
    const startsAt = at(data.start)
    return db.appointment.create({
      data: {
        organisationId,
        advisorId: data.advisorId,
        topicId: data.topicId,
        residentId: residents[data.resident]!,
        mode: data.mode,
        siteId: data.mode === 'IN_PERSON' ? site.id : null,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        status: data.status,
        createdVia: data.createdVia,
        createdAt: new Date(startsAt.getTime() - data.leadDays * DAY),
      },
    })
  }
  const k = karim.id
  const l = lea.id
  // October.
  const a1 = await appointment({
    start: '2026-10-05T09:00',
    advisorId: k,
    topicId: papers.id,
    resident: 'A',
    status: 'HONOURED',
    createdVia: 'ONLINE',
    mode: 'IN_PERSON',
    leadDays: 2,
  })
  const a2 = await appointment({
    start: '2026-10-06T09:00',
    advisorId: k,
    topicId: papers.id,
    resident: 'B',
    status: 'HONOURED',
    createdVia: 'RECEPTION',
    mode: 'PHONE',
    leadDays: 4,
  })
  const a3 = await appointment({
    start: '2026-10-07T09:00',
    advisorId: l,
    topicId: email.id,
    resident: 'C',
    status: 'HONOURED',
    createdVia: 'ADVISOR',
    mode: 'IN_PERSON',
    leadDays: 6,
  })
  const a4 = await appointment({
    start: '2026-10-08T09:00',
    advisorId: k,
    topicId: email.id,
    resident: 'D',
    status: 'NO_SHOW',
    createdVia: 'ONLINE',
    mode: 'IN_PERSON',
    leadDays: 1,
  })
  await appointment({
    start: '2026-10-09T09:00',
    advisorId: k,
    topicId: papers.id,
    resident: 'E',
    status: 'EXCUSED',
    createdVia: 'HELPER',
    mode: 'PHONE',
    leadDays: 3,
  })
  await appointment({
    start: '2026-10-30T09:00',
    advisorId: l,
    topicId: email.id,
    resident: 'A',
    status: 'CANCELLED',
    createdVia: 'ONLINE',
    mode: 'IN_PERSON',
    leadDays: 5,
  })
  // September: the previous period of the same length (31 days, from 31 August).
  await appointment({
    start: '2026-09-10T09:00',
    advisorId: k,
    topicId: papers.id,
    resident: 'B',
    status: 'HONOURED',
    createdVia: 'ONLINE',
    mode: 'IN_PERSON',
    leadDays: 2,
  })
  await appointment({
    start: '2026-09-11T09:00',
    advisorId: k,
    topicId: email.id,
    resident: 'C',
    status: 'NO_SHOW',
    createdVia: 'RECEPTION',
    mode: 'IN_PERSON',
    leadDays: 2,
  })

  // A workshop session held in October with Karim: 4 seats, 3 taken (one cancelled).
  const startsAt = at('2026-10-14T14:00')
  const endsAt = at('2026-10-14T16:00')
  const session = await db.workshopSession.create({
    data: {
      organisationId,
      topicId: workshopTopic.id,
      siteId: site.id,
      startsAt,
      endsAt,
      seatCount: 4,
      seats: { create: [1, 2, 3, 4].map((number) => ({ number })) },
      advisors: { create: [{ advisorId: k, startsAt, endsAt }] },
    },
    include: { seats: true },
  })
  const register = (
    resident: string,
    seat: number | null,
    status: 'ATTENDED' | 'ABSENT' | 'CANCELLED',
  ) =>
    db.workshopRegistration.create({
      data: {
        organisationId,
        sessionId: session.id,
        residentId: residents[resident]!,
        seatId: seat === null ? null : session.seats[seat]!.id,
        status,
        createdVia: 'RECEPTION',
      },
    })
  await register('F', 0, 'ATTENDED')
  await register('A', 1, 'ATTENDED')
  const fromWaitlist = await register('G', 2, 'ABSENT')
  await register('H', null, 'CANCELLED')
  await db.waitlistEntry.create({
    data: {
      organisationId,
      sessionId: session.id,
      residentId: residents.G!,
      status: 'REGISTERED',
      registrationId: fromWaitlist.id,
      createdVia: 'ONLINE',
    },
  })
  await db.waitlistEntry.create({
    data: {
      organisationId,
      sessionId: session.id,
      residentId: residents.H!,
      status: 'EXPIRED',
      createdVia: 'ONLINE',
    },
  })
  // A cancelled session: neither held nor counted.
  await db.workshopSession.create({
    data: {
      organisationId,
      topicId: workshopTopic.id,
      siteId: site.id,
      startsAt: at('2026-10-21T14:00'),
      endsAt: at('2026-10-21T16:00'),
      seatCount: 6,
      status: 'CANCELLED',
    },
  })

  // Messages due in October: reminders by SMS (delivered, failed) and email (sent), and a
  // confirmation SMS of two segments (counted in segments, not as a reminder).
  const message = (data: {
    appointmentId: string
    kind: string
    channel: 'SMS' | 'EMAIL'
    status: 'SENT' | 'DELIVERED' | 'FAILED'
    segments: number | null
  }) =>
    db.notification.create({
      data: {
        organisationId,
        appointmentId: data.appointmentId,
        kind: data.kind,
        channel: data.channel,
        recipient: data.channel === 'SMS' ? '+33612345678' : 'a@example.org',
        status: data.status,
        segments: data.segments,
        dueAt: at('2026-10-03T10:00'),
      },
    })
  await message({
    appointmentId: a1.id,
    kind: 'REMINDER:days-2',
    channel: 'SMS',
    status: 'DELIVERED',
    segments: 1,
  })
  await message({
    appointmentId: a2.id,
    kind: 'REMINDER:days-2',
    channel: 'SMS',
    status: 'FAILED',
    segments: null,
  })
  await message({
    appointmentId: a4.id,
    kind: 'REMINDER:days-2',
    channel: 'EMAIL',
    status: 'SENT',
    segments: null,
  })
  await message({
    appointmentId: a3.id,
    kind: 'CONFIRMATION',
    channel: 'SMS',
    status: 'DELIVERED',
    segments: 2,
  })
  return { organisationId, admin, karim, lea, site }
}
