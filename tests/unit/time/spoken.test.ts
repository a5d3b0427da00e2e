import { describe, expect, test } from 'vitest'
import { numberInWords, spokenDateTime } from '~/domain/time/spoken'

describe('numberInWords', () => {
  test.each([
    [0, 'zéro', 'zero'],
    [1, 'un', 'one'],
    [16, 'seize', 'sixteen'],
    [17, 'dix-sept', 'seventeen'],
    [20, 'vingt', 'twenty'],
    [21, 'vingt et un', 'twenty-one'],
    [30, 'trente', 'thirty'],
    [45, 'quarante-cinq', 'forty-five'],
    [51, 'cinquante et un', 'fifty-one'],
    [60, 'soixante', 'sixty'],
    [70, 'soixante-dix', 'seventy'],
    [71, 'soixante et onze', 'seventy-one'],
    [77, 'soixante-dix-sept', 'seventy-seven'],
    [80, 'quatre-vingts', 'eighty'],
    [81, 'quatre-vingt-un', 'eighty-one'],
    [90, 'quatre-vingt-dix', 'ninety'],
    [91, 'quatre-vingt-onze', 'ninety-one'],
    [99, 'quatre-vingt-dix-neuf', 'ninety-nine'],
  ])('%i', (n, fr, en) => {
    expect(numberInWords(n, 'fr')).toBe(fr)
    expect(numberInWords(n, 'en')).toBe(en)
  })

  test.each([-1, 100, 1.5, Number.NaN])('%d has no words here', (n) => {
    expect(() => numberInWords(n, 'fr')).toThrow(RangeError)
  })
})

describe('spokenDateTime', () => {
  test.each([
    [
      '2026-03-03T13:30:00Z',
      'mardi trois mars à quatorze heures trente',
      'Tuesday the third of March at two thirty pm',
    ],
    [
      '2026-03-01T08:00:00Z',
      'dimanche premier mars à neuf heures',
      'Sunday the first of March at nine am',
    ],
    [
      '2026-03-21T00:01:00Z',
      'samedi vingt et un mars à une heure une',
      'Saturday the twenty-first of March at one oh one am',
    ],
    [
      '2026-03-31T19:21:00Z',
      'mardi trente et un mars à vingt et une heures vingt et une',
      'Tuesday the thirty-first of March at nine twenty-one pm',
    ],
    [
      '2026-01-22T11:45:00Z',
      'jeudi vingt-deux janvier à douze heures quarante-cinq',
      'Thursday the twenty-second of January at twelve forty-five pm',
    ],
    [
      '2026-01-30T09:00:00Z',
      'vendredi trente janvier à dix heures',
      'Friday the thirtieth of January at ten am',
    ],
  ])('%s in Paris', (iso, fr, en) => {
    expect(spokenDateTime(new Date(iso), 'Europe/Paris', 'fr')).toBe(fr)
    expect(spokenDateTime(new Date(iso), 'Europe/Paris', 'en')).toBe(en)
  })

  test('in the place zone, on a clock-change day', () => {
    expect(spokenDateTime(new Date('2026-03-29T12:30:00Z'), 'Europe/Paris', 'fr')).toBe(
      'dimanche vingt-neuf mars à quatorze heures trente',
    )
    expect(spokenDateTime(new Date('2026-03-29T17:30:00Z'), 'America/Cayenne', 'fr')).toBe(
      'dimanche vingt-neuf mars à quatorze heures trente',
    )
  })
})
