import { describe, expect, test } from 'vitest'
import type { FormValues } from '~/domain/input/problems'
import type { ReportContext } from '~/domain/reports/report'
import { reportSchema } from '~/features/reports/forms.server'
import { parseForm } from '~/platform/forms.server'

// A submitted activity report (decision 085), read as its route reads it: the values a
// browser sends, through parseForm, each problem a code of the one vocabulary.

const individual: ReportContext = { kind: 'INDIVIDUAL', siteIds: ['site-1'], registeredIds: [] }
const collective: ReportContext = {
  kind: 'COLLECTIVE',
  siteIds: ['site-1'],
  registeredIds: ['a', 'b'],
}

const base: FormValues = {
  duration: '30',
  placeType: 'LieuActivite',
  siteId: 'site-1',
  themes: ['ArgentImpots'],
}

const read = (values: FormValues, context: ReportContext) =>
  parseForm(values, reportSchema(context))
const codesOf = (values: FormValues, context: ReportContext) => {
  const parsed = read(values, context)
  return parsed.ok
    ? {}
    : Object.fromEntries(Object.entries(parsed.reply.errors).map(([f, p]) => [f, p.code]))
}

describe('an individual report', () => {
  test('the pre-filled report with a known beneficiary files as it is', () => {
    const parsed = read({ ...base, beneficiary: 'KNOWN', equipment: 'Ordinateur' }, individual)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value).toMatchObject({
      duration: '30',
      placeType: 'LieuActivite',
      siteId: 'site-1',
      themes: ['ArgentImpots'],
      equipment: ['Ordinateur'],
      beneficiary: 'KNOWN',
      referralStructure: null,
    })
  })

  test('at least one theme, a beneficiary, a site of the organisation', () => {
    expect(codesOf({ ...base, themes: [], beneficiary: 'KNOWN' }, individual)).toEqual({
      themes: 'REQUIRED',
    })
    expect(codesOf({ ...base, siteId: 'ailleurs' }, individual)).toEqual({
      siteId: 'INVALID_CHOICE',
      beneficiary: 'REQUIRED',
    })
  })

  test('codes only from La Coop’s lists', () => {
    expect(
      codesOf(
        { ...base, beneficiary: 'KNOWN', themes: ['Cuisine'], gender: 'Autre', placeType: 'Lune' },
        individual,
      ),
    ).toEqual({ themes: 'INVALID_CHOICE', gender: 'INVALID_CHOICE', placeType: 'INVALID_CHOICE' })
  })

  test('a custom duration is positive; at home, a commune; referred, to which kind', () => {
    expect(
      codesOf(
        {
          ...base,
          beneficiary: 'ANONYMOUS',
          duration: 'custom',
          customDuration: '0',
          placeType: 'Domicile',
          referred: 'on',
        },
        individual,
      ),
    ).toEqual({
      customDuration: 'OUT_OF_RANGE',
      placeCommune: 'REQUIRED',
      referralStructure: 'REQUIRED',
    })
    expect(codesOf({ ...base, beneficiary: 'KNOWN', duration: 'custom' }, individual)).toEqual({
      customDuration: 'REQUIRED',
    })
    expect(
      codesOf({ ...base, beneficiary: 'KNOWN', equipment: ['Aucun', 'Tablette'] }, individual),
    ).toEqual({
      equipment: 'NONE_WITH_OTHERS',
    })
  })

  test('a site is kept only for a place of activity', () => {
    const parsed = read(
      {
        ...base,
        beneficiary: 'KNOWN',
        placeType: 'Autre',
        placeCommune: 'Blois',
        placePostalCode: '41000',
      },
      individual,
    )
    expect(parsed.ok && parsed.value.siteId).toBeNull()
    expect(parsed.ok && parsed.value.placeCommune).toBe('Blois')
  })
})

describe('a collective report', () => {
  test('named participants and anonymous counts', () => {
    const parsed = read(
      {
        ...base,
        participantIds: ['a'],
        anonTotal: '3',
        anonAlreadyAccompanied: '1',
        anon_gender_Feminin: '2',
        anon_ageBand_SoixanteDixPlus: '3',
        workshopLevel: 'Debutant',
      },
      collective,
    )
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.anonymous).toEqual({
      total: 3,
      alreadyAccompanied: 1,
      gender: { Feminin: 2 },
      ageBand: { SoixanteDixPlus: 3 },
      socialStatus: {},
    })
  })

  test('breakdowns never exceed the total; counts are whole and not negative', () => {
    expect(
      codesOf(
        {
          ...base,
          anonTotal: '2',
          anonAlreadyAccompanied: '3',
          anon_gender_Feminin: '2',
          anon_gender_Masculin: '1',
          anon_ageBand_SoixanteDixPlus: '-1',
        },
        collective,
      ),
    ).toEqual({
      anonAlreadyAccompanied: 'COUNT_ABOVE_TOTAL',
      anon_gender: 'COUNT_ABOVE_TOTAL',
      anon_ageBand_SoixanteDixPlus: 'OUT_OF_RANGE',
    })
    expect(codesOf({ ...base, anonTotal: '1.5' }, collective)).toEqual({
      anonTotal: 'NOT_A_NUMBER',
    })
  })

  test('someone took part, and only people registered are named', () => {
    expect(codesOf(base, collective)).toEqual({ participantIds: 'NO_PARTICIPANT' })
    expect(codesOf({ ...base, participantIds: ['z'] }, collective)).toEqual({
      participantIds: 'INVALID_CHOICE',
    })
  })
})
