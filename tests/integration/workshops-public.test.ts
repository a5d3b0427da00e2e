// The public side of workshops over HTTP, as a browser without JavaScript: the list with
// the seats left, registering in one form post, errors that keep what was typed, the last
// seat gone meanwhile leading to the waiting list, giving a seat back from its link (the
// next person waiting gets an offer), taking an offered seat from /attente/, links that do
// not work, and the last-seats race through the served app.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_ORGANISATION_SLUG } from '~/features/demo/seed.server'
import { giveBackSeat, joinWaitlist, registerForSession } from '~/features/workshops/index.server'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase, postForm } from '../support/journey'
import { liftRateLimits, people, serverErrors, statusCounts } from '../support/rush'
import { startApp, TEST_SESSION_SECRET, type RunningApp } from '../support/server'
import { createWorkshopSession, daysAhead, registrationRequest } from '../support/workshops'

let app: RunningApp
let db: Db
let place: {
  organisation: { id: string }
  topic: { id: string }
  site: { id: string; name: string }
}

beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1', WORKER: 'off' })
  db = appDatabase(app)
  await liftRateLimits(db)
  place = {
    organisation: await db.organisation.findUniqueOrThrow({
      where: { slug: DEMO_ORGANISATION_SLUG },
    }),
    topic: await db.topic.findFirstOrThrow({
      where: { name: 'Apprendre à se servir de son smartphone' },
    }),
    site: await db.site.findFirstOrThrow({ where: { name: 'Médiathèque de Montval' } }),
  }
})
afterAll(async () => {
  await db?.$disconnect()
  await app?.stop()
})

const list = `/${DEMO_ORGANISATION_SLUG}/ateliers`
const sessionPath = (id: string) => `${list}/${id}`

const get = async (path: string, cookie = '') => {
  const response = await fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' })
  return { status: response.status, headers: response.headers, html: await response.text() }
}

/** The page's visible words, tags and the texts data block left out. */
const wordsOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/gu, '')
    .replace(/<!-- -->/gu, '')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ')

let days = 20
/** A new session of the smartphone workshop at the library, a day later than the last one. */
const newSession = (seats: number) =>
  createWorkshopSession(db, place, { seats, startsAt: daysAhead((days += 1)) })

const RESIDENT = { firstName: 'Suzanne', lastName: 'Essai', phone: '06 98 00 00 01', consent: 'on' }

/** The session page opened, then its form posted from that browser (its nonce cookie). */
async function submit(sessionId: string, fields: Record<string, string>) {
  const page = await get(sessionPath(sessionId))
  const cookie = page.headers
    .getSetCookie()
    .map((each) => each.split(';')[0])
    .join('; ')
  const response = await postForm(app, sessionPath(sessionId), fields, cookie)
  return { response, cookie }
}

const register = (sessionId: string, fields: Record<string, string>) =>
  submit(sessionId, { intent: 'register', ...fields })

const coreRequest = (sessionId: string) => registrationRequest(place.organisation.id, sessionId)

const holders = (sessionId: string) =>
  db.workshopRegistration.count({ where: { sessionId, seatId: { not: null } } })

