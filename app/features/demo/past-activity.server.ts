import type { DateTime } from 'luxon'
import { topicCoopThemes } from '~/domain/reports/coop'
import type { Db } from '~/platform/database/client.server'
import { createDemoResident } from './residents.server'

// The demo's recent past (decision 085): honoured appointments and a workshop session of
// the last two weeks, so "Comptes rendus à faire" shows something, and two reports filed
// already. Its people are its own: the other demo residents keep only what is to come.

type Demo = {
  organisationId: string
  /** Monday of the week the demo is seeded in. */
  monday: DateTime
  advisors: { karim: string; lea: string }
  sites: { townHall: string; library: string }
  topics: {
    taxes: Topic
    benefits: Topic
    smartphone: Topic
    smartphoneWorkshop: Topic
  }
}

type Topic = { id: string; theme: string; durationMinutes: number }

export async function seedPastActivity(db: Db, demo: Demo) {
  const { organisationId } = demo
  // France Services requests counted by partner operator.
  await db.topic.update({
    where: { id: demo.topics.taxes.id },
    data: { franceServicesOperator: 'DGFiP' },
  })
  await db.topic.update({
    where: { id: demo.topics.benefits.id },
    data: { franceServicesOperator: 'CAF' },
  })
  const person = (firstName: string, lastName: string, phoneE164: string) =>
    createDemoResident(db, organisationId, {
      firstName,
      lastName,
      phoneE164,
      createdVia: 'RECEPTION',
    })
  const marcel = await person('Marcel', 'Bonnet', '+33612345630')
  const sylvie = await person('Sylvie', 'Roux', '+33612345631')
  const bernard = await person('Bernard', 'Lefèvre', '+33612345632')
  const colette = await person('Colette', 'Blanc', '+33612345633')
  const maurice = await person('Maurice', 'Perrin', '+33612345634')

  const ago = (weeks: number, weekday: number, time: string) => {
    const [hour, minute] = time.split(':').map(Number)
    return demo.monday
      .minus({ weeks })
      .set({ weekday: weekday as 1, hour, minute })
      .toJSDate()
  }
  const honoured = (data: {
    advisorId: string
    topic: Topic
    residentId: string
    siteId: string
    startsAt: Date
  }) =>
    db.appointment.create({
      data: {
        organisationId,
        advisorId: data.advisorId,
        topicId: data.topic.id,
        residentId: data.residentId,
        mode: 'IN_PERSON',
        siteId: data.siteId,
        startsAt: data.startsAt,
        endsAt: new Date(data.startsAt.getTime() + data.topic.durationMinutes * 60_000),
        status: 'HONOURED',
        createdVia: 'RECEPTION',
      },
    })
  const { karim, lea } = demo.advisors
  const { townHall, library } = demo.sites
  const { taxes, benefits, smartphone } = demo.topics
  // Left to report: Marcel's second visit, Sylvie's benefits file, and Léa's workshop.
  await honoured({
    advisorId: karim,
    topic: taxes,
    residentId: marcel,
    siteId: townHall,
    startsAt: ago(1, 2, '09:00'),
  })
  await honoured({
    advisorId: karim,
    topic: benefits,
    residentId: sylvie,
    siteId: townHall,
    startsAt: ago(1, 4, '10:00'),
  })
  // Filed already.
  const first = await honoured({
    advisorId: karim,
    topic: taxes,
    residentId: marcel,
    siteId: townHall,
    startsAt: ago(2, 2, '09:00'),
  })
  const phoneHelp = await honoured({
    advisorId: lea,
    topic: smartphone,
    residentId: sylvie,
    siteId: library,
    startsAt: ago(1, 2, '09:30'),
  })
  const filed = async (appointment: typeof first, details: Record<string, unknown>) => {
    await db.appointment.update({ where: { id: appointment.id }, data: { reported: true } })
    return db.activityReport.create({
      data: {
        organisationId,
        advisorId: appointment.advisorId,
        appointmentId: appointment.id,
        kind: 'INDIVIDUAL',
        status: 'FILED',
        date: appointment.startsAt,
        durationMinutes: Math.round(
          (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000,
        ),
        placeType: 'LieuActivite',
        siteId: appointment.siteId,
        residentId: appointment.residentId,
        participantCount: 1,
        ...details,
      },
    })
  }
  await filed(first, {
    themes: JSON.stringify(topicCoopThemes({ theme: taxes.theme, coopThemes: null })),
    equipment: JSON.stringify(['Ordinateur']),
    procedureDetails: 'Première déclaration en ligne, création de l’espace particulier.',
    alreadyAccompanied: false,
    gender: 'Masculin',
    ageBand: 'SoixanteDixPlus',
    socialStatus: 'Retraite',
    autonomy: 'EntierementAccompagne',
    referred: false,
    franceServicesOperator: 'DGFiP',
  })
  await filed(phoneHelp, {
    themes: JSON.stringify(['PrendreEnMainDuMateriel', 'Email']),
    equipment: JSON.stringify(['Telephone']),
    alreadyAccompanied: false,
    gender: 'Feminin',
    ageBand: 'QuaranteCinquanteNeufAns',
    socialStatus: 'SansEmploi',
    autonomy: 'PartiellementAutonome',
    referred: false,
  })

  // Léa's smartphone workshop of last Friday: attendance taken, no report yet.
  const startsAt = ago(1, 5, '14:00')
  const endsAt = new Date(startsAt.getTime() + 120 * 60_000)
  const session = await db.workshopSession.create({
    data: {
      organisationId,
      topicId: demo.topics.smartphoneWorkshop.id,
      siteId: library,
      startsAt,
      endsAt,
      seatCount: 6,
      level: 'BEGINNER',
      seats: { create: [1, 2, 3, 4, 5, 6].map((number) => ({ number })) },
      advisors: { create: { advisorId: lea, startsAt, endsAt } },
    },
    select: { id: true, seats: { orderBy: { number: 'asc' }, select: { id: true } } },
  })
  const marks = [
    [bernard, 'ATTENDED'],
    [colette, 'ATTENDED'],
    [maurice, 'ABSENT'],
  ] as const
  for (const [index, [residentId, status]] of marks.entries()) {
    await db.workshopRegistration.create({
      data: {
        organisationId,
        sessionId: session.id,
        residentId,
        seatId: session.seats[index]!.id,
        status,
        createdVia: 'ONLINE',
      },
    })
  }
}
