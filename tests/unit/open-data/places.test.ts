import { describe, expect, test } from 'vitest'
import { placeOf, unpublishedReason, type PlaceSource } from '~/domain/open-data/places'
import {
  csvRowOf,
  FIELD_NAMES,
  placeOfCsvRow,
  placeProblems,
  type Place,
} from '~/domain/open-data/standard'

const source = (overrides: Partial<PlaceSource> = {}): PlaceSource => ({
  siteId: 'site1',
  name: 'Mairie de Vierzon',
  address: '1 place de l’Hôtel de Ville',
  postalCode: '18100',
  city: 'Vierzon',
  inseeCode: '18279',
  latitude: 47.2219,
  longitude: 2.0686,
  phone: '+33248523100',
  email: 'accueil@vierzon.example.fr',
  pivot: '43493312300029',
  organisationName: 'Ville de Vierzon',
  franceServices: false,
  rules: [
    {
      weekdays: [1, 3],
      startTime: '09:00',
      endTime: '12:00',
      everyNWeeks: 1,
      validFrom: '2026-01-05',
    },
  ],
  themes: ['AideAuxDemarchesAdministratives', 'ArgentImpots', 'Email', 'SecuriteNumerique'],
  phoneAppointments: false,
  itinerant: false,
  updatedOn: '2026-11-30',
  bookingUrl: 'https://rdv.example.fr/vierzon/rendez-vous',
  ...overrides,
})

describe('a site as a place of the standard', () => {
  test('the fields the app knows, valid against the standard', () => {
    const place = placeOf(source())
    expect(placeProblems(place)).toEqual([])
    expect(place).toEqual({
      id: 'permanence-site1',
      pivot: '43493312300029',
      nom: 'Mairie de Vierzon',
      commune: 'Vierzon',
      code_postal: '18100',
      code_insee: '18279',
      adresse: '1 place de l’Hôtel de Ville',
      latitude: 47.2219,
      longitude: 2.0686,
      telephone: '+33248523100',
      courriels: 'accueil@vierzon.example.fr',
      horaires: 'Mo,We 09:00-12:00; PH off',
      source: 'Ville de Vierzon',
      itinerance: 'Fixe',
      date_maj: '2026-11-30',
      services:
        'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|Utilisation sécurisée du numérique',
      dispositif_programmes_nationaux: 'Conseillers numériques',
      modalites_acces: 'Prendre un RDV en ligne',
      prise_rdv: 'https://rdv.example.fr/vierzon/rendez-vous',
    })
  })

  test('France Services, phone appointments, an itinerant advisor, nothing optional known', () => {
    const place = placeOf(
      source({
        franceServices: true,
        phoneAppointments: true,
        itinerant: true,
        inseeCode: null,
        latitude: null,
        longitude: null,
        phone: null,
        email: null,
        rules: [],
      }),
    )
    expect(placeProblems(place)).toEqual([])
    expect(place.dispositif_programmes_nationaux).toBe('Conseillers numériques|France Services')
    expect(place.modalites_acces).toBe('Prendre un RDV en ligne|Téléphoner')
    expect(place.itinerance).toBe('Itinérant')
    for (const absent of ['code_insee', 'latitude', 'telephone', 'courriels', 'horaires']) {
      expect(place).not.toHaveProperty(absent)
    }
  })

  test('a foreign number or an INSEE code the standard refuses is left out', () => {
    const place = placeOf(source({ phone: '+41223334455', inseeCode: '99123X' }))
    expect(place).not.toHaveProperty('telephone')
    expect(place).not.toHaveProperty('code_insee')
    expect(placeProblems(place)).toEqual([])
  })

  test('why a site is not published', () => {
    const site = { active: true, openData: true, pivot: 'W751234567', themes: ['Email' as const] }
    expect(unpublishedReason(site)).toBeNull()
    expect(unpublishedReason({ ...site, active: false })).toBe('INACTIVE')
    expect(unpublishedReason({ ...site, openData: false })).toBe('NOT_LISTED')
    expect(unpublishedReason({ ...site, pivot: null })).toBe('NO_PIVOT')
    expect(unpublishedReason({ ...site, themes: [] })).toBe('NO_SERVICE')
  })
})

describe('the validator written from the standard', () => {
  const valid: Place = placeOf(source())

  test('required fields, types, patterns and closed lists', () => {
    const { pivot: _pivot, ...withoutPivot } = valid
    expect(placeProblems(withoutPivot)).toEqual(['pivot: required'])
    expect(placeProblems({ ...valid, code_postal: '1810' })).toEqual([
      'code_postal: "1810" does not match',
    ])
    expect(placeProblems({ ...valid, latitude: '47.2' })).toEqual(['latitude: not a number'])
    expect(placeProblems({ ...valid, date_maj: '2026-02-30' })).toEqual([
      'date_maj: not a date (YYYY-MM-DD)',
    ])
    expect(
      placeProblems({ ...valid, services: 'Aide aux démarches administratives|Cuisine' }),
    ).toEqual(['services: "Cuisine" not in the list'])
    expect(placeProblems({ ...valid, telephone: '0248523100' })).toEqual([
      'telephone: "0248523100" does not match',
    ])
    expect(placeProblems({ ...valid, itinerance: 'Fixe|Fixe' })).toEqual([
      'itinerance: a value repeated',
    ])
    expect(placeProblems({ ...valid, presentation_resume: 'x'.repeat(281) })).toEqual([
      'presentation_resume: too long',
    ])
    expect(placeProblems({ ...valid, couleur: 'bleu' })).toEqual([
      'couleur: not a field of the standard',
    ])
  })

  test("the standard's example row is valid (its lists joined by |)", () => {
    const example: Place = {
      id: 'structure-1',
      pivot: '43493312300029',
      nom: 'Anonymal',
      commune: 'Reims',
      code_postal: '51100',
      code_insee: '51454',
      adresse: '12 BIS RUE DE LECLERCQ',
      complement_adresse: "Le patio du bois de l'Aulne",
      latitude: 43.52609,
      longitude: 5.41423,
      telephone: '+33180059880',
      site_web: 'https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/',
      horaires: 'Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00',
      itinerance: 'Itinérant',
      date_maj: '2022-06-02',
      services: 'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien',
      modalites_acces: 'Se présenter|Téléphoner',
      modalites_accompagnement: 'En autonomie|Accompagnement individuel',
      prise_rdv: 'https://www.rdv-solidarites.fr/',
    }
    expect(placeProblems(example)).toEqual([])
  })

  test('a CSV row has every column in order and reads back as the same place', () => {
    expect(FIELD_NAMES).toHaveLength(32)
    expect(FIELD_NAMES.slice(0, 7)).toEqual([
      'id',
      'pivot',
      'nom',
      'commune',
      'code_postal',
      'code_insee',
      'adresse',
    ])
    const row = csvRowOf(valid)
    expect(row).toHaveLength(32)
    expect(placeOfCsvRow(FIELD_NAMES, row)).toEqual(valid)
  })
})
