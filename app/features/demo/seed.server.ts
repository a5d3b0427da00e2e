import { DateTime } from 'luxon'
import { isPublicHoliday } from '~/domain/scheduling/holidays'
import { hashPassword } from '~/features/access/index.server'
import type { Db } from '~/platform/database/client.server'
import { createOpeningRule } from '~/features/schedule/index.server'
import { seedPastActivity } from './past-activity.server'
import { createDemoResident } from './residents.server'

export const DEMO_ORGANISATION_SLUG = 'france-services-val-de-sorne'
/** Every demo advisor signs in with this password (the demo seed never runs in production). */
export const DEMO_PASSWORD = 'sorne-demo-2026'
/** The demo accounts, one per role, printed once when the demo is seeded. */
export const DEMO_ACCOUNTS = [
  { role: 'ADMIN', email: 'camille.martin@val-de-sorne.example' },
  { role: 'ADVISOR', email: 'karim.benali@val-de-sorne.example' },
  { role: 'RECEPTION', email: 'sophie.leroy@val-de-sorne.example' },
] as const
const ZONE = 'Europe/Paris'

/**
 * Seeds a believable organisation once: a France Services of a rural intercommunality with
 * two sites, phone help, three advisors (one itinerant), a reception agent, topics of both
 * taxonomies, opening rules from this week on, a few appointments and two workshops with
 * sessions in the coming weeks, and the last two weeks' activity with its reports to
 * write. Running it again changes nothing.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<{ seeded: boolean }> {
  const existing = await db.organisation.findUnique({ where: { slug: DEMO_ORGANISATION_SLUG } })
  if (existing) return { seeded: false }
  await db.$transaction(async (tx) => seedInto(tx as unknown as Db, now), { timeout: 30_000 })
  return { seeded: true }
}

async function seedInto(db: Db, now: Date) {
  const organisation = await db.organisation.create({
    data: {
      slug: DEMO_ORGANISATION_SLUG,
      name: 'France Services du Val de Sorne',
      kind: 'FRANCE_SERVICES',
      timeZone: ZONE,
      holidayRegion: 'FR-METRO',
      // No sender name: the demo's SMS come from a number, so replying ANNULER (which
      // /dev/outbox can simulate) works as it does for residents.
      phone: '+33199001234',
      email: 'france-services@val-de-sorne.example',
    },
  })
  const organisationId = organisation.id
  const [townHall, library] = await Promise.all([
    db.site.create({
      data: {
        organisationId,
        name: 'Mairie de Saint-Julien-sur-Sorne',
        address: '2 place de la Mairie',
        postalCode: '39570',
        city: 'Saint-Julien-sur-Sorne',
        inseeCode: '39999',
        latitude: 46.6341,
        longitude: 5.5532,
        phone: '+33365710101',
        accessNotes: 'Entrée par la cour, bureau au rez-de-chaussée à gauche.',
        accessibilityNotes: 'Accès de plain-pied, place de parking réservée devant la mairie.',
      },
    }),
    db.site.create({
      data: {
        organisationId,
        name: 'Médiathèque de Montval',
        address: '14 rue des Écoles',
        postalCode: '39570',
        city: 'Montval',
        inseeCode: '39998',
        latitude: 46.6712,
        longitude: 5.5121,
        phone: '+33365710202',
        accessNotes: 'Salle informatique au premier étage, ascenseur au fond du hall.',
        accessibilityNotes: 'Ascenseur, boucle magnétique à l’accueil.',
      },
    }),
  ])

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const advisor = (firstName: string, lastName: string, role: 'ADMIN' | 'ADVISOR' | 'RECEPTION') =>
    db.advisor.create({
      data: {
        organisationId,
        firstName,
        lastName,
        role,
        passwordHash,
        email: `${firstName}.${lastName}@val-de-sorne.example`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
      },
    })
  const camille = await advisor('Camille', 'Martin', 'ADMIN')
  const karim = await advisor('Karim', 'Benali', 'ADVISOR')
  const lea = await advisor('Léa', 'Fontaine', 'ADVISOR')
  await advisor('Sophie', 'Leroy', 'RECEPTION')

  const topic = (data: {
    name: string
    theme: string
    durationMinutes: number
    allowsPhone: boolean
    allowsInPerson?: boolean
    format?: 'INDIVIDUAL' | 'COLLECTIVE'
    instructions: string
    nameEn: string
    instructionsEn: string
  }) => db.topic.create({ data: { organisationId, allowsInPerson: true, ...data } })
  const taxes = await topic({
    name: 'Déclarer mes impôts en ligne',
    theme: 'MONEY_TAXES',
    durationMinutes: 45,
    allowsPhone: true,
    instructions: 'Votre numéro fiscal et votre dernier avis d’imposition.',
    nameEn: 'File my tax return online',
    instructionsEn: 'Your tax number and your last tax notice.',
  })
  const identity = await topic({
    name: 'Demander une carte d’identité ou un passeport',
    theme: 'PAPERS_CITIZENSHIP',
    durationMinutes: 30,
    allowsPhone: false,
    instructions: 'Votre ancienne pièce d’identité et un justificatif de domicile.',
    nameEn: 'Apply for an identity card or a passport',
    instructionsEn: 'Your old identity document and a proof of address.',
  })
  const benefits = await topic({
    name: 'Mon dossier de retraite, de CAF ou de santé',
    theme: 'SOCIAL_HEALTH',
    durationMinutes: 60,
    allowsPhone: true,
    instructions: 'Votre carte Vitale, et vos identifiants si vous en avez.',
    nameEn: 'My pension, family allowance or health file',
    instructionsEn: 'Your Carte Vitale, and your login details if you have them.',
  })
  const smartphone = await topic({
    name: 'Apprendre à me servir de mon téléphone portable',
    theme: 'DIGITAL_EQUIPMENT',
    durationMinutes: 60,
    allowsPhone: false,
    instructions: 'Votre téléphone chargé et son code.',
    nameEn: 'Learn to use my mobile phone',
    instructionsEn: 'Your phone, charged, and its code.',
  })
  const email = await topic({
    name: 'Créer et utiliser une adresse e-mail',
    theme: 'DIGITAL_EMAIL',
    durationMinutes: 45,
    allowsPhone: false,
    instructions: 'Votre téléphone ou votre tablette, si vous en avez un.',
    nameEn: 'Create and use an email address',
    instructionsEn: 'Your phone or tablet, if you have one.',
  })
  const scams = await topic({
    name: 'Reconnaître les arnaques sur internet',
    theme: 'DIGITAL_SECURITY',
    durationMinutes: 30,
    allowsPhone: true,
    instructions: 'Les messages qui vous semblent douteux.',
    nameEn: 'Spot scams on the internet',
    instructionsEn: 'The messages that look suspicious to you.',
  })
  // Collective topics: workshops in small groups, with sessions and seats.
  const smartphoneWorkshop = await topic({
    name: 'Apprendre à se servir de son smartphone',
    theme: 'DIGITAL_EQUIPMENT',
    durationMinutes: 120,
    allowsPhone: false,
    format: 'COLLECTIVE',
    instructions: 'Votre smartphone chargé, et son code si vous en avez un.',
    nameEn: 'Learn to use your smartphone',
    instructionsEn: 'Your smartphone, charged, and its code if it has one.',
  })
  const scamsWorkshop = await topic({
    name: 'Reconnaître les arnaques',
    theme: 'DIGITAL_SECURITY',
    durationMinutes: 90,
    allowsPhone: false,
    format: 'COLLECTIVE',
    instructions: 'Les messages, SMS ou courriers qui vous semblent douteux.',
    nameEn: 'Spot scams',
    instructionsEn: 'The messages, texts or letters that look suspicious to you.',
  })
  await topic({
    name: 'Chercher un emploi ou une formation en ligne',
    theme: 'WORK_TRAINING',
    durationMinutes: 45,
    allowsPhone: true,
    instructions: 'Votre CV si vous en avez un, et vos identifiants France Travail.',
    nameEn: 'Look for a job or a training course online',
    instructionsEn: 'Your CV if you have one, and your France Travail login details.',
  })

  const monday = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week')
  const validFrom = monday.toISODate()!
  const rule = async (
    advisorId: string,
    siteId: string | null,
    weekdays: number[],
    startTime: string,
    endTime: string,
    topicIds: string[] = [],
    everyNWeeks = 1,
  ) => {
    const saved = await createOpeningRule(db, {
      advisorId,
      siteId,
      weekdays,
      startTime,
      endTime,
      everyNWeeks,
      validFrom,
      validUntil: null,
      topicIds,
    })
    if (!saved.ok) throw new Error(`demo rule refused: ${JSON.stringify(saved.problems)}`)
  }
  // Camille travels: Tuesday mornings at the town hall, Thursday afternoons at the library.
  await rule(camille.id, townHall.id, [2], '09:00', '12:00')
  await rule(camille.id, library.id, [4], '14:00', '17:30')
  await rule(karim.id, townHall.id, [1, 3], '09:00', '12:30')
  await rule(karim.id, townHall.id, [1, 3], '13:30', '17:00')
  await rule(karim.id, null, [5], '09:00', '12:00', [taxes.id, benefits.id, scams.id])
  await rule(lea.id, library.id, [2, 4], '09:00', '12:00')
  await rule(lea.id, library.id, [6], '09:30', '12:00', [smartphone.id, email.id, scams.id], 2)
  await rule(lea.id, null, [3], '14:00', '16:00')

  const resident = (
    firstName: string,
    lastName: string,
    phoneE164: string,
    phoneType: 'MOBILE' | 'FIXED',
  ) =>
    createDemoResident(db, organisationId, {
      firstName,
      lastName,
      phoneE164,
      phoneType,
      createdVia: 'RECEPTION',
    })
  const jeanne = await resident('Jeanne', 'Moreau', '+33612345601', 'MOBILE')
  const rene = await resident('René', 'Girard', '+33465710033', 'FIXED')
  const amina = await resident('Amina', 'Diallo', '+33612345602', 'MOBILE')

  const at = (weekday: number, time: string, weeksAhead = 1) => {
    const [hour, minute] = time.split(':').map(Number)
    return monday
      .plus({ weeks: weeksAhead })
      .set({ weekday: weekday as 1, hour, minute })
      .toJSDate()
  }
  const appointment = (data: {
    advisorId: string
    topic: { id: string; durationMinutes: number }
    residentId: string
    siteId: string | null
    startsAt: Date
    createdVia: 'ONLINE' | 'RECEPTION' | 'ADVISOR'
  }) =>
    db.appointment.create({
      data: {
        organisationId,
        advisorId: data.advisorId,
        topicId: data.topic.id,
        residentId: data.residentId,
        mode: data.siteId ? 'IN_PERSON' : 'PHONE',
        siteId: data.siteId,
        startsAt: data.startsAt,
        endsAt: new Date(data.startsAt.getTime() + data.topic.durationMinutes * 60_000),
        createdVia: data.createdVia,
      },
    })
  await appointment({
    advisorId: karim.id,
    topic: taxes,
    residentId: jeanne,
    siteId: townHall.id,
    startsAt: at(1, '09:00'),
    createdVia: 'ONLINE',
  })
  await appointment({
    advisorId: camille.id,
    topic: identity,
    residentId: rene,
    siteId: townHall.id,
    startsAt: at(2, '10:00'),
    createdVia: 'RECEPTION',
  })
  await appointment({
    advisorId: lea.id,
    topic: smartphone,
    residentId: amina,
    siteId: library.id,
    startsAt: at(4, '09:00'),
    createdVia: 'ONLINE',
  })
  await appointment({
    advisorId: karim.id,
    topic: benefits,
    residentId: rene,
    siteId: null,
    startsAt: at(5, '10:00'),
    createdVia: 'ADVISOR',
  })
  await appointment({
    advisorId: lea.id,
    topic: email,
    residentId: jeanne,
    siteId: library.id,
    startsAt: at(2, '09:00', 2),
    createdVia: 'ONLINE',
  })

  await seedWorkshops(db, {
    organisationId,
    at,
    advisors: { library: lea.id, townHall: camille.id },
    sites: { library: library.id, townHall: townHall.id },
    topics: { smartphone: smartphoneWorkshop.id, scams: scamsWorkshop.id },
    residents: { jeanne, rene, amina },
  })
  await seedPastActivity(db, {
    organisationId,
    monday,
    advisors: { karim: karim.id, lea: lea.id },
    sites: { townHall: townHall.id, library: library.id },
    topics: { taxes, benefits, smartphone, smartphoneWorkshop },
  })
}

/**
 * Workshop sessions of the coming weeks at both sites, at times their advisors have no
 * opening hours: one with a single seat left, one full with two people waiting, and two
 * with room. Participants are residents of the demo; a companion takes a second seat.
 */
