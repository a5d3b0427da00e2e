// The choices a workshop session is created with (decision 082), as the forms offer them.

/** Débutant, intermédiaire, avancé: La Coop's niveau of a collective activity. */
export const WORKSHOP_LEVELS = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED'] as const
export type WorkshopLevel = (typeof WORKSHOP_LEVELS)[number]

/** One session; the same weekday for N weeks; or a list of dates. */
export const SERIES_REPEATS = ['ONCE', 'WEEKLY', 'DATES'] as const

/** A series is joined session by session, or as a whole. */
export const SERIES_ENROLMENTS = ['PER_SESSION', 'WHOLE'] as const
