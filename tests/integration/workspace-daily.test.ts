import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, SOPHIE } from '../support/workspace'

const workspace = demoWorkspace(SOPHIE)
const { get } = workspace
const ZONE = 'Europe/Paris'
const CAMILLE = 'camille.martin@val-de-sorne.example'

const optionsOf = (html: string, selectId: string) => {
  const select = html.slice(html.indexOf(`id="${selectId}"`))
  return [...select.slice(0, select.indexOf('</select>')).matchAll(/<option[^>]*>([^<]*)</g)].map(
    (match) => match[1],
  )
}

describe(`reception's day on ${testProvider}`, () => {
  test('reception lands on everyone’s day; an advisor on their own agenda', async () => {
    const landing = await get('/espace', SOPHIE)
    expect(landing.status).toBe(302)
    expect(landing.headers.get('location')).toBe('/espace/aujourdhui')
    const own = await get('/espace', KARIM)
    expect(own.status).toBe(200)
    const ownPage = await own.text()
    expect(ownPage).toContain('Agenda de Karim Benali')
    expect(ownPage).toMatch(/<a[^>]*href="\/espace"[^>]*>Mon agenda<\/a>/u)
    // Reception has no agenda of her own: her navigation does not offer one.
    const day = await (await get('/espace/aujourdhui', SOPHIE)).text()
    expect(day).not.toContain('>Mon agenda<')
    expect(day).toMatch(/<a[^>]*href="\/espace\/aujourdhui"[^>]*>Aujourd’hui<\/a>/u)
    // An admin who holds hours receives appointments: her own agenda first.
    expect((await get('/espace', CAMILLE)).status).toBe(200)
  })

  test('the grid has a column per advisor who receives, with bookable free cells', async () => {
    const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const jeannes = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
    })
    const date = DateTime.fromJSDate(jeannes.startsAt, { zone: ZONE }).toISODate()!
    const response = await get(`/espace/aujourdhui?date=${date}`)
    const html = await response.text()
    expect(response.status).toBe(200)
    const headers = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)</g)].map((m) => m[1])
    expect(headers.sort()).toEqual(['Camille Martin', 'Karim Benali', 'Léa Fontaine'])
    expect(html).toContain('Jeanne Moreau')
    expect(html).toMatch(/rowSpan="3"|rowspan="3"/)
    const booking = new URLSearchParams({
      conseiller: karim.id,
      lieu: jeannes.siteId!,
      jour: date,
      creneau: DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toJSDate().toISOString(),
    })
    expect(html).toContain(`/espace/reserver?${booking.toString()}`.replace(/&/g, '&amp;'))
    // On a phone, each advisor's day list is one link from the booking page, prefilled.
    const dayLink = `/espace/reserver?${new URLSearchParams({ conseiller: karim.id, jour: date })}`
    expect(html).toContain(
      `href="${dayLink.replace(/&/g, '&amp;')}">Réserver avec Karim Benali ce jour`,
    )
    const bookingPage = await (await get(dayLink)).text()
    // Reception finds the resident first; the advisor and the day go along with her.
    expect(bookingPage).toContain(`<input type="hidden" name="conseiller" value="${karim.id}"/>`)
    expect(bookingPage).toContain(`<input type="hidden" name="jour" value="${date}"/>`)
    const past = await (await get('/espace/aujourdhui?date=2020-01-06')).text()
    expect(past).not.toContain('>Réserver avec ')
    // By phone: only Karim (Friday) or Léa (Wednesday) hold phone hours, not on Monday.
    const phone = await (await get(`/espace/aujourdhui?date=${date}&lieu=telephone`)).text()
    expect(phone).toContain('Aucun conseiller ne reçoit à ce lieu.')
  })

  test('an advisor may not open reception’s day; another organisation’s site is not found', async () => {
    expect((await get('/espace/aujourdhui', KARIM)).status).toBe(403)
    expect((await get('/espace/aujourdhui?lieu=inconnu')).status).toBe(404)
  })

  test('reception is never offered as an advisor, and a walk-in does not default to her', async () => {
    const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const topic = await workspace.database.topic.findFirstOrThrow({
      where: { allowsPhone: true },
    })
    const resident = await workspace.database.resident.findFirstOrThrow()
    const html = await (
      await get(`/espace/reserver?usager=${resident.id}&motif=${topic.id}&lieu=telephone`)
    ).text()
    const walkIn = optionsOf(html, 'field-walkInAdvisor')
    expect(walkIn[0]).toBe('Choisir un conseiller')
    expect(walkIn).not.toContain('Sophie Leroy')
    expect(walkIn).toContain('Camille Martin')
    const agenda = await (await get(`/espace?conseiller=${karim.id}`)).text()
    expect(optionsOf(agenda, 'calendar-advisor')).not.toContain('Sophie Leroy')
    const search = await (await get('/espace/creneaux')).text()
    expect(optionsOf(search, 'search-conseiller')).not.toContain('Sophie Leroy')
    // An advisor's own walk-in still defaults to them.
    const own = await (
      await get(`/espace/reserver?usager=${resident.id}&motif=${topic.id}&lieu=telephone`, KARIM)
    ).text()
    expect(optionsOf(own, 'field-walkInAdvisor')[0]).toBe('Karim Benali')
  })
})

