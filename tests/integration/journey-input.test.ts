import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '~/platform/database/client.server'
import { testProvider } from '../support/database'
import { appDatabase, cookieOf, firstSlotPath, postForm } from '../support/journey'
import { startApp, type RunningApp } from '../support/server'

let app: RunningApp
let db: Db
let contactPath: string
let before: { appointments: number; residents: number }

const VALID = {
  firstName: 'Élodie',
  lastName: "D'Arc-Lévêque",
  phone: '06 12 34 56 78',
  consent: 'on',
}

beforeAll(async () => {
  app = await startApp({ SEED_DEMO: '1' })
  db = appDatabase(app)
  ;({ contactPath } = await firstSlotPath(app, db, 'Déclarer mes impôts en ligne'))
  before = { appointments: await db.appointment.count(), residents: await db.resident.count() }
})
afterAll(async () => {
  await db.$disconnect()
  await app.stop()
})

async function expectNothingWritten() {
  expect({
    appointments: await db.appointment.count(),
    residents: await db.resident.count(),
  }).toEqual(before)
}

describe(`bad input on the contact step (${testProvider})`, () => {
  test.each([
    [
      'a phone number that is too short',
      { phone: '06 12' },
      'Ce numéro n’est pas valide. Exemple de numéro correct : 06 12 34 56 78.',
      '06 12',
    ],
    [
      'a foreign number',
      { phone: '+44 7911 123456' },
      'Seuls les numéros de France métropolitaine et d’outre-mer sont acceptés',
      '+44 7911 123456',
    ],
    [
      'a premium-rate number',
      { phone: '08 92 12 34 56' },
      'Ce numéro ne peut pas recevoir d’appel ni de SMS',
      '08 92 12 34 56',
    ],
    [
      'no phone and no email',
      { phone: '' },
      'Donnez un numéro de téléphone ou une adresse e-mail.',
      '',
    ],
    [
      'a malformed email',
      { email: 'jeanne@', phone: '' },
      'Cette adresse e-mail n’est pas valide.',
      'jeanne@',
    ],
    [
      'markup as a name',
      { firstName: '<script>alert(1)</script>' },
      'Utilisez seulement des lettres',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    ],
    [
      'an oversized name',
      { lastName: 'x'.repeat(300) },
      'Ce texte est trop long (80 caractères au plus).',
      'x'.repeat(300),
    ],
    [
      'an oversized note',
      { note: 'y'.repeat(501) },
      'Ce texte est trop long (500 caractères au plus).',
      'y'.repeat(501),
    ],
  ])(
    '%s gets a clear message next to the field, keeps what was typed, and writes nothing',
    async (_, change, message, kept) => {
      const response = await postForm(app, contactPath, { ...VALID, ...change })
      const html = await response.text()
      expect(response.status).toBe(400)
      expect(html).toContain(message)
      expect(html).toContain('class="error-summary"')
      expect(html).toContain('aria-invalid="true"')
      if (kept) expect(html).toContain(kept)
      expect(response.headers.getSetCookie()).toEqual([])
      await expectNothingWritten()
    },
  )

  test('the hidden robot field refuses the form', async () => {
    const response = await postForm(app, contactPath, { ...VALID, website: 'http://spam.example' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Votre demande n’a pas pu être enregistrée.')
    await expectNothingWritten()
  })

  test('names with accents, hyphens and apostrophes, and every usual phone spelling, are accepted', async () => {
    for (const phone of [
      '06 12 34 56 78',
      '06.12.34.56.78',
      '+33 6 12 34 56 78',
      '0033612345678',
      '0690 12 34 56',
    ]) {
      const response = await postForm(app, contactPath, { ...VALID, phone })
      expect(response.status, phone).toBe(302)
    }
  })

  test('markup in the note is shown as text on the review page, never run', async () => {
    const posted = await postForm(app, contactPath, {
      ...VALID,
      note: '<img src=x onerror=alert(1)> aide CAF',
    })
    expect(posted.status).toBe(302)
    const review = await fetch(`${app.url}${posted.headers.get('location')}`, {
      headers: { cookie: cookieOf(posted) },
    })
    const html = await review.text()
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; aide CAF')
    expect(html).not.toContain('<img src=x')
    await expectNothingWritten()
  })
})

describe(`tampered journeys (${testProvider})`, () => {
  test('a topic of another organisation, an unknown site or a malformed time is a 404, not a booking', async () => {
    const other = await db.organisation.create({
      data: {
        slug: `autre-${Date.now()}`,
        name: 'Autre',
        kind: 'COMMUNE',
        timeZone: 'Europe/Paris',
        holidayRegion: 'FR-METRO',
      },
    })
    const foreignTopic = await db.topic.create({
      data: { organisationId: other.id, name: 'Secret', theme: 'JUSTICE', durationMinutes: 30 },
    })
    const segments = contactPath.split('/')
    const tampered = [
      [...segments.slice(0, 3), foreignTopic.id, ...segments.slice(4)].join('/'),
      [...segments.slice(0, 5), 'nosite', ...segments.slice(6)].join('/'),
      [...segments.slice(0, 6), '2031-13-45T99', ...segments.slice(7)].join('/'),
    ]
    for (const path of tampered) {
      const response = await postForm(app, path, VALID)
      expect(response.status, path).toBe(404)
      expect((await fetch(`${app.url}${path}`)).status, path).toBe(404)
    }
    await expectNothingWritten()
  })

  test('confirming a time that is not a free slot keeps the details and offers nearby times, writing nothing', async () => {
    const posted = await postForm(app, contactPath, VALID)
    const cookie = cookieOf(posted)
    const review = posted.headers.get('location')!
    // 03:00 at night, on the grid of no rule.
    const night = review.replace(/\/\d{8}T\d{4}Z\//, (segment) => `${segment.slice(0, 9)}T0200Z/`)
    const draft = await postForm(app, night.replace('/confirmer', '/coordonnees'), VALID, cookie)
    const response = await postForm(app, night, {}, cookieOf(draft))
    const html = await response.text()
    expect(response.status).toBe(409)
    expect(html).toContain('Ce créneau n’est plus disponible. Vos coordonnées sont gardées')
    expect(html).toContain('Horaires proches encore libres')
    expect(html).toContain('Élodie')
    await expectNothingWritten()
  })
})
