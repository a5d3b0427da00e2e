// Field limits the browser needs too (maxlength), kept apart from the zod schemas so that
// public pages do not load the validation code.
export const NOTE_MAX_LENGTH = 500