describe(`reception holds no opening hours, on ${testProvider}`, () => {
  test('her hours page is not found, a rule for her is refused, an old one gives no slot', async () => {
    const sophie = await workspace.database.advisor.findUniqueOrThrow({ where: { email: SOPHIE } })
    const site = await workspace.database.site.findFirstOrThrow({ where: { active: true } })
    const topic = await workspace.database.topic.findFirstOrThrow({
      where: { allowsInPerson: true, isPublic: true },
    })
    expect((await get(`/espace/horaires?conseiller=${sophie.id}`, CAMILLE)).status).toBe(404)
    const refused = await workspace.post(
      `/espace/horaires/nouveau?conseiller=${sophie.id}`,
      {
        weekdays: '6',
        startTime: '09:00',
        endTime: '12:00',
        everyNWeeks: '1',
        place: site.id,
        topicIds: topic.id,
        validFrom: '2026-12-01',
        intent: 'save',
      },
      CAMILLE,
    )
    expect(refused.status).toBe(404)
    expect(await workspace.database.openingRule.count({ where: { advisorId: sophie.id } })).toBe(0)
    // Her own "Horaires et absences" opens on an advisor's hours, not hers.
    const own = await (await get('/espace/horaires', SOPHIE)).text()
    expect(own).not.toContain('Horaires de Sophie Leroy')
    expect(own).toMatch(/Horaires de (Camille Martin|Karim Benali|Léa Fontaine)/u)
    // A rule left from before (Saturday mornings, when nobody else works) offers nothing.
    const saturdays = { topicId: topic.id, siteId: site.id }
    const before = await (
      await get(`/espace/creneaux?motif=${saturdays.topicId}&jour=samedi&lieu=${saturdays.siteId}`)
    ).text()
    await workspace.database.openingRule.create({
      data: {
        advisorId: sophie.id,
        siteId: site.id,
        weekdays: '6',
        startTime: '09:00',
        endTime: '12:00',
        everyNWeeks: 1,
        validFrom: '2026-01-01',
      },
    })
    const after = await (
      await get(`/espace/creneaux?motif=${saturdays.topicId}&jour=samedi&lieu=${saturdays.siteId}`)
    ).text()
    expect(after).not.toContain('avec Sophie Leroy')
    expect(after.replace(/nonce="[^"]*"/gu, '')).toBe(before.replace(/nonce="[^"]*"/gu, ''))
    await workspace.database.openingRule.deleteMany({ where: { advisorId: sophie.id } })
  })
})

describe(`the phone booking search on ${testProvider}`, () => {
  test('"jeudi après-midi": Thursday afternoons only, grouped by day, a page at a time', async () => {
    const topic = await workspace.database.topic.findFirstOrThrow({
      where: { name: 'Créer et utiliser une adresse e-mail' },
    })
    const response = await get(`/espace/creneaux?motif=${topic.id}&jour=jeudi&moment=apres-midi`)
    const html = await response.text()
    expect(response.status).toBe(200)
    const days = [...html.matchAll(/class="search-day"[^>]*>([^<]*)</g)].map((m) => m[1]!)
    expect(days.length).toBeGreaterThan(1)
    for (const day of days) expect(day).toMatch(/^jeudi /)
    const links = [...html.matchAll(/href="(\/espace\/reserver\?[^"]*)"/g)].map(
      (m) => new URLSearchParams(m[1]!.replace(/&amp;/g, '&').split('?')[1]),
    )
    expect(links).toHaveLength(20)
    const starts = links.map((params) => DateTime.fromISO(params.get('creneau')!, { zone: ZONE }))
    for (const start of starts) {
      expect(start.weekday).toBe(4)
      expect(start.hour).toBeGreaterThanOrEqual(12)
    }
    expect(starts.map((start) => start.toMillis())).toEqual(
      [...starts].map((start) => start.toMillis()).sort((a, b) => a - b),
    )
    expect(links[0]!.get('motif')).toBe(topic.id)
    // The next page starts where this one stopped.
    const next = /href="(\/espace\/creneaux\?[^"]*apres=[^"]*)"/
      .exec(html)![1]!
      .replace(/&amp;/g, '&')
    const page2 = await (await get(next)).text()
    const later = [...page2.matchAll(/creneau=([^&"]*)/g)].map((m) =>
      DateTime.fromISO(decodeURIComponent(m[1]!), { zone: ZONE }),
    )
    expect(later.length).toBeGreaterThan(0)
    expect(later[0]!.toMillis()).toBeGreaterThan(starts.at(-1)!.toMillis())
  })

  test('a topic not done by phone says so; an unknown advisor is not found', async () => {
    const topic = await workspace.database.topic.findFirstOrThrow({
      where: { allowsPhone: false },
    })
    const html = await (await get(`/espace/creneaux?motif=${topic.id}&lieu=telephone`)).text()
    expect(html).toContain('Ce motif ne se fait pas par téléphone. Choisissez un lieu.')
    expect((await get('/espace/creneaux?conseiller=inconnu')).status).toBe(404)
  })
})
