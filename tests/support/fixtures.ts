import type { Db } from '~/platform/database/client.server'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

/** The smallest organisation a test needs: one site, one advisor, one topic, one resident. */
export async function createOrganisationFixture(db: Db) {
  const key = unique()
  const organisation = await db.organisation.create({
    data: {
      slug: `test-${key}`,
      name: `Structure ${key}`,
      kind: 'COMMUNE',
      timeZone: 'Europe/Paris',
      holidayRegion: 'FR-METRO',
    },
  })
  const site = await db.site.create({
    data: {
      organisationId: organisation.id,
      name: 'Mairie',
      address: '1 place',
      postalCode: '39000',
      city: 'Lons',
    },
  })
  const advisor = await db.advisor.create({
    data: {
      organisationId: organisation.id,
      firstName: 'Ana',
      lastName: 'Test',
      email: `ana-${key}@example.test`,
    },
  })
  const topic = await db.topic.create({
    data: {
      organisationId: organisation.id,
      name: 'Impôts',
      theme: 'MONEY_TAXES',
      durationMinutes: 30,
    },
  })
  const resident = await db.resident.create({
    data: {
      organisationId: organisation.id,
      firstName: 'Jeanne',
      lastName: 'Moreau',
      searchKey: 'jeanne moreau',
      phoneE164: '+33612345601',
      phoneType: 'MOBILE',
      createdVia: 'ONLINE',
    },
  })
  return { organisation, site, advisor, topic, resident }
}

export type OrganisationFixture = Awaited<ReturnType<typeof createOrganisationFixture>>
