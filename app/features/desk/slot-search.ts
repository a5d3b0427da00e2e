import type { PartOfDay } from '~/domain/scheduling'

// The words of the phone search's query string (/espace/creneaux), read by its page and its
// server: ?jour=jeudi, ?moment=apres-midi.

/** Weekday words, as ISO weekdays. */
export const WEEKDAY_PARAMS: Record<string, number> = {
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
}

export const MOMENT_PARAMS: Record<string, PartOfDay> = {
  matin: 'MORNING',
  'apres-midi': 'AFTERNOON',
}