async function seedWorkshops(
  db: Db,
  demo: {
    organisationId: string
    at: (weekday: number, time: string, weeksAhead?: number) => Date
    advisors: { library: string; townHall: string }
    sites: { library: string; townHall: string }
    topics: { smartphone: string; scams: string }
    residents: { jeanne: string; rene: string; amina: string }
  },
) {
  const { organisationId } = demo
  const participant = (firstName: string, lastName: string, phoneE164: string) =>
    createDemoResident(db, organisationId, { firstName, lastName, phoneE164, createdVia: 'ONLINE' })
  const odette = await participant('Odette', 'Chevalier', '+33612345620')
  const gerard = await participant('Gérard', 'Petitjean', '+33612345621')
  const lucienne = await participant('Lucienne', 'Faure', '+33612345622')
  const henri = await participant('Henri', 'Dupuis', '+33612345623')
  const yvette = await participant('Yvette', 'Mercier', '+33612345624')

  const planned = new Set<string>()
  const session = async (data: {
    topicId: string
    place: 'library' | 'townHall'
    startsAt: Date
    minutes: number
    seats: number
    level: 'BEGINNER' | 'INTERMEDIATE'
    whatToBring?: { fr: string; en: string }
    participants: { residentId: string; companionName?: string }[]
    waiting?: string[]
  }) => {
    // A public holiday has no workshop: the session goes to the same time a week later
    // (past the other sessions of its advisor, which hold that time).
    let start = DateTime.fromJSDate(data.startsAt, { zone: ZONE })
    const held = () => planned.has(`${data.place} ${start.toISO()}`)
    while (isPublicHoliday('FR-METRO', start.toISODate()!) || held())
      start = start.plus({ weeks: 1 })
    planned.add(`${data.place} ${start.toISO()}`)
    const startsAt = start.toJSDate()
    const endsAt = new Date(startsAt.getTime() + data.minutes * 60_000)
    const created = await db.workshopSession.create({
      data: {
        organisationId,
        topicId: data.topicId,
        siteId: demo.sites[data.place],
        startsAt,
        endsAt,
        seatCount: data.seats,
        level: data.level,
        whatToBring: data.whatToBring?.fr ?? null,
        whatToBringEn: data.whatToBring?.en ?? null,
        seats: {
          create: Array.from({ length: data.seats }, (_, index) => ({ number: index + 1 })),
        },
        advisors: {
          create: { advisorId: demo.advisors[data.place], startsAt, endsAt },
        },
      },
      select: { id: true, seats: { orderBy: { number: 'asc' }, select: { id: true } } },
    })
    const seats = created.seats.map((seat) => seat.id)
    for (const { residentId, companionName } of data.participants) {
      const registration = await db.workshopRegistration.create({
        data: {
          organisationId,
          sessionId: created.id,
          residentId,
          seatId: seats.shift()!,
          createdVia: 'ONLINE',
        },
      })
      if (companionName)
        await db.workshopRegistration.create({
          data: {
            organisationId,
            sessionId: created.id,
            residentId,
            seatId: seats.shift()!,
            companionOfId: registration.id,
            companionName,
            createdVia: 'ONLINE',
          },
        })
    }
    for (const residentId of data.waiting ?? [])
      await db.waitlistEntry.create({
        data: { organisationId, sessionId: created.id, residentId, createdVia: 'ONLINE' },
      })
  }
  const { jeanne, rene, amina } = demo.residents
  // Friday afternoons at the library (Léa's Fridays are free), Wednesday afternoons at the
  // town hall (Camille's are).
  await session({
    topicId: demo.topics.smartphone,
    place: 'library',
    startsAt: demo.at(5, '14:00'),
    minutes: 120,
    seats: 6,
    level: 'BEGINNER',
    participants: [
      { residentId: amina, companionName: 'Moussa Diallo' },
      { residentId: jeanne },
      { residentId: odette },
      { residentId: gerard },
    ],
  })
  await session({
    topicId: demo.topics.scams,
    place: 'townHall',
    startsAt: demo.at(3, '14:00'),
    minutes: 90,
    seats: 5,
    level: 'BEGINNER',
    participants: [
      { residentId: rene, companionName: 'Monique Girard' },
      { residentId: odette },
      { residentId: gerard },
      { residentId: lucienne },
    ],
    waiting: [henri, yvette],
  })
  await session({
    topicId: demo.topics.smartphone,
    place: 'library',
    startsAt: demo.at(5, '14:00', 3),
    minutes: 120,
    seats: 8,
    level: 'INTERMEDIATE',
    whatToBring: {
      fr: 'Votre smartphone chargé, et vos identifiants de messagerie.',
      en: 'Your smartphone, charged, and your email login details.',
    },
    participants: [{ residentId: lucienne }],
  })
  await session({
    topicId: demo.topics.scams,
    place: 'townHall',
    startsAt: demo.at(3, '14:00', 3),
    minutes: 90,
    seats: 6,
    level: 'BEGINNER',
    participants: [],
  })
}