describe(`public workshops on ${testProvider}`, () => {
  test('the workshops page lists sessions by day with the seats left and "Complet", filtered by site and theme', async () => {
    const page = wordsOf((await get(list)).html)
    expect(page).toContain('Ateliers collectifs')
    expect(page).toContain('1 place restante')
    expect(page).toContain('6 places restantes')
    expect(page).toContain('Complet — liste d’attente')
    expect(page).toMatch(
      /vendredi \d+(er)? \S+ Apprendre à se servir de son smartphone de 14 h à 16 h · Médiathèque de Montval Niveau : débutant/u,
    )
    expect(page).toContain('À apporter : Votre smartphone chargé')

    const bySite = wordsOf((await get(`${list}?lieu=${place.site.id}`)).html)
    expect(bySite).toContain('Apprendre à se servir de son smartphone de 14 h')
    expect(bySite).not.toContain('Reconnaître les arnaques de 14 h')
    const byTheme = wordsOf((await get(`${list}?theme=DIGITAL_SECURITY`)).html)
    expect(byTheme).toContain('Reconnaître les arnaques de 14 h')
    expect(byTheme).not.toContain('Apprendre à se servir de son smartphone de 14 h')
    const none = wordsOf((await get(`${list}?theme=DIGITAL_SECURITY&lieu=${place.site.id}`)).html)
    expect(none).toContain('Aucun atelier ne correspond à ces choix.')

    const home = wordsOf((await get(`/${DEMO_ORGANISATION_SLUG}`)).html)
    expect(home).toContain('Ateliers collectifs')
    expect(home).toContain('Voir tous les ateliers')
    expect(home).toContain('Complet — liste d’attente')
  })

  test('collective topics are not in the one-to-one booking journey', async () => {
    const topics = (await get(`/${DEMO_ORGANISATION_SLUG}/rendez-vous`)).html
    expect(topics).toContain('Apprendre à me servir de mon téléphone portable')
    expect(topics).not.toContain('Apprendre à se servir de son smartphone')
    expect((await get(`/${DEMO_ORGANISATION_SLUG}/rendez-vous/${place.topic.id}`)).status).toBe(404)
    expect(
      (await get(`/${DEMO_ORGANISATION_SLUG}/rendez-vous/${place.topic.id}/lieu`)).status,
    ).toBe(404)
  })

  test('registering with a companion is one form post; the confirmation says what, when, where, what to bring, and gives the link', async () => {
    const session = await newSession(4)
    const { response, cookie } = await register(session.id, {
      ...RESIDENT,
      companionName: 'Paulette Essai',
    })
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toMatch(/^\/atelier\/[\w-]{24}\?nouveau=1$/u)
    const confirmation = await get(location)
    expect(confirmation.headers.get('cache-control')).toBe('private, no-store')
    const words = wordsOf(confirmation.html)
    expect(words).toContain('Votre inscription est confirmée.')
    expect(words).toContain('Apprendre à se servir de son smartphone')
    expect(words).toMatch(/Date \S+ \d+(er)? \S+, de \d+ h à \d+ h/u)
    expect(words).toContain('Lieu Médiathèque de Montval 14 rue des Écoles, 39570 Montval')
    expect(words).toContain('À apporter Votre smartphone chargé')
    expect(words).toContain('Avec Paulette Essai')
    expect(words).toContain(`Adresse de cette page : http://localhost:`)
    expect(words).toContain(location.split('?')[0])
    expect(words).toContain('Je libère ma place')

    const rows = await db.workshopRegistration.findMany({
      where: { sessionId: session.id },
      include: { resident: true },
      orderBy: { createdAt: 'asc' },
    })
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ createdVia: 'ONLINE', companionOfId: null })
    expect(rows[0]!.resident).toMatchObject({ lastName: 'Essai', phoneE164: '+33698000001' })
    expect(rows[1]).toMatchObject({ companionOfId: rows[0]!.id, companionName: 'Paulette Essai' })

    // Sent again from the same browser (a double click): the same seat and link.
    const again = await postForm(
      app,
      sessionPath(session.id),
      { intent: 'register', ...RESIDENT, companionName: 'Paulette Essai' },
      cookie,
    )
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe(location)
    expect(await holders(session.id)).toBe(2)
  })

  test('bad input: a French message next to each field, the values kept, nothing written', async () => {
    const session = await newSession(4)
    const before = { residents: await db.resident.count(), seats: await holders(session.id) }
    const { response } = await register(session.id, {
      firstName: '',
      lastName: 'Gardé',
      phone: '06 12',
      companionName: 'R2D2',
      helperName: 'Aide Gardée',
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    const words = wordsOf(html)
    expect(words).toContain('Le formulaire contient 4 erreurs.')
    expect(words).toContain('Indiquez le prénom.')
    expect(words).toContain('Ce numéro n’est pas valide.')
    expect(words).toContain('Utilisez seulement des lettres')
    expect(words).toContain('Donnez votre numéro de téléphone ou votre adresse e-mail.')
    expect(html).toMatch(/id="registration-phone-error"[^>]*>Ce numéro n’est pas valide/u)
    expect(html).toContain('value="Gardé"')
    expect(html).toContain('value="06 12"')
    expect(html).toContain('value="R2D2"')
    expect(html).toContain('value="Aide Gardée"')
    expect({ residents: await db.resident.count(), seats: await holders(session.id) }).toEqual(
      before,
    )
  })

  test('the last seat gone meanwhile: the page says so and offers the waiting list with the values kept; joining is one step', async () => {
    const session = await newSession(1)
    expect(
      (await registerForSession(db, coreRequest(session.id), new Date(), TEST_SESSION_SECRET)).ok,
    ).toBe(true)
    const late = { firstName: 'Tardive', lastName: 'Essai', phone: '06 98 00 00 02' }
    const { response } = await register(session.id, late)
    expect(response.status).toBe(409)
    const html = await response.text()
    expect(wordsOf(html)).toContain(
      'Désolé, la dernière place vient d’être prise. Vos coordonnées sont gardées : vous pouvez rejoindre la liste d’attente ci-dessous.',
    )
    expect(html).toContain('name="intent" value="waitlist"')
    expect(html).toContain('value="Tardive"')
    expect(html).not.toContain('name="companionName"')

    const joined = await postForm(app, sessionPath(session.id), { intent: 'waitlist', ...late })
    expect(joined.status).toBe(303)
    const location = joined.headers.get('location')!
    expect(location).toMatch(/^\/attente\/[\w-]{24}\?nouveau=1$/u)
    const page = await get(location)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    const words = wordsOf(page.html)
    expect(words).toContain(
      'Votre place sur la liste d’attente est enregistrée. Votre rang sur la liste : 1.',
    )
    expect(wordsOf((await get(location.split('?')[0]!)).html)).toContain(
      'Vous êtes sur la liste d’attente. Votre rang sur la liste : 1.',
    )
    // The same person again gets no second place, and no link to the first one.
    const twice = await postForm(app, sessionPath(session.id), { intent: 'waitlist', ...late })
    expect(twice.status).toBe(409)
    expect(wordsOf(await twice.text())).toContain('déjà sur la liste d’attente de cet atelier')
    expect(await db.waitlistEntry.count({ where: { sessionId: session.id } })).toBe(1)
  })

  test('a seat given back from its link, after a confirmation step, is offered to the first person waiting', async () => {
    const session = await newSession(1)
    const { response } = await register(session.id, {
      firstName: 'Partante',
      lastName: 'Essai',
      phone: '06 98 00 00 03',
    })
    const link = response.headers.get('location')!.split('?')[0]!
    const waiting = await postForm(app, sessionPath(session.id), {
      intent: 'waitlist',
      firstName: 'Patiente',
      lastName: 'Essai',
      phone: '06 98 00 00 04',
    })
    expect(waiting.status).toBe(303)

    const confirm = wordsOf((await get(`${link}/liberer`)).html)
    expect(confirm).toContain('Libérer votre place ?')
    expect(confirm).toContain('Oui, je libère ma place')
    const given = await postForm(app, `${link}/liberer`, {})
    expect(given.status).toBe(303)
    expect(given.headers.get('location')).toBe(`${link}?liberee=1`)
    expect(wordsOf((await get(`${link}?liberee=1`)).html)).toContain('Votre place est libérée.')

    const registration = await db.workshopRegistration.findFirstOrThrow({
      where: { sessionId: session.id },
    })
    expect(registration).toMatchObject({ status: 'CANCELLED', seatId: null })
    const entry = await db.waitlistEntry.findFirstOrThrow({ where: { sessionId: session.id } })
    expect(entry.status).toBe('OFFERED')
    expect(entry.heldSeatId).not.toBeNull()
    const offers = await db.notification.findMany({ where: { waitlistEntryId: entry.id } })
    expect(offers.map((offer) => offer.kind)).toEqual(['SEAT_OFFER:1'])
    // Given back again (a second tab): nothing more happens.
    expect((await postForm(app, `${link}/liberer`, {})).status).toBe(303)
    expect(await db.notification.count({ where: { waitlistEntryId: entry.id } })).toBe(1)
  })

  test('an offered seat is taken from the /attente/ link; an expired one says so; leaving is confirmed', async () => {
    const session = await newSession(1)
    const first = await registerForSession(
      db,
      coreRequest(session.id),
      new Date(),
      TEST_SESSION_SECRET,
    )
    const [taker, late, leaver] = await Promise.all(
      [0, 1, 2].map(() =>
        joinWaitlist(db, coreRequest(session.id), new Date(), TEST_SESSION_SECRET),
      ),
    )
    if (!first.ok || !taker?.ok || !late?.ok || !leaver?.ok) throw new Error('setup failed')
    await giveBackSeat(
      db,
      {
        organisationId: place.organisation.id,
        registrationId: first.registrationId,
        by: 'SERVICE',
        actorAdvisorId: null,
        reason: null,
      },
      new Date(),
    )
    const offered = await db.waitlistEntry.findFirstOrThrow({
      where: { sessionId: session.id, status: 'OFFERED' },
    })
    const entries = { [taker.entryId]: taker, [late.entryId]: late, [leaver.entryId]: leaver }
    const offer = entries[offered.id]!
    // The offer went out: the hold runs for twelve hours.
    await db.waitlistEntry.update({
      where: { id: offered.id },
      data: { holdUntil: new Date(Date.now() + 12 * 3_600_000) },
    })

    const page = wordsOf((await get(`/attente/${offer.token}`)).html)
    expect(page).toContain('Une place s’est libérée pour vous.')
    expect(page).toMatch(/Elle vous est réservée jusqu’au \S+ \d+(er)? \S+ à \d+ h/u)
    expect(page).toContain('Je prends la place')

    const taken = await postForm(app, `/attente/${offer.token}`, {})
    expect(taken.status).toBe(303)
    const registration = taken.headers.get('location')!
    expect(registration).toMatch(/^\/atelier\/[\w-]{24}\?nouveau=1$/u)
    expect(wordsOf((await get(registration)).html)).toContain('Votre inscription est confirmée.')
    expect(await db.waitlistEntry.findUniqueOrThrow({ where: { id: offered.id } })).toMatchObject({
      status: 'REGISTERED',
    })
    expect(await holders(session.id)).toBe(1)
    const after = wordsOf((await get(`/attente/${offer.token}`)).html)
    expect(after).toContain('Vous avez pris la place : votre inscription est confirmée.')

    // The next seat offered and its hold run out before the person answers.
    const others = [late, leaver].filter((entry) => entry.entryId !== offered.id)
    const [expiring, leaving] = others as [typeof late, typeof late]
    const freed = await db.workshopRegistration.findFirstOrThrow({
      where: { sessionId: session.id, status: 'REGISTERED' },
    })
    await giveBackSeat(
      db,
      {
        organisationId: place.organisation.id,
        registrationId: freed.id,
        by: 'SERVICE',
        actorAdvisorId: null,
        reason: null,
      },
      new Date(),
    )
    const second = await db.waitlistEntry.findFirstOrThrow({
      where: { sessionId: session.id, status: 'OFFERED' },
    })
    const secondOffer = second.id === expiring.entryId ? expiring : leaving
    const stillWaiting = second.id === expiring.entryId ? leaving : expiring
    await db.waitlistEntry.update({
      where: { id: second.id },
      data: { holdUntil: new Date(Date.now() - 60_000) },
    })
    const refused = await postForm(app, `/attente/${secondOffer.token}`, {})
    expect(refused.status).toBe(409)
    expect(wordsOf(await refused.text())).toContain('Le délai pour prendre la place est passé')

    const waitingPage = wordsOf((await get(`/attente/${stillWaiting.token}`)).html)
    expect(waitingPage).toContain('Vous êtes sur la liste d’attente.')
    expect(wordsOf((await get(`/attente/${stillWaiting.token}/quitter`)).html)).toContain(
      'Quitter la liste d’attente ?',
    )
    const left = await postForm(app, `/attente/${stillWaiting.token}/quitter`, {})
    expect(left.status).toBe(303)
    expect(wordsOf((await get(`/attente/${stillWaiting.token}`)).html)).toContain(
      'Vous avez quitté la liste d’attente.',
    )
    expect(
      await db.waitlistEntry.findUniqueOrThrow({ where: { id: stillWaiting.entryId } }),
    ).toMatchObject({ status: 'LEFT' })
  })

  test('links that do not work get the link-not-found page, 404', async () => {
    for (const path of [
      '/atelier/AAAAAAAAAAAAAAAAAAAAAAAA',
      '/atelier/nope',
      '/atelier/AAAAAAAAAAAAAAAAAAAAAAAA/liberer',
      '/attente/AAAAAAAAAAAAAAAAAAAAAAAA',
      '/attente/AAAAAAAAAAAAAAAAAAAAAAAA/quitter',
    ]) {
      const page = await get(path)
      expect(page.status, path).toBe(404)
      expect(page.headers.get('cache-control'), path).toBe('private, no-store')
      expect(wordsOf(page.html), path).toContain('Ce lien ne fonctionne pas')
      expect(wordsOf(page.html), path).toContain('Ce lien d’atelier est incomplet')
    }
    const posted = await postForm(app, '/attente/AAAAAAAAAAAAAAAAAAAAAAAA', {})
    expect(posted.status).toBe(404)
    expect((await get(sessionPath('unknown-session'))).status).toBe(404)
  })

  test('the last-seats race over HTTP: 50 form posts at once for the last 3 seats give exactly 3, no 5xx', async () => {
    const session = await newSession(8)
    for (let index = 0; index < 5; index += 1)
      expect(
        (await registerForSession(db, coreRequest(session.id), new Date(), TEST_SESSION_SECRET)).ok,
      ).toBe(true)
    const responses = await Promise.all(
      people(50, 40).map((person) =>
        postForm(app, sessionPath(session.id), { intent: 'register', ...person }),
      ),
    )
    expect(serverErrors(responses)).toBe(0)
    expect(statusCounts(responses)).toEqual({ 303: 3, 409: 47 })
    const refusal = await responses.find((response) => response.status === 409)!.text()
    expect(refusal).toContain('la dernière place vient d’être prise')
    expect(await holders(session.id)).toBe(8)
    const seats = await db.workshopSeat.findMany({
      where: { sessionId: session.id },
      select: { registration: { select: { id: true } } },
    })
    expect(seats.every((seat) => seat.registration)).toBe(true)
  })
})
