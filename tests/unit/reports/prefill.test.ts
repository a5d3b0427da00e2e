import { describe, expect, test } from 'vitest'
import {
  durationOf,
  participantsOf,
  prefillFromAppointment,
  prefillFromSession,
  sessionHeld,
} from '~/domain/reports/prefill'
import { storedCoopThemes } from '~/domain/reports/topic-themes'

// Pre-filling an activity report (decision 085) from what the app knows.

const startsAt = new Date('2026-03-03T13:30:00Z')
const minutes = (count: number) => new Date(startsAt.getTime() + count * 60_000)
const taxes = {
  name: 'Déclarer mes impôts en ligne',
  theme: 'MONEY_TAXES',
  coopThemes: null,
  franceServicesOperator: 'DGFiP',
}

describe('durations in La Coop’s list', () => {
  test('a length near one of 15…120 minutes is that one; others are their own', () => {
    expect(durationOf(30)).toEqual({ choice: 30, minutes: 30 })
    expect(durationOf(28)).toEqual({ choice: 30, minutes: 30 })
    expect(durationOf(115)).toEqual({ choice: 120, minutes: 120 })
    expect(durationOf(75)).toEqual({ choice: 'custom', minutes: 75 })
    expect(durationOf(180)).toEqual({ choice: 'custom', minutes: 180 })
    expect(durationOf(10)).toEqual({ choice: 15, minutes: 15 })
    expect(durationOf(3)).toEqual({ choice: 'custom', minutes: 3 })
  })
})

describe('an honoured appointment', () => {
  test('in person at a site: the site, its themes, the resident and the operator', () => {
    const prefill = prefillFromAppointment({
      startsAt,
      endsAt: minutes(45),
      mode: 'IN_PERSON',
      siteId: 'site-1',
      residentId: 'rene',
      topic: taxes,
      seenBefore: true,
    })
    expect(prefill).toEqual({
      kind: 'INDIVIDUAL',
      date: startsAt,
      duration: { choice: 45, minutes: 45 },
      placeType: 'LieuActivite',
      siteId: 'site-1',
      themes: ['AideAuxDemarchesAdministratives', 'ArgentImpots'],
      franceServicesOperator: 'DGFiP',
      residentId: 'rene',
      alreadyAccompanied: true,
      workshopTitle: null,
      workshopLevel: null,
      participantIds: [],
    })
  })

  test('by phone: at a distance, no site; the topic’s own themes win over the defaults', () => {
    const prefill = prefillFromAppointment({
      startsAt,
      endsAt: minutes(30),
      mode: 'PHONE',
      siteId: 'site-1',
      residentId: 'rene',
      topic: { ...taxes, coopThemes: '["Email","Inconnu"]', franceServicesOperator: 'Nope' },
      seenBefore: false,
    })
    expect(prefill.placeType).toBe('ADistance')
    expect(prefill.siteId).toBeNull()
    expect(prefill.themes).toEqual(['Email'])
    expect(prefill.franceServicesOperator).toBeNull()
    expect(prefill.alreadyAccompanied).toBe(false)
  })
})

describe('a workshop session', () => {
  const registrations = [
    { residentId: 'a', status: 'ATTENDED' as const },
    { residentId: 'b', status: 'ABSENT' as const },
    { residentId: 'c', status: 'REGISTERED' as const },
    { residentId: 'd', status: 'CANCELLED' as const },
  ]

  test('collective, at its site, titled by its topic, its level in La Coop’s words', () => {
    const prefill = prefillFromSession({
      startsAt,
      endsAt: minutes(120),
      siteId: 'site-2',
      level: 'INTERMEDIATE',
      topic: {
        name: 'Atelier smartphone',
        theme: 'DIGITAL_EQUIPMENT',
        coopThemes: null,
        franceServicesOperator: null,
      },
      registrations,
    })
    expect(prefill).toMatchObject({
      kind: 'COLLECTIVE',
      duration: { choice: 120, minutes: 120 },
      placeType: 'LieuActivite',
      siteId: 'site-2',
      themes: ['PrendreEnMainDuMateriel'],
      workshopTitle: 'Atelier smartphone',
      workshopLevel: 'Intermediaire',
      participantIds: ['a'],
      residentId: null,
    })
  })

  test('participants: those present once attendance is taken, else those registered', () => {
    expect(participantsOf(registrations)).toEqual(['a'])
    expect(
      participantsOf([
        { residentId: 'c', status: 'REGISTERED' },
        { residentId: 'd', status: 'CANCELLED' },
      ]),
    ).toEqual(['c'])
  })

  test('held: over and not cancelled', () => {
    const now = minutes(60)
    expect(sessionHeld({ status: 'SCHEDULED', endsAt: minutes(30) }, now)).toBe(true)
    expect(sessionHeld({ status: 'SCHEDULED', endsAt: minutes(90) }, now)).toBe(false)
    expect(sessionHeld({ status: 'CANCELLED', endsAt: minutes(30) }, now)).toBe(false)
  })
})

describe('a topic’s La Coop themes', () => {
  test('the defaults of its theme, or none ticked, are stored as nothing', () => {
    expect(storedCoopThemes('MONEY_TAXES', [])).toBeNull()
    expect(
      storedCoopThemes('MONEY_TAXES', ['ArgentImpots', 'AideAuxDemarchesAdministratives']),
    ).toBeNull()
    expect(storedCoopThemes('MONEY_TAXES', ['ArgentImpots'])).toBe('["ArgentImpots"]')
  })
})
